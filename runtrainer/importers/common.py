"""What the importers share: reading a file carefully, CSV rows with their line numbers, problems that name the
line and column, and turning a workout's rows into a session. Never imports textual."""

from __future__ import annotations

import csv
import io
import math
import stat
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from runtrainer.core.routine_model import MAX_NAME
from runtrainer.export import SIDE_NOTES
from runtrainer.importers.limits import INDEX, Limit
from runtrainer.reading import utf16_or_32
from runtrainer.store import Part, Session, SetRecord
from runtrainer.text import plural
from runtrainer.units import convert

MAX_BYTES = 80 * 1024 * 1024
"""Ten thousand sessions (27 years of a workout every day) take 12-15 MB as CSV and 65 MB as our JSON, every
field of every set; a bigger file is more likely a wrong one than a history."""
MAX_PROBLEMS = 100
"""Problems listed before giving up on a file (a wrong file would otherwise list every row)."""
ID_SPACE = uuid.uuid5(uuid.NAMESPACE_URL, "runtrainer:import")
"""Imported sessions get ids derived from what they are (uuid5), so importing a file again adds nothing."""

Progress = Callable[[int, int], None]


class Refused(Exception):
    """The file is not imported at all; ``problems`` has one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0] if problems else "refused")
        self.problems = problems


class Problems:
    """Problems found in one file, each "FILE:LINE:COLUMN: what" (or "FILE: what" for the file as a whole)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: list[str] = []

    def add(self, line: int, column: int, message: str) -> None:
        self.at(f"{line}:{column}", message)

    def at(self, place: int | str, message: str) -> None:
        """A problem at "LINE" (a JSON file's: the line its session starts on, the field named in ``message``) or
        "LINE:COLUMN"."""
        self.lines.append(f"{self.name}:{place}: {message}")
        if len(self.lines) >= MAX_PROBLEMS:
            raise Refused([*self.lines, f"{self.name}: stopped after {MAX_PROBLEMS} problems; is it the right file?"])

    def whole(self, message: str) -> Refused:
        return Refused([*self.lines, f"{self.name}: {message}"])

    def check(self) -> None:
        if self.lines:
            raise Refused(self.lines)


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The file as text, or Refused with one line saying why not (missing, too big, empty, binary, not UTF-8)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise Refused([f"{path}: no such file"]) from None
    except OSError as exc:
        raise Refused([f"{path}: cannot be read ({exc.strerror})"]) from None
    if not stat.S_ISREG(st.st_mode):
        raise Refused([f"{path}: is not a file"])
    if st.st_size > max_bytes:
        raise Refused([f"{path}: is {_size(st.st_size)}, more than the {_size(max_bytes)} an import may be (ten "
                       "thousand sessions take 15 MB as CSV); is it the right file?"])
    try:
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        raise Refused([f"{path}: cannot be read ({exc.strerror})"]) from None
    if len(data) > max_bytes:
        raise Refused([f"{path}: is more than {_size(max_bytes)}; is it the right file?"])
    if not data.strip():
        raise Refused([f"{path}: is empty"])
    other = utf16_or_32(data)
    if other:
        raise Refused([f"{path}: is {other} text; expected UTF-8 (save or export it again as UTF-8, e.g. "
                       f"iconv -f {other} -t UTF-8)"])
    nul = data.find(b"\0")
    if nul >= 0:
        raise Refused([f"{path}: is not a text file (a zero byte at offset {nul}); expected a CSV or JSON export"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Refused([f"{path}: is not UTF-8 text (byte {exc.start}); expected a CSV or JSON export"]) from None
    return text


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def csv_rows(text: str, delimiter: str, problems: Problems) -> Iterator[tuple[int, list[str]]]:
    """(line the record starts on, fields) for each non-blank record; a broken quote is a problem, not a crash."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for fields in reader:
            if fields and any(f.strip() for f in fields):
                yield start, fields
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.add(start, 1, f"the row cannot be read as CSV ({exc}); is the file cut short?")


class Columns:
    """A CSV header: where each named column is (columns are found by name, never by position)."""

    def __init__(self, header: list[str]) -> None:
        self.names = [h.strip().lstrip("\ufeff") for h in header]
        self.index = {name: i for i, name in enumerate(self.names)}

    def has(self, name: str) -> bool:
        return name in self.index

    def missing(self, names: tuple[str, ...]) -> list[str]:
        return [n for n in names if n not in self.index]


class Row:
    """One CSV record: reads its fields by column name, reporting each bad value with its line and column."""

    def __init__(self, line: int, fields: list[str], columns: Columns, problems: Problems,
                 decimal_comma: bool = False) -> None:
        self.line, self.fields, self.columns, self.problems = line, fields, columns, problems
        self.decimal_comma = decimal_comma
        self.ok = True

    def bad(self, name: str, message: str) -> None:
        self.ok = False
        self.problems.add(self.line, self.columns.index.get(name, 0) + 1, f"{name}: {message}")

    def text(self, name: str) -> str:
        i = self.columns.index.get(name)
        return self.fields[i] if i is not None and i < len(self.fields) else ""

    def number(self, name: str, limit: Limit | None = None) -> float | None:
        """The field as a number (None when empty); one outside ``limit`` is a problem."""
        raw = self.text(name).strip()
        if not raw:
            return None
        try:
            value = float(raw.replace(",", ".") if self.decimal_comma else raw)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            self.bad(name, f"{raw!r:.40} is not a number")
            return None
        if limit is not None and not limit.low <= value <= limit.high:  # (inline: 600,000 calls in 150,000 sets)
            self.bad(name, f"expected {limit.what}, found {raw[:40]}")
            return None
        return value

    def count(self, name: str, limit: Limit = INDEX) -> int | None:
        value = self.number(name)
        if value is None:
            return None
        if not value.is_integer() or value < 0:
            self.bad(name, f"{self.text(name).strip()!r:.40} is not a whole number")
            return None
        if not limit.low <= value <= limit.high:
            self.bad(name, f"expected {limit.what}, found {self.text(name).strip()[:40]}")
            return None
        return int(value)

    def name(self, column: str, value: str | None = None) -> str:
        """A workout's or an exercise's name (``value``: the column's text, read already): at most ``MAX_NAME``
        characters (the routine loader's limit)."""
        value = self.text(column) if value is None else value
        if len(value) > MAX_NAME:
            self.bad(column, f"expected at most {MAX_NAME} characters, found {len(value):,}")
        return value

    def date(self, name: str, forms: tuple[str, ...], example: str) -> datetime | None:
        raw = " ".join(self.text(name).replace("\u202f", " ").split())
        for form in forms:
            try:
                return datetime.strptime(raw, form)
            except ValueError:
                continue
        self.bad(name, f"{self.text(name)!r:.40} is not a date as the app writes it (like {example!r})")
        return None


@dataclass
class SetRow:
    """A set as read from a row, before it becomes a record."""

    exercise: str
    set_type: str = "normal"
    weight: float | None = None
    unit: str = "kg"
    reps: int | None = None
    seconds: float | None = None
    rpe: float | None = None
    notes: str = ""
    rest: float | None = None


@dataclass
class Workout:
    """The rows of one workout, and what the file says about the workout itself."""

    name: str
    started: datetime
    """As the file gives it: local wall-clock time, no offset."""
    seconds: float | None = None
    ended: datetime | None = None
    notes: str = ""
    rows: list[SetRow] = field(default_factory=list)


def to_session(source: str, workout: Workout, kind_map: dict[str, str], unit: str | None) -> Session:
    """A finished session of the workout's sets; its id comes from the source, the start and the name."""
    local = workout.started.astimezone()  # the wall-clock time of the file, with this computer's offset then
    ended = workout.ended or (workout.started + timedelta(seconds=workout.seconds or 0))
    seconds = workout.seconds if workout.seconds is not None else max(0.0, (ended - workout.started).total_seconds())
    blocks: list[list[SetRow]] = []
    for row in workout.rows:
        if blocks and blocks[-1][0].exercise == row.exercise:
            blocks[-1].append(row)
        else:
            blocks.append([row])
    sets: list[SetRecord] = []
    for index, block in enumerate(blocks):
        notes = block[0].notes
        said = next((n for n in SIDE_NOTES if notes == n or notes.startswith(n + "; ")), None)
        per_side = said is not None
        if said is not None:
            block[0].notes = notes[len(said) + 2:]
        for number, row in enumerate(block, 1):
            to = unit or row.unit
            sides = [Part(side, row.reps, row.seconds) for side in ("left", "right")] if per_side else []
            sets.append(SetRecord(row.exercise, index, number, len(block), reps=row.reps, hold_seconds=row.seconds,
                                  weight=convert(row.weight, row.unit, to), unit=to, rest_seconds=row.rest,
                                  rpe=row.rpe, notes=row.notes, sides=sides, set_type=row.set_type))
    key = f"{source}\n{workout.started.isoformat()}\n{workout.name}"
    return Session(id=uuid.uuid5(ID_SPACE, key).hex, routine=workout.name, kind=kind_map.get(workout.name, "gym"),
                   started=local.isoformat(timespec="seconds"),
                   ended=ended.astimezone().isoformat(timespec="seconds"), status="completed",
                   active_seconds=float(seconds), planned_sets=len(sets), notes=workout.notes, sets=sets)


def table(text: str, delimiter: str, problems: Problems, progress: Progress | None = None,
          decimal_comma: bool = False) -> tuple[Columns, Iterator[Row]]:
    """The header's columns, and the rows after it (a row with the wrong number of fields is a problem, and is
    not yielded); the progress callback hears every 5,000 rows."""
    rows = csv_rows(text, delimiter, problems)
    first = next(rows, None)
    if first is None:
        raise problems.whole("has no header row")
    columns = Columns(first[1])
    total = text.count("\n") + 1

    def body() -> Iterator[Row]:
        for n, (line, fields) in enumerate(rows):
            if progress is not None and n % 5000 == 0:
                progress(line, total)
            if len(fields) != len(columns.names):
                problems.add(line, min(len(fields), len(columns.names)) + 1,
                             f"the row has {plural(len(fields), 'field')}, the header {len(columns.names)} "
                             "(is the file cut short, or a field's quote missing?)")
                continue
            yield Row(line, fields, columns, problems, decimal_comma=decimal_comma)

    return columns, body()
