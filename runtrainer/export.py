"""Exports other apps import: JSON (our own schema), Strong's CSV and Hevy's CSV. Never imports textual.

Data is exported as it was stored, with one exception that keeps an export safe to print or open: no raw control
character. JSON escapes every one (``\u001b``, JSON's own escapes, so a JSON reader gets the text back exactly);
CSV has no escapes of its own, so a control character other than tab and line break is written as the six
characters ``\u001b`` (a line break stays, inside a quoted field, as CSV allows).

One row per set, as Strong and Hevy log it: a one-legged set is one row with the reps per side, or a hold's
seconds per side (said once per exercise, in the notes of its first row: "reps per side", "seconds per side");
timed holds fill Seconds/duration_seconds. Only sets that were done
are exported: a skipped set, or one cut short by a quit, was not done. A CSV holds one unit (kg unless asked
otherwise), every set converted to it. Each writer writes to a file object as it goes (no whole-file string).

Strong's layout depends on the unit, because Strong's own files do: its current export (semicolons,
``Weight (kg)``, ``Duration (sec)``) always converts to kg and says so; only its older comma layout held pounds
(with no unit in the header). See the README's "Import and export".
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from typing import TextIO

from runtrainer.store import Session, SetRecord
from runtrainer.units import LB_TO_KG as LB_TO_KG
from runtrainer.units import UNITS as UNITS
from runtrainer.units import convert as convert

FORMATS = ("json", "strong-csv", "hevy-csv")
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
HELD_PER_SIDE = "seconds per side"
"""A one-sided hold has no reps: its Seconds (duration_seconds) are per side, and its note says so."""
EACH_SIDE = "done per side"
"""A one-sided set with neither reps nor a hold's time (self-paced, no count): what is true of it."""
SIDE_NOTES = (PER_SIDE, HELD_PER_SIDE, EACH_SIDE)
"""Every note that marks an exercise's rows as per side (the importers read them back)."""
CELLS_KEPT = 4096
"""Different sets whose cells a CSV export keeps made (then it starts again: an export streams, its memory flat)."""


def routine_id(value: str) -> str:
    """The routine's id or file name, never the path a routine was started from (it names the runner's folders)."""
    name = value.replace("\\", "/").rsplit("/", 1)[-1]
    return name[:-5] if name.endswith(".toml") else name


def _finished(sessions: Iterable[Session], ordered: bool = False) -> Iterable[Session]:
    """Finished sessions, oldest first; ``ordered``: they come oldest first already, and are streamed (a
    history of years is never held whole)."""
    if ordered:
        return (s for s in sessions if s.status != "in_progress")
    return sorted((s for s in sessions if s.status != "in_progress"), key=lambda s: s.started)


def side_note(record: SetRecord) -> str:
    """What a one-legged set's row holds per side, in words ("" for a set of both legs): its reps, or, for a hold
    (no reps), its seconds."""
    if not record.sides:
        return ""
    if record.reps is None:
        return HELD_PER_SIDE if record.hold_seconds is not None else EACH_SIDE
    return PER_SIDE


def _first_notes(record: SetRecord, extra: Iterable[str] = ()) -> str:
    parts = [side_note(record)] if record.sides else []
    parts += [n for n in extra if n]
    return "; ".join(parts)


_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""Every control character but tab and line feed (C0, DEL, C1), and lone surrogates (no encoding can write one)."""
def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def no_raw_controls(text: str) -> str:
    return _RAW_CONTROL.sub(_escaped, text)


CSV_DECIMALS = 2
"""A CSV's weights: two decimals at most (``_weight``), a converted one rounded once, to them."""


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
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}, {moment.hour:02d}:{moment.minute:02d}"


def _time(text: str, fallback: datetime) -> datetime:
    """A stored time, or ``fallback`` when it cannot be read (a hand-edited "ended": "garbage")."""
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return fallback


def _seconds(session: Session) -> float:
    return session.active_seconds + session.paused_seconds


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
    middles: dict[tuple[object, ...], tuple[str, str]] = {}
    for n, s in enumerate(_finished(sessions, ordered), 1):
        t = datetime.fromisoformat(s.started)  # as strftime("%Y-%m-%d %H:%M:%S") writes it, in a third of its time
        date = f"{t.year:04d}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}:{t.second:02d}"
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
            key = (name, mark, e.weight, e.unit, e.reps, e.rpe, e.hold_seconds, e.notes, before == 0 and bool(e.sides))
            cells = middles.get(key)
            if cells is None:  # a set's own cells, made once for each different set (years repeat the same sets)
                notes = text(_first_notes(e, [e.notes]) if before == 0 else e.notes)
                if classic:
                    cells = (f"{text(name)},{mark},{weight(e.weight, e.unit)},{num(e.reps)},0,"
                             f"{seconds(e.hold_seconds)},{notes}", num(e.rpe))
                else:
                    cells = (f"{text(name)};{mark};{weight(e.weight, e.unit)};{num(e.reps)};{num(e.rpe)};0;"
                             f"{seconds(e.hold_seconds)};{notes}", "")
                middles[key] = cells
                if len(middles) > CELLS_KEPT:
                    middles.clear()
            rows.append(f"{head}{cells[0]}{tail}{cells[1]}")
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
        self.weight = lru_cache(4096)(lambda value, given: _weight(convert(value, given, unit, CSV_DECIMALS)))
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
    middles: dict[tuple[object, ...], str] = {}
    for s in _finished(sessions, ordered):
        n += 1
        start = datetime.fromisoformat(s.started)
        end = _time(s.ended, start)
        head = f"{hevy(s.routine)},{_quoted(hevy_date(start))},{_quoted(hevy_date(end))},{hevy(s.notes)}"
        later = _later_notes(s) if any(e.notes for e in s.sets) else {}
        run, before = None, 0
        for e in s.sets:  # each set done, and how many of its run of the exercise were done before it
            if not e.completed or e.skipped:
                continue
            name = e.exercise
            if name == run:
                before += 1
            else:
                run, before = name, 0
            key = (name, hevy_notes(e, later.get(id(e), "")) if before == 0 else "", before, e.set_type, e.weight,
                   e.unit, e.reps, e.hold_seconds, e.rpe)
            cells = middles.get(key)
            if cells is None:  # a set's own cells, made once for each different set (years repeat the same sets)
                if len(middles) > CELLS_KEPT:
                    middles.clear()
                cells = middles[key] = (f"{hevy(name)},,{hevy(key[1])},{before},{text(e.set_type)},"
                                        f"{weight(e.weight, e.unit)},{num(e.reps)},,{num(e.hold_seconds)},"
                                        f"{num(e.rpe)}")
            rows.append(f"{head},{cells}")
        if len(rows) >= 500:
            lines.flush()
    lines.flush()
    return n


SET_NOTE = re.compile(r"Set (\d+): ")
"""Hevy has notes per exercise, not per set: a later set's note goes in its exercise's notes as a line "Set 2: …"
(its set_index + 1), and comes back to that set on import."""


def hevy_notes(first: SetRecord, later: str) -> str:
    """The exercise_notes of a run of an exercise (on its first row): the side note and the first set's note, then
    a line "Set N: note" for each later set with one. A first note that would read as such a line (it begins the
    text) is marked "Set 1: " itself, so that it stays on set 1."""
    own = first.notes
    if own and not first.sides and SET_NOTE.match(own):
        own = f"Set 1: {own}"
    return "\n".join(part for part in (_first_notes(first, [own]), later) if part)


def _later_notes(session: Session) -> dict[int, str]:
    """id(first set of a run of an exercise) -> the "Set N: note" lines of the run's later sets (of those done)."""
    out: dict[int, str] = {}
    run: SetRecord | None = None
    lines: list[str] = []
    before = 0
    for record in session.sets:
        if not record.completed or record.skipped:
            continue
        if run is None or record.exercise != run.exercise:
            if run is not None and lines:
                out[id(run)] = "\n".join(lines)
            run, lines, before = record, [], 0
            continue
        before += 1
        if record.notes:
            lines.append(f"Set {before + 1}: {record.notes}")
    if run is not None and lines:
        out[id(run)] = "\n".join(lines)
    return out


def write(sessions: Iterable[Session], fmt: str, out: TextIO, unit: str | None = None, when: str | None = None,
          ordered: bool = False) -> int:
    """Write ``sessions`` to ``out`` in ``fmt``; returns how many sessions were written. ``unit`` None: kg for
    the CSVs, each set as recorded for JSON. ``when``: the JSON's exported_at (default now). ``ordered``: the
    sessions come oldest first (then they are streamed, one at a time)."""
    if unit is not None and unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}; expected one of {', '.join(UNITS)}")
    if fmt == "json":
        from runtrainer.export_json import write_json

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
