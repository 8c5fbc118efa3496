"""What the runner sees, pinned: Home, and the workout in each kind of phase at 80×24, 100×30 and 160×48."""

from __future__ import annotations

import pytest
from helpers import RecordingBackend, settled

from runtrainer.audio import CuePlayer
from runtrainer.core import catalog
from runtrainer.core.clock import FakeClock
from runtrainer.core.plan import Phase
from runtrainer.tui.app import make_app

SIZES = {"80x24": (80, 24), "100x30": (100, 30), "160x48": (160, 48)}

# (where to go first, then how many seconds to let pass, then keys): each a moment a runner glances at.
MOMENTS = {
    "lift": ("start", 10.5, ()),
    "hold": ("start", 12.5, ()),
    "lower": ("start", 14.5, ()),
    "rest-before-the-next-exercise": ("last calf raise", 20.5, ()),
    "count-in": ("start", 10 + 16 * 6 + 60 + 2.5, ()),
    "paused": ("start", 12.5, ("space",)),
    "pause-at-the-bottom": ("deadlifts", 2.5, ()),
    "switch-sides": ("deadlifts", 8 * 5 + 1.5, ()),
}


def workout_at(tmp_path, where: str, seconds: float, keys: tuple[str, ...] = ()):
    clock = FakeClock()
    app = make_app(config_dir=tmp_path, data_dir=tmp_path, clock=clock,
                   audio=CuePlayer(RecordingBackend(), threaded=False),
                   start=catalog.builtin("gym"), flash_seconds=0)

    async def run_before(pilot) -> None:
        await settled(pilot, lambda: hasattr(app.screen, "session"), "the workout never showed")
        screen = app.screen
        engine = screen.session.engine
        if where == "deadlifts":  # skip set (S) and skip (s) up to the first deadlift set itself
            while not (engine.step.exercise == 2 and engine.step.in_set):
                await pilot.press("S" if engine.step.in_set else "s")
        if where == "last calf raise":  # up to the rest after the calf raises, which is about the leg press
            while not (engine.step.phase is Phase.REST and engine.step.exercise == 0 and engine.step.set_index == 4):
                await pilot.press("S" if engine.step.in_set else "s")
        target = clock.now + seconds
        while clock.now < target:
            clock.advance(min(0.5, target - clock.now))
            screen.tick()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return app, run_before


def test_home(snap_compare, tmp_path):
    app = make_app(config_dir=tmp_path, data_dir=tmp_path, clock=FakeClock(),
                   audio=CuePlayer(RecordingBackend(), threaded=False))
    assert snap_compare(app, terminal_size=SIZES["80x24"])


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("moment", MOMENTS)
def test_workout(snap_compare, tmp_path, moment, size):
    app, run_before = workout_at(tmp_path, *MOMENTS[moment])
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("moment", ["lift", "hold", "rest-before-the-next-exercise", "switch-sides"])
def test_workout_without_colour(snap_compare, tmp_path, monkeypatch, moment):
    monkeypatch.setenv("NO_COLOR", "1")
    app, run_before = workout_at(tmp_path, *MOMENTS[moment])
    assert snap_compare(app, terminal_size=SIZES["80x24"], run_before=run_before)
