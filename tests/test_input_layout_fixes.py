"""What a tester found in input and layout: a decimal comma in the set form, the History screen's Status column at
80x24, controls and line separators in routine kinds and names, cut titles and notes with no "…", repeated toasts."""

from __future__ import annotations

import re

import pytest
from helpers import app_for, make_session, notices, screen_rows, w_form_after_set_1

from runtrainer.commands import routines_check
from runtrainer.store import Store
from runtrainer.text import controls_in, safe
from runtrainer.tui.screens.history import HistoryScreen
from runtrainer.tui.screens.set_editor import SetEditor, parse_answer

# --- 1. a decimal comma in the w form and the set editor ------------------------------------------------------

@pytest.mark.parametrize(("typed", "weight"), [("12,5", 12.5), ("7,5", 7.5), ("12.5", 12.5), ("20", 20.0)])
def test_a_weight_with_a_decimal_comma_is_read_as_its_decimal(typed, weight):
    answer = parse_answer(typed, "12", "7,5", "")
    assert not isinstance(answer, str), answer
    assert answer.weight == weight and answer.rpe == 7.5


@pytest.mark.parametrize("typed", ["12a", "1,2,5", "12..5", "1e2", "nan", "inf", "1_000", "½", "12 5"])
def test_a_weight_that_is_not_a_plain_number_is_refused_and_said(typed):
    said = parse_answer(typed, "12", "", "")
    assert isinstance(said, str) and "Weight" in said


@pytest.mark.parametrize("typed", ["12a", "1.5", "1,5", "-3", "1e1", "9" * 5000])
def test_reps_that_are_not_a_whole_number_are_refused_and_said(typed):
    said = parse_answer("", typed, "", "")
    assert isinstance(said, str) and "Reps" in said


async def test_typing_a_decimal_comma_in_the_w_form_saves_twelve_and_a_half_kg(tmp_path, clock, gym):
    app = app_for(tmp_path, clock, gym, "gym")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        form = await w_form_after_set_1(pilot, screen, clock)
        assert isinstance(form, SetEditor)
        weight = form.query_one("#weight")
        weight.value = ""
        weight.focus()
        await pilot.press("1", "2", "comma", "5")
        assert weight.value == "12,5", "every key typed is kept as typed"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.session.records[0].weight == 12.5


async def test_typing_letters_in_the_w_form_keeps_them_and_says_what_is_wrong(tmp_path, clock, gym):
    app = app_for(tmp_path, clock, gym, "gym")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        form = await w_form_after_set_1(pilot, screen, clock)
        reps = form.query_one("#reps")
        reps.value = ""
        reps.focus()
        await pilot.press("1", "2", "x")
        assert reps.value == "12x", "nothing typed is dropped silently"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form, "the form stays open"
        assert "Reps" in str(form.query_one("#error").render())


# --- 2. the History screen's columns at 80x24 -----------------------------------------------------------------

def history_with_every_kind_of_row(tmp_path, mixed: bool) -> Store:
    store = Store(tmp_path / "data")
    post = make_session(3)
    post.routine, post.kind, post.routine_id = "Post-run: 10–20 minutes", "post-run", "post-run"
    post.active_seconds = 16 * 60 + 29
    store.save(post)
    if mixed:
        for n, status in ((4, "completed"), (5, "ended_early"), (6, "in_progress")):
            s = make_session(n)
            s.status = status
            s.active_seconds = 2 * 3600 + 61 if n == 6 else 33 * 60
            store.save(s)
        imported = make_session(7)
        imported.routine = "Evening Workout with a very long name from Strong, imported"
        store.save(imported)
    return store


@pytest.mark.parametrize("mixed", [False, True], ids=["post-run only", "every kind of row"])
async def test_every_history_column_fits_80_columns_and_the_routine_gives_way(tmp_path, clock, mixed):
    history_with_every_kind_of_row(tmp_path, mixed)
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#sessions")
        await pilot.pause()
        assert table.virtual_size.width <= table.scrollable_content_region.width, "no horizontal scroll"
        assert not table.show_horizontal_scrollbar
        text = "\n".join(screen_rows(app.export_screenshot()))
        assert "Status" in text and "completed" in text
        if mixed:
            assert "ended early" in text and "unfinished" in text and "2:01:01" in text
            assert re.search(r"Gym: strength[a-z ]*… +gym", text), "a cut name ends in …"
            assert "Evening Workout with a very long name" not in text
            assert re.search(r"Evening Work[a-z ]*… +gym", text), "the long name ends in …"
            await pilot.resize_terminal(140, 30)
            await pilot.pause()
            text = "\n".join(screen_rows(app.export_screenshot()))
            assert "Gym: strength for runners" in text, "a wider window: the names whole again"
            assert table.virtual_size.width <= table.scrollable_content_region.width


# --- 3. controls in a routine's kind, line and paragraph separators in its names ------------------------------

ROUTINE = 'name = "{name}"\nkind = "{kind}"\n\n[[exercises]]\nname = "{exercise}"\nsets = 1\nreps = 5\n'


def check(tmp_path, capsys, **fields) -> tuple[int, list[str]]:
    values = {"name": "Mine", "kind": "gym", "exercise": "Squat", **fields}
    (tmp_path / "mine.toml").write_text(ROUTINE.format(**values), "utf-8")
    code = routines_check([str(tmp_path / "mine.toml")], tmp_path / "cfg")
    return code, capsys.readouterr().out.splitlines()


def test_a_kind_with_a_c1_control_is_refused_in_one_line_that_shows_it(tmp_path, capsys):
    code, said = check(tmp_path, capsys, kind="gym\u0085")
    assert code == 2
    [line] = said
    assert 'routine > kind: expected "gym" or "post-run", found "gym\\x85" (text)' in line
    assert "\u0085" not in line


@pytest.mark.parametrize("field", ["name", "exercise"])
@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_a_line_or_paragraph_separator_in_a_name_is_refused_and_shown(tmp_path, capsys, field, separator):
    code, said = check(tmp_path, capsys, **{field: f"Leg{separator}day"})
    assert code == 2
    [line] = said
    assert f"control characters (\\u{ord(separator):04x}) are not allowed" in line
    assert separator not in line


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_safe_shows_line_and_paragraph_separators_as_stand_ins(separator):
    shown = safe(f"a{separator}b")
    assert shown == f"a\\u{ord(separator):04x}b"
    assert safe(f"a{separator}b\nc", newlines=True) == f"a\\u{ord(separator):04x}b\nc"
    assert controls_in(f"a{separator}b") == f"\\u{ord(separator):04x}"


# --- 4. cut text ends in "…"; one toast, not a stack ----------------------------------------------------------

@pytest.mark.parametrize("keys", [("space",), ("space", "m")], ids=["paused", "paused and muted"])
async def test_at_40x12_the_routine_title_cut_by_the_marks_ends_in_an_ellipsis(tmp_path, clock, gym, keys):
    app = app_for(tmp_path, clock, gym, "gym")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert screen_rows(app.export_screenshot())[0].strip() == "CALF RAISES  Gym: strength for runners"
        await pilot.press(*keys)
        await pilot.pause()
        top = screen_rows(app.export_screenshot())[0].rstrip()
        assert top.startswith(" CALF RAISES") and "PAUSED" in top
        title = top.split("  ")[-1]
        assert title.endswith("…") and "Gym: strength for runners".startswith(title[:-1]), top
        await pilot.press(*keys)  # undone: the title whole again
        await pilot.pause()
        assert screen_rows(app.export_screenshot())[0].strip() == "CALF RAISES  Gym: strength for runners"


@pytest.mark.parametrize("note", ["felt ok", "felt ok, the left knee a bit stiff on the last reps"])
async def test_a_note_cut_at_the_set_tables_edge_ends_in_an_ellipsis(tmp_path, clock, note):
    session = make_session(3)
    for record in session.sets:
        record.exercise, record.notes, record.rest_seconds, record.rpe = "Single-leg deadlift", note, 60, 7.5
    Store(tmp_path / "data").save(session)
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one("#detail-sets")
        assert table.virtual_size.width <= table.scrollable_content_region.width, "nothing cut at the table's edge"
        rows = [row for row in screen_rows(app.export_screenshot()) if "1/5" in row]
        assert rows, screen_rows(app.export_screenshot())
        shown = rows[0].split("60 s")[1].strip(" █▊▎▌")
        assert shown == note or (shown.endswith("…") and note.startswith(shown[:-1]) and len(shown) >= 8), shown
        assert "Single-leg deadlift" in rows[0]
        await pilot.resize_terminal(140, 30)
        await pilot.pause()
        assert any(note in row for row in screen_rows(app.export_screenshot())), "wider: the note whole"


async def test_p_on_a_history_with_no_sets_says_so_once_not_a_stack_of_toasts(tmp_path, clock):
    app = app_for(tmp_path, clock)
    messages: list = []
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("p", "p", "p")
        await pilot.pause()
        said = "No sets recorded yet: progress shows once a workout is done."
        assert notices(messages).count(said) <= 1, notices(messages)
        text = "\n".join(screen_rows(app.export_screenshot()))
        assert text.count(said) == 1, text
