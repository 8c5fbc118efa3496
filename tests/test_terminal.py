"""The real app in a real terminal (tmux): what a runner would see, with a missing sound device."""

from __future__ import annotations

import pytest
from helpers import Pane, need_tmux


@pytest.fixture
def pane_factory(tmp_path):
    need_tmux()
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
    pane.keys("s")  # nothing done yet: kept only because the runner says so
    pane.wait_for("Ended early")
    pane.wait_for("· 0 of 13 sets done")  # the summary's line (the question said "? 0 of 13 sets done")


def test_a_tiny_window_asks_for_more_room(pane_factory):
    pane = pane_factory("--no-inhibit", "start", "post-run", size=(38, 11))
    screen = pane.wait_for("Make the window")
    assert "JUMPS" not in screen
