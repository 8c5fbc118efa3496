"""What the runner sees at 80×24, pinned: Home and the workout in each kind of phase."""

from __future__ import annotations

from helpers import RecordingBackend

from runtrainer.audio import CuePlayer
from runtrainer.core import catalog
from runtrainer.core.clock import FakeClock
from runtrainer.tui.app import make_app

SIZE = (80, 24)


def workout_at(tmp_path, seconds: float, deadlifts: bool = False):
    clock = FakeClock()
    app = make_app(config_dir=tmp_path, data_dir=tmp_path, clock=clock,
                   audio=CuePlayer(RecordingBackend(), threaded=False),
                   start=catalog.builtin("gym"), flash_seconds=0)

    async def run_before(pilot) -> None:
        screen = app.screen
        while deadlifts and screen.session.engine.step.exercise < 2:
            await pilot.press("S" if screen.session.engine.step.in_set else "s")
        target = clock.now + seconds
        while clock.now < target:
            clock.advance(min(0.5, target - clock.now))
            screen.tick()
        await pilot.pause()

    return app, run_before


def test_home(snap_compare, tmp_path):
    app = make_app(config_dir=tmp_path, data_dir=tmp_path, clock=FakeClock(),
                   audio=CuePlayer(RecordingBackend(), threaded=False))
    assert snap_compare(app, terminal_size=SIZE)


def test_workout_lift(snap_compare, tmp_path):
    app, run_before = workout_at(tmp_path, 10.5)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_workout_hold(snap_compare, tmp_path):
    app, run_before = workout_at(tmp_path, 12.5)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_workout_rest(snap_compare, tmp_path):
    app, run_before = workout_at(tmp_path, 10 + 16 * 6 + 14.5)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_workout_pause_at_the_bottom(snap_compare, tmp_path):
    app, run_before = workout_at(tmp_path, 2.5, deadlifts=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_workout_switch_sides(snap_compare, tmp_path):
    app, run_before = workout_at(tmp_path, 8 * 5 + 1.5, deadlifts=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_workout_big_terminal_doubles_the_digits(snap_compare, tmp_path):
    app, run_before = workout_at(tmp_path, 12.5)
    assert snap_compare(app, terminal_size=(140, 44), run_before=run_before)
