"""What the screen says while a question or a form is open, and that each fits the window: found by trying the app
in tmux at 40×12 to 160×48 (each test failed before its fix)."""

from __future__ import annotations

import pytest
from helpers import RecordingBackend, advance, screen_rows

from runtrainer.audio import CuePlayer
from runtrainer.core.plan import Phase
from runtrainer.tui.app import make_app
from runtrainer.tui.screens.workout import WorkoutScreen

RESUME = "An unfinished workout: Gym: strength for runners, started 2026-11-27 21:00, 3 of 13 sets done. Resume it?"


def app_for(tmp_path, clock, routine=None):
    return make_app(config_dir=tmp_path, data_dir=tmp_path, clock=clock,
                    audio=CuePlayer(RecordingBackend(clock), threaded=False), start=routine)


def key_bar(app) -> str:
    """The bottom row of the screen as the runner sees it."""
    return screen_rows(app.export_screenshot())[-1]


def dialog_text(app) -> str:
    """The words inside the open dialog's box (between its side borders), its rows joined: wrapped text reads whole."""
    rows = screen_rows(app.export_screenshot())
    top = next(row for row in rows if "█▀▀" in row)
    left, right = top.index("█▀"), top.rindex("▀█") + 1
    inside = [row[left + 1:right].strip("█▊▎ ") for row in rows if len(row) > left]
    return " ".join(" ".join(inside).split())


async def test_an_open_form_or_question_has_its_own_keys_in_the_key_bar(tmp_path, clock, gym):
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        await advance(pilot, screen, clock, 10 + 16 * 6)  # the first set done: its question is open in the rest
        assert "w Edit" in key_bar(app) and "Pause" in key_bar(app)
        await pilot.press("w")
        await pilot.pause()
        bar = key_bar(app)
        assert "Save" in bar and "Leave it" in bar and "Next field" in bar, bar
        for not_live in ("Pause", "Skip", "+15s", "Quit", "Help", "Mute"):  # the workout's and the app's: not live
            assert not_live not in bar, bar
        await pilot.press("escape")
        await pilot.press("q")
        await pilot.pause()
        bar = key_bar(app)
        assert "Save" in bar and "Discard" in bar and "Keep going" in bar and "Pause" not in bar, bar
        await pilot.press("d")
        await pilot.pause()
        bar = key_bar(app)
        assert "Discard it" in bar and "No, back to the workout" in bar and "Pause" not in bar, bar
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and "Pause" in key_bar(app), "back to the workout: its keys again"


async def test_the_resume_question_on_home_shows_its_answers_in_the_key_bar(tmp_path, clock):
    from runtrainer.tui.screens.confirm import Confirm

    app = app_for(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "History" in key_bar(app)
        app.push_screen(Confirm(RESUME, yes="Resume it", no="Keep it as ended early", default_yes=True))
        await pilot.pause()
        bar = key_bar(app)
        assert "⏎ Resume it" in bar and "y Resume it" in bar and "n Keep it as ended early" in bar, bar
        assert "History" not in bar and "Start" not in bar, bar
        await pilot.press("tab")  # Enter presses the focused answer: the bar says which
        await pilot.pause()
        assert "⏎ Keep it as ended early" in key_bar(app)


@pytest.mark.parametrize("size", [(40, 15), (60, 20), (80, 24)])
async def test_the_resume_questions_two_answers_are_the_same_height_and_seen_whole(tmp_path, clock, size):
    from textual.widgets import Button

    from runtrainer.tui.screens.confirm import Confirm

    app = app_for(tmp_path, clock)
    async with app.run_test(size=size) as pilot:
        app.push_screen(Confirm(RESUME, yes="Resume it", no="Keep it as ended early", default_yes=True))
        await pilot.pause()
        yes, no = app.screen.query_one("#yes", Button), app.screen.query_one("#no", Button)
        assert yes.region.height == no.region.height, (yes.region, no.region)
        for button in (yes, no):  # inside the window, above the key bar
            assert button.region.y >= 0 and button.region.bottom <= size[1] - 1, button.region
        rows = screen_rows(app.export_screenshot())
        for label in ("Resume it (y)", "Keep it as ended early (n)"):
            assert any(label in row for row in rows), (label, rows)
        assert "Resume it?" in dialog_text(app)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_set_forms_title_shows_whole(tmp_path, clock, gym, size):
    from textual.widgets import Label

    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=size) as pilot:
        await advance(pilot, app.screen, clock, 10 + 16 * 6)
        await pilot.press("w")
        await pilot.pause()
        title = str(app.screen.query(Label).first().render())
        assert title.startswith("Calf raises, set 1/5")
        assert " ".join(title.split()) in dialog_text(app), (title, screen_rows(app.export_screenshot()))
        assert app.screen.query_one("#note").region.bottom <= size[1] - 1, "and every field above the key bar"


async def test_at_40_by_12_the_exercise_name_is_whole_and_the_title_gives_way(tmp_path, clock, gym):
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(40, 12)) as pilot:
        engine = app.screen.session.engine
        while not (engine.step.exercise == 2 and engine.step.phase is Phase.GET_READY):
            await pilot.press("S" if engine.step.in_set else "s")
        await pilot.press("space")  # PAUSED in the top line too
        await pilot.pause()
        rows = screen_rows(app.export_screenshot())
        assert rows[0].startswith(" SINGLE-LEG DEADLIFT ") and "PAUSED" in rows[0], rows[0]
        assert rows[1].startswith(" Exercise 3/3 · Set 1/5 · a light") and rows[1].endswith("…"), rows[1]


async def test_an_enter_typed_before_the_workout_showed_does_not_cut_its_get_ready(tmp_path, clock, gym):
    # `runtrainer start gym` then Enter at once: the terminal, not yet in raw mode, turns it into ctrl+j. In the
    # get-ready Enter means "Go now", which the runner could not have read: not taken, and said.
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("ctrl+j")
        assert screen.session.engine.step.phase is Phase.GET_READY
        assert "not taken" in str(screen.query_one("#message").render())
        await pilot.press("enter")  # Enter itself goes now
        assert screen.session.engine.step.phase is not Phase.GET_READY
        await advance(pilot, screen, clock, 16 * 6)
        assert screen.session.question is not None
        await pilot.press("ctrl+j")  # after the start it can only be a deliberate key: Enter ("Keep")
        assert screen.session.question is None
