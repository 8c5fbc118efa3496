"""The routine model and its TOML loader.

A routine is data: a TOML file a runner can read, copy and change. The loader collects every problem it
finds (file, line, field path, what was expected, what was found) instead of stopping at the first, so one
run of ``runtrainer routines check`` tells the runner everything to fix.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("gym", "post-run")
TEMPO_PHASES = ("lift", "hold", "lower", "pause")
MAX_FILE_BYTES = 1_000_000
MAX_SETS = 50
MAX_REPS = 500
MAX_PHASE_SECONDS = 3600


@dataclass(frozen=True)
class RepTarget:
    """Reps for a set: a single number, or a range such as 12-16 (the article's "a dozen to 16")."""

    low: int
    high: int

    @property
    def label(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


@dataclass(frozen=True)
class TempoPhase:
    """One timed part of a rep: lift, hold (at the top), lower, or pause (at the bottom)."""

    name: str
    seconds: float


@dataclass(frozen=True)
class Exercise:
    name: str
    sets: int
    reps: RepTarget | None = None
    """Reps per set (per side for unilateral work); None for a timed hold."""
    hold_seconds: float | None = None
    """A timed hold instead of reps (a plank, a wall sit)."""
    tempo: tuple[TempoPhase, ...] = ()
    """The rep, phase by phase. Empty: the set is self-paced and the runner says when it is done."""
    per_side: bool = False
    """Left then right make one set."""
    switch_seconds: float = 5
    rest_seconds: float = 0
    """Rest between the sets of this exercise."""
    rest_after_seconds: float = 0
    """Rest after the last set, before the next exercise."""
    variations: tuple[str, ...] = ()
    """One per set, cycled (the leg press's foot positions)."""
    equipment: str = ""
    weight: float | None = None
    unit: str = "kg"
    note: str = ""

    @property
    def rep_seconds(self) -> float:
        return sum(p.seconds for p in self.tempo)

    def variation_for(self, set_index: int) -> str:
        return self.variations[set_index % len(self.variations)] if self.variations else ""


@dataclass(frozen=True)
class Routine:
    name: str
    kind: str
    exercises: tuple[Exercise, ...]
    description: str = ""
    get_ready_seconds: float = 10
    count_in_seconds: float = 5
    """The count-in before every later set (3-2-1 at its end), so no set starts by surprise (our default)."""
    after_rest: str = "start"
    """"start": the count-in follows the rest by itself; "wait": it waits for the runner (as Strong and Hevy)."""
    source: str = field(default="", compare=False)
    """The file's text, comments included, so `routines show` gives back what was written."""
    path: Path | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a routine file, rendered as one line."""

    file: str
    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        loc = f"{self.file}:{self.line}" if self.line else self.file
        return f"{loc}: {self.where}: {self.message}" if self.where else f"{loc}: {self.message}"


class RoutineError(Exception):
    """A routine file could not be used; ``problems`` says every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


# --- tempo ---------------------------------------------------------------------------------------------

_NAMED_PHASE = re.compile(r"^\s*(lift|hold|lower|pause)\s+(\d+(?:\.\d+)?)\s*s?\s*$", re.IGNORECASE)
_LIFTERS = re.compile(r"^\s*([0-9xX]+(?:\.\d+)?)-([0-9xX]+(?:\.\d+)?)-([0-9xX]+(?:\.\d+)?)-([0-9xX]+(?:\.\d+)?)\s*$")


def parse_tempo(text: str) -> tuple[TempoPhase, ...]:
    """Parse "lift 1, hold 3, lower 2" or the lifters' four numbers "3-1-2-0".

    The four numbers are lower, pause at the bottom, lift, hold at the top (eccentric first, as lifters
    write it); an X (explosive) counts as 1 s and a 0 drops that phase.
    """
    m = _LIFTERS.match(text)
    if m:
        names = ("lower", "pause", "lift", "hold")
        phases = []
        for name, raw in zip(names, m.groups(), strict=True):
            seconds = 1.0 if raw.lower() == "x" else float(raw)
            if seconds > 0:
                phases.append(TempoPhase(name, seconds))
        if not phases:
            raise ValueError("all four tempo numbers are 0")
        return tuple(phases)
    phases = []
    for part in text.split(","):
        pm = _NAMED_PHASE.match(part)
        if not pm:
            raise ValueError(
                f'"{part.strip()}" is not a phase; expected e.g. "lift 1, hold 3, lower 2" '
                f'(phases: {", ".join(TEMPO_PHASES)}) or four numbers like "3-1-2-0"'
            )
        seconds = float(pm.group(2))
        if seconds <= 0:
            raise ValueError(f'"{part.strip()}": a phase must last more than 0 s')
        phases.append(TempoPhase(pm.group(1).lower(), seconds))
    return tuple(phases)


def format_tempo(tempo: tuple[TempoPhase, ...]) -> str:
    return ", ".join(f"{p.name} {_num(p.seconds)}" for p in tempo)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# --- loading ------------------------------------------------------------------------------------------

_TOP_KEYS = {"name", "kind", "description", "get_ready_seconds", "count_in_seconds", "after_rest", "exercises"}
AFTER_REST = ("start", "wait")
_EX_KEYS = {
    "name", "sets", "reps", "hold_seconds", "tempo", "per_side", "switch_seconds", "rest_seconds",
    "rest_after_seconds", "variations", "equipment", "weight", "unit", "note",
}


class _Collector:
    def __init__(self, text: str, filename: str) -> None:
        self.filename = filename
        self.lines = text.splitlines()
        self.problems: list[Problem] = []
        self._ex_starts = [i for i, line in enumerate(self.lines) if line.strip().startswith("[[exercises]]")]

    def line_of(self, key: str, exercise: int | None) -> int | None:
        """Best-effort line number of ``key`` (at top level, or in the given [[exercises]] block)."""
        if exercise is None:
            lo, hi = 0, self._ex_starts[0] if self._ex_starts else len(self.lines)
        elif exercise < len(self._ex_starts):
            lo = self._ex_starts[exercise]
            hi = self._ex_starts[exercise + 1] if exercise + 1 < len(self._ex_starts) else len(self.lines)
        else:
            return None
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        for i in range(lo, hi):
            if pattern.match(self.lines[i]):
                return i + 1
        return lo + 1 if exercise is not None else None

    def add(self, where: str, message: str, key: str | None = None, exercise: int | None = None) -> None:
        line = self.line_of(key, exercise) if key else (
            self._ex_starts[exercise] + 1 if exercise is not None and exercise < len(self._ex_starts) else None
        )
        self.problems.append(Problem(self.filename, line, where, message))


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a true/false)"
    if isinstance(value, str):
        return f'"{value}" (text)' if len(value) < 40 else "a text"
    if isinstance(value, int | float):
        return f"{value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    return type(value).__name__


def _did_you_mean(key: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _seconds(c: _Collector, data: Mapping[str, Any], key: str, where: str, ex: int | None,
             default: float, allow_zero: bool = True) -> float:
    if key not in data:
        return default
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        c.add(f"{where} > {key}", f"expected a number of seconds, found {_describe(value)}", key, ex)
        return default
    if value < 0 or (value == 0 and not allow_zero):
        c.add(f"{where} > {key}", f"expected more than 0 seconds, found {_describe(value)}", key, ex)
        return default
    if value > MAX_PHASE_SECONDS:
        c.add(f"{where} > {key}", f"expected at most {MAX_PHASE_SECONDS} seconds (an hour), found {value}", key, ex)
        return default
    return float(value)


def _text(c: _Collector, data: Mapping[str, Any], key: str, where: str, ex: int | None,
          default: str = "", required: bool = False) -> str:
    if key not in data:
        if required:
            c.add(where, f'missing "{key}" (expected a text)', None, ex)
        return default
    value = data[key]
    if not isinstance(value, str):
        c.add(f"{where} > {key}", f"expected a text, found {_describe(value)}", key, ex)
        return default
    if required and not value.strip():
        c.add(f"{where} > {key}", "expected a non-empty text, found an empty one", key, ex)
    return value


def _exercise(c: _Collector, data: Any, i: int) -> Exercise | None:
    name = data.get("name") if isinstance(data, Mapping) else None
    where = f'exercise {i + 1} "{name}"' if isinstance(name, str) and name else f"exercise {i + 1}"
    if not isinstance(data, Mapping):
        c.add(where, f"expected a table of fields, found {_describe(data)}", None, i)
        return None
    for key in data:
        if key not in _EX_KEYS:
            c.add(f"{where} > {key}", f"unknown field{_did_you_mean(key, _EX_KEYS)}", key, i)
    before = len(c.problems)
    name = _text(c, data, "name", where, i, required=True)

    sets = 1
    if "sets" not in data:
        c.add(where, 'missing "sets" (expected a whole number from 1 to 50)', None, i)
    else:
        raw = data["sets"]
        if isinstance(raw, bool) or not isinstance(raw, int):
            c.add(f"{where} > sets", f"expected a whole number from 1 to {MAX_SETS}, found {_describe(raw)}",
                  "sets", i)
        elif not 1 <= raw <= MAX_SETS:
            c.add(f"{where} > sets", f"expected a whole number from 1 to {MAX_SETS}, found {raw}", "sets", i)
        else:
            sets = raw

    reps: RepTarget | None = None
    if "reps" in data:
        raw = data["reps"]
        expected = f"a whole number from 1 to {MAX_REPS}, or a range [low, high] such as [12, 16]"
        if isinstance(raw, int) and not isinstance(raw, bool) and 1 <= raw <= MAX_REPS:
            reps = RepTarget(raw, raw)
        elif (isinstance(raw, list) and len(raw) == 2
              and all(isinstance(x, int) and not isinstance(x, bool) and 1 <= x <= MAX_REPS for x in raw)):
            if raw[0] > raw[1]:
                c.add(f"{where} > reps", f"the range is upside down: expected low <= high, found [{raw[0]}, "
                      f"{raw[1]}]", "reps", i)
            else:
                reps = RepTarget(raw[0], raw[1])
        else:
            c.add(f"{where} > reps", f"expected {expected}, found {_describe(raw)}", "reps", i)

    hold = None
    if "hold_seconds" in data:
        hold = _seconds(c, data, "hold_seconds", where, i, 0, allow_zero=False) or None
    if "reps" in data and "hold_seconds" in data:
        c.add(where, 'give either "reps" or "hold_seconds" (a timed hold), not both', "hold_seconds", i)
    elif "reps" not in data and "hold_seconds" not in data:
        c.add(where, 'missing "reps" (a number or [low, high]) or "hold_seconds" (a timed hold)', None, i)

    tempo: tuple[TempoPhase, ...] = ()
    if "tempo" in data:
        raw = data["tempo"]
        if not isinstance(raw, str):
            c.add(f"{where} > tempo", f'expected a text such as "lift 1, hold 3, lower 2", found {_describe(raw)}',
                  "tempo", i)
        else:
            try:
                tempo = parse_tempo(raw)
            except ValueError as exc:
                c.add(f"{where} > tempo", str(exc), "tempo", i)
            else:
                long = [p for p in tempo if p.seconds > MAX_PHASE_SECONDS]
                if long:
                    c.add(f"{where} > tempo", f"a phase longer than an hour ({long[0].name} {long[0].seconds:g})",
                          "tempo", i)
                    tempo = ()
                if "hold_seconds" in data:
                    c.add(f"{where} > tempo", 'a tempo paces reps; a timed hold ("hold_seconds") has none',
                          "tempo", i)

    per_side = False
    if "per_side" in data:
        raw = data["per_side"]
        if not isinstance(raw, bool):
            c.add(f"{where} > per_side", f"expected true or false, found {_describe(raw)}", "per_side", i)
        else:
            per_side = raw

    variations: tuple[str, ...] = ()
    if "variations" in data:
        raw = data["variations"]
        if not isinstance(raw, list) or not raw or not all(isinstance(v, str) and v.strip() for v in raw):
            c.add(f"{where} > variations", f'expected a list of texts such as ["feet high", "feet low"], found '
                  f"{_describe(raw)}", "variations", i)
        else:
            variations = tuple(raw)

    weight = None
    if "weight" in data:
        raw = data["weight"]
        if isinstance(raw, bool) or not isinstance(raw, int | float) or raw < 0 or raw > 1000:
            c.add(f"{where} > weight", f"expected a number from 0 to 1000, found {_describe(raw)}", "weight", i)
        else:
            weight = float(raw)
    unit = _text(c, data, "unit", where, i, "kg")
    if unit not in ("kg", "lb"):
        c.add(f"{where} > unit", f'expected "kg" or "lb", found {_describe(unit)}', "unit", i)
        unit = "kg"

    ex = Exercise(
        name=name,
        sets=sets,
        reps=reps,
        hold_seconds=hold,
        tempo=tempo,
        per_side=per_side,
        switch_seconds=_seconds(c, data, "switch_seconds", where, i, 5, allow_zero=False),
        rest_seconds=_seconds(c, data, "rest_seconds", where, i, 0),
        rest_after_seconds=_seconds(c, data, "rest_after_seconds", where, i, 0),
        variations=variations,
        equipment=_text(c, data, "equipment", where, i),
        weight=weight,
        unit=unit,
        note=_text(c, data, "note", where, i),
    )
    return ex if len(c.problems) == before else None


def parse_routine(text: str, filename: str = "<routine>", path: Path | None = None) -> Routine:
    """Build a Routine from TOML text, or raise RoutineError naming every problem."""
    c = _Collector(text, filename)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise RoutineError([Problem(filename, None, "", "file is over 1 MB; a routine is a few kB")])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line = int(m.group(1)) if m else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg) if m else msg
        if m:
            reason += f" (column {m.group(2)})"
        raise RoutineError([Problem(filename, line, "", f"not valid TOML: {reason}")]) from None

    for key in data:
        if key not in _TOP_KEYS:
            c.add(key, f"unknown field{_did_you_mean(key, _TOP_KEYS)}", key, None)
    name = _text(c, data, "name", "routine", None, required=True)
    kind = _text(c, data, "kind", "routine", None, required=True)
    if "kind" in data and isinstance(data["kind"], str) and kind not in KINDS:
        c.add("routine > kind", f'expected "gym" or "post-run", found {_describe(kind)}', "kind", None)
    description = _text(c, data, "description", "routine", None)
    get_ready = _seconds(c, data, "get_ready_seconds", "routine", None, 10)
    count_in = _seconds(c, data, "count_in_seconds", "routine", None, 5)
    after_rest = _text(c, data, "after_rest", "routine", None) or "start"
    if after_rest not in AFTER_REST:
        c.add("routine > after_rest", f'expected "start" or "wait", found {_describe(after_rest)}', "after_rest", None)

    exercises: list[Exercise] = []
    raw_ex = data.get("exercises")
    if raw_ex is None:
        c.add("routine", "no exercises: expected at least one [[exercises]] table")
    elif not isinstance(raw_ex, list) or not raw_ex:
        c.add("routine > exercises", f"expected [[exercises]] tables, found {_describe(raw_ex)}", "exercises")
    else:
        for i, item in enumerate(raw_ex):
            ex = _exercise(c, item, i)
            if ex is not None:
                exercises.append(ex)
    if c.problems:
        raise RoutineError(c.problems)
    return Routine(name=name, kind=kind, exercises=tuple(exercises), description=description,
                   get_ready_seconds=get_ready, count_in_seconds=count_in, after_rest=after_rest, source=text,
                   path=path)


def load_routine(path: Path) -> Routine:
    """Read and parse a routine file; unreadable files are problems too, never tracebacks."""
    name = str(path)
    try:
        if path.is_dir():
            raise RoutineError([Problem(name, None, "", "is a directory; expected a .toml routine file")])
        if path.stat().st_size > MAX_FILE_BYTES:
            raise RoutineError([Problem(name, None, "", "file is over 1 MB; a routine is a few kB")])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RoutineError([Problem(name, None, "", "no such file")]) from None
    except OSError as exc:
        raise RoutineError([Problem(name, None, "", f"cannot read it: {exc.strerror or exc}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RoutineError([Problem(name, None, "", f"not UTF-8 text (byte {exc.start})")]) from None
    return parse_routine(text, name, path)


def to_toml(routine: Routine) -> str:
    """Write a routine in the format users write (used when there is no source text to give back)."""

    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    out = [f"name = {q(routine.name)}", f"kind = {q(routine.kind)}"]
    if routine.description:
        out.append(f"description = {q(routine.description)}")
    out.append(f"get_ready_seconds = {_num(routine.get_ready_seconds)}")
    if routine.count_in_seconds != 5:
        out.append(f"count_in_seconds = {_num(routine.count_in_seconds)}")
    if routine.after_rest != "start":
        out.append(f"after_rest = {q(routine.after_rest)}")
    for ex in routine.exercises:
        out += ["", "[[exercises]]", f"name = {q(ex.name)}", f"sets = {ex.sets}"]
        if ex.reps:
            out.append(f"reps = {ex.reps.low}" if ex.reps.low == ex.reps.high
                       else f"reps = [{ex.reps.low}, {ex.reps.high}]")
        if ex.hold_seconds:
            out.append(f"hold_seconds = {_num(ex.hold_seconds)}")
        if ex.tempo:
            out.append(f"tempo = {q(format_tempo(ex.tempo))}")
        if ex.per_side:
            out.append("per_side = true")
        if ex.per_side or ex.switch_seconds != 5:
            out.append(f"switch_seconds = {_num(ex.switch_seconds)}")
        out.append(f"rest_seconds = {_num(ex.rest_seconds)}")
        out.append(f"rest_after_seconds = {_num(ex.rest_after_seconds)}")
        if ex.variations:
            out.append("variations = [" + ", ".join(q(v) for v in ex.variations) + "]")
        if ex.equipment:
            out.append(f"equipment = {q(ex.equipment)}")
        if ex.weight is not None:
            out.append(f"weight = {_num(ex.weight)}")
        if ex.weight is not None or ex.unit != "kg":
            out.append(f"unit = {q(ex.unit)}")
        if ex.note:
            out.append(f"note = {q(ex.note)}")
    return "\n".join(out) + "\n"
