"""The garbage collector during a workout: found timing phase changes inside the app through a pty, a collection
(0.25-1.5 ms) fell between a boundary and its frame in 7 of 25 changes. While the workout is up it runs only just
after a ticked frame, as often as its thresholds say; leaving the workout gives it back."""

from __future__ import annotations

import gc

import pytest
from helpers import app_for, settled

from runtrainer.tui.screens.workout import WorkoutScreen


@pytest.fixture(autouse=True)
def _collector_back():
    was = gc.isenabled()
    yield
    if was:
        gc.enable()


def _garbage() -> list[object]:
    """More young objects than the collector's first threshold: a collection is due."""
    return [[] for _ in range(gc.get_threshold()[0] + 100)]


async def test_during_a_workout_the_collector_runs_after_a_ticked_frame_not_by_itself(tmp_path, clock, gym):
    gc.enable()
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        clock.advance(0.5)
        screen.tick(on_time=True)
        await settled(pilot, lambda: screen.drawn_whole)
        assert not gc.isenabled(), "no collection of its own accord in the middle of a frame"
        kept = _garbage()
        assert gc.get_count()[0] >= gc.get_threshold()[0]
        clock.advance(0.5)
        screen.tick(on_time=True)
        await settled(pilot, lambda: screen.drawn_whole and gc.get_count()[0] < gc.get_threshold()[0],
                      "the collection due never ran after the frame")
        assert kept and not gc.isenabled()
        await pilot.press("q", "d")  # quit, discarding: Home
        await settled(pilot, lambda: not isinstance(app.screen, WorkoutScreen), "never left the workout")
        assert gc.isenabled(), "Home has the collector running by itself again"


async def test_a_collector_turned_on_during_the_workout_runs_after_frames_from_then_on(tmp_path, clock, gym):
    """`runtrainer start NAME` turns the collector on after the first frame, which comes after the workout's
    mount (start-up keeps it off until then): the workout takes it over at its next ticked frame."""
    gc.disable()
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.pause()
        gc.enable()  # what the app's first frame does after start-up
        kept = _garbage()
        clock.advance(0.5)
        screen.tick(on_time=True)
        await settled(pilot, lambda: screen.drawn_whole and not gc.isenabled(), "never taken over")
        assert kept and gc.get_count()[0] < gc.get_threshold()[0]
