"""Hevy's CSV export. Never imports textual.

``"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index",
"set_type","weight_kg","reps","distance_km","duration_seconds","rpe"`` (``weight_lbs`` and ``distance_miles`` when
the app is set to pounds). Every text field is quoted and a line break inside one is the two characters ``\\n``.
Dates come as "8 Apr 2026, 16:50" or, from some phones, "Jul 5, 2026, 10:21 AM". Exercise notes are repeated on
every row of the exercise: they are kept once, on its first set; Hevy has no set notes, so a line "Set 2: …" in
them (as runtrainer's export writes a later set's note) goes to that set.
"""

from __future__ import annotations

from runtrainer.core.routine_model import MAX_NAME
from runtrainer.export import SET_NOTE
from runtrainer.importers.common import Problems, Progress, Row, SetRow, Workout, table
from runtrainer.importers.limits import REPS, RPE, SESSION_SECONDS, SET_SECONDS, WEIGHTS
from runtrainer.store.model import SET_TYPES

DATE_FORMS = ("%d %b %Y, %H:%M", "%b %d, %Y, %I:%M %p", "%b %d, %Y, %H:%M")
REQUIRED = ("title", "start_time", "end_time", "exercise_title", "set_index", "set_type", "reps")


def looks_like(header: str) -> bool:
    return "exercise_title" in header and "start_time" in header


def _text(value: str) -> str:
    return value.replace("\\n", "\n")


def parse(text: str, name: str, progress: Progress | None = None) -> list[Workout]:
    problems = Problems(name)
    columns, rows = table(text, ",", problems, progress)
    weight_column, unit = ("weight_kg", "kg") if columns.has("weight_kg") else ("weight_lbs", "lb")
    missing = columns.missing(REQUIRED) + ([] if columns.has(weight_column) else ["weight_kg or weight_lbs"])
    if missing:
        raise problems.whole(f"is not a Hevy export: the header has no {', '.join(missing)} column")
    workouts: dict[tuple[str, str, str], Workout] = {}
    last_exercise: dict[tuple[str, str, str], str] = {}
    noted: set[tuple[str, str, str]] = set()
    """The workouts with a note that may hold a later set's ("Set 2: …"): only these are looked at again."""
    for row in rows:
        key = (row.text("start_time"), row.text("end_time"), row.text("title"))
        workout = workouts.get(key) or _workout(row, key, workouts)
        title = row.text("exercise_title")
        exercise = _text(row.name("exercise_title", title) if len(title) > MAX_NAME else title)
        first_of_exercise = last_exercise.get(key) != exercise
        last_exercise[key] = exercise
        set_row = _set_row(row, exercise, weight_column, unit, first_of_exercise)
        if workout is not None and row.ok:
            workout.rows.append(set_row)
            if first_of_exercise and "Set " in set_row.notes:
                noted.add(key)
    problems.check()
    for key in noted:
        _spread_notes(workouts[key].rows)
    return [w for w in workouts.values() if w.rows]


def _spread_notes(rows: list[SetRow]) -> None:
    """Each run of an exercise's notes (on its first row) split back into its sets': the lines before any "Set N: "
    line, and a "Set 1: " line, are the first set's; a "Set N: " line and the lines after it, set N's. A line
    naming a set the run does not have stays where it was, so no note is lost."""
    start = 0
    while start < len(rows):
        end = start + 1
        while end < len(rows) and rows[end].exercise == rows[start].exercise:
            end += 1
        notes = rows[start].notes
        if "Set " in notes:
            head, by_set = split_notes(notes, end - start)
            rows[start].notes = "; ".join(n for n in (head, by_set.pop(1, "")) if n)
            for number, note in by_set.items():
                rows[start + number - 1].notes = note
        start = end


def split_notes(notes: str, count: int) -> tuple[str, dict[int, str]]:
    """(what is the exercise's, {set number: its note}) of an exercise_notes with ``count`` sets."""
    head: list[str] = []
    by_set: dict[int, list[str]] = {}
    into = head
    for line in notes.split("\n"):
        match = SET_NOTE.match(line)
        if match and 1 <= int(match.group(1)) <= count:
            into = by_set.setdefault(int(match.group(1)), [])
            into.append(line[match.end():])
        else:
            into.append(line)
    return "\n".join(head), {n: "\n".join(lines) for n, lines in by_set.items()}


def _set_row(row: Row, exercise: str, weight_column: str, unit: str, first_of_exercise: bool) -> SetRow:
    """One set's row, checked field by field (problems go to the row); exercise notes only on its first row."""
    if not exercise.strip():
        row.bad("exercise_title", "is empty")
    set_type = row.text("set_type").strip() or "normal"
    if set_type not in SET_TYPES:
        row.bad("set_type", f"{set_type!r:.30} is not one of {', '.join(SET_TYPES)}")
    row.count("set_index")
    columns = row.columns
    notes = _text(row.text("exercise_notes")) if first_of_exercise else ""
    seconds = row.number("duration_seconds", SET_SECONDS) if columns.has("duration_seconds") else None
    rpe = row.number("rpe", RPE) if columns.has("rpe") else None
    return SetRow(exercise, set_type, row.number(weight_column, WEIGHTS[unit]), unit, row.count("reps", REPS),
                  seconds or None, rpe, notes)


def _workout(row: Row, key: tuple[str, str, str], workouts: dict[tuple[str, str, str], Workout]) -> Workout | None:
    started = row.date("start_time", DATE_FORMS, "6 Jan 2025, 16:50")
    ended = row.date("end_time", DATE_FORMS, "6 Jan 2025, 17:45")
    if started is None or ended is None:
        return None
    if ended < started:
        row.bad("end_time", "is before start_time")
        return None
    seconds = (ended - started).total_seconds()
    if not SESSION_SECONDS.holds(seconds):
        row.bad("end_time", f"expected a time at most a week after start_time, found {row.text('end_time')[:40]!r}")
        return None
    workouts[key] = Workout(_text(row.name("title")), started, seconds, ended,
                            notes=_text(row.text("description")) if row.columns.has("description") else "")
    return workouts[key]
