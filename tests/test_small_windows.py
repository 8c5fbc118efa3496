"""What a small window shows: at 40×12 the big number says what it is; below 40×12 a dialog over the workout shows
the "make the window bigger" message with the keys that still work, never its box cut off. Found in a tryout (each
test failed before its fix)."""

from __future__ import annotations

import pytest
from helpers import advance, app_for, screen_rows, w_form_after_set_1

from runtrainer.core.plan import Phase
from runtrainer.tui.screens.workout import WorkoutScreen

BIGGER = "Make the window bigger"


def text_of(app) -> str:
    """The screen's words, its rows joined (a wrapped message reads whole)."""
    return " ".join(" ".join(screen_rows(app.export_screenshot())).split())


@pytest.mark.parametrize("size", [(40, 12), (60, 20), (80, 24)])
async def test_the_big_rep_count_is_labelled_at_every_size(tmp_path, clock, gym, size):
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 10 + 6 * 6 + 0.5)  # calf raises, rep 7 (a rep takes 6 s)
        assert screen.session.engine.step.in_set and screen.update.view.time == "7"
        rows = screen_rows(app.export_screenshot())
        assert any("rep 7 of 12–16" in row for row in rows[:-1]), rows  # above the key bar, whole
        await advance(pilot, screen, clock, 10 * 6)  # the set done: its rest, its seconds labelled whole too
        assert screen.session.engine.step.phase is Phase.REST
        assert any("rest · seconds left" in row for row in screen_rows(app.export_screenshot())[:-1])


async def test_below_40_by_12_a_dialog_shows_the_message_and_its_keys_not_its_box_cut_off(tmp_path, clock, gym):
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        workout = app.screen
        assert isinstance(workout, WorkoutScreen)
        form = await w_form_after_set_1(pilot, workout, clock)
        await pilot.resize_terminal(30, 10)
        await pilot.pause()
        said = text_of(app)
        assert BIGGER in said and "Esc leaves the set as it was." in said, said
        assert "weight" not in said and "Calf raises, set 1/5" not in said, "no part of the form, cut off"
        await pilot.resize_terminal(80, 24)  # bigger: the form again, as it was
        await pilot.pause()
        assert app.screen is form and BIGGER not in text_of(app) and "Calf raises, set 1/5" in text_of(app)
        await pilot.resize_terminal(30, 10)
        await pilot.press("escape")  # the key it said: the form closes, the set as it was
        await pilot.pause()
        assert app.screen is workout and BIGGER in text_of(app)
        for key, keys in (("question_mark", "Esc closes the help."), ("q", "Esc: keep going")):
            await pilot.press(key)
            await pilot.pause()
            said = text_of(app)
            assert app.screen is not workout and BIGGER in said and keys in said, said
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is workout
        await pilot.press("q", "d")  # sets were done: discard asks again, and says its keys too
        await pilot.pause()
        said = text_of(app)
        assert BIGGER in said and "y: Discard it · n or Esc: No, back to the workout" in said, said
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is workout and workout.session.engine.state.value == "running"


SHORT = """
name = "Short test"
kind = "gym"
get_ready_seconds = 3
[[exercises]]
name = "Calf raises"
sets = 2
reps = 2
tempo = "lift 1, hold 3, lower 1"
rest_seconds = 30
"""


@pytest.mark.parametrize("size", [(40, 12), (50, 16)])
async def test_the_sets_question_is_on_a_small_screen_whole_with_the_lines_under_it(tmp_path, clock, size):
    """A tryout: at 40×12 the question after a set ("… Enter keeps it · w changes it") never showed, while the key
    bar said "⏎ Keep"; at 50×16 it pushed the Now line and the progress bar off. Below 80×24 it takes the banner's
    rows while it is open (the label under the numbers still says "rest")."""
    from helpers import routine, settled

    app = app_for(tmp_path, clock, routine(SHORT))
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        while screen.session.engine.step.phase is not Phase.REST:
            clock.advance(0.5)
            screen.tick()
            await pilot.pause()
        await settled(pilot, lambda: screen.query_one("#prompt").has_class("-open"))
        shown = " ".join(row.strip() for row in screen_rows(app.export_screenshot()))
        assert "Set 1 Calf raises: 2 reps" in shown and "w changes it" in shown, shown
        assert "rest · seconds left" in shown, shown
        if size == (50, 16):
            assert "Next: Calf raises · set 2/2" in shown and "%" in shown, shown
        await pilot.press("enter")  # kept: the question goes, the banner is back
        await settled(pilot, lambda: not screen.query_one("#prompt").has_class("-open"))
        shown = " ".join(row.strip() for row in screen_rows(app.export_screenshot()))
        assert "REST" in shown and "w changes it" not in shown, shown


async def test_at_50x16_a_two_row_next_line_and_a_one_row_message_leave_the_progress_bar(tmp_path, clock):
    """A tryout at 50×16: "Next: Rest 0:30, then Calf raises · set 2/2 · 2 reps" takes two rows there, and the
    progress bar went off the screen (an empty message line kept a row); with a one-row notice too, for its 8 s."""
    from helpers import routine

    from runtrainer.tui.messages import SoundNews

    app = app_for(tmp_path, clock, routine(SHORT))
    async with app.run_test(size=(50, 16)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 4)  # into the first set: its Next line names the rest and the set after
        shown = " ".join(row.strip() for row in screen_rows(app.export_screenshot()))
        assert "Next: Rest 0:30, then Calf raises" in shown and "%" in shown, shown
        app.post_message(SoundNews("Sound: one row."))
        await pilot.pause()
        shown = " ".join(row.strip() for row in screen_rows(app.export_screenshot()))
        assert "Sound: one row." in shown and "Next: Rest 0:30" in shown and "%" in shown, shown
        assert "seconds left" in shown, "the label under the numbers still names the phase"
