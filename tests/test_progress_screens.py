"""The progress screen and the history's year calendar, pinned at 80×24 and 160×48 with a fixed "today"; the
summary naming a new best; the history list marking sessions that set one; Home never paying for the charts."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from helpers import RecordingBackend, months_of_training, progress_read, screen_text

from runtrainer.audio import CuePlayer
from runtrainer.core.clock import FakeClock
from runtrainer.progress import tracks
from runtrainer.store import Store
from runtrainer.tui.app import make_app
from runtrainer.tui.screens.history import BEST_MARK, HistoryScreen

TODAY = date(2026, 11, 25)
SIZES = {"80x24": (80, 24), "160x48": (160, 48)}


def app_with_history(tmp_path):
    store = Store(tmp_path / "data")
    store.save_many(months_of_training(TODAY))
    app = make_app(config_dir=tmp_path, data_dir=tmp_path / "data", clock=FakeClock(),
                   audio=CuePlayer(RecordingBackend(), threaded=False))
    return app, store


@pytest.mark.parametrize("size", SIZES)
def test_progress_screen(snap_compare, tmp_path, size):
    from runtrainer.tui.screens.progress import ProgressScreen

    app, store = app_with_history(tmp_path)
    ordered = list(tracks(store.all_sessions()).values())
    deadlift = [t.name for t in ordered].index("Single-leg deadlift")

    async def run_before(pilot) -> None:
        app.push_screen(ProgressScreen(ordered, deadlift, TODAY))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_history_calendar(snap_compare, tmp_path, size):
    app, store = app_with_history(tmp_path)

    async def run_before(pilot) -> None:
        app.push_screen(HistoryScreen(store, today=TODAY))
        await pilot.pause()
        await progress_read(pilot, app)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


async def test_p_and_enter_open_progress_and_keys_change_range_and_chart(tmp_path):
    from runtrainer.tui.screens.progress import ProgressScreen

    app, store = app_with_history(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(HistoryScreen(store, today=TODAY))
        await pilot.pause()
        await progress_read(pilot, app)
        screen = app.screen
        assert isinstance(screen, HistoryScreen) and screen.tracks is not None
        marked = {str(screen.query_one("#sessions").get_row_at(r)[0]) for r in range(10)}
        assert BEST_MARK in marked  # the calf raises go up every four weeks
        await pilot.press("p")
        await pilot.pause()
        progress = app.screen
        assert isinstance(progress, ProgressScreen) and progress.track.name == screen.tracks[0].name == "Jumps"
        assert "Bests: most reps 10" in screen_text(app.export_screenshot())
        while progress.track.name != "Calf raises":
            await pilot.press("right_square_bracket")
        await pilot.press("1")
        await pilot.pause()
        text = screen_text(app.export_screenshot())
        assert "Top set weight" in text and "Bests: heaviest" in text
        await pilot.press("3", "m")
        await pilot.pause()
        assert (progress.chart, progress.range_key) == ("volume", "3m")
        assert "3 months" in screen_text(app.export_screenshot())
        while progress.track.name != "Single-leg deadlift":
            await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "The right leg did 2% fewer reps over the last 4 weeks" in screen_text(app.export_screenshot())
        await pilot.press("escape")
        await pilot.pause()
        exercises = app.screen.query_one("#exercises")
        exercises.focus()
        exercises.move_cursor(row=1)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen) and app.screen.track.name == screen.tracks[1].name


async def test_the_summary_names_a_new_best(tmp_path, clock):
    from helpers import app_for

    from runtrainer.core import catalog
    from runtrainer.store import Session, SetRecord
    from runtrainer.tui.screens.summary import SummaryScreen
    from runtrainer.tui.widgets.new_bests import NewBests

    before = Session(id="before", routine="Gym", kind="gym", started="2020-01-01T07:00:00+01:00",
                     status="completed", planned_sets=1,
                     sets=[SetRecord("Calf raises", 0, 1, 5, reps=12, weight=20.0)])
    Store(tmp_path / "data").save(before)
    app = app_for(tmp_path, clock, catalog.builtin("gym"), "gym")
    async with app.run_test(size=(80, 24)) as pilot:
        workout = app.screen.session
        workout.session.sets = [SetRecord("Calf raises", 0, 1, 5, reps=16, weight=20.0)]
        app.switch_screen(SummaryScreen(workout))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(app.screen.query_one(NewBests).render()) == \
            "New best: Calf raises 16 × 20 kg (most reps at this weight)"


def test_home_does_not_import_the_charts():
    code = ("import sys; from runtrainer.tui.app import make_app; make_app();"
            "print(any(m.startswith(('textual_plotext', 'plotext')) for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
