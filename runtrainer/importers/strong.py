"""Strong's CSV exports, both layouts. Never imports textual.

* The older layout, comma-separated: ``Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,
  Seconds,Notes,Workout Notes,RPE`` (12 columns; 10 without Duration and RPE). The weight is in whatever unit
  the app was set to and the file does not say which: ``--unit`` must. Some files add a ``Weight Unit`` column.
* The current layout, semicolon-separated: ``Workout #;Date;Workout Name;Duration (sec);Exercise Name;Set Order;
  Weight (kg);Reps;RPE;Distance (meters);Seconds;Notes;Workout Notes``, every weight in kg, plus rows that are
  not sets: ``Rest Timer`` (the rest taken, in Seconds) and ``Note``.

Set Order is the set's number, or W (warm-up), D (drop set), F (failure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from runtrainer.core.routine_model import MAX_NAME
from runtrainer.importers.common import Columns, Problems, Progress, Refused, Row, SetRow, Workout, table
from runtrainer.importers.limits import REPS, RPE, SESSION_SECONDS, SET_SECONDS
from runtrainer.importers.limits import WEIGHTS as WEIGHT_LIMITS

DATE_FORMS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d %H:%M")
MARKERS = {"W": "warmup", "D": "dropset", "F": "failure"}
NOT_SETS = ("Rest Timer", "Note")
REQUIRED = ("Date", "Workout Name", "Exercise Name", "Set Order", "Reps")
WEIGHTS = {"Weight (kg)": "kg", "Weight (lbs)": "lb", "Weight (lb)": "lb", "Weight": ""}
UNIT_WORDS = {"kg": "kg", "kgs": "kg", "lb": "lb", "lbs": "lb"}
_DURATION = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$")


def looks_like(header: str) -> bool:
    return "Exercise Name" in header and "Set Order" in header


def parse_duration(text: str) -> float | None:
    """"1h 5m", "45m", "20s", "1h 2min", or plain seconds; None if it is none of those."""
    text = text.strip()
    if text.isdigit():
        return float(text)
    match = _DURATION.match(text)
    if not text or not match or not any(match.groups()):
        return None
    h, m, s = (int(g) if g else 0 for g in match.groups())
    return float(h * 3600 + m * 60 + s)


@dataclass
class _Layout:
    """What the header says: the columns, which one holds the weight, and in what unit."""

    columns: Columns
    weight_column: str
    file_unit: str
    per_row_unit: bool


def _layout(columns: Columns, name: str, unit: str | None, problems: Problems) -> _Layout:
    weight_column = next((c for c in WEIGHTS if columns.has(c)), None)
    missing = columns.missing(REQUIRED) + ([] if weight_column else ["Weight"])
    if missing:
        raise problems.whole(f"is not a Strong export: the header has no {', '.join(missing)} column")
    file_unit = WEIGHTS[weight_column or "Weight"]
    per_row_unit = columns.has("Weight Unit")
    if not file_unit and not per_row_unit and unit is None:
        raise Refused([f"{name}: Strong's Weight column does not say kg or lb; run again with --unit kg or "
                       "--unit lb (the unit your Strong app was set to)"])
    return _Layout(columns, weight_column or "Weight", file_unit or unit or "kg", per_row_unit)


def parse(text: str, name: str, unit: str | None, progress: Progress | None = None) -> list[Workout]:
    problems = Problems(name)
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    columns, rows = table(text, delimiter, problems, progress, decimal_comma=delimiter == ";")
    layout = _layout(columns, name, unit, problems)
    workouts: dict[str, Workout] = {}
    pending_notes: dict[tuple[str, str], str] = {}
    for row in rows:
        workout = _workout(row, columns, workouts)
        exercise = row.text("Exercise Name")
        order = row.text("Set Order").strip()
        if order in NOT_SETS:
            _not_a_set(row, order, exercise, workout, pending_notes)
            continue
        set_row = _set_row(row, layout, exercise, order)
        note = pending_notes.pop((_key(row, columns), exercise), "")
        if note:
            set_row.notes = "; ".join(n for n in (note, set_row.notes) if n)
        if workout is not None and row.ok:
            workout.rows.append(set_row)
    problems.check()
    return [w for w in workouts.values() if w.rows]


def _set_row(row: Row, layout: _Layout, exercise: str, order: str) -> SetRow:
    """One set's row, checked field by field (problems go to the row)."""
    columns = layout.columns
    set_type = MARKERS.get(order.upper(), "normal")
    if set_type == "normal" and not order.isdigit():
        row.bad("Set Order", f"{order!r:.40} is not a set number, W, D, F, Rest Timer or Note")
    if not exercise.strip():
        row.bad("Exercise Name", "is empty")
    if len(exercise) > MAX_NAME:
        row.name("Exercise Name", exercise)
    row_unit = layout.file_unit
    if layout.per_row_unit:
        word = row.text("Weight Unit").strip().lower()
        if word in UNIT_WORDS:
            row_unit = UNIT_WORDS[word]
        elif word or row.text(layout.weight_column).strip():
            row.bad("Weight Unit", f"{word!r:.20} is not kg or lbs")
    weight = row.number(layout.weight_column, WEIGHT_LIMITS[row_unit])
    seconds = row.number("Seconds", SET_SECONDS) if columns.has("Seconds") else None
    rpe = row.number("RPE", RPE) if columns.has("RPE") else None
    return SetRow(exercise, set_type, weight, row_unit, row.count("Reps", REPS), seconds or None,
                  rpe, row.text("Notes") if columns.has("Notes") else "")


def _key(row: Row, columns: Columns) -> str:
    return row.text("Workout #") if columns.has("Workout #") else f"{row.text('Date')}\n{row.text('Workout Name')}"


def _workout(row: Row, columns: Columns, workouts: dict[str, Workout]) -> Workout | None:
    key = _key(row, columns)
    if key in workouts:
        return workouts[key]
    started = row.date("Date", DATE_FORMS, "2025-01-06 16:50:00")
    seconds = None
    for column in ("Duration (sec)", "Duration"):
        if columns.has(column) and row.text(column).strip():
            seconds = parse_duration(row.text(column))
            if seconds is None:
                row.bad(column, f"{row.text(column)!r:.40} is not a duration as Strong writes it (like '1h 5m')")
            elif not SESSION_SECONDS.holds(seconds):
                row.bad(column, f"expected {SESSION_SECONDS.what}, found {row.text(column).strip()[:40]}")
                seconds = None
    if started is None:
        return None
    workouts[key] = Workout(row.name("Workout Name"), started, seconds,
                            notes=row.text("Workout Notes") if columns.has("Workout Notes") else "")
    return workouts[key]


def _not_a_set(row: Row, order: str, exercise: str, workout: Workout | None,
               pending: dict[tuple[str, str], str]) -> None:
    """A Rest Timer row gives the rest after the set before it; a Note row a note on the exercise."""
    if workout is None:
        return
    last = next((r for r in reversed(workout.rows) if r.exercise == exercise), None)
    if order == "Rest Timer":
        rest = row.number("Seconds", SET_SECONDS)
        if last is not None and rest is not None:
            last.rest = rest
        return
    note = row.text("Notes").strip()
    if not note:
        return
    if last is not None:
        last.notes = "; ".join(n for n in (last.notes, note) if n)
    else:
        key = _key(row, row.columns)
        pending[(key, exercise)] = "; ".join(n for n in (pending.get((key, exercise), ""), note) if n)
