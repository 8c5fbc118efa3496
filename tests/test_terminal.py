"""The real app in a real terminal (tmux): what a runner would see, with a missing sound device."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")


def _need_tmux():
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


@pytest.fixture
def pane_factory(tmp_path):
    _need_tmux()
    panes = []

    def make(*args, size=(80, 24)):
        pane = Pane(tmp_path, list(args), size)
        panes.append(pane)
        return pane

    yield make
    for pane in panes:
        pane.close()


def test_no_sound_device_falls_back_without_garbling_the_screen(pane_factory):
    pane = pane_factory("--audio", "simpleaudio", "start", "gym")
    screen = pane.wait_for("CALF RAISES")
    screen = pane.wait_for("Sound: ")
    assert "ALSA lib" not in screen and "PCM" not in screen.split("Sound:")[0]
    assert "Sound: bell" in screen or "Sound: system" in screen
    screen = pane.wait_for("LIFT", timeout=15)
    assert "ALSA" not in screen
    pane.keys("q")
    pane.wait_for("Quit this workout?")
    pane.keys("y")
    screen = pane.wait_for("Ended early")
    assert "0 of 18 sets done" in screen


def test_a_tiny_window_asks_for_more_room(pane_factory):
    pane = pane_factory("--no-inhibit", "start", "post-run", size=(38, 11))
    screen = pane.wait_for("Make the window")
    assert "JUMPS" not in screen
