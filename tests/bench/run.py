#!/usr/bin/env python3
"""runtrainer's benchmark: every figure beside a floor measured in the same run on the same machine.

    python tests/bench/run.py [--quick] [--json FILE] [--only timing,latency,startup,cpu,history]

Not collected by pytest (measurements, not assertions). ``--quick`` shortens the runs (for a smoke check);
the README's figures come from a full run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PY = sys.executable


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def ms(x: float) -> str:
    return f"{x * 1000:.2f} ms"


# --- 1. timing accuracy ---------------------------------------------------------------------------------

def short_routine(total_seconds: int) -> str:
    # sets of 4 reps (lift 1, hold 1, lower 1) then a 2 s rest: 14 s per set
    sets = max(1, total_seconds // 14)
    blocks = []
    per = 50
    n = 0
    while sets > 0:
        k = min(per, sets)
        n += 1
        blocks.append(f'[[exercises]]\nname = "Block {n}"\nsets = {k}\nreps = 4\ntempo = "lift 1, hold 1, lower 1"\n'
                      f"rest_seconds = 2\nrest_after_seconds = 2\n")
        sets -= k
    return 'name = "Timing"\nkind = "gym"\nget_ready_seconds = 1\n\n' + "\n".join(blocks)


async def _run_app_timing(total: int) -> list[tuple[float, float, str]]:
    from runtrainer.audio import CuePlayer, NullBackend
    from runtrainer.core.engine import CueKind
    from runtrainer.core.routine import parse_routine
    from runtrainer.tui.app import make_app
    from runtrainer.tui.messages import Cued
    from runtrainer.tui.screens.workout import WorkoutScreen

    routine = parse_routine(short_routine(total))
    seen: list[tuple[float, float, str]] = []
    done = asyncio.Event()

    counted: set[int] = set()
    alive: list[object] = []  # the messages counted, kept: an id is unique only while its object lives

    def hook(message: object) -> None:
        # The hook sees a message at every pump it passes (the screen, then the app): each one counts once.
        if isinstance(message, Cued) and id(message) not in counted and message.cue.kind in (
                CueKind.PHASE_STARTED, CueKind.WORKOUT_DONE):
            counted.add(id(message))
            alive.append(message)
            seen.append((message.ideal_at, message.handled_at, message.cue.kind.value))
            if message.cue.kind is CueKind.WORKOUT_DONE:
                done.set()

    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(config_dir=Path(tmp), data_dir=Path(tmp), audio=CuePlayer(NullBackend()), start=routine)
        async with app.run_test(size=(80, 24), message_hook=hook) as pilot:
            await pilot.pause()
            workout = app.screen
            assert isinstance(workout, WorkoutScreen)
            await asyncio.wait_for(done.wait(), timeout=total * 2 + 60)
        workout.session.recorder.wait()  # the finished session's last write, before its folder is removed
    return seen


async def _floor_call_at(total: float, period: float = 1.0) -> list[float]:
    loop = asyncio.get_running_loop()
    errors: list[float] = []
    start = loop.time() + 0.05
    n = int(total / period)
    finished = asyncio.Event()

    def fire(ideal: float, i: int) -> None:
        errors.append(loop.time() - ideal)
        if i + 1 >= n:
            finished.set()

    for i in range(n):
        loop.call_at(start + i * period, fire, start + i * period, i)
    await finished.wait()
    return errors


def _busy_load() -> list[subprocess.Popen[bytes]]:
    return [subprocess.Popen([PY, "-c", "while True: pass"]) for _ in range(os.cpu_count() or 2)]


def bench_timing(quick: bool) -> dict[str, object]:
    total = 60 if quick else 300
    out: dict[str, object] = {"run_seconds": total}
    for label in ("idle", "loaded"):
        load = _busy_load() if label == "loaded" else []
        try:
            floor = asyncio.run(_floor_call_at(min(total, 60)))
            seen = asyncio.run(_run_app_timing(total))
        finally:
            for p in load:
                p.kill()
                p.wait()
        errors = [handled - ideal for ideal, handled, _ in seen]
        # Drift: how the error grows over the run (least-squares slope of error against time), not the last error.
        ideals = [ideal - seen[0][0] for ideal, _, _ in seen]
        slope = statistics.linear_regression(ideals, errors).slope
        first = errors[:20]
        last = errors[-20:]
        out[label] = {
            "phase_changes": len(errors),
            "median_ms": statistics.median(errors) * 1000, "p99_ms": pct(errors, 0.99) * 1000,
            "max_ms": max(errors) * 1000,
            "drift_ms_over_run": slope * (ideals[-1] - ideals[0]) * 1000, "last_error_ms": errors[-1] * 1000,
            "first20_median_ms": statistics.median(first) * 1000, "last20_median_ms": statistics.median(last) * 1000,
            "floor_median_ms": statistics.median(floor) * 1000, "floor_p99_ms": pct(floor, 0.99) * 1000,
        }
    return out


# --- 2. cue latency --------------------------------------------------------------------------------------

LATENCY_PROBE = textwrap.dedent("""
    import json, os, sys, time, wave
    from runtrainer.audio import CuePlayer, SimpleaudioBackend, SystemBackend, system_player, sounds_dir
    from runtrainer.core.clock import FakeClock
    from runtrainer.core.engine import Engine
    from runtrainer.core.routine import parse_routine
    out = sys.argv[1]; which = sys.argv[2]; n = int(sys.argv[3])
    def size():
        try: return os.path.getsize(out)
        except FileNotFoundError: return 0
    wav = sounds_dir() / "count.wav"
    with wave.open(str(wav)) as w: frames = w.readframes(w.getnframes()); nbytes = len(frames); rate = w.getframerate()
    if which == "floor":
        import simpleaudio
        play = lambda: simpleaudio.play_buffer(frames, 1, 2, rate)
    elif which == "simpleaudio":
        player = CuePlayer(SimpleaudioBackend()); play = lambda: player.play_sound("count")
    else:
        player = CuePlayer(SystemBackend(system_player())); play = lambda: player.play_sound("count")
    # From the cue to the first byte: the session's tick that makes a phase change (the clock stepped to it), its
    # sounds played as the workout screen plays them; the floor plays the same samples with play_buffer.
    from runtrainer.session import WorkoutSession
    r = parse_routine('name="x"\\nkind="gym"\\nget_ready_seconds=1\\n[[exercises]]\\nname="h"\\nsets=50\\nhold_seconds=1\\nrest_seconds=1\\n')
    clock = FakeClock(); session = WorkoutSession(r, clock, background=False); update = session.start()
    def cue():  # the time of the tick that made a sound (a phase change with no sound is stepped over)
        global update
        while True:
            clock.advance(update.next_in)
            t0 = time.perf_counter(); update = session.tick()
            if which == "floor":
                play(); return t0
            if update.sounds:
                for sound in update.sounds: player.play_sound(sound)
                return t0
    lat = []
    for i in range(n):
        before = size()
        t0 = cue()
        while size() == before:
            if time.perf_counter() - t0 > 3: break
            time.sleep(0.0002)
        lat.append(time.perf_counter() - t0)
        while size() < before + nbytes and time.perf_counter() - t0 < 5: time.sleep(0.001)
        time.sleep(0.05)
    print(json.dumps(lat))
""")


def bench_latency(quick: bool) -> dict[str, object]:
    try:
        import simpleaudio  # noqa: F401
    except ImportError:
        return {"skipped": "simpleaudio is not installed (pip install '.[audio]')"}
    n = 10 if quick else 40
    res: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as home:
        raw = Path(home) / "out.raw"
        (Path(home) / ".asoundrc").write_text(
            f'pcm.!default {{\n type file\n slave.pcm "null"\n file "|cat >> {raw}"\n format "raw"\n}}\n')
        env = {**os.environ, "HOME": home, "PYTHONPATH": str(ROOT)}
        for which in ("floor", "simpleaudio", "system"):
            if which == "system" and not shutil.which("aplay"):
                res[which] = {"skipped": "aplay not installed"}
                continue
            proc = subprocess.run([PY, "-c", LATENCY_PROBE, str(raw), which, str(n)], capture_output=True, text=True,
                                  env=env, timeout=600)
            if proc.returncode != 0:
                res[which] = {"error": proc.stderr.strip().splitlines()[-1:]}
                continue
            lat = json.loads(proc.stdout)
            res[which] = {"median_ms": statistics.median(lat) * 1000, "p95_ms": pct(lat, 0.95) * 1000, "n": n}
    return res


# --- 3. start-up -----------------------------------------------------------------------------------------

STARTUP = textwrap.dedent("""
    import sys, time
    which, until = sys.argv[1], sys.argv[2]
    from textual.app import App

    # Both apps run exactly as a user starts them, only headless. "frame": exit at Ready, which Textual posts
    # once the first screen (Home is the default screen itself) has been laid out and drawn. "idle": exit once the
    # app has settled (Pilot.pause: no CPU for 20 ms), which also counts work done after the first frame.
    from textual import events
    post = App.post_message
    def first_frame(self, message):
        if until == "frame" and isinstance(message, events.Ready):
            sys.stderr.write(f"{time.monotonic()!r}\\n")  # system-wide clock: the parent started it
            self.exit()
        return post(self, message)
    App.post_message = first_frame
    async def settle(pilot):
        await pilot.pause()
        sys.stderr.write(f"{time.monotonic()!r}\\n")
        pilot.app.exit()
    run = App.run
    App.run = lambda self, **kw: run(self, headless=True, auto_pilot=settle if until == "idle" else None)

    if which == "bare":
        from textual.widgets import Label
        class Bare(App):
            def compose(self):
                yield Label("hello")
        Bare().run()
    else:
        import runtrainer.cli
        runtrainer.cli.terminal_problem = lambda: ""  # headless on purpose: the command's no-terminal check off
        sys.exit(runtrainer.cli.main(["--data-dir", sys.argv[3], "--config-dir", sys.argv[3]]))
""")


def bench_startup(quick: bool) -> dict[str, object]:
    """The real `runtrainer` command (argument parsing, the sound probe, Home from the catalog and the store)
    against a bare Textual app showing one label, interleaved so machine noise hits both alike. Bytecode is
    cached as a pip install leaves it (the first run of each writes it and is not counted)."""
    runs = 7 if quick else 21
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    res: dict[str, object] = {"runs": runs}
    with tempfile.TemporaryDirectory() as home:
        (Path(home) / ".asoundrc").write_text(  # a sound device for simpleaudio to open (ALSA's file plugin)
            'pcm.!default {\n type file\n slave.pcm "null"\n file "/dev/null"\n format "raw"\n}\n')
        variants = {"bare": ("bare", env), "runtrainer": ("runtrainer", env),
                    "runtrainer_sound_device": ("runtrainer", {**env, "HOME": home})}
        for until in ("frame", "idle"):
            times: dict[str, list[float]] = {k: [] for k in variants}
            for i in range(runs + 1):
                for name, (which, venv) in variants.items():
                    t0 = time.monotonic()
                    proc = subprocess.run([PY, "-c", STARTUP, which, until, home], env=venv, capture_output=True,
                                          text=True, timeout=60)
                    try:  # from the command's start to its frame (the tear-down after it is not start-up)
                        elapsed = float(proc.stderr.strip().splitlines()[-1]) - t0
                    except (ValueError, IndexError):
                        raise RuntimeError(f"{name}: {proc.stderr.strip()[-500:]}") from None
                    if i:  # the first run of each writes the bytecode caches
                        times[name].append(elapsed)
            bare = statistics.median(times["bare"])
            res[until] = {name: {"median_ms": statistics.median(t) * 1000, "ratio": statistics.median(t) / bare}
                          for name, t in times.items()}
    return res


# --- 4. CPU during a rest ----------------------------------------------------------------------------------

BARE_DIGITS = textwrap.dedent("""
    import time
    from textual.app import App
    from textual.widgets import Digits
    class Clock(App):
        def compose(self):
            yield Digits("60")
        def on_mount(self):
            self.n = 60
            self.set_interval(1.0, self.step)
        def step(self):
            self.n -= 1
            self.query_one(Digits).update(str(max(self.n, 0)))
    Clock().run()
""")

REST_ROUTINE = """name = "Rest"
kind = "gym"
get_ready_seconds = 0
[[exercises]]
name = "One"
sets = 2
reps = 1
tempo = "lift 1"
rest_seconds = 75
"""


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _tmux_cpu(cmd: str, window: float, settle: float, tmp: str, keys: list[str] | None = None) -> float:
    name = f"bench{os.getpid()}"
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24", f"exec {cmd}"], check=True)
    try:
        time.sleep(settle)
        for key in keys or []:
            subprocess.run(["tmux", "send-keys", "-t", name, key], check=True)
            time.sleep(0.3)
        time.sleep(2)  # let the key's redraw settle before measuring
        pid = int(subprocess.run(["tmux", "display-message", "-p", "-t", name, "#{pane_pid}"], capture_output=True,
                                 text=True).stdout)
        c0, t0 = _cpu_seconds(pid), time.perf_counter()
        time.sleep(window)
        c1, t1 = _cpu_seconds(pid), time.perf_counter()
        return (c1 - c0) / (t1 - t0) * 100
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def bench_cpu(quick: bool) -> dict[str, object]:
    if not shutil.which("tmux"):
        return {"skipped": "tmux not installed"}
    window = 20 if quick else 60  # the rest is 60 s + 15 s; the window starts ~3 s into it
    with tempfile.TemporaryDirectory() as tmp:
        routine = Path(tmp) / "rest.toml"
        routine.write_text(REST_ROUTINE.replace("75", str(window + 15)))
        bare_py = Path(tmp) / "bare.py"
        bare_py.write_text(BARE_DIGITS)
        env = f"env HOME={tmp} XDG_DATA_HOME={tmp}/d XDG_CONFIG_HOME={tmp}/c PYTHONPATH={ROOT}"
        bare = _tmux_cpu(f"{env} {PY} {bare_py}", window, 3, tmp)
        # The gym routine, skipped straight into its first 60 s rest (S), +15 s so the window fits in the rest.
        rt = _tmux_cpu(f"{env} {PY} -m runtrainer --audio off --no-inhibit start gym", window, 3, tmp,
                       keys=["S", "+"])
    return {"window_s": window, "bare_digits_1hz_pct": bare, "runtrainer_rest_pct": rt, "ratio": rt / bare if bare else None}


# --- 5. history at scale ----------------------------------------------------------------------------------

HISTORY_PROBE = textwrap.dedent("""
    import asyncio, json, resource, sys, tempfile, time
    from pathlib import Path
    from runtrainer.store import Store, Session, SetRecord, Part
    n = int(sys.argv[1]); d = Path(tempfile.mkdtemp())
    # build the file once, the way years of use would
    sessions = []
    for i in range(n):
        s = Session.new("Gym: strength for runners", "gym" if i % 3 else "post-run", 13, "gym")
        s.started = f"{2016 + i // 1000 % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}T07:{i % 60:02d}:00+01:00"
        s.status = "completed"; s.active_seconds = 1900.0
        s.sets = [SetRecord("Calf raises", 0, k + 1, 5, target_low=12, target_high=16, reps=16, weight=12.0,
                            rest_seconds=60.0, duration_seconds=96.0, started=s.started, ended=s.started)
                  for k in range(5)] + \\
                 [SetRecord("Single-leg deadlift", 2, k + 1, 5, target_low=8, target_high=8, reps=8, weight=6.0,
                            duration_seconds=80.0, started=s.started, ended=s.started,
                            sides=[Part("left", 8, started=s.started, ended=s.started),
                                   Part("right", 8, started=s.started, ended=s.started)]) for k in range(5)]
        sessions.append(s)
    import json as j
    body = ",\\n".join(j.dumps(s.to_json(), separators=(",", ":")) for s in sessions)
    (d / "history.json").write_text('{"schema_version": 2, "sessions": [\\n' + body + '\\n]}\\n')
    size = (d / "history.json").stat().st_size
    t = time.perf_counter(); store = Store(d); loaded = store.load(); load_s = time.perf_counter() - t
    extra = Session.new("Post-run", "post-run", 9); extra.status = "completed"
    extra.sets = sessions[0].sets
    store.begin(extra)
    t = time.perf_counter(); store.journal(extra); journal_s = time.perf_counter() - t
    t = time.perf_counter(); store.finish(extra); save_s = time.perf_counter() - t
    t = time.perf_counter(); merged = Store(d).merge_pending(); merge_s = time.perf_counter() - t
    assert merged == 1
    from runtrainer.export import to_strong_csv
    t = time.perf_counter(); csv = to_strong_csv(store.all_sessions()); export_s = time.perf_counter() - t
    from runtrainer.tui.app import make_app
    from runtrainer.audio import CuePlayer, NullBackend
    from runtrainer.tui.screens.history import HistoryScreen
    app = make_app(config_dir=d, data_dir=d, audio=CuePlayer(NullBackend()))
    opened = {}
    async def main():
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            t = time.perf_counter()
            app.show_history()
            await pilot.pause()
            while not isinstance(app.screen, HistoryScreen) or not app.screen.query_one("#sessions").row_count:
                await pilot.pause()
            await pilot.pause()
            opened["s"] = time.perf_counter() - t
    asyncio.run(main())
    print(json.dumps({"sessions": n, "file_mb": size / 1e6, "load_ms": load_s * 1000, "save_ms": save_s * 1000,
                      "journal_ms": journal_s * 1000, "merge_ms": merge_s * 1000, "export_strong_ms": export_s * 1000,
                      "history_screen_open_ms": opened["s"] * 1000}))
""")


def bench_history(quick: bool) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out: dict[str, object] = {}
    for n in ((1000,) if quick else (10000,)):  # peak RSS and the commands at 1k / 10k / 100k: bench_rows
        proc = subprocess.run([PY, "-c", HISTORY_PROBE, str(n)], capture_output=True, text=True, env=env, timeout=900)
        if proc.returncode != 0:
            out[str(n)] = {"error": proc.stderr.strip().splitlines()[-3:]}
        else:
            out[str(n)] = json.loads(proc.stdout)
    return out


def bench_outside(quick: bool) -> dict[str, object]:
    """Through a pty: start-up to the first usable frame at 0 / 2k / 10k sessions and `start gym`; the frame
    latency of phase changes with sound on and 2,000 sessions. Each beside a bare Textual app."""
    sys.path.insert(0, str(Path(__file__).parent))
    import outside

    with tempfile.TemporaryDirectory() as tmp:
        dirs = {"0": Path(tmp) / "d0", "2k": outside.build_history(2000, Path(tmp) / "d2k"),
                "10k": outside.build_history(10000, Path(tmp) / "d10k")}
        dirs["0"].mkdir()
        return {"startup": outside.startup(dirs, 5 if quick else 21),
                "frames": outside.frame_latency(dirs["2k"], 15 if quick else 25, 1 if quick else 8)}


def bench_rows(quick: bool) -> dict[str, object]:
    sys.path.insert(0, str(Path(__file__).parent))
    import history_rows

    with tempfile.TemporaryDirectory() as tmp:
        return history_rows.rows((1000, 10000) if quick else (1000, 10000, 100000), Path(tmp), 1 if quick else 3)


def machine() -> dict[str, object]:
    return {"date": date.today().isoformat(), "python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", metavar="FILE")
    ap.add_argument("--only", default="timing,latency,outside,cpu,history,rows")
    args = ap.parse_args()
    parts = {"timing": bench_timing, "latency": bench_latency, "startup": bench_startup, "cpu": bench_cpu,
             "history": bench_history, "outside": bench_outside, "rows": bench_rows}
    results: dict[str, object] = {"machine": machine(), "quick": args.quick}
    for name in args.only.split(","):
        t0 = time.perf_counter()
        print(f"== {name} ...", flush=True)
        results[name] = parts[name](args.quick)  # type: ignore[operator]
        print(json.dumps(results[name], indent=1), f"({time.perf_counter() - t0:.0f} s)", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")
    print(report(results))
    return 0


def report(r: dict) -> str:
    lines = [f"runtrainer benchmark — {r['machine']['date']}, Python {r['machine']['python']}, "
             f"{r['machine']['cpus']} CPUs, {r['machine']['platform']}", ""]
    t = r.get("timing")
    if t:
        lines.append(f"Timing ({t['run_seconds']} s of short phases)  median / p99 / max error, drift at end  "
                     "[floor: asyncio call_at median / p99]")
        for label in ("idle", "loaded"):
            x = t[label]
            lines.append(f"  {label:7} {x['phase_changes']} changes, {x['median_ms']:6.2f} / {x['p99_ms']:6.2f} / {x['max_ms']:6.2f} ms, drift "
                         f"{x['drift_ms_over_run']:6.2f} ms over the run (first 20 {x['first20_median_ms']:.2f}, last 20 "
                         f"{x['last20_median_ms']:.2f})  [floor {x['floor_median_ms']:.2f} / {x['floor_p99_ms']:.2f} ms]")
    lat = r.get("latency")
    if lat:
        lines.append("Cue latency, event to first byte in ALSA's file plugin (median / p95)")
        for k, v in lat.items():
            lines.append(f"  {k:12} " + (f"{v['median_ms']:.2f} / {v['p95_ms']:.2f} ms" if "median_ms" in v else str(v)))
    s = r.get("startup")
    if s:
        for until, label in (("frame", "first frame"), ("idle", "settled (idle)")):
            x = s[until]
            lines.append(f"Start-up to {label}: runtrainer {x['runtrainer']['median_ms']:.0f} ms "
                         f"({x['runtrainer']['ratio']:.2f}x), with a sound device "
                         f"{x['runtrainer_sound_device']['median_ms']:.0f} ms ({x['runtrainer_sound_device']['ratio']:.2f}x), "
                         f"bare Textual {x['bare']['median_ms']:.0f} ms")
    c = r.get("cpu")
    if c and "ratio" in c:
        lines.append(f"CPU during a rest ({c['window_s']} s): runtrainer {c['runtrainer_rest_pct']:.2f}% of a core, "
                     f"bare Digits at 1 Hz {c['bare_digits_1hz_pct']:.2f}%, ratio {c['ratio']:.2f}")
    h = r.get("history")
    if h:
        for k, v in h.items():
            if isinstance(v, dict) and "load_ms" in v:
                lines.append(f"History {k:>6} sessions ({v['file_mb']:.1f} MB): load {v['load_ms']:.0f} ms, save a session "
                             f"{v['save_ms']:.1f} ms, journal a set {v['journal_ms']:.1f} ms, fold into history.json (background) {v['merge_ms']:.0f} ms, screen open "
                             f"{v['history_screen_open_ms']:.0f} ms, Strong export {v['export_strong_ms']:.0f} ms")
    o = r.get("outside")
    if o:
        st = o["startup"]
        lines.append(f"Start-up through a pty (median of {st['runs']}; ratio: median of per-round ratios): bare {st['bare']['median_ms']:.0f} ms; "
                     + ", ".join(f"{k} {v['median_ms']:.0f} ms ({v['ratio']:.2f}x)" for k, v in st.items() if isinstance(v, dict) and k != "bare"))
        fr = o["frames"]
        lines.append(f"Frame latency, phase boundary to bytes (2,000 sessions, sound on): runtrainer {fr['runtrainer']['median_ms']:.1f} / "
                     f"{fr['runtrainer']['p99_ms']:.1f} ms (n {fr['runtrainer']['n']}), bare {fr['bare']['median_ms']:.1f} / {fr['bare']['p99_ms']:.1f} ms; "
                     f"ratio {fr['ratio_median']:.2f} / {fr['ratio_p99']:.2f}; the first frame shows the new phase in "
                     f"{fr['first_frame_shows_the_phase']} of {fr['runtrainer']['n']}; the key bar and the lines under the numbers follow at "
                     f"{fr['whole']['median_ms']:.1f} / {fr['whole']['p99_ms']:.1f} ms")
    rows = r.get("rows")
    if rows:
        for n, row in rows.items():
            if not isinstance(row, dict):
                continue
            lines.append(f"History {n} sessions ({row['file_mb']:.1f} MB, {row['bytes_per_session']:.0f} B/session), first run {row['history_first_run_ms']:.0f} ms: "
                         + ", ".join(f"{k} {v['ms']:.0f} ms {v['rss_mb']:.0f} MB ({v['ratio']:.2f}x)" for k, v in row.items() if isinstance(v, dict))
                         + (f", set end {row['set_end']}" if "set_end" in row else ""))
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
