"""Exports other apps import: JSON (our own schema), Strong's CSV and Hevy's CSV. Never imports textual.

Data is exported as it was stored, with one exception that keeps an export safe to print or open: no raw control
character. JSON escapes every one (``\u001b``, JSON's own escapes, so a JSON reader gets the text back exactly);
CSV has no escapes of its own, so a control character other than tab and line break is written as the six
characters ``\u001b`` (a line break stays, inside a quoted field, as CSV allows).

One row per set, as Strong and Hevy log it: a one-legged set is one row with the reps per side (said once per
exercise, in the notes of its first row); timed holds fill Seconds/duration_seconds. Only sets that were done
are exported: a skipped set, or one cut short by a quit, was not done. A CSV holds one unit (kg unless asked
otherwise), every set converted to it. Each writer writes to a file object as it goes (no whole-file string).

Strong's layout depends on the unit, because Strong's own files do: its current export (semicolons,
``Weight (kg)``, ``Duration (sec)``) always converts to kg and says so; only its older comma layout held pounds
(with no unit in the header). See the README's "Import and export".
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable
from dataclasses import fields
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, TextIO

from runtrainer.store import Part, Session, SetRecord

FORMATS = ("json", "strong-csv", "hevy-csv")
UNITS = ("kg", "lb")
JSON_FORMAT = "runtrainer-export"
EXPORT_VERSION = 2
"""The JSON export's own version (runtrainer/schema/export-v2.json): every time whole, whatever history.json's
schema (3 writes set times short; an export is for other programs too)."""
LB_TO_KG = 0.45359237
STRONG_COLUMNS = ["Workout #", "Date", "Workout Name", "Duration (sec)", "Exercise Name", "Set Order", "Weight (kg)",
                  "Reps", "RPE", "Distance (meters)", "Seconds", "Notes", "Workout Notes"]
"""Strong's current layout (separated by semicolons): what we write in kg."""
STRONG_CLASSIC_COLUMNS = ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps",
                          "Distance", "Seconds", "Notes", "Workout Notes", "RPE"]
"""Strong's older layout (commas, 12 columns, the weight in the app's unit): what we write in lb."""
HEVY_COLUMNS = ["title", "start_time", "end_time", "description", "exercise_title", "superset_id",
                "exercise_notes", "set_index", "set_type", "weight_kg", "reps", "distance_km", "duration_seconds",
                "rpe"]
STRONG_MARKERS = {"warmup": "W", "dropset": "D", "failure": "F"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PER_SIDE = "reps per side"


def convert(weight: float | None, unit: str, to: str | None) -> float | None:
    """``weight`` in ``unit`` as ``to`` (rounded to grams / thousandths of a pound); None: as recorded."""
    if weight is None or to is None or unit == to:
        return weight
    return round(weight * LB_TO_KG if to == "kg" else weight / LB_TO_KG, 3)


def routine_id(value: str) -> str:
    """The routine's id or file name, never the path a routine was started from (it names the runner's folders)."""
    name = value.replace("\\", "/").rsplit("/", 1)[-1]
    return name[:-5] if name.endswith(".toml") else name


def exported_at() -> str:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention), so an export can be
    made byte for byte again."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).isoformat(timespec="seconds")
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _finished(sessions: Iterable[Session], ordered: bool = False) -> Iterable[Session]:
    """Finished sessions, oldest first; ``ordered``: they come oldest first already, and are streamed (a
    history of years is never held whole)."""
    if ordered:
        return (s for s in sessions if s.status != "in_progress")
    return sorted((s for s in sessions if s.status != "in_progress"), key=lambda s: s.started)


def _first_notes(record: SetRecord, extra: Iterable[str] = ()) -> str:
    parts = [PER_SIDE] if record.sides else []
    parts += [n for n in extra if n]
    return "; ".join(parts)


_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""Every control character but tab and line feed (C0, DEL, C1), and lone surrogates (no encoding can write one)."""
_RAW_IN_JSON = re.compile(r"[\x7f-\x9f\ud800-\udfff]")
"""What json.dumps(ensure_ascii=False) leaves raw: DEL, C1 and lone surrogates (it escapes C0 itself)."""


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def no_raw_controls(text: str) -> str:
    return _RAW_CONTROL.sub(_escaped, text)


def _json(data: Any) -> str:
    return _RAW_IN_JSON.sub(_escaped, json.dumps(data, ensure_ascii=False, allow_nan=False))


def _weight(value: float | None) -> str:
    """One decimal at least, as Strong writes it ("115.0"), two at most (0.01 kg is finer than any plate)."""
    if value is None or not math.isfinite(value):
        return ""
    text = f"{round(value, 2) + 0.0:.2f}"  # + 0.0: -0.0 is written 0.0
    return text[:-1] if text.endswith("0") else text


def _num(value: float | None, empty: str = "") -> str:
    if value is None or not math.isfinite(value):
        return empty
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def strong_duration(seconds: float) -> str:
    """As Strong writes it: "1h 5m", "45m", "20s"."""
    if not math.isfinite(seconds) or seconds < 0:
        return "0s"
    whole = round(seconds)
    if whole < 60:
        return f"{whole}s"
    minutes = round(whole / 60)
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes}m"
    return f"{hours}h {minutes}m" if minutes else f"{hours}h"


def _quoted(text: str) -> str:
    return '"' + no_raw_controls(text).replace('"', '""') + '"'


def _hevy_text(text: str) -> str:
    """Hevy writes a line break inside a field as the two characters \\n, and quotes every text field."""
    return _quoted(text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def hevy_date(moment: datetime) -> str:
    """"6 Jan 2025, 16:50": the day unpadded, the month in English whatever the locale."""
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}, {moment:%H:%M}"


def _time(text: str, fallback: datetime) -> datetime:
    """A stored time, or ``fallback`` when it cannot be read (a hand-edited "ended": "garbage")."""
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return fallback


def _seconds(session: Session) -> float:
    return session.active_seconds + session.paused_seconds


def write_json(sessions: Iterable[Session], out: TextIO, unit: str | None = None, when: str | None = None,
               ordered: bool = False) -> int:
    """Every field of every set, one session per line (so it streams, and a problem's line names a session)."""
    head = {"format": JSON_FORMAT, "schema_version": EXPORT_VERSION, "app_version": _version(),
            "exported_at": when or exported_at(), "unit": unit}
    out.write(_json(head)[:-1] + ', "sessions": [\n')
    n = 0
    lines = _Lines(out, ",\n", batch=50)
    for session in _finished(sessions, ordered):
        lines.add(_session_json(session, unit))
        n += 1
    lines.flush()
    out.write("\n]}\n")
    return n


def _session_json(session: Session, unit: str | None) -> str:
    """One session as the export writes it: msgspec turns the dataclasses into JSON in C (see pyproject.toml);
    what it cannot write (a lone surrogate, read by the standard library's json) goes the slow way."""
    try:
        data = _to_builtins(session)
    except (ImportError, TypeError, ValueError):  # pragma: no cover - no msgspec here
        data = session.to_json(full=True)
    data["routine_id"] = routine_id(session.routine_id)
    if unit is not None:
        for record in data["sets"]:
            record["weight"], record["unit"] = convert(record["weight"], record["unit"], unit), unit
    try:
        text = _encode(data)
    except (ImportError, TypeError, ValueError):  # UnicodeEncodeError is a ValueError
        return _json(data)
    if text.isascii() and "\x7f" not in text:
        return text
    return _RAW_IN_JSON.sub(_escaped, text)


def _to_builtins(session: Session) -> dict[str, Any]:
    """Every field, in the dataclasses' order. msgspec writes only what an object holds itself, and a record
    msgspec decoded holds only the fields its text gave (the defaults stay on the class): they are put back."""
    from msgspec import to_builtins

    data: dict[str, Any] = {**_FULL[Session], **to_builtins(session)}
    data["sets"] = sets = [{**_FULL[SetRecord], **record} for record in data["sets"]]
    for record in sets:
        if record["sides"]:
            record["sides"] = [{**_FULL[Part], **part} for part in record["sides"]]
    return data


_FULL = {cls: {f.name: f.default for f in fields(cls)} for cls in (Session, SetRecord, Part)}
"""Each field's default (the list fields' are always given), in the order the export writes them."""


def _encode(data: dict[str, Any]) -> str:
    """As ``json.dumps(data, ensure_ascii=False)`` writes it (", " and ": "); exponents as 1e16, not 1e+16."""
    from msgspec import json as mjson

    return mjson.format(mjson.encode(data), indent=0).decode("utf-8")


def write_strong(sessions: Iterable[Session], out: TextIO, unit: str = "kg", ordered: bool = False) -> int:
    """kg: Strong's current layout (semicolons, Duration (sec), Weight (kg)); lb: its older comma layout."""
    classic = unit == "lb"
    sep = "," if classic else ";"
    out.write(sep.join(STRONG_CLASSIC_COLUMNS if classic else STRONG_COLUMNS) + "\n")
    n = 0
    lines = _Lines(out)
    rows = lines.rows
    cell = _Cells(unit)
    text, weight, num, seconds = cell.text, cell.weight, cell.num, cell.seconds
    for n, s in enumerate(_finished(sessions, ordered), 1):
        date = datetime.fromisoformat(s.started).strftime("%Y-%m-%d %H:%M:%S")
        duration = strong_duration(_seconds(s)) if classic else _num(float(round(_seconds(s))) if
                                                                       math.isfinite(_seconds(s)) else None, "0")
        if classic:
            head, tail = f"{date},{text(s.routine)},{duration},", f",{text(s.notes)},"
        else:
            head, tail = f"{n};{date};{text(s.routine)};{duration};", f";{text(s.notes)}"
        seen: dict[str, int] = {}
        normal: dict[str, int] = {}
        for e in s.sets:  # each set done; before: done before it in its exercise; normal: normal sets so far
            if not e.completed or e.skipped:
                continue
            name = e.exercise
            before = seen.get(name, 0)
            seen[name] = before + 1
            if e.set_type == "normal":
                normal[name] = order = normal.get(name, 0) + 1
                mark = str(order)
            else:
                mark = STRONG_MARKERS.get(e.set_type) or str(normal.get(name, 0))
            notes = text(_first_notes(e, [e.notes]) if before == 0 else e.notes)
            if classic:
                rows.append(f"{head}{text(name)},{mark},{weight(e.weight, e.unit)},{num(e.reps)},0,"
                            f"{seconds(e.hold_seconds)},{notes}{tail}{num(e.rpe)}")
            else:
                rows.append(f"{head}{text(name)};{mark};{weight(e.weight, e.unit)};{num(e.reps)};{num(e.rpe)};0;"
                            f"{seconds(e.hold_seconds)};{notes}{tail}")
        if len(rows) >= 500:
            lines.flush()
    lines.flush()
    return n


class _Cells:
    """A CSV's cells, each text or number formatted once and then looked up (``lru_cache``, in C): the same
    exercise names, notes, weights and counts fill thousands of rows."""

    def __init__(self, unit: str) -> None:
        self.text = lru_cache(4096)(_quoted)
        self.hevy = lru_cache(4096)(_hevy_text)
        self.num = lru_cache(4096)(_num)
        self.seconds = lru_cache(4096)(lambda value: _num(value, "0"))
        self.weight = lru_cache(4096)(lambda value, given: _weight(convert(value, given, unit)))
        """(weight, its unit) -> the cell in the export's unit. 12 and 12.0 (and -0.0 and 0.0) are one key:
        they are written alike."""


class _Lines:
    """Rows written a few hundred at a time: an export streams, without a write call per row. ``between``: the
    text only between rows (the JSON's sessions), not after each (a CSV's lines)."""

    def __init__(self, out: TextIO, between: str = "", batch: int = 500) -> None:
        self.out = out
        self.between = between
        self.batch = batch
        self.rows: list[str] = []
        self.wrote = False

    def add(self, row: str) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        if self.between:
            self.out.write((self.between if self.wrote else "") + self.between.join(self.rows))
        else:
            self.out.write("\n".join(self.rows) + "\n")
        self.wrote = True
        self.rows.clear()


def write_hevy(sessions: Iterable[Session], out: TextIO, unit: str = "kg", ordered: bool = False) -> int:
    """Hevy's columns; the unit is in the header (weight_kg or weight_lbs), as Hevy writes it."""
    columns = HEVY_COLUMNS if unit == "kg" else [{"weight_kg": "weight_lbs", "distance_km": "distance_miles"}
                                                 .get(c, c) for c in HEVY_COLUMNS]
    out.write(",".join(_quoted(c) for c in columns) + "\n")
    n = 0
    lines = _Lines(out)
    rows = lines.rows
    cell = _Cells(unit)
    text, hevy, weight, num = cell.text, cell.hevy, cell.weight, cell.num
    for s in _finished(sessions, ordered):
        n += 1
        start = datetime.fromisoformat(s.started)
        end = _time(s.ended, start)
        head = f"{hevy(s.routine)},{_quoted(hevy_date(start))},{_quoted(hevy_date(end))},{hevy(s.notes)}"
        notes = _exercise_notes(s)
        seen: dict[str, int] = {}
        for e in s.sets:  # each set done, and how many of its exercise were done before it
            if not e.completed or e.skipped:
                continue
            name = e.exercise
            before = seen.get(name, 0)
            seen[name] = before + 1
            rows.append(f"{head},{hevy(name)},,{hevy(notes[name] if before == 0 else '')},{before},"
                        f"{text(e.set_type)},{weight(e.weight, e.unit)},{num(e.reps)},,{num(e.hold_seconds)},"
                        f"{num(e.rpe)}")
        if len(rows) >= 500:
            lines.flush()
    lines.flush()
    return n


def _exercise_notes(session: Session) -> dict[str, str]:
    """Hevy keeps notes per exercise, not per set: an exercise's set notes, once, on its first row."""
    firsts: dict[str, SetRecord] = {}
    notes: dict[str, list[str]] = {}
    for record in session.sets:
        if record.done:
            firsts.setdefault(record.exercise, record)
            notes.setdefault(record.exercise, []).append(record.notes)
    return {name: _first_notes(first, notes[name]) for name, first in firsts.items()}


def write(sessions: Iterable[Session], fmt: str, out: TextIO, unit: str | None = None, when: str | None = None,
          ordered: bool = False) -> int:
    """Write ``sessions`` to ``out`` in ``fmt``; returns how many sessions were written. ``unit`` None: kg for
    the CSVs, each set as recorded for JSON. ``when``: the JSON's exported_at (default now). ``ordered``: the
    sessions come oldest first (then they are streamed, one at a time)."""
    if unit is not None and unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}; expected one of {', '.join(UNITS)}")
    if fmt == "json":
        return write_json(sessions, out, unit, when, ordered)
    if fmt == "strong-csv":
        return write_strong(sessions, out, unit or "kg", ordered)
    if fmt == "hevy-csv":
        return write_hevy(sessions, out, unit or "kg", ordered)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def export(sessions: Iterable[Session], fmt: str, unit: str | None = None, when: str | None = None) -> str:
    """The whole export as one string (tests, small exports)."""
    import io

    out = io.StringIO()
    write(sessions, fmt, out, unit, when)
    return out.getvalue()


def to_strong_csv(sessions: Iterable[Session], unit: str = "kg") -> str:
    return export(sessions, "strong-csv", unit)


def to_hevy_csv(sessions: Iterable[Session], unit: str = "kg") -> str:
    return export(sessions, "hevy-csv", unit)


def to_json(sessions: Iterable[Session], unit: str | None = None) -> str:
    return export(sessions, "json", unit)


def _version() -> str:
    from runtrainer import get_version

    return get_version()


def schema() -> dict[str, Any]:
    """The JSON Schema of our JSON export (shipped inside the package: runtrainer/schema/export-v2.json)."""
    from importlib.resources import files

    return dict(json.loads(files("runtrainer").joinpath("schema", f"export-v{EXPORT_VERSION}.json").read_text("utf-8")))
