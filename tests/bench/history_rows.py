"""The history at 1k / 10k / 100k sessions: each command in a fresh process (wall time and peak RSS from
wait4), beside the floor: the same file parsed by msgspec (our JSON library:
see pyproject.toml) and its bytes written to /dev/null."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

PY = sys.executable
ROOT = Path(__file__).resolve().parents[2]

FLOOR = textwrap.dedent("""
    import sys, msgspec
    data = open(sys.argv[1], "rb").read()
    msgspec.json.decode(data)
    with open("/dev/null", "wb") as f: f.write(data)
""")

SET_END = textwrap.dedent("""
    # The UI thread's work at each tick of a whole gym workout (set ends included) with this history: the
    # session layer as the workout screen calls it, the clock stepped to each phase change. The start (the
    # workout's first frame waits for it) and the ticks are reported apart: the worst tick once included start().
    import json, sys, time
    from pathlib import Path
    from runtrainer.core import catalog
    from runtrainer.core.clock import FakeClock
    from runtrainer.session import WorkoutSession
    from runtrainer.store import Store
    store = Store(Path(sys.argv[1])); clock = FakeClock()
    s = WorkoutSession(catalog.builtin("gym"), clock, store, "gym")
    worst = 0.0; n = 0
    t = time.perf_counter(); update = s.start(); start = time.perf_counter() - t
    t = time.perf_counter()
    s.advice().get(0)  # the get-ready seconds the advice thread has in a real workout (a fake clock has none)
    advice = time.perf_counter() - t
    while not update.summary_due and n < 5000:
        clock.advance(update.next_in if update.next_in is not None else 1.0)
        t = time.perf_counter(); update = s.tick() if update.next_in is not None else s.done()
        worst = max(worst, time.perf_counter() - t); n += 1
    print(json.dumps({"start_ms": start * 1000, "advice_thread_ms": advice * 1000, "ticks": n,
                      "worst_tick_ms": worst * 1000}))
""")


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one run in a fresh process."""
    with open(os.devnull, "wb") as null:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=null, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
    if status:
        raise RuntimeError(f"{argv}: exit {status}: {proc.stderr.read().decode()[-300:] if proc.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024


def rows(sizes: tuple[int, ...], folder: Path, runs: int) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(folder / "cache")}
    out: dict[str, object] = {"runs": runs}
    for n in sizes:
        data = folder / f"h{n}"
        subprocess.run([PY, str(Path(__file__).with_name("make_history.py")), str(n), str(data)], check=True, env=env)
        size = (data / "history.json").stat().st_size
        rt = [PY, "-m", "runtrainer", "--data-dir", str(data)]
        first = timed([*rt, "history"], env)  # the first run after an upgrade: no index yet, it is made
        stats_first = timed([*rt, "stats"], env)  # no progress figures cache yet: every set read, the cache written
        cases = {"floor": [PY, "-c", FLOOR, str(data / "history.json")], "history": [*rt, "history"],
                 "history_all": [*rt, "history", "--all"],
                 **{f"export_{f}": [*rt, "export", "--format", f] for f in ("json", "strong-csv", "hevy-csv")},
                 "stats": [*rt, "stats"], "stats_one": [*rt, "stats", "Calf raises"]}
        got: dict[str, list[tuple[float, float]]] = {k: [] for k in cases}
        for _ in range(runs if n <= 10000 else 1):  # 100,000: one run (minutes otherwise)
            for name, argv in cases.items():
                got[name].append(timed(argv, env))
        row: dict[str, object] = {"file_mb": size / 1e6, "bytes_per_session": size / n,
                                  "history_first_run_ms": first[0] * 1000, "history_first_run_rss_mb": first[1],
                                  "stats_first_run_ms": stats_first[0] * 1000, "stats_first_run_rss_mb": stats_first[1]}
        floor = statistics.median(t for t, _ in got["floor"])
        for name, values in got.items():
            wall = statistics.median(t for t, _ in values)
            row[name] = {"ms": wall * 1000, "rss_mb": max(r for _, r in values), "ratio": wall / floor}
        if n == 10000:
            probe = subprocess.run([PY, "-c", SET_END, str(data)], capture_output=True, text=True, env=env, check=True)
            row["set_end"] = probe.stdout.strip()
        out[str(n)] = row
    return out
