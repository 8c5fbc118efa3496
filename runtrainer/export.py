"""Exports other apps import: JSON (our own schema), Strong's CSV and Hevy's CSV. Never imports textual.

One row per set, as Strong and Hevy log it: a one-legged set is one row with the reps per side (said once per
exercise, in the notes of its first set); timed holds fill Seconds/duration_seconds. Only sets that were done
are exported: a skipped set, or one cut short by a quit, was not done.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import datetime

from runtrainer.store import SCHEMA_VERSION, Session, SetRecord

FORMATS = ("json", "strong-csv", "hevy-csv")
STRONG_COLUMNS = ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps", "Distance",
                  "Seconds", "Notes", "Workout Notes", "RPE"]
HEVY_COLUMNS = ["title", "start_time", "end_time", "description", "exercise_title", "superset_id",
                "exercise_notes", "set_index", "set_type", "weight_kg", "reps", "distance_km", "duration_seconds",
                "rpe"]
LB_TO_KG = 0.45359237


def _done(sessions: Iterable[Session]) -> list[Session]:
    return sorted((s for s in sessions if s.status != "in_progress"), key=lambda s: s.started)


def _rows(session: Session) -> Iterable[tuple[int, SetRecord]]:
    """(order within the exercise, record) for every set that was done."""
    order: dict[str, int] = {}
    for record in session.sets:
        if not record.done:
            continue
        order[record.exercise] = order.get(record.exercise, 0) + 1
        yield order[record.exercise], record


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60}h {minutes % 60}m" if minutes >= 60 else f"{minutes}m"


def _notes(order: int, record: SetRecord) -> str:
    parts = ["reps per side"] if record.sides and order == 1 else []
    if record.notes:
        parts.append(record.notes)
    return "; ".join(parts)


def to_json(sessions: Iterable[Session]) -> str:
    data = {"schema_version": SCHEMA_VERSION, "sessions": [s.to_json(full=True) for s in _done(sessions)]}
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def to_strong_csv(sessions: Iterable[Session]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STRONG_COLUMNS)
    for s in _done(sessions):
        date = datetime.fromisoformat(s.started).strftime("%Y-%m-%d %H:%M:%S")
        for order, e in _rows(s):
            writer.writerow([date, s.routine, _duration(s.active_seconds + s.paused_seconds), e.exercise, order,
                             _num(e.weight), "" if e.reps is None else e.reps, "", _num(e.hold_seconds),
                             _notes(order, e), s.notes, _num(e.rpe)])
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
                             _notes(order, e), order - 1, "normal",
                             _num(round(weight, 2) if weight is not None else None),
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
