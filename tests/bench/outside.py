"""What the runner sees, measured from outside through a pty: start-up to the first usable frame, and the time
from a phase boundary to the frame's bytes. Each beside a bare one-Label Textual app, interleaved run by run."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import textwrap
import time
from pathlib import Path

PY = sys.executable
ROOT = Path(__file__).resolve().parents[2]

BARE = textwrap.dedent("""
    import sys, time
    from textual.app import App
    from textual.widgets import Label
    class Bare(App):
        def compose(self):
            yield Label("hello bare")
        def on_mount(self):
            if len(sys.argv) > 1:  # frame latency: a label changed at known moments, like a phase boundary
                self.n = 0; self.log_to = open(sys.argv[1], "w", buffering=1)
                self.next_at = time.monotonic() + 1.0
                self.set_timer(self.next_at - time.monotonic(), self.step)
        def step(self):
            self.n += 1
            self.log_to.write(f"{self.next_at!r}\\n")
            self.query_one(Label).update(f"phase {self.n} {'=' * (self.n % 7)}")
            self.next_at += 1.0
            self.set_timer(self.next_at - time.monotonic(), self.step)
    Bare().run()
""")

PHASES = textwrap.dedent("""
    # runtrainer as the runner starts it, with one addition: each phase change's ideal moment (on the system-wide
    # monotonic clock, which the app's own clock is) is written to a file, for the parent to match with the bytes.
    import sys
    from textual.app import App
    from runtrainer.core.engine import CueKind
    from runtrainer.tui.messages import Cued
    log = open(sys.argv[1], "w", buffering=1); seen = set()
    alive = []  # the messages logged, kept: an id is unique only while its object lives
    post = App.post_message
    def hook(self, message):
        if isinstance(message, Cued) and message.cue.kind is CueKind.PHASE_STARTED and id(message) not in seen:
            seen.add(id(message)); alive.append(message); log.write(f"{message.ideal_at!r}\\n")
        return post(self, message)
    App.post_message = hook
    import runtrainer.cli
    sys.exit(runtrainer.cli.main(sys.argv[2:]))
""")

PHASE_ROUTINE = """name = "Frames"
kind = "gym"
get_ready_seconds = 2
[[exercises]]
name = "Hold"
sets = 40
hold_seconds = 1
rest_seconds = 1
"""


def spawn(argv: list[str], env: dict[str, str], cols: int = 80, rows: int = 24) -> tuple[int, int, float]:
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, with this pty as its terminal
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd, t0


def stop(pid: int, fd: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)


def read_until(fd: int, needle: bytes, timeout: float = 20.0) -> float | None:
    """The monotonic time at which ``needle`` had arrived (None: never, within ``timeout``)."""
    seen = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return None
        now = time.monotonic()
        seen = seen[-len(needle):] + chunk
        if needle in seen:
            return now
    return None


def record(fd: int, seconds: float) -> list[float]:
    """Arrival times of every chunk the app writes, for ``seconds``."""
    return [at for at, _ in record_bytes(fd, seconds)]


def record_bytes(fd: int, seconds: float) -> list[tuple[float, bytes]]:
    """(arrival time, bytes) of every chunk the app writes, for ``seconds``."""
    chunks: list[tuple[float, bytes]] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            chunks.append((time.monotonic(), data))
    return chunks


PHASE_WORDS = (b"HOLD", b"REST", b"GET READY")
"""What the banner says in PHASE_ROUTINE's phases: the phase change's own frame must carry one of them."""
KEY_BAR_WORD = b"Quit"
"""On the key bar, whose keys change at every phase of PHASE_ROUTINE: its frame is the one with the rest."""


def forget_workouts(data_dir: Path) -> None:
    """A killed workout leaves its journal, and the next start would offer to resume it: gone, each round."""
    shutil.rmtree(data_dir / "in-progress", ignore_errors=True)


def base_env(home: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT), TERM="xterm-256color", HOME=home, XDG_CONFIG_HOME=f"{home}/config",
               XDG_DATA_HOME=f"{home}/data", COLUMNS="80", LINES="24")
    return env


def sound_home(home: Path, raw: str = "/dev/null") -> None:
    """ALSA's file plugin as the default device: real simpleaudio, no sound card."""
    target = f"|cat >> {raw}" if raw != "/dev/null" else raw
    (home / ".asoundrc").write_text(f'pcm.!default {{\n type file\n slave.pcm "null"\n file "{target}"\n'
                                    ' format "raw"\n}\n')


def startup(data_dirs: dict[str, Path], runs: int) -> dict[str, object]:
    """Fork to the first usable frame: Home's list (with "Last done") at each history size, `start gym`'s
    workout screen, and the bare app's label. Median of the per-round ratios."""
    with tempfile.TemporaryDirectory() as home:
        sound_home(Path(home))
        env = base_env(home)
        variants: dict[str, tuple[list[str], bytes]] = {"bare": ([PY, "-c", BARE], b"hello bare")}
        for label, folder in data_dirs.items():
            variants[f"home_{label}"] = ([PY, "-m", "runtrainer", "--data-dir", str(folder), "--no-inhibit"],
                                        b"Last done")
        first = next(iter(data_dirs.values()))
        variants["start_gym"] = ([PY, "-m", "runtrainer", "--data-dir", str(first), "--no-inhibit", "start", "gym"],
                                 b"READY")
        times: dict[str, list[float]] = {k: [] for k in variants}
        for i in range(runs + 1):
            for name, (argv, needle) in variants.items():
                pid, fd, t0 = spawn(argv, env)
                try:
                    at = read_until(fd, needle)
                finally:
                    stop(pid, fd)
                    forget_workouts(first)
                if at is None:
                    raise RuntimeError(f"{name}: never showed {needle!r}")
                if i:  # the first round writes bytecode caches (and makes a stale index again): not counted
                    times[name].append(at - t0)
    out: dict[str, object] = {"runs": runs}
    for name, t in times.items():
        ratios = [a / b for a, b in zip(t, times["bare"], strict=True)]
        out[name] = {"median_ms": statistics.median(t) * 1000, "ratio": statistics.median(ratios)}
    return out


def _latencies(ideals: list[float], chunks: list[float]) -> list[float]:
    out = []
    for ideal in ideals:
        after = [c for c in chunks if c >= ideal]
        if after:
            out.append(after[0] - ideal)
    return out


def frame_latency(data_dir: Path, seconds: float, runs: int) -> dict[str, object]:
    """From each phase boundary's ideal moment to the first bytes of its frame on the pty, runtrainer (sound on
    through ALSA's file plugin, ``data_dir``'s history) beside a bare app changing a label on a timer."""
    res: dict[str, list[float]] = {"bare": [], "runtrainer": [], "whole": []}
    shows_phase = 0
    with tempfile.TemporaryDirectory() as home:
        sound_home(Path(home), f"{home}/out.raw")
        env = base_env(home)
        routine = Path(home) / "frames.toml"
        routine.write_text(PHASE_ROUTINE)
        for _ in range(runs):
            for name in ("bare", "runtrainer"):
                log = Path(home) / f"{name}.log"
                argv = [PY, "-c", BARE, str(log)] if name == "bare" else \
                    [PY, "-c", PHASES, str(log), "--data-dir", str(data_dir), "--no-inhibit", "--audio", "simpleaudio",
                     "start", str(routine)]
                pid, fd, _ = spawn(argv, env)
                try:
                    chunks = record_bytes(fd, seconds)
                finally:
                    stop(pid, fd)
                    forget_workouts(data_dir)
                ideals = [float(x) for x in log.read_text().split()][1:]  # the first: start-up still settling
                res[name] += _latencies(ideals, [at for at, _ in chunks])
                if name == "runtrainer":  # its first frame shows the phase; the key bar's frame completes the screen
                    for ideal in ideals:
                        after = [data for at, data in chunks if at >= ideal][:1]
                        shows_phase += bool(after) and any(word in after[0] for word in PHASE_WORDS)
                    res["whole"] += _latencies(ideals, [at for at, data in chunks if KEY_BAR_WORD in data])
    out: dict[str, object] = {"seconds": seconds, "runs": runs}
    for name, lat in res.items():
        s = sorted(lat)
        out[name] = {"n": len(s), "median_ms": statistics.median(s) * 1000,
                     "p99_ms": s[min(len(s) - 1, round(0.99 * (len(s) - 1)))] * 1000}
    out["first_frame_shows_the_phase"] = shows_phase
    bare, rt = out["bare"], out["runtrainer"]
    assert isinstance(bare, dict) and isinstance(rt, dict)
    out["ratio_median"] = rt["median_ms"] / bare["median_ms"]
    out["ratio_p99"] = rt["p99_ms"] / bare["p99_ms"]
    return out


def build_history(n: int, folder: Path) -> Path:
    """``n`` sessions written as years of use would leave them (the builder's memory is its own process's)."""
    subprocess.run([PY, str(Path(__file__).with_name("make_history.py")), str(n), str(folder)], check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    return folder
