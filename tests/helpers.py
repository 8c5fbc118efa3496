"""Helpers the test modules share (test modules import from here or conftest, never from each other)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from textual.notifications import Notify

from runtrainer.audio import CuePlayer
from runtrainer.core.clock import FakeClock
from runtrainer.core.routine import Exercise, RepTarget, Routine, parse_routine
from runtrainer.store import Part, Session, SetRecord
from runtrainer.tui.app import make_app


class RecordingBackend:
    """An audio backend that writes down what it was asked to play (and when, on the fake clock)."""

    name = "recording"

    def __init__(self, clock: FakeClock | None = None) -> None:
        self.clock = clock
        self.played: list[tuple[float | None, str]] = []

    def play(self, sound: str) -> None:
        self.played.append((self.clock() if self.clock else None, sound))


def routine(text: str) -> Routine:
    return parse_routine(text, "test.toml")


async def advance(pilot, screen, clock: FakeClock, seconds: float, step: float = 0.5) -> None:
    """Let time pass on the fake clock, ticking the workout screen as its timer would, then let the app draw."""
    target = clock.now + seconds
    while clock.now < target - 1e-9:
        clock.advance(min(step, target - clock.now))
        screen.tick()
    await pilot.pause()


def app_for(tmp_path, clock, routine=None, routine_id=""):
    return make_app(config_dir=tmp_path / "config", data_dir=tmp_path / "data", clock=clock,
                    audio=CuePlayer(RecordingBackend(clock), threaded=False), start=routine, start_id=routine_id,
                    flash_seconds=0)


def notices(messages: list) -> list[str]:
    """The notifications among the messages a run_test message_hook saw (what the runner was told)."""
    return [m.notification.message for m in messages if isinstance(m, Notify)]


def make_session(n: int = 0, kind: str = "gym", weight: float | None = 12.0, reps: int = 16) -> Session:
    """A finished session of five calf-raise sets (all done), on day n of November 2026."""
    s = Session.new("Gym: strength for runners", kind, 5, "gym")
    s.started = f"2026-11-{(n % 28) + 1:02d}T07:{n % 60:02d}:00+01:00"
    s.status = "completed"
    s.sets = [SetRecord("Calf raises", 0, i + 1, 5, target_low=12, target_high=16, reps=reps, weight=weight)
              for i in range(5)]
    return s


def run_cli(*args, tmp_path, env=None):
    """runtrainer in a subprocess, its history in tmp_path/data, run from tmp_path."""
    env = {**os.environ, "RUNTRAINER_DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path), **(env or {})}
    return subprocess.run([sys.executable, "-m", "runtrainer", *args], capture_output=True, text=True, env=env,
                          timeout=60, cwd=tmp_path)


TMUX = shutil.which("tmux")


def need_tmux():
    if TMUX is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing: .ci/run installs it")
        pytest.skip("tmux is not installed")


class Pane:
    def __init__(self, tmp: Path, args: list[str], size=(80, 24), env: dict | None = None) -> None:
        self.name = f"rt-{uuid.uuid4().hex[:8]}"
        env = {"HOME": str(tmp), "XDG_DATA_HOME": str(tmp / "data"), "XDG_CONFIG_HOME": str(tmp / "config"),
               "TERM": "xterm-256color", "PATH": os.environ.get("PATH", ""), **(env or {})}
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        cmd = f"env -i {exports} {sys.executable} -m runtrainer {' '.join(args)}"
        # A tmux server of its own: one test's server shutting down cannot take the next test's session with it.
        self.tmux("new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]), cmd, check=True)

    def tmux(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        assert TMUX is not None
        return subprocess.run([TMUX, "-L", self.name, *args], capture_output=True, text=True, check=check)

    def text(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name).stdout

    def wait_for(self, needle: str, timeout: float = 20) -> str:
        done = threading.Event()
        screen = ""
        for _ in range(int(timeout / 0.1)):
            screen = self.text()
            if needle in screen:
                return screen
            done.wait(0.1)
        raise AssertionError(f"{needle!r} never appeared; the screen was:\n{screen}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys, check=True)

    def close(self) -> None:
        self.tmux("kill-server")


def run_command(*args: str, env: dict | None = None, cwd=None, stdin=None, prefix: list[str] | None = None
            ) -> subprocess.CompletedProcess:
    """The real command, as a user runs it (``prefix``: e.g. ``unprivileged()``), captured as bytes."""
    return subprocess.run([*(prefix or []), sys.executable, "-m", "runtrainer", *args], capture_output=True,
                          env={**os.environ, **(env or {})}, cwd=cwd, stdin=stdin, timeout=60)


def unprivileged() -> list[str]:
    """A command prefix under which permissions apply: as root, without the capabilities that bypass them."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file permissions cannot be tested")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""A control character other than tab and line feed: in what reaches a terminal, the start of an escape sequence."""


def hostile_routine(names: list[str], notes: list[str] | None = None, title: str = "Hostile") -> Routine:
    """A routine built directly (past the loader, which refuses control characters) so any text reaches the
    screens: one self-paced set per name, with no get-ready countdown."""
    notes = notes or [""] * len(names)
    exercises = tuple(Exercise(name=n, sets=1, reps=RepTarget(1, 1), note=note, variations=(n,), equipment=n)
                      for n, note in zip(names, notes, strict=True))
    return Routine(name=title, kind="gym", exercises=exercises, description=title, get_ready_seconds=1,
                   count_in_seconds=0)


def screen_text(svg: str) -> str:
    """The characters on a screenshot (``app.export_screenshot()``), joined: for "is this text on screen"."""
    import html

    return "".join(html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)).replace("\xa0", " ")


def screen_rows(svg: str) -> list[str]:
    """The screenshot (``app.export_screenshot()``) as rows of text, each character in its own column: for "is it
    on the screen, whole, and where"."""
    import html

    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in re.findall(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', svg):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    out = []
    for y in sorted(rows):
        line = ""
        for x, text in sorted(rows[y]):
            line = line.ljust(round(x / 12.2)) + text  # Textual's screenshots: 12.2 units a column
        out.append(line.rstrip())
    return out


def months_of_training(today, weeks: int = 16) -> list[Session]:
    """A runner's last ``weeks`` weeks, made by hand: the gym on Mondays and Thursdays (calf raises going from 16 kg
    up 2 kg every four weeks, leg press, single-leg deadlift with the right leg a rep short in its last set), a
    post-run session on Tuesdays and Saturdays, one week off in the middle, and the leg press in lb once."""
    from datetime import timedelta

    monday = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    out: list[Session] = []
    for w in range(weeks):
        if w == weeks // 2:
            continue  # a week with no training
        for offset, kind in ((0, "gym"), (1, "post-run"), (3, "gym"), (5, "post-run")):
            day = monday + timedelta(weeks=w, days=offset)
            if day > today:
                continue
            s = Session(id=f"made-{day.isoformat()}-{kind}", routine="Gym: strength for runners" if kind == "gym"
                        else "Post-run: 10-20 minutes", kind=kind, started=f"{day.isoformat()}T07:00:00+01:00",
                        status="completed", planned_sets=13 if kind == "gym" else 9, active_seconds=1900.0)
            if kind == "gym":
                calf = 16 + 2 * (w // 4)
                s.sets = [SetRecord("Calf raises", 0, i + 1, 5, target_low=12, target_high=16, reps=12 + (w + i) % 5,
                                    weight=float(calf)) for i in range(5)]
                lb = w == 5 and offset == 3
                s.sets += [SetRecord("Leg press", 1, i + 1, 3, reps=10, weight=130.0 if lb else 60.0 + 2.5 * (w // 3),
                                     unit="lb" if lb else "kg") for i in range(3)]
                s.sets += [SetRecord("Single-leg deadlift", 2, i + 1, 5, reps=8, weight=8.0 + 2 * (w // 6),
                                     sides=[Part("left", 8), Part("right", 7 if i == 4 else 8)]) for i in range(5)]
            else:
                s.sets = [SetRecord(name, i, k + 1, 3, reps=10, weight=None) for i, name in
                          enumerate(("Jumps", "Squats", "Lunges")) for k in range(3)]
            out.append(s)
    return out


async def progress_read(pilot, app) -> None:
    """Until the history screen has read the sets in the background (its worker starts after the first frame)."""
    for _ in range(100):
        if getattr(app.screen, "tracks", None) is not None:
            for _ in range(3):  # the tables size their columns on the frames after they are filled
                await pilot.pause()
                await pilot.wait_for_scheduled_animations()
            return
        await app.workers.wait_for_complete()
        await pilot.pause()
    raise AssertionError("the history screen never read the sets")


async def settled(pilot, done, what: str = "the screen never settled") -> None:
    """Until ``done()``: what the workout screen does just after a frame (the set's question, a note that changes
    its height: ``tui/after_frame.py``) waits ~2 ms of the event loop's own time after the frame is written, which
    one ``pilot.pause()`` may not cover on a loaded machine. A bounded wait for a state, never a timed assertion."""
    for _ in range(1000):
        if done():
            return
        await pilot.pause()
    raise AssertionError(what)


async def w_form_after_set_1(pilot, screen, clock: FakeClock):
    """The built-in gym routine's first set done (16 reps at 12 kg), then `w` in the rest after it: the form."""
    await advance(pilot, screen, clock, 10 + 16 * 6)
    await pilot.press("w")
    await pilot.pause()
    return screen.app.screen


def session_sounds(r, count_aloud: bool = False, digits: int | None = 3) -> list[tuple[float, str]]:
    """Each sound a session asks for and when (seconds on its fake clock, rounded to ``digits``), looked at when it
    asks to be, as the screen does, until the summary."""
    from datetime import datetime

    from runtrainer.session import WorkoutSession

    clock = FakeClock(0.0)
    session = WorkoutSession(r, clock, None, "t", wall=lambda: datetime(2026, 11, 27, 7).astimezone(),
                             background=False, count_aloud=count_aloud)
    update = session.start()
    out = [(0.0, s) for s in update.sounds]
    while not update.summary_due:
        assert update.next_in is not None
        clock.advance(update.next_in)
        update = session.tick()
        out += [(clock.now if digits is None else round(clock.now, digits), s) for s in update.sounds]
    return out
