"""Escape sequences from a file never reach a real terminal (tmux): with set-clipboard on, an OSC 52 would make a
paste buffer, and an OSC 0 would set the pane's title."""

from __future__ import annotations

import json

import pytest
from helpers import Pane, need_tmux

OSC52 = "\x1b]52;c;aGFja2Vk\x1b\\"
OSC0 = "\x1b]0;pwned\x07"


@pytest.fixture
def hostile_data(tmp_path):
    data = tmp_path / "hostile-data"
    data.mkdir()
    session = {"id": "s1", "routine": f"Gym{OSC52}{OSC0}", "kind": f"gym{OSC0}[/]", "started":
               "2026-11-02T07:00:00+01:00", "status": "completed", "active_seconds": 60, "planned_sets": 1,
               "sets": [{"exercise": f"Calf{OSC52}\x1b[?1049l", "exercise_index": 0, "set_number": 1,
                         "set_count": 1, "reps": 5}]}
    (data / "history.json").write_text(json.dumps({"schema_version": 2, "sessions": [session]}))
    return data


def _pane(tmp_path, *args):
    need_tmux()
    pane = Pane(tmp_path, list(args))
    pane.tmux("set", "-g", "set-clipboard", "on")
    return pane


def _untouched(pane):
    assert pane.tmux("list-buffers").stdout.strip() == "", "an OSC 52 wrote the clipboard"
    title = pane.tmux("display", "-p", "-t", pane.name, "#{pane_title}").stdout
    assert "pwned" not in title, "an OSC 0 set the window title"


def test_the_history_screen_shows_escape_sequences_without_sending_them(tmp_path, hostile_data):
    pane = _pane(tmp_path, "--no-inhibit", "--audio", "off", "--data-dir", str(hostile_data))
    try:
        pane.wait_for("Pick a routine")
        pane.keys("h")
        pane.wait_for("This week")
        pane.wait_for("Gym␛]52")  # the list's rows may follow the screen's first frame
        pane.keys("Enter")
        pane.wait_for("Calf␛]52")
        _untouched(pane)
        pane.keys("Escape", "q")
    finally:
        pane.close()


def test_runtrainer_history_in_a_terminal_sends_no_escape_sequence(tmp_path, hostile_data):
    pane = _pane(tmp_path, "--data-dir", str(hostile_data), "history", ";", "sleep", "30")
    try:
        pane.wait_for("Gym␛]52")
        _untouched(pane)
    finally:
        pane.close()
