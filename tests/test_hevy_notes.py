"""A set's note travels with its set through a Hevy CSV, both ways. Hevy's format has notes per exercise only
(``exercise_notes``, on every row of the exercise): a later set's note is written there as a line "Set 2: …"."""

from __future__ import annotations

import csv
import io

from helpers import make_session, run_cli

from runtrainer.export import to_hevy_csv
from runtrainer.importers import parse
from runtrainer.store import Part, SetRecord, Store


def noted(notes: dict[int, str]):
    s = make_session(3)
    for number, note in notes.items():
        s.sets[number - 1].notes = note
    return s


def back(session, unit: str = "kg"):
    [again] = parse(to_hevy_csv([session], unit), "x.csv", "hevy-csv").sessions
    return again


def test_the_note_of_set_two_comes_back_on_set_two_through_the_command_line(tmp_path):
    Store(tmp_path / "a").save(noted({2: "hard ü…"}))
    out = run_cli("--data-dir", "a", "export", "--format", "hevy-csv", "-o", "h.csv", tmp_path=tmp_path)
    assert out.returncode == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "h.csv").read_text(), newline="")))
    assert rows[0]["exercise_notes"] == "Set 2: hard ü…" and all(not r["exercise_notes"] for r in rows[1:])
    out = run_cli("--data-dir", "b", "import", "h.csv", tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    store = Store(tmp_path / "b")
    [summary] = store.sessions()
    session = store.session(summary.id)
    assert [r.notes for r in session.sets] == ["", "hard ü…", "", "", ""]


def test_two_notes_stay_on_their_own_sets():
    again = back(noted({1: "first set note", 2: "hard ü…", 5: "a\nb; c"}))
    assert [r.notes for r in again.sets] == ["first set note", "hard ü…", "", "", "a\nb; c"]


def test_a_first_note_that_looks_like_a_set_line_stays_on_the_first_set():
    again = back(noted({1: "Set 3: too heavy", 3: "fine"}))
    assert [r.notes for r in again.sets] == ["Set 3: too heavy", "", "fine", "", ""]


def test_a_hevy_line_naming_a_set_the_exercise_lacks_is_kept_on_the_first_set():
    text = to_hevy_csv([noted({1: "x"})]).replace('"x"', '"x\\nSet 9: nine"', 1)
    [again] = parse(text, "x.csv", "hevy-csv").sessions
    assert [r.notes for r in again.sets] == ["x\nSet 9: nine", "", "", "", ""]


def test_one_legged_sets_keep_their_side_note_and_their_own_notes():
    s = noted({})
    s.sets = [SetRecord("Single-leg deadlift", 0, i, 3, reps=8, weight=20, sides=[Part("left", 8), Part("right", 8)],
                        notes={2: "wobbly"}.get(i, "")) for i in (1, 2, 3)]
    again = back(s, "lb")
    assert [r.notes for r in again.sets] == ["", "wobbly", ""] and all(len(r.sides) == 2 for r in again.sets)


def test_an_exercise_done_twice_in_a_session_counts_its_sets_again_and_keeps_its_sides():
    s = noted({})
    s.sets = [SetRecord("Lunge", 0, 1, 2, reps=8, sides=[Part("left", 8), Part("right", 8)]),
              SetRecord("Lunge", 0, 2, 2, reps=8, sides=[Part("left", 8), Part("right", 8)], notes="two"),
              SetRecord("Plank", 1, 1, 1, hold_seconds=30),
              SetRecord("Lunge", 2, 1, 2, reps=6, sides=[Part("left", 6), Part("right", 6)]),
              SetRecord("Lunge", 2, 2, 2, reps=6, sides=[Part("left", 6), Part("right", 6)], notes="four")]
    rows = list(csv.DictReader(io.StringIO(to_hevy_csv([s]), newline="")))
    assert [r["set_index"] for r in rows] == ["0", "1", "0", "0", "1"]  # as Hevy numbers each exercise it lists
    again = back(s)
    assert [(r.exercise, r.notes, len(r.sides)) for r in again.sets] == [
        ("Lunge", "", 2), ("Lunge", "two", 2), ("Plank", "", 0), ("Lunge", "", 2), ("Lunge", "four", 2)]
