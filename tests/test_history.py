"""History as the runner meets it: the app saving after every set, resuming after a crash, quitting,
the history screen, and the command line's list and exports."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from helpers import (
    RecordingBackend,
    advance,
    app_for,
    make_session,
    progress_read,
    run_cli,
    settled,
    w_form_after_set_1,
)

from runtrainer.audio import CuePlayer
from runtrainer.core import catalog
from runtrainer.core.clock import FakeClock
from runtrainer.core.plan import Phase
from runtrainer.export import HEVY_COLUMNS, STRONG_COLUMNS, to_hevy_csv, to_strong_csv
from runtrainer.history import this_week, weekly_counts
from runtrainer.store import Part, SetRecord, Store
from runtrainer.tui.app import make_app
from runtrainer.tui.screens.history import HistoryScreen
from runtrainer.tui.screens.summary import SummaryScreen
from runtrainer.tui.screens.workout import WorkoutScreen


def journal(tmp_path):
    [path] = (tmp_path / "data" / "in-progress").glob("*.json")
    return json.loads(path.read_text())


async def test_every_set_is_journalled_as_it_ends_and_the_prompt_keeps_weight_with_enter(tmp_path, clock, gym):
    Store(tmp_path / "data").save(make_session(1, weight=12))  # last time: 12 kg
    app = app_for(tmp_path, clock, gym, "gym")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        await advance(pilot, screen, clock, 10 + 16 * 6)
        screen.session.recorder.wait()
        saved = journal(tmp_path)
        assert saved["status"] == "in_progress" and len(saved["sets"]) == 1
        assert saved["sets"][0]["reps"] == 16 and saved["sets"][0]["weight"] == 12
        await settled(pilot, lambda: "Enter keeps it" in str(screen.query_one("#prompt").render()))
        assert "16 reps at 12 kg" in str(screen.query_one("#prompt").render())
        await pilot.press("enter")  # answers the prompt; the rest goes on
        assert screen.session.question is None and screen.session.engine.step.phase is Phase.REST
        await pilot.press("enter")  # and now ends the rest: the count-in, never straight into a rep
        assert screen.session.engine.step.phase is Phase.GET_READY


async def test_w_changes_the_weight_and_reps_of_the_set_just_done(tmp_path, clock, gym):
    app = app_for(tmp_path, clock, gym, "gym")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        weight = (await w_form_after_set_1(pilot, screen, clock)).query_one("#weight")
        weight.value = "14"
        reps = app.screen.query_one("#reps")
        reps.value = "15"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        screen.session.recorder.wait()
        assert journal(tmp_path)["sets"][0]["weight"] == 14 and journal(tmp_path)["sets"][0]["reps"] == 15
        await pilot.press("q", "s")
        await pilot.pause()
        row = [str(c) for c in app.screen.query_one("#summary-sets").get_row_at(0)]
        assert row[:4] == ["Calf raises", "1/5", "15 of 12–16", "14 kg"], "the summary shows what was saved"


async def test_a_finished_workout_lands_in_the_history_and_home_shows_when(tmp_path, clock, post_run):
    app = app_for(tmp_path, clock, post_run, "post-run")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 20 * 60, step=3)
        screen.session.recorder.wait()
        await advance(pilot, screen, clock, 2)  # "WORKOUT COMPLETE" stays 1.5 s, on the clock
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert "Saved to" in str(app.screen.query_one("#summary-saved").render())
    [session] = Store(tmp_path / "data").load()
    # 9 sets: one-legged sets count once
    assert session.status == "completed" and session.sets_done == 9 == session.planned_sets
    assert Store(tmp_path / "data").merge_pending() == 1
    assert not list((tmp_path / "data" / "in-progress").glob("*.json"))
    assert json.loads((tmp_path / "data" / "history.json").read_text())["sessions"][0]["id"] == session.id


async def test_quit_saves_as_ended_early_or_discards_after_asking_twice(tmp_path, clock, gym):
    app = app_for(tmp_path, clock, gym, "gym")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 10 + 16 * 6 + 5)
        await pilot.press("q", "s")
        await pilot.pause()
        screen.session.recorder.wait()
    [kept] = Store(tmp_path / "data").load()
    assert kept.status == "ended_early" and kept.sets_done == 1

    app = app_for(tmp_path, clock, gym, "gym")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 10 + 16 * 6 + 5)
        await pilot.press("q", "d")
        await pilot.pause()
        assert "Discard this workout for good?" in str(app.screen.query_one("#question").render())
        # Found by trying it: "No, keep it" read as "save it"; it goes back to the workout.
        assert str(app.screen.query_one("#no").label) == "No, back to the workout (n)"
        await pilot.press("y")
        await pilot.pause()
        screen.session.recorder.wait()
    assert [s.id for s in Store(tmp_path / "data").load()] == [kept.id]
    assert [p.stem for p in (tmp_path / "data" / "in-progress").glob("*.json")] in ([], [kept.id])


async def test_a_session_cut_off_is_offered_for_resuming_and_goes_on_from_the_next_set(tmp_path, gym):
    store = Store(tmp_path / "data")
    cut = make_session(5)
    cut.status, cut.routine_id = "in_progress", "gym"
    cut.sets = [SetRecord("Calf raises", 0, n, 5, target_low=12, target_high=16, reps=16) for n in (1, 2)]
    store.journal(cut)  # as a crashed process left it: a journal, no lock held
    clock = FakeClock()
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "An unfinished workout" in str(app.screen.query_one("#question").render())
        await pilot.press("y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        await advance(pilot, screen, clock, 10.5)
        assert "Set 3/5" in str(screen.query_one("#where").render())
        await advance(pilot, screen, clock, 16 * 6)
        screen.session.recorder.wait()
        assert [s["set_number"] for s in journal(tmp_path)["sets"]] == [1, 2, 3]


async def test_keep_as_ended_early_moves_it_into_the_history(tmp_path):
    store = Store(tmp_path / "data")
    cut = make_session(5)
    cut.status = "in_progress"
    store.journal(cut)
    app = app_for(tmp_path, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
    [kept] = Store(tmp_path / "data").load()
    assert kept.id == cut.id and kept.status == "ended_early"


async def test_a_damaged_history_is_reported_and_the_app_still_runs(tmp_path, clock):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "history.json").write_text('{"schema_version": 1, "sess')
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        said = str(app.screen.query_one("#home-notices").render())
        assert "could not be read" in said and "corrupt-" in said, "told on Home, in a line of its own"
        await pilot.press("enter")
        assert isinstance(app.screen, WorkoutScreen)


def seeded(tmp_path, n=8):
    store = Store(tmp_path / "data")
    for i in range(n):
        s = make_session(i, kind="gym" if i % 2 else "post-run", weight=10 + i)
        s.started = f"2026-11-{2 + i * 3:02d}T07:30:00+01:00"
        s.active_seconds = 1800 + i * 60
        store.save(s)
    return store


def test_history_screen_snapshot(snap_compare, tmp_path):
    store = seeded(tmp_path)
    store.load()
    app = make_app(config_dir=tmp_path, data_dir=tmp_path / "data", clock=FakeClock(),
                   audio=CuePlayer(RecordingBackend(), threaded=False))

    async def run_before(pilot):
        app.push_screen(HistoryScreen(store, today=date(2026, 11, 25)))
        await pilot.pause()
        await progress_read(pilot, app)  # the exercise list and the best marks, read in the background

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_week_goals_and_streak():
    sessions = []
    for day in ("2026-11-02", "2026-11-05", "2026-11-09", "2026-11-12", "2026-11-23", "2026-11-25"):
        s = make_session()
        s.started = f"{day}T07:00:00+01:00"
        sessions.append(s)
    week = this_week(sessions, date(2026, 11, 26))
    assert (week.gym, week.streak) == (2, 1)  # the week of the 16th had none: the streak restarted
    assert weekly_counts(sessions, date(2026, 11, 26), weeks=4) == [2, 2, 0, 2]


def test_exports_have_the_apps_columns_exactly_one_row_per_set_and_only_sets_done():
    s = make_session()
    s.sets = [SetRecord("Single-leg deadlift", 0, 1, 5, reps=8, weight=6, sides=[Part("left", 8), Part("right", 8)]),
              SetRecord("Single-leg deadlift", 0, 2, 5, reps=8, weight=6, sides=[Part("left", 8), Part("right", 8)]),
              SetRecord("Plank", 1, 1, 2, hold_seconds=45),
              SetRecord("Calf raises", 2, 2, 5, reps=5, completed=False),
              SetRecord("Calf raises", 2, 3, 5, reps=0, skipped=True)]
    s.ended = "2026-11-01T07:40:00+01:00"
    strong = list(csv.reader(io.StringIO(to_strong_csv([s])), delimiter=";"))
    assert strong[0] == STRONG_COLUMNS
    assert [r[4:12] for r in strong[1:]] == [
        ["Single-leg deadlift", "1", "6.0", "8", "", "0", "0", "reps per side"],
        ["Single-leg deadlift", "2", "6.0", "8", "", "0", "0", ""],
        ["Plank", "1", "", "", "", "0", "45", ""]]  # not the set cut short by a quit, nor the skipped one
    hevy = list(csv.reader(io.StringIO(to_hevy_csv([s]))))
    assert hevy[0] == HEVY_COLUMNS
    assert hevy[1][1] == "1 Nov 2026, 07:00" and hevy[1][7:11] == ["0", "normal", "6.0", "8"]
    assert hevy[3][12] == "45"


def test_history_and_export_commands(tmp_path):
    seeded(tmp_path, 3)
    out = run_cli("history", tmp_path=tmp_path)
    lines = out.stdout.splitlines()
    assert out.returncode == 0 and lines[0] == "date\troutine\tkind\tduration\tsets\tstatus"
    assert len(lines) == 4 and lines[1].startswith("2026-11-08T07:30:00+01:00\tGym: strength for runners")
    exported = run_cli("export", "--format", "json", tmp_path=tmp_path)
    assert len(json.loads(exported.stdout)["sessions"]) == 3
    assert run_cli("export", "--format", "strong-csv", "-o", "s.csv", tmp_path=tmp_path).returncode == 0
    assert (tmp_path / "s.csv").read_text().startswith(";".join(STRONG_COLUMNS))
    again = run_cli("export", "--format", "hevy-csv", "-o", "s.csv", tmp_path=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr
    bad = run_cli("export", "--format", "xml", tmp_path=tmp_path)
    assert bad.returncode == 2 and bad.stderr.strip() == \
        'runtrainer: --format is "xml"; expected one of json, strong-csv, hevy-csv'
    empty = run_cli("export", "--format", "json", "-o", "", tmp_path=tmp_path)  # a tryout: ". already exists"
    assert empty.returncode == 2 and empty.stderr.strip() == \
        'runtrainer: --output is empty; expected a file name (or "-" for the screen)'


def test_builtin_ids_resolve():
    assert catalog.find("gym").kind == "gym"


async def test_the_summarys_export_never_names_the_runners_folders(tmp_path, clock, post_run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    app = app_for(tmp_path, clock, post_run, "/home/runner/secret-folder/mine.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 10 + 20 + 5)
        await pilot.press("q", "s")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("e")  # again: a tester got a second copy in the home folder
        await pilot.pause()
    [exported] = list(tmp_path.glob("runtrainer-session-*.json")) + list(home.glob("runtrainer-session-*.json"))
    text = exported.read_text()
    assert json.loads(text)["routine_id"] == "mine" and "secret-folder" not in text


def test_history_in_a_terminal_of_80_columns_shows_every_column_whole(tmp_path, capsys, monkeypatch):
    import sys

    from runtrainer.commands import history

    long_name = "Post-run: 10-20 minutes of legs, hips and feet (the long one)"
    sessions = []
    for n, (routine, status) in enumerate([("Gym: strength for runners", "ended_early"), (long_name, "completed"),
                                           ("Gym: strength for runners", "in_progress")]):
        s = make_session(n)
        s.routine, s.status, s.active_seconds, s.planned_sets = routine, status, 3725.0, 13
        s.kind = "post-run" if routine == long_name else "gym"
        s.sets = s.sets * 2 + s.sets[:3]  # 13 of 13: the widest "Sets"
        sessions.append(s)
    Store(tmp_path / "data").save_many(sessions)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert history(tmp_path / "data") == 0
    lines = re.sub(r"\x1b\[[0-9;]*m", "", capsys.readouterr().out).splitlines()  # a terminal: bold headers
    assert max(len(line) for line in lines) <= 80, "\n".join(lines)
    rows = [line for line in lines if re.search(r"2026-11-0\d 07:0\d", line)]
    assert len(rows) == 3
    for row, kind, status in zip(rows, ("gym", "post-run", "gym"), ("unfinished", "completed", "ended early"),
                                 strict=True):
        assert re.search(rf"2026-11-0\d 07:0\d\W+\w.*\W{kind}\W+1:02:05\W+13/13\W+{status}\W*$", row), row  # whole
    assert "Gym: strength for runners" in rows[0] and "Gym: strength for runners" in rows[2], "one line a session"
    header = next(line for line in lines if "Date" in line)
    assert re.findall(r"[A-Za-z]+", header) == ["Date", "Routine", "Kind", "Time", "Sets", "Status"]
    words = " ".join(lines).split()
    assert all(word in words for word in long_name.split()), "a long routine name wraps; it is not cut"


async def test_the_history_screen_keeps_every_column_on_80_columns_with_a_long_routine_name(tmp_path, clock):
    # Found by trying it: a 70-character routine name pushed Kind, Time, Sets and Status off the right edge.
    long_name = "Post-run: 10-20 minutes of legs, hips and feet (the long one, with more)"
    sessions = []
    for n in range(3):
        s = make_session(n)
        s.routine = long_name
        sessions.append(s)
    Store(tmp_path / "data").save_many(sessions)
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one("#sessions")
        assert table.virtual_size.width <= table.size.width, "the table scrolls sideways"
        first = [str(c) for c in table.get_row_at(0)]
        assert first[2].startswith("Post-run: 10-20") and first[2].endswith("…") and first[-1] == "completed"


def seeded_app(tmp_path):
    """The app over ``seeded``'s history (loaded), on a fake clock."""
    store = seeded(tmp_path)
    store.load()
    return make_app(config_dir=tmp_path, data_dir=tmp_path / "data", clock=FakeClock(),
                    audio=CuePlayer(RecordingBackend(), threaded=False)), store


async def open_history(pilot, app, store) -> None:
    """History opened over it, its exercise list read."""
    app.push_screen(HistoryScreen(store, today=date(2026, 11, 25)))
    await pilot.pause()
    await progress_read(pilot, app)


async def test_the_history_says_what_enter_does_in_each_list_and_the_help_lists_it(tmp_path):
    """Found by a tryout: Enter opens a session (or, in the exercise list, its progress), yet neither the key bar
    nor `?` said so."""
    from runtrainer.tui.screens.help import keys_of
    from runtrainer.tui.screens.progress import ProgressScreen
    from runtrainer.tui.screens.session_detail import SessionDetail
    from runtrainer.tui.widgets.key_bar import KeyBar

    app, store = seeded_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app, store)
        history = app.screen
        assert "⏎ Open session" in history.query_one(KeyBar).render().plain
        assert ("⏎", "Open session", True) in keys_of(history)
        await pilot.press("tab")  # to the exercise list
        await pilot.pause()
        assert "⏎ Progress" in history.query_one(KeyBar).render().plain
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("escape", "shift+tab")
        await pilot.pause()
        assert "⏎ Open session" in history.query_one(KeyBar).render().plain
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetail)


async def test_a_set_changed_from_the_history_shows_in_its_exercise_list_on_the_way_back(tmp_path):
    """Found by a tryout: a set changed to 6 x 22.5 kg from History's session detail still showed "5 x 20 kg" in
    the exercise list until History was opened again (`stats` had the change)."""
    from textual.widgets import DataTable, Input

    app, store = seeded_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app, store)
        history = app.screen

        def listed() -> str:
            table = history.query_one("#exercises", DataTable)
            return " | ".join(str(c) for row in range(table.row_count) for c in table.get_row_at(row))

        assert "99" not in listed()
        await pilot.press("enter")  # the latest session
        await pilot.pause()
        await pilot.press("enter")  # its first set: the form
        await pilot.pause()
        form = app.screen
        form.query_one("#weight", Input).value = "99"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")  # back to History
        await pilot.pause()
        assert app.screen is history
        await progress_read(pilot, app)
        assert "99" in listed(), listed()


@pytest.mark.parametrize("size", [(40, 12), (60, 20)])
async def test_a_small_window_shows_both_lists_and_the_rows_enter_would_open(tmp_path, size):
    """Found by a tryout: at 40×12 the year's calendar (9 rows, its month names wrapped) left the session list and
    the exercise list no rows at all, and Enter opened a session no one could see."""
    from textual.widgets import DataTable

    app, store = seeded_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await open_history(pilot, app, store)
        bar_row = size[1] - 1
        for name in ("#sessions", "#exercises"):
            table = app.screen.query_one(name, DataTable)
            shown = table.region
            assert shown.height >= 2 and shown.bottom <= bar_row, (name, shown)  # its header and a row at least
        assert app.screen.query_one("#sessions", DataTable).has_focus


async def test_at_40_columns_history_and_progress_keep_their_way_out_in_the_bar(tmp_path):
    """Found by a tryout: at 40×12 the Progress screen's bar dropped "esc Back" (it shared its id with the workout's
    b, one of the first keys to go when the bar is short)."""
    from runtrainer.tui.widgets.key_bar import KeyBar

    app, store = seeded_app(tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await open_history(pilot, app, store)
        assert "esc Back" in app.screen.query_one(KeyBar).render().plain
        await pilot.press("p")
        await pilot.pause()
        assert type(app.screen).__name__ == "ProgressScreen"
        assert "esc Back" in app.screen.query_one(KeyBar).render().plain


async def test_an_exercise_last_done_for_one_rep_says_1_rep(tmp_path):
    """Found trying it: History's exercise list said "Squats  1 reps" for a set of one rep with no weight."""
    from textual.widgets import DataTable

    store = Store(tmp_path / "data")
    one = make_session(0, weight=None, reps=1)
    one.sets = one.sets[:1]
    store.save(one)
    store.load()
    app = make_app(config_dir=tmp_path, data_dir=tmp_path / "data", clock=FakeClock(),
                   audio=CuePlayer(RecordingBackend(), threaded=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app, store)
        row = [str(c) for c in app.screen.query_one("#exercises", DataTable).get_row_at(0)]
        assert row[:2] == ["Calf raises", "1 rep"], row
