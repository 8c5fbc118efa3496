"""Four screen defects a tryout found (each test failed before its fix): focus kept through a too-small window,
the help reachable whole at 40×12, type-ahead never taken by the screen under the one that opens, cut text ends
in "…"."""

from __future__ import annotations

import dataclasses
import re

import pytest
from helpers import advance, app_for, make_session, screen_rows, w_form_after_set_1
from textual import events
from textual.widgets import Button, Input

from runtrainer.core.plan import Phase
from runtrainer.store import Part, Store
from runtrainer.tui.screens.confirm import QuitDialog
from runtrainer.tui.screens.help import HelpScreen, keys_of
from runtrainer.tui.screens.home import HomeScreen
from runtrainer.tui.screens.session_detail import SessionDetail
from runtrainer.tui.screens.set_editor import SetEditor
from runtrainer.tui.screens.workout import WorkoutScreen


async def shrink_and_back(pilot) -> None:
    await pilot.resize_terminal(30, 10)
    await pilot.pause()
    await pilot.resize_terminal(80, 24)
    await pilot.pause()
    await pilot.pause()


async def test_the_form_keeps_its_focused_field_through_a_too_small_window(tmp_path, clock, gym):
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await w_form_after_set_1(pilot, app.screen, clock)
        weight = form.query_one("#weight", Input)
        assert form.focused is weight
        await shrink_and_back(pilot)
        assert form.focused is weight
        await pilot.press("5")  # typed as on first opening the form (the field's text selected: replaced)
        assert weight.value == "5"


async def test_the_quit_question_keeps_its_default_button_through_a_too_small_window(tmp_path, clock, gym):
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        workout = app.screen
        assert isinstance(workout, WorkoutScreen)
        await pilot.press("q")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, QuitDialog)
        default = dialog.focused
        assert isinstance(default, Button) and default.id == "discard"
        await shrink_and_back(pilot)
        assert dialog.focused is default
        await pilot.press("enter")  # the focused answer: leave without saving
        await pilot.pause()
        assert not dialog.is_attached and not workout.is_attached


def text_of(app) -> str:
    """The screen's words, its rows joined, box borders left out (a wrapped line reads whole)."""
    return " ".join(" ".join(row.strip("█ ") for row in screen_rows(app.export_screenshot())).split())


def words(text: str) -> str:
    """Text with everything but words reduced to single spaces (box borders, a scrollbar, wrapping)."""
    return " ".join(re.sub(r"[^\w+()'.,-]+", " ", text).split())


@pytest.mark.parametrize("size", [(40, 12), (40, 14), (60, 20), (80, 24)])
async def test_every_line_of_the_help_is_reachable_at_every_size(tmp_path, clock, gym, size):
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=size) as pilot:
        workout = app.screen
        await advance(pilot, workout, clock, 10 + 16 * 6 + 1)  # the first set done: its rest
        assert workout.session.engine.step.phase is Phase.REST
        wanted = [what for _, what, now in keys_of(workout) if now] + ["close this help"]
        await pilot.press("question_mark")
        await pilot.pause()
        seen: list[str] = []
        for _ in range(40):
            rows = screen_rows(app.export_screenshot())
            seen.append(words(" ".join(rows[:-1])))
            if all(words(w) in " ".join(seen) for w in wanted):
                break
            assert "↑↓ Scroll" in rows[-1], rows  # the key bar names the key that shows the rest
            await pilot.press("down")
            await pilot.pause()
        missing = [w for w in wanted if not any(words(w) in page for page in seen)]
        assert not missing, (missing, seen[-1])
        if size[1] >= 20:
            assert len(seen) == 1 and "Scroll" not in rows[-1], "every line at once: nothing to scroll"


async def typed_at_once(pilot, *keys: tuple[str, str | None]) -> None:
    """Keys as one read from the terminal brings them (`tmux send-keys h Enter`, a paste): all queued at once."""
    for key, character in keys:
        pilot.app.post_message(events.Key(key, character))
    for _ in range(6):
        await pilot.pause()


ENTER, ESCAPE = ("enter", "\r"), ("escape", "\x1b")


async def test_h_and_enter_at_once_on_home_open_the_history_and_start_no_workout(tmp_path, clock):
    Store(tmp_path / "data").save(make_session(1))
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await typed_at_once(pilot, ("h", "h"), ENTER)
        assert app.workout is None, "Enter started a workout on Home"
        assert type(app.screen).__name__ == "SessionDetail", "Enter went to the History: its latest session"
        await typed_at_once(pilot, ESCAPE, ("p", "p"), ESCAPE, ("h", "h"))  # close, progress and back, Home
        assert isinstance(app.screen, HomeScreen) and app.workout is None


async def test_keys_typed_with_the_key_that_opens_a_dialog_go_to_the_dialog(tmp_path, clock, gym):
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        workout = app.screen
        await advance(pilot, workout, clock, 10 + 16 * 6 + 1)  # the first set done: its rest
        await typed_at_once(pilot, ("question_mark", "?"), ("s", "s"))  # s: a key the help does not have
        assert isinstance(app.screen, HelpScreen) and workout.session.engine.step.phase is Phase.REST
        await typed_at_once(pilot, ESCAPE, ("w", "w"), ("2", "2"), ("0", "0"), ENTER)  # the set: 20 kg
        assert app.screen is workout and workout.session.records[0].weight == 20
        await typed_at_once(pilot, ("q", "q"), ENTER)  # Enter: the question's default, save it as ended early
        assert not workout.is_attached


def one_leg_session():
    session = make_session(1)
    session.sets = [dataclasses.replace(r, exercise="Single-leg deadlift", rest_seconds=60.0, reps=None,
                                        sides=[Part("left", 8), Part("right", 7, completed=False)],
                                        notes="felt heavy on the left side today")
                    for r in session.sets]
    return session


async def test_the_form_at_80_by_24_shows_its_whole_title_and_error(tmp_path, clock):
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        record = one_leg_session().sets[0]
        app.push_screen(SetEditor(record))
        await pilot.pause()
        app.screen.query_one("#weight", Input).value = "reset; clear; runtrainer start gym"
        await pilot.press("enter")
        await pilot.pause()
        said = text_of(app)
        assert f"Single-leg deadlift, set 1/{record.set_count}: weight (kg), reps per side, RPE, note" in said, said
        assert 'Weight: "reset; clear; runtr…" is not a number (12.5 or 12,5; or leave it empty).' in said, said


async def test_a_session_of_one_sided_sets_fits_the_detail_or_ends_in_an_ellipsis(tmp_path, clock):
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(SessionDetail(one_leg_session(), None))
        await pilot.pause()
        await pilot.pause()
        rows = [row for row in screen_rows(app.export_screenshot()) if "Single-" in row or "Exercise" in row]
        header, first = rows[0], rows[1]
        assert re.search(r"Rest +Note +█$", header), header  # every column's label whole, inside the box
        assert first.rstrip("█ ").endswith("…"), first
