"""What an imported value may be, and the checks of a JSON session field by field. Never imports textual.

A value outside these limits is a wrong file or a typo, never a workout (a set of 10^20 reps, a 1e308 kg weight,
an RPE of 11, a 300-digit duration): the import is refused, one line per problem naming the field and what was
expected, instead of carrying the value into every later screen. The limits are the routine loader's where it has
one (a name's 255 characters, a kind, a unit) and otherwise wide enough for any real history; the README's
"Import and export" lists them.
"""

from __future__ import annotations

import math
from datetime import datetime
from functools import cache
from types import GenericAlias
from typing import Annotated, Any, Literal, NamedTuple

from runtrainer.core.routine_model import KINDS, MAX_NAME
from runtrainer.store.model import SET_TYPES, STATUSES
from runtrainer.units import UNITS


class Limit(NamedTuple):
    """A number from ``low`` to ``high``, said as ``what`` ("expected {what}, found …")."""

    low: float
    high: float
    what: str

    def holds(self, value: float) -> bool:
        return self.low <= value <= self.high


REPS = Limit(0, 10_000, "a whole number from 0 to 10,000")
"""A routine's target stops at 500 reps; a logged set (skipping, a step count) may pass it, never 10,000."""
RPE = Limit(0, 10, "a number from 0 to 10 (RPE)")
SET_SECONDS = Limit(0, 86_400, "a number of seconds from 0 to 86,400 (a day)")
"""A hold, a timed set, a rest: at most a day."""
SESSION_SECONDS = Limit(0, 7 * 86_400, "a number of seconds from 0 to 604,800 (a week)")
"""A workout's length: a week covers a clock left running over a holiday."""
WEIGHTS = {"kg": Limit(-1000, 1000, "a weight from -1,000 to 1,000 kg"),
           "lb": Limit(-2204.6, 2204.6, "a weight from -2,204.6 to 2,204.6 lb (1,000 kg)")}
"""The routine loader's 1,000 kg, in either unit; below 0 for an assisted set logged as a minus."""
INDEX = Limit(0, 10_000, "a whole number from 0 to 10,000")
SIDES = ("left", "right")
ISO_EXAMPLE = "2026-11-28T07:00:00+01:00"


def found(value: Any) -> str:
    """A value as a problem line quotes it: short, and the way the file wrote it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, str):
        return f'"{value[:40]}…" ({len(value):,} characters)' if len(value) > 40 else f'"{value}"'
    if isinstance(value, int) and abs(value) >= 10**15:
        return f"a number of {len(str(abs(value)))} digits"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return "a list" if isinstance(value, list) else "an object" if isinstance(value, dict) else type(value).__name__


def _name(value: Any, empty_ok: bool = True) -> str | None:
    if not isinstance(value, str):
        return f"expected a text, found {found(value)}"
    if not empty_ok and not value.strip():
        return "expected a name, found an empty text"
    if len(value) > MAX_NAME:
        return f"expected at most {MAX_NAME} characters, found {len(value):,}"
    return None


def _one_of(choices: tuple[str, ...]) -> Any:
    def check(value: Any) -> str | None:
        if value in choices and isinstance(value, str):
            return None
        return f"expected {' or '.join(repr(c).replace(chr(39), chr(34)) for c in choices)}, found {found(value)}"
    return check


def _number(limit: Limit, whole: bool = False, null: bool = True) -> Any:
    def check(value: Any) -> str | None:
        if value is None and null:
            return None
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not number:
            return f"expected {'a whole number' if whole else 'a number'}{' or null' if null else ''}, found " \
                   f"{found(value)}"
        if not math.isfinite(value):
            return f"expected a finite number, found {found(value)}"
        if whole and not isinstance(value, int) or not limit.holds(value):
            return f"expected {limit.what}, found {found(value)}"
        return None
    return check


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) else f"expected a text, found {found(value)}"


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"expected true or false, found {found(value)}"


def _moment(value: Any, empty_ok: bool) -> str | None:
    if isinstance(value, str) and (value or not empty_ok):
        try:
            datetime.fromisoformat(value)
            return None
        except ValueError:
            pass
    elif isinstance(value, str):
        return None
    return f"expected an ISO date and time like {ISO_EXAMPLE}, found {found(value)}"


def _short_or_moment(value: Any) -> str | None:
    """A stored session's end: a whole time, "" or, schema 3, "HH:MM:SS" on its day."""
    if isinstance(value, str) and len(value) == 8 and value[2] == ":" and value[5] == ":":
        return None
    return _moment(value, empty_ok=True)


PART = {"side": _one_of(SIDES), "reps": _number(REPS, whole=True), "hold_seconds": _number(SET_SECONDS),
        "completed": _flag, "skipped": _flag, "started": _text, "ended": _text}
SET = {"exercise": lambda v: _name(v, empty_ok=False), "exercise_index": _number(INDEX, True, False),
       "set_number": _number(INDEX, True, False), "set_count": _number(INDEX, True, False),
       "target_low": _number(REPS, whole=True), "target_high": _number(REPS, whole=True),
       "reps": _number(REPS, whole=True), "hold_seconds": _number(SET_SECONDS), "unit": _one_of(UNITS),
       "rest_seconds": _number(SESSION_SECONDS), "duration_seconds": _number(SESSION_SECONDS, null=False),
       "completed": _flag, "skipped": _flag, "rpe": _number(RPE), "notes": _text, "started": _text,
       "ended": _text, "set_type": _one_of(SET_TYPES), "side": _one_of(SIDES)}
"""Each field a set may have (``side``: schema 1's one row per side) and its check; the weight's depends on the
unit (below). A set's recorded time and the rest after it may be as long as its workout (a pause stretches them);
its times are texts, not looked into (nor are they by the store: what reads one copes with one it cannot read)."""
SESSION = {"id": lambda v: _name(v, empty_ok=False), "routine": _name, "kind": _one_of(KINDS),
           "started": lambda v: _moment(v, empty_ok=False), "ended": _short_or_moment, "status": _one_of(STATUSES),
           "active_seconds": _number(SESSION_SECONDS, null=False),
           "paused_seconds": _number(SESSION_SECONDS, null=False), "planned_sets": _number(INDEX, True, False),
           "routine_id": _name, "notes": _text}
REQUIRED = ("id", "routine", "kind", "started")


def session_problems(data: Any) -> list[str]:
    """Every problem of one session of a JSON file, as "path: expected …, found …" (the path as ``sets[2] >
    weight``, counted from 0 as a JSON path); [] for a session the store would keep as it is."""
    return [] if passes(data) else field_problems(data)


def field_problems(data: Any) -> list[str]:
    """``session_problems`` in Python, field by field (every problem, each with its path)."""
    if not isinstance(data, dict):
        return [f"expected an object, found {found(data)}"]
    out = [f"{key}: missing (expected {'a text' if key != 'started' else 'an ISO date and time'})"
           for key in REQUIRED if key not in data]
    out += _fields(data, SESSION, "")
    sets = data.get("sets", [])
    if not isinstance(sets, list):
        return [*out, f"sets: expected a list of sets, found {found(sets)}"]
    for i, record in enumerate(sets):
        where = f"sets[{i}]"
        if not isinstance(record, dict):
            out.append(f"{where}: expected an object, found {found(record)}")
            continue
        out += _fields(record, SET, f"{where} > ")
        out += _weight(record, f"{where} > ")
        sides = record.get("sides", [])
        if not isinstance(sides, list):
            out.append(f"{where} > sides: expected a list of sides, found {found(sides)}")
            continue
        for j, part in enumerate(sides):
            if not isinstance(part, dict):
                out.append(f"{where} > sides[{j}]: expected an object, found {found(part)}")
                continue
            out += _fields(part, PART, f"{where} > sides[{j}] > ")
    return out


def _fields(data: dict[str, Any], checks: dict[str, Any], where: str) -> list[str]:
    out = []
    for key, value in data.items():
        check = checks.get(key)
        problem = check(value) if check is not None else None
        if problem:
            out.append(f"{where}{key}: {problem}")
    return out


def _weight(record: dict[str, Any], where: str) -> list[str]:
    if "weight" not in record:
        return []
    unit = record.get("unit", "kg")
    problem = _number(WEIGHTS.get(unit, WEIGHTS["kg"]))(record["weight"])
    return [f"{where}weight: {problem}"] if problem else []


def order_problem(started: str, ended: str) -> str | None:
    """"ended: …" when a session ends before it starts (both whole ISO times by now), else None."""
    if not ended:
        return None
    try:
        early = datetime.fromisoformat(ended) < datetime.fromisoformat(started)
    except (TypeError, ValueError):  # one with an offset, one without: not comparable, so not known wrong
        return None
    return f"ended: expected a time after started ({started}), found {found(ended)}" if early else None


def passes(data: Any) -> bool:
    """The checks above, done by msgspec in C (a Python loop over 150,000 sets took 1.6 s of a 65 MB import): True
    only for what they accept. What it refuses, or a weight between 1,000 and 2,204.6 lb (its limit is the kg one),
    is looked at field by field, to say every problem; without msgspec, everything is."""
    checker = _checker()
    if checker is None or not isinstance(data, dict):
        return False
    try:
        checker(data)
    except ValueError:  # msgspec's ValidationError is one
        return False
    return _moment(data["started"], empty_ok=False) is None and _short_or_moment(data.get("ended", "")) is None


@cache
def _checker() -> Any:
    """msgspec.convert into Structs that hold ``SESSION``'s, ``SET``'s and ``PART``'s checks as constraints."""
    try:
        import msgspec
    except ImportError:  # pragma: no cover - an interpreter without msgspec
        return None
    from msgspec import UNSET, Meta, UnsetType

    def number(limit: Limit, kind: type = float) -> Any:
        return Annotated[kind, Meta(ge=limit.low, le=limit.high)]

    name = Annotated[str, Meta(max_length=MAX_NAME)]
    named = Annotated[str, Meta(max_length=MAX_NAME, pattern=r"\S")]
    reps, index = number(REPS, int), number(INDEX, int)
    part = msgspec.defstruct("Part", gc=False, fields=[
        ("side", Literal[SIDES]), ("reps", reps | None, None), ("hold_seconds", number(SET_SECONDS) | None, None),
        ("completed", bool, True), ("skipped", bool, False), ("started", str, ""), ("ended", str, "")])
    record = msgspec.defstruct("Set", gc=False, fields=[
        ("exercise", named), ("exercise_index", index), ("set_number", index), ("set_count", index),
        ("target_low", reps | None, None), ("target_high", reps | None, None), ("reps", reps | None, None),
        ("hold_seconds", number(SET_SECONDS) | None, None),
        ("weight", number(Limit(-1000, 1000, "")) | None, None), ("unit", Literal[UNITS], "kg"),
        ("rest_seconds", number(SESSION_SECONDS) | None, None), ("duration_seconds", number(SESSION_SECONDS), 0.0),
        ("completed", bool, True), ("skipped", bool, False), ("rpe", number(RPE) | None, None), ("notes", str, ""),
        ("started", str, ""), ("ended", str, ""), ("set_type", Literal[SET_TYPES], "normal"),
        ("side", Literal[SIDES] | UnsetType, UNSET),
        ("sides", GenericAlias(list, (part,)), msgspec.field(default_factory=list))])
    session = msgspec.defstruct("Session", gc=False, fields=[
        ("id", named), ("routine", name), ("kind", Literal[KINDS]), ("started", str), ("ended", str, ""),
        ("status", Literal[STATUSES], "completed"), ("active_seconds", number(SESSION_SECONDS), 0.0),
        ("paused_seconds", number(SESSION_SECONDS), 0.0), ("planned_sets", index, 0), ("routine_id", name, ""),
        ("notes", str, ""), ("sets", GenericAlias(list, (record,)), msgspec.field(default_factory=list))])

    def check(data: dict[str, Any]) -> None:
        msgspec.convert(data, session)

    return check
