"""Faults: the laptop sleeps, the terminal closes, the disk is read-only or full, the input is wrong.
Each test checks the message and that nothing recorded was lost."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import Pane, RecordingBackend, advance, need_tmux, notices

from runtrainer.audio import CuePlayer
from runtrainer.core.engine import State
from runtrainer.core.plan import Phase
from runtrainer.inhibit import SleepInhibitor
from runtrainer.store import Store
from runtrainer.tui.app import make_app
from runtrainer.tui.screens.summary import SummaryScreen

SHORT = """name = "Short"
kind = "post-run"
get_ready_seconds = 1
[[exercises]]
name = "Squats"
sets = 3
reps = 2
tempo = "lower 1, lift 1"
rest_seconds = 3
"""


def app_for(tmp_path, clock, routine, data_dir=None, **kw):
    return make_app(config_dir=tmp_path / "config", data_dir=data_dir or tmp_path / "data", clock=clock,
                    audio=CuePlayer(RecordingBackend(clock), threaded=False), start=routine, flash_seconds=0, **kw)




async def test_the_laptop_sleeping_pauses_the_workout_and_says_so(tmp_path, clock, gym):
    app = app_for(tmp_path, clock, gym, sleep_gap=10)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 10 + 16 * 6 + 20)  # set 1 done, 40 s of rest left
        clock.advance(2 * 60 + 5)  # suspended: CLOCK_BOOTTIME kept counting, the app did not
        screen.tick()
        await pilot.pause()
        assert screen.session.engine.state is State.PAUSED
        assert "slept or runtrainer was stopped for 2:05" in str(screen.query_one("#message").render())
        assert str(screen.query_one("#time").value) == "40", "the rest did not race on while asleep"
        assert len(screen.session.records) == 1
        await pilot.press("space")
        await advance(pilot, screen, clock, 40)
        assert screen.session.engine.step.phase is Phase.GET_READY, "the rest went on where it stopped"


def _session_file(data: Path) -> list[dict]:
    return [s.to_json() for s in Store(data).all_sessions()] if data.exists() else []


def _wait(predicate, what: str, timeout: float = 30):
    for _ in range(int(timeout / 0.1)):
        if predicate():
            return
        threading.Event().wait(0.1)
    raise AssertionError(f"never happened: {what}")


@pytest.mark.parametrize("how", ["SIGTERM", "close the terminal"])
def test_terminating_or_closing_the_terminal_mid_set_saves_the_session(tmp_path, how):
    need_tmux()
    routine = tmp_path / "short.toml"
    routine.write_text(SHORT)
    pane = Pane(tmp_path, ["--audio", "off", "start", str(routine)])
    try:
        pane.wait_for("Set 2/3", timeout=60)  # set 1 done (and journalled): the rest shows the set to come
        pane.wait_for("LIFT", timeout=60)  # set 2 under way
        pid = int(pane.tmux("display-message", "-p", "-t", pane.name, "#{pane_pid}").stdout)
        if how == "SIGTERM":
            os.kill(pid, signal.SIGTERM)
        else:
            pane.close()
        data = tmp_path / "data" / "runtrainer"
        _wait(lambda: _session_file(data), "the session was saved")
    finally:
        pane.close()
    [session] = _session_file(data)
    assert session["status"] == "ended_early"
    first, second = session["sets"]
    assert (first["set_number"], first["reps"], first.get("completed", True)) == (1, 2, True)
    assert (second["set_number"], second["completed"]) == (2, False), "the set cut off is kept, marked unfinished"
    assert Store(data).orphans() == [], "saved as ended early, not left to be resumed"


def test_no_color_draws_without_colour_codes(tmp_path):
    need_tmux()
    env_pane = Pane(tmp_path, ["--audio", "off", "start", "post-run"], env={"NO_COLOR": "1"})
    try:
        env_pane.wait_for("JUMPS")
        raw = env_pane.tmux("capture-pane", "-e", "-p", "-t", env_pane.name).stdout
        import re

        colours = {int(n) for n in re.findall(r"[34]8;5;(\d+)", raw)}
        assert colours and colours <= set(range(232, 256)) | {0, 7, 15, 16, 231}, f"not only greys: {colours}"
        assert "38;2;" not in raw and "GET READY" in raw  # the phase is in words, not only in colour
    finally:
        env_pane.close()


def test_resizing_mid_workout_down_to_the_minimum_and_back(tmp_path):
    need_tmux()
    pane = Pane(tmp_path, ["--audio", "off", "--no-inhibit", "start", "gym"])
    try:
        pane.wait_for("CALF RAISES")
        for size, needle in (((40, 12), "CALF RAISES"), ((30, 10), "Make the win"), ((120, 40), "CALF RAISES")):
            pane.tmux("resize-window", "-t", pane.name, "-x", str(size[0]), "-y", str(size[1]), check=True)
            pane.wait_for(needle)
    finally:
        pane.close()


@contextlib.contextmanager
def mounted(kind: str, where: Path):
    where.mkdir(parents=True, exist_ok=True)
    if kind == "read-only":
        cmds = [["mount", "--bind", str(where), str(where)], ["mount", "-o", "remount,bind,ro", str(where)]]
    else:
        cmds = [["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(where)]]
    for cmd in cmds:
        if subprocess.run(cmd, capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(where)], capture_output=True)
            pytest.skip(f"cannot {' '.join(cmd)} here (needs root with CAP_SYS_ADMIN)")
    try:
        if kind == "full":
            with contextlib.suppress(OSError), open(where / "filler", "wb") as f:
                while True:
                    f.write(b"x" * 4096)
                    f.flush()
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.mark.parametrize("kind", ["read-only", "full"])
async def test_a_data_dir_that_cannot_be_written_keeps_the_session_in_memory_and_offers_export(
        tmp_path, clock, post_run, kind, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with mounted(kind, tmp_path / "data") as data:
        app = app_for(tmp_path, clock, post_run, data_dir=data)
        seen: list = []
        async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
            screen = app.screen
            await advance(pilot, screen, clock, 1)
            screen.session.recorder.wait()  # the journal's first write, at the start, has failed
            await pilot.pause()
            reason = "read-only" if kind == "read-only" else "disk is full"
            said = str(screen.query_one("#message").render())
            assert f"cannot write {data}" in said and reason in said and "kept in memory" in said, said
            # Found by a tryout: it was a toast, over the digits at 40x12; in the message line, never over it.
            await pilot.resize_terminal(40, 12)
            await pilot.pause()
            said = str(screen.query_one("#message").render())
            assert said.startswith("Not saved (") and "kept in memory" in said and reason in said, said
            await pilot.resize_terminal(100, 30)
            await advance(pilot, screen, clock, 10 + 20 + 4)
            screen.session.recorder.wait()
            await pilot.pause()
            assert screen.session.engine.state is State.RUNNING, "the workout carries on"
            assert not [m for m in notices(seen) if "cannot write" in m], "no toast over the workout"
            await pilot.press("q", "s")
            await pilot.pause()
            screen.session.recorder.wait()
            assert isinstance(app.screen, SummaryScreen)
            await app.screen.workers.wait_for_complete()
            await pilot.pause()
            assert "Not saved" in str(app.screen.query_one("#summary-saved").render())
            await pilot.press("e")
            await pilot.pause()
    [exported] = list(tmp_path.glob("runtrainer-session-*.json"))
    session = json.loads(exported.read_text())
    assert session["status"] == "ended_early" and session["sets"][0]["reps"] == 10


def test_the_inhibitor_is_held_while_running_and_dies_with_the_process(tmp_path):
    fake = tmp_path / "fake-inhibit"
    log = tmp_path / "inhibit.log"
    fake.write_text(f"#!/bin/sh\necho start $$ >> {log}\ncat\necho stop $$ >> {log}\n")
    fake.chmod(0o755)
    code = (f"import sys, time; from runtrainer.inhibit import SleepInhibitor\n"
            f"i = SleepInhibitor(command=['{fake}'])\nassert i.acquire() == ''\nprint('held', flush=True)\n"
            "time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    proc.kill()  # kill -9: no chance to clean up
    proc.wait()
    _wait(lambda: log.exists() and "stop" in log.read_text(), "the inhibitor ended with its parent")


async def test_the_inhibitor_is_released_on_pause_and_taken_again_on_resume(tmp_path, clock, gym):
    fake = tmp_path / "fake-inhibit"
    fake.write_text("#!/bin/sh\ncat\n")
    fake.chmod(0o755)
    inhibitor = SleepInhibitor(command=[str(fake)])
    app = app_for(tmp_path, clock, gym, inhibitor=inhibitor)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await screen.workers.wait_for_complete()
        assert inhibitor.held
        await pilot.press("space")
        await screen.workers.wait_for_complete()
        assert not inhibitor.held
        await pilot.press("space")
        await screen.workers.wait_for_complete()
        assert inhibitor.held
        await pilot.press("q", "s")
        await pilot.pause()
        await screen.workers.wait_for_complete()
        assert not inhibitor.held


async def test_no_inhibitor_is_said_once_in_the_message_line(tmp_path, clock, gym):
    inhibitor = SleepInhibitor(command=["/bin/false"])
    app = app_for(tmp_path, clock, gym, inhibitor=inhibitor)
    seen: list = []
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        screen = app.screen
        await screen.workers.wait_for_complete()
        await pilot.pause()
        said = str(screen.query_one("#message").render())
        assert "Cannot keep the laptop awake" in said and "false failed" in said
        await advance(pilot, screen, clock, 10.5)  # the next phase: the message line clears
        await pilot.press("space", "space")  # let go of the inhibitor, and ask for it again
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert not notices(seen), "no toast over the workout"
        assert "Cannot keep" not in str(screen.query_one("#message").render()), "said once"


def cli(*args, env=None, tmp_path):
    full = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "runtrainer", *args], capture_output=True, text=True, env=full,
                          timeout=60, cwd=tmp_path)


@pytest.mark.parametrize("args, env, says", [
    (["frobnicate"], {}, "invalid choice: 'frobnicate'"),
    (["--frobnicate"], {}, "unrecognized arguments: --frobnicate"),
    (["start", "yoga"], {}, 'no routine called "yoga"'),
    (["start", "."], {}, ".: is a directory; expected a .toml routine file"),
    (["routines", "show", "nope"], {}, 'no routine called "nope"'),
    (["history"], {"RUNTRAINER_DATA_DIR": ""}, "RUNTRAINER_DATA_DIR is set but empty"),
    (["routines"], {"RUNTRAINER_CONFIG_DIR": " "}, "RUNTRAINER_CONFIG_DIR is set but empty"),
    (["sound-check"], {"RUNTRAINER_AUDIO": ""}, 'RUNTRAINER_AUDIO is ""; expected one of'),
    (["sound-check"], {"RUNTRAINER_AUDIO": "pc-speaker"}, 'RUNTRAINER_AUDIO is "pc-speaker"'),
    (["export", "--format", "pdf"], {}, '--format is "pdf"'),
    (["export"], {}, "the following arguments are required: --format"),
    (["--data-dir", "", "history"], {}, "--data-dir is empty"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, args, env, says):
    out = cli(*args, env=env, tmp_path=tmp_path)
    assert out.returncode == 2, (out.stdout, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], lines
    assert "Traceback" not in out.stderr


def test_a_data_dir_that_is_a_file_and_a_symlinked_history_are_refused(tmp_path):
    (tmp_path / "afile").write_text("x")
    out = cli("--data-dir", str(tmp_path / "afile"), "history", tmp_path=tmp_path)
    assert out.returncode == 2 and "is a file, not a directory" in out.stderr
    data = tmp_path / "d"
    data.mkdir()
    (data / "history.json").symlink_to("/etc/passwd")
    out = cli("--data-dir", str(data), "history", tmp_path=tmp_path)
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1
    assert "is a symbolic link (to /etc/passwd)" in out.stderr
    assert (data / "history.json").is_symlink(), "left as it was"
    assert Store(data).load() == []



@pytest.mark.parametrize("args", [["history"], ["stats"], ["export", "--format", "json"], ["routines"],
                                  ["--version"], ["import", "x.csv"], ["sound-check"]])
def test_a_closed_stdout_is_one_line_and_exit_2_never_a_traceback_or_a_silent_exit_0(tmp_path, args):
    """Found by a tryout: `runtrainer history >&-` (and stats, export) died on a traceback (sys.stdout is None);
    `routines >&-` and `--version >&-` exited 0 having written nothing."""
    full = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config")}
    out = subprocess.run(["sh", "-c", 'exec "$0" -m runtrainer "$@" >&-', sys.executable, *args],
                         capture_output=False, stderr=subprocess.PIPE, text=True, env=full, timeout=60, cwd=tmp_path)
    lines = out.stderr.strip().splitlines()
    assert out.returncode == 2 and len(lines) == 1 and "standard output is closed" in lines[0], (out.returncode, lines)
