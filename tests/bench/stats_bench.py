#!/usr/bin/env python3
"""`runtrainer stats` with a long history, in fresh processes: cold (no progress figures cache yet) and warm (the
cache written by the run before), median of ROUNDS, the variants interleaved run by run.

    python tests/bench/stats_bench.py [SESSIONS] [--rounds N] [--base DIR]

--base DIR: a checkout of another version (say, before a change) measured beside this one, run from its own folder
so that its package is the one imported. Not collected by pytest (measurements, not assertions)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(code: Path, data: Path, cache: Path, args: list[str]) -> float:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "RUNTRAINER_DATA_DIR": str(data)}
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "runtrainer", "stats", *args], cwd=code, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    took = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"{code}: stats failed: {done.stderr.strip()}")
    return took * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("sessions", nargs="?", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--base", type=Path, help="another checkout to measure beside this one")
    opts = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    data = work / "data"
    subprocess.run([sys.executable, str(ROOT / "tests" / "bench" / "make_history.py"), str(opts.sessions), str(data)],
                   check=True, cwd=ROOT)
    variants = {"this": ROOT, **({"base": opts.base.resolve()} if opts.base else {})}
    times: dict[str, list[float]] = {}
    for _ in range(opts.rounds):
        for name, code in variants.items():
            for what, args in (("bests", []), ("one", ["calf"])):
                cache = work / f"cache-{name}"
                shutil.rmtree(cache, ignore_errors=True)
                times.setdefault(f"{name} {what} cold", []).append(run(code, data, cache, args))
                times.setdefault(f"{name} {what} warm", []).append(run(code, data, cache, args))
    print(json.dumps({"sessions": opts.sessions, "rounds": opts.rounds,
                      "median_ms": {k: round(statistics.median(v)) for k, v in times.items()},
                      "all_ms": {k: [round(x) for x in v] for k, v in times.items()}}, indent=1))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
