"""The key bar at 80 columns says every key that works, in every phase; narrower, the keys it leaves out are in `?`,
and it says so. Found in a tryout: at 80 columns a tempo set's "⏎ Done after rep 12" pushed "m Mute" off the bar
(each test failed before its fix)."""

from __future__ import annotations

import re

from helpers import advance, app_for, routine, screen_rows

from runtrainer.core.clock import FakeClock
from runtrainer.core.engine import State
from runtrainer.core.plan import Phase
from runtrainer.tui.widgets.key_bar import KeyBar

EVERY_PHASE = routine("""
name = "Every phase"
kind = "gym"
get_ready_seconds = 5
[[exercises]]
name = "Calf raises"
sets = 2
reps = [12, 16]
tempo = "lift 1, hold 1, lower 1"
rest_seconds = 30
[[exercises]]
name = "Side plank"
sets = 1
hold_seconds = 10
per_side = true
switch_seconds = 5
[[exercises]]
name = "Jumps"
sets = 1
reps = 10
""")


def bottom_row(app) -> str:
    return screen_rows(app.export_screenshot())[-1]


def check_bar(app, width: int) -> tuple[str, frozenset[str]]:
    """Every key the screen has now is on its bottom row (its key as a word of its own, and a word of what it does),
    within ``width`` columns."""
    entries = app.screen.query_one(KeyBar).entries()
    row = bottom_row(app)
    assert len(row) <= width, row
    for binding, _enabled, words in entries:
        key = re.escape(app.get_key_display(binding))
        assert re.search(rf"(^|[ /]){key}($|[ /0-9])", row), (binding.id, row)
        if binding.id != "rest_plus":  # "+/-15s": the two keys share their word
            assert any(word in row for word in words.split() + ["15s", "Edit", "Go on", "Unmute"]), (words, row)
    return row, frozenset(b.id for b, _, _ in entries)


async def test_at_80_columns_the_key_bar_keeps_every_key_in_every_phase(tmp_path):
    clock = FakeClock()
    app = app_for(tmp_path, clock, EVERY_PHASE)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        engine = screen.session.engine
        seen: dict[tuple[str, bool], str] = {}
        tried_paused = False
        for _ in range(400):
            row, ids = check_bar(app, 80)
            before_min = engine.step.in_set and screen.session.question is None and "after rep" in row
            seen.setdefault((engine.step.phase.value, before_min), row)
            if engine.state is State.FINISHED:
                break
            if engine.step.phase is Phase.WORK:  # the self-paced set waits for Enter
                await pilot.press("enter")
                await pilot.pause()
                continue
            if engine.step.phase is Phase.REST and "edit_set" in ids and not tried_paused:
                for keys in (("space",), ("m",), ("space", "m")):  # paused, muted, both: the longest words
                    await pilot.press(*keys)
                    await pilot.pause()
                    row, _ = check_bar(app, 80)
                    assert ("Mute" in row) != app.audio.muted and ("Pause" in row) != (engine.state is State.PAUSED)
                tried_paused = True
            await advance(pilot, screen, clock, 0.5)
        assert engine.state is State.FINISHED, "the workout ran to its end"
        assert "Summary" in bottom_row(app) and "Mute" in bottom_row(app), "the last 1.5 s: q, m and ?"
        phases = {phase for phase, _ in seen}
        assert {"get ready", "lift", "hold", "lower", "rest", "switch sides", "work"} <= phases, phases
        assert any(before for _, before in seen), "a tempo set before its minimum reps was seen"


async def test_at_60_columns_the_keys_left_out_are_in_help_and_the_bar_says_so(tmp_path):
    clock = FakeClock()
    app = app_for(tmp_path, clock, EVERY_PHASE)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 5 + 12 * 3)  # rep 13 of a tempo set: Enter ends it
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.engine.step.phase is Phase.REST
        row = bottom_row(app)
        assert len(row) <= 60 and "m Mute" not in row, row
        assert row.endswith("? All keys"), row
        for words in ("space Pause", "⏎ Keep", "q Quit"):
            assert words in row, (words, row)
        await pilot.press("question_mark")
        await pilot.pause()
        listed = str(app.screen.query_one("#help-keys").render())
        for words in ("Mute", "Back", "Skip set", "+15s", "-15s", "Change"):
            assert words in listed, (words, listed)
