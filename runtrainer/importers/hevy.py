"""Hevy's CSV export. Never imports textual.

``"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index",
"set_type","weight_kg","reps","distance_km","duration_seconds","rpe"`` (``weight_lbs`` and ``distance_miles`` when
the app is set to pounds). Every text field is quoted and a line break inside one is the two characters ``\\n``.
Dates come as "8 Apr 2026, 16:50" or, from some phones, "Jul 5, 2026, 10:21 AM". Exercise notes are repeated on
every row of the exercise: they are kept once.
"""

from __future__ import annotations

from runtrainer.importers.common import Problems, Progress, Row, SetRow, Workout, table
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
    for row in rows:
        key = (row.text("start_time"), row.text("end_time"), row.text("title"))
        workout = workouts.get(key) or _workout(row, key, workouts)
        exercise = _text(row.text("exercise_title"))
        first_of_exercise = last_exercise.get(key) != exercise
        last_exercise[key] = exercise
        set_row = _set_row(row, exercise, weight_column, unit, first_of_exercise)
        if workout is not None and row.ok:
            workout.rows.append(set_row)
    problems.check()
    return [w for w in workouts.values() if w.rows]


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
    seconds = row.number("duration_seconds") if columns.has("duration_seconds") else None
    rpe = row.number("rpe") if columns.has("rpe") else None
    return SetRow(exercise, set_type, row.number(weight_column), unit, row.count("reps"), seconds or None, rpe, notes)


def _workout(row: Row, key: tuple[str, str, str], workouts: dict[tuple[str, str, str], Workout]) -> Workout | None:
    started = row.date("start_time", DATE_FORMS, "6 Jan 2025, 16:50")
    ended = row.date("end_time", DATE_FORMS, "6 Jan 2025, 17:45")
    if started is None or ended is None:
        return None
    if ended < started:
        row.bad("end_time", "is before start_time")
        return None
    seconds = (ended - started).total_seconds()
    workouts[key] = Workout(_text(row.text("title")), started, seconds, ended,
                            notes=_text(row.text("description")) if row.columns.has("description") else "")
    return workouts[key]
