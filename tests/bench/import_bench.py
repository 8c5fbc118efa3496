#!/usr/bin/env python3
"""How long `runtrainer import` takes for a big history: 10,000 sessions of 15 sets each, in each format.

    python tests/bench/import_bench.py [--sessions N]

A measurement, not a test (not collected by pytest). Each import runs the real command in a subprocess
(start-up included) into an empty data dir, then again (everything already there).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from runtrainer.export import export  # noqa: E402
from runtrainer.store import Part, Session, SetRecord  # noqa: E402


def history(n: int) -> list[Session]:
    start = datetime(2000, 1, 1, 7, 0)
    out = []
    for i in range(n):
        when = start + timedelta(days=i, minutes=i % 50)
        s = Session(id=f"{i:032x}", routine=f"Workout {i % 7}", kind="gym", started=when.isoformat() + "+01:00",
                    ended=(when + timedelta(minutes=55)).isoformat() + "+01:00", status="completed",
                    active_seconds=3300.0, planned_sets=15)
        for e in range(5):
            for k in range(3):
                s.sets.append(SetRecord(f"Exercise {e}", e, k + 1, 3, reps=8, weight=20.0 + e * 2.5 + i % 10,
                                        notes="" if k else "slow, \"controlled\"",
                                        sides=[Part("left", 8), Part("right", 8)] if e == 4 else []))
        out.append(s)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=10_000)
    args = parser.parse_args()
    sessions = history(args.sessions)
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("strong-csv", "hevy-csv", "json"):
            path = Path(tmp) / f"export.{fmt}"
            path.write_text(export(sessions, fmt), encoding="utf-8")
            data = Path(tmp) / f"data-{fmt}"
            env = {**os.environ, "RUNTRAINER_DATA_DIR": str(data)}
            for attempt in ("new", "again"):
                began = time.perf_counter()
                out = subprocess.run([sys.executable, "-m", "runtrainer", "import", str(path)], env=env,
                                     capture_output=True, text=True, check=True)
                took = time.perf_counter() - began
                print(f"{fmt:10} {attempt:5} {path.stat().st_size / 1e6:5.1f} MB  {took:5.2f} s  "
                      f"{out.stdout.strip()[:60]}")


if __name__ == "__main__":
    main()
