"""The `w` form on a one-legged set, opened from the workout at 80×24: its title whole (the workout's own title
style, one line cut with "…", must not reach the form's), and its reps saved per side."""

from __future__ import annotations

from helpers import advance, app_for, routine, screen_rows
from textual.widgets import Input

from runtrainer.core.plan import Phase
from runtrainer.tui.screens.set_editor import SetEditor

ONE_LEG = """
name = "One leg"
kind = "gym"
get_ready_seconds = 5
count_in_seconds = 5

[[exercises]]
name = "Single-leg deadlift"
sets = 3
reps = 2
per_side = true
switch_seconds = 5
tempo = "lower 2, pause 1, lift 2"
rest_seconds = 20
"""


def text_of(app) -> str:
    """The screen's words, its rows joined, box borders left out (a wrapped line reads whole)."""
    return " ".join(" ".join(row.strip("█▊▎▌▐▕▏ ") for row in screen_rows(app.export_screenshot())).split())


async def test_w_on_a_one_legged_set_shows_the_whole_title_at_80_by_24_and_saves_reps_per_side(tmp_path, clock):
    app = app_for(tmp_path, clock, routine(ONE_LEG))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 5 + 10 + 5 + 3 + 10 + 1)  # get ready, left, switch, right: the rest
        assert screen.session.engine.step.phase is Phase.REST
        await pilot.press("w")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SetEditor)
        said = text_of(app)
        assert "Single-leg deadlift, set 1/3: weight (kg), reps per side, RPE, note" in said, said
        reps = form.query_one("#reps", Input)
        reps.value = "1"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        [rec] = screen.session.records
        assert rec.reps == 1 and [p.reps for p in rec.sides] == [1, 1]
        assert "1 of 2 per side" in text_of(app)
