#!/usr/bin/env python3
"""The progress charts with a long history: how long reading every set takes (done in the background when History
opens), and how long the progress screen takes to open and draw once it is read.

    python tests/bench/progress_bench.py [SESSIONS]     (default 10,000)

Not collected by pytest (measurements, not assertions)."""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    from datetime import date, timedelta

    from helpers import months_of_training

    from runtrainer.audio import CuePlayer, NullBackend
    from runtrainer.progress import best_sessions, tracks
    from runtrainer.progress_cache import FiguresCache
    from runtrainer.store import Store
    from runtrainer.tui.app import make_app

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    d = Path(tempfile.mkdtemp())
    os.environ["XDG_CACHE_HOME"] = str(d / "cache")  # the History screen's figures cache: not the real ~/.cache
    sessions = []
    today = date(2026, 11, 25)
    while len(sessions) < n:  # 16-week blocks of the runner's training, going back in time
        block = months_of_training(today - timedelta(weeks=16 * (len(sessions) // 59)))
        for s in block:
            s.id = f"{s.id}-{len(sessions)}"
        sessions += block
    sessions = sessions[:n]
    Store(d).save_many(sessions)
    store = Store(d)
    t = time.perf_counter()
    store.load()
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    found = tracks(store.recent())
    ordered = sorted(found.values(), key=lambda x: x.points[-1].day, reverse=True)
    best_sessions(ordered)
    read_s = time.perf_counter() - t
    t = time.perf_counter()
    tracks(store.recent())  # sets parsed already: the figures alone
    figures_s = time.perf_counter() - t
    cache = FiguresCache(d / "figures-cache.json")
    times: dict[str, float] = {}
    for label in ("cached_cold_ms", "cached_warm_ms"):  # cold: no cache file yet; warm: it is there
        fresh = Store(d)
        fresh.load()
        t = time.perf_counter()
        found = cache.tracks(fresh)
        best_sessions(sorted(found.values(), key=lambda x: x.points[-1].day, reverse=True))
        times[label] = (time.perf_counter() - t) * 1000
    cache_kb = cache.path.stat().st_size / 1024
    opened: list[float] = []
    history: list[float] = []

    async def run() -> None:
        from runtrainer.tui.screens.history import HistoryScreen

        app = make_app(config_dir=d, data_dir=d, audio=CuePlayer(NullBackend()))
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(5):
                t0 = time.perf_counter()
                app.push_screen(HistoryScreen(store, today=today))
                await pilot.pause()
                history.append(time.perf_counter() - t0)
                screen = app.screen
                assert isinstance(screen, HistoryScreen)
                screen.progress_ready(ordered, set())
                await pilot.pause()
                t0 = time.perf_counter()
                await pilot.press("p")
                await pilot.pause()
                opened.append(time.perf_counter() - t0)  # key to the chart drawn, charts module imported once
                await pilot.press("escape", "escape")
                await pilot.pause()

    asyncio.run(run())
    out = {"sessions": n, "load_ms": load_s * 1000, "read_sets_and_figures_ms": read_s * 1000,
           "figures_only_ms": figures_s * 1000, **times, "cache_file_kb": round(cache_kb),
           "history_open_ms": [round(x * 1000) for x in history],
           "progress_open_ms": [round(x * 1000) for x in opened],
           "progress_open_median_ms": statistics.median(opened) * 1000}
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
