"""Exports other apps import: JSON (our own schema), Strong's CSV and Hevy's CSV. Never imports textual.

Unilateral sets give one row per side (the side is in the notes); timed holds fill Seconds/duration_seconds.
Sets that were skipped without a rep are left out: they were not done.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import datetime

from runtrainer.store import SCHEMA_VERSION, Session, SetEntry

FORMATS = ("json", "strong-csv", "hevy-csv")
STRONG_COLUMNS = ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps", "Distance",
                  "Seconds", "Notes", "Workout Notes", "RPE"]
HEVY_COLUMNS = ["title", "start_time", "end_time", "description", "exercise_title", "superset_id",
                "exercise_notes", "set_index", "set_type", "weight_kg", "reps", "distance_km", "duration_seconds",
                "rpe"]
LB_TO_KG = 0.45359237


def _done(sessions: Iterable[Session]) -> list[Session]:
    return sorted((s for s in sessions if s.status != "in_progress"), key=lambda s: s.started)


def _rows(session: Session) -> Iterable[tuple[int, SetEntry]]:
    """(order within the exercise, entry) for every set that was done, one per side."""
    order: dict[str, int] = {}
    for entry in session.sets:
        if entry.skipped and not entry.reps:
            continue
        order[entry.exercise] = order.get(entry.exercise, 0) + 1
        yield order[entry.exercise], entry


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60}h {minutes % 60}m" if minutes >= 60 else f"{minutes}m"


def _notes(entry: SetEntry) -> str:
    parts = [f"{entry.side} side"] if entry.side else []
    if entry.notes:
        parts.append(entry.notes)
    return "; ".join(parts)


def to_json(sessions: Iterable[Session]) -> str:
    data = {"schema_version": SCHEMA_VERSION, "sessions": [s.to_json() for s in _done(sessions)]}
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def to_strong_csv(sessions: Iterable[Session]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STRONG_COLUMNS)
    for s in _done(sessions):
        date = datetime.fromisoformat(s.started).strftime("%Y-%m-%d %H:%M:%S")
        for order, e in _rows(s):
            writer.writerow([date, s.routine, _duration(s.active_seconds + s.paused_seconds), e.exercise, order,
                             _num(e.weight), "" if e.reps is None else e.reps, "", _num(e.hold_seconds), _notes(e),
                             s.notes, _num(e.rpe)])
    return out.getvalue()


def to_hevy_csv(sessions: Iterable[Session]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEVY_COLUMNS)
    for s in _done(sessions):
        start = datetime.fromisoformat(s.started)
        end = datetime.fromisoformat(s.ended) if s.ended else start
        fmt = "%d %b %Y, %H:%M"
        for order, e in _rows(s):
            weight = e.weight * LB_TO_KG if e.weight is not None and e.unit == "lb" else e.weight
            writer.writerow([s.routine, start.strftime(fmt), end.strftime(fmt), s.notes, e.exercise, "",
                             _notes(e), order - 1, "normal", _num(round(weight, 2) if weight is not None else None),
                             "" if e.reps is None else e.reps, "", _num(e.hold_seconds), _num(e.rpe)])
    return out.getvalue()


def export(sessions: Iterable[Session], fmt: str) -> str:
    if fmt == "json":
        return to_json(sessions)
    if fmt == "strong-csv":
        return to_strong_csv(sessions)
    if fmt == "hevy-csv":
        return to_hevy_csv(sessions)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
