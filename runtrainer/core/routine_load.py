"""Reading a routine from TOML. Never imports textual.

The loader collects every problem it finds (file, line, field path, what was expected, what was found) instead
of stopping at the first, so one run of ``runtrainer routines check`` tells the runner everything to fix. It is
linear in the size of the file (any file under the 1 MB limit loads in well under a second) and reads only
regular files, at most 1 MB of them (``reading.read_regular``): a FIFO or a link to /dev/zero is a problem, not
a hang."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from runtrainer.core.routine_model import (
    KINDS,
    MAX_FILE_BYTES,
    MAX_NAME,
    MAX_PHASE_SECONDS,
    MAX_REPS,
    MAX_SETS,
    SIDE_WORDS,
    Exercise,
    Problem,
    RepTarget,
    Routine,
    RoutineError,
    TempoPhase,
    parse_tempo,
)
from runtrainer.core.routine_text import decode, describe, did_you_mean, parse_toml
from runtrainer.reading import read_regular
from runtrainer.text import controls_in

MAX_PROBLEMS = 50
"""Problems reported one by one; past this only counted (a file of 10,000 unknown keys gets one summary line)."""

_TOP_KEYS = {"name", "kind", "description", "get_ready_seconds", "count_in_seconds", "after_rest", "exercises"}
AFTER_REST = ("start", "wait")
_EX_KEYS = {
    "name", "sets", "reps", "hold_seconds", "tempo", "per_side", "switch_seconds", "rest_seconds",
    "rest_after_seconds", "variations", "equipment", "weight", "unit", "note",
}
_MULTILINE = {"description", "note"}
"""Texts that may span lines (a TOML multi-line string); every other text is one line."""
_KEY = re.compile(r"""^\s*(?:"([^"\\]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*[.=]""")
TOO_BIG = "file is over 1 MB; a routine is a few kB"


class _Collector:
    def __init__(self, text: str, filename: str) -> None:
        self.filename = filename
        self.lines = text.splitlines()
        self.problems: list[Problem] = []
        self.count = 0
        """Every problem found, including those past MAX_PROBLEMS that are only counted."""
        self._ex_starts = [i for i, line in enumerate(self.lines) if line.strip().startswith("[[exercises]]")]
        self._keys: dict[tuple[int | None, str], int] | None = None

    @property
    def full(self) -> bool:
        return self.count >= MAX_PROBLEMS

    def _index(self) -> dict[tuple[int | None, str], int]:
        """(exercise block or None for the top, key) -> its first line: built once, in one pass."""
        if self._keys is None:
            self._keys = {}
            block: int | None = None
            for i, line in enumerate(self.lines):
                if line.strip().startswith("[[exercises]]"):
                    block = 0 if block is None else block + 1
                    continue
                m = _KEY.match(line)
                if m:
                    self._keys.setdefault((block, next(g for g in m.groups() if g is not None)), i + 1)
        return self._keys

    def line_of(self, key: str, exercise: int | None) -> int | None:
        """Best-effort line number of ``key`` (at top level, or in the given [[exercises]] block)."""
        if exercise is not None and exercise >= len(self._ex_starts):
            return None
        found = self._index().get((exercise, key))
        if found is None and exercise is not None:
            return self._ex_starts[exercise] + 1
        return found

    def add(self, where: str, message: str, key: str | None = None, exercise: int | None = None) -> None:
        self.count += 1
        if self.count > MAX_PROBLEMS:
            return
        line = self.line_of(key, exercise) if key else (
            self._ex_starts[exercise] + 1 if exercise is not None and exercise < len(self._ex_starts) else None
        )
        self.problems.append(Problem(self.filename, line, where, message))

    def unknown_keys(self, data: Mapping[str, Any], known: set[str], where: str, exercise: int | None) -> None:
        for key in data:
            if key not in known:
                hint = "" if self.full else did_you_mean(key, known)  # difflib only for the lines shown
                self.add(f"{where} > {key}" if where else key, f"unknown field{hint}", key, exercise)

    def report(self) -> list[Problem]:
        """The problems in line order (the file's own problems first), and how many more were not listed."""
        out = sorted(self.problems, key=lambda p: p.line or 0)
        if self.count > len(out):
            out.append(Problem(self.filename, None, "", f"... and {self.count - len(out)} more "
                               f"{'problem' if self.count - len(out) == 1 else 'problems'} not listed"))
        return out


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _seconds(c: _Collector, data: Mapping[str, Any], key: str, where: str, ex: int | None,
             default: float, allow_zero: bool = True) -> float:
    if key not in data:
        return default
    value = data[key]
    if not _is_number(value):
        c.add(f"{where} > {key}", f"expected a number of seconds, found {describe(value)}", key, ex)
        return default
    if not math.isfinite(value):
        c.add(f"{where} > {key}", f"expected a finite number of seconds, found {value}", key, ex)
        return default
    if value < 0 or (value == 0 and not allow_zero):
        c.add(f"{where} > {key}", f"expected more than 0 seconds, found {describe(value)}", key, ex)
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
        c.add(f"{where} > {key}", f"expected a text, found {describe(value)}", key, ex)
        return default
    if required and not value.strip():
        c.add(f"{where} > {key}", "expected a non-empty text, found an empty one", key, ex)
    if key == "name" and len(value) > MAX_NAME:
        c.add(f"{where} > {key}", f"expected at most {MAX_NAME} characters, found {len(value):,}", key, ex)
        return default
    if not _no_controls(c, value, key, where, ex):
        return default
    return value


def _no_controls(c: _Collector, value: str, key: str, where: str, ex: int | None) -> bool:
    """Control characters (an ESC, a BEL, a C1 CSI) could steer the terminal the text is shown in, and bidi
    controls (a right-to-left override) reorder what is read: refused. A tab is fine anywhere; a line break
    only in a note or a description."""
    found = controls_in(value, allow_newlines=key in _MULTILINE)
    if found:
        lines = "" if key in _MULTILINE else " or line breaks"
        c.add(f"{where} > {key}", f"control characters ({found}) are not allowed in a text{lines}", key, ex)
    return not found


# --- one exercise, field by field ---------------------------------------------------------------------

def _sets(c: _Collector, data: Mapping[str, Any], where: str, i: int) -> int:
    if "sets" not in data:
        c.add(where, f'missing "sets" (expected a whole number from 1 to {MAX_SETS})', None, i)
        return 1
    raw = data["sets"]
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= MAX_SETS:
        c.add(f"{where} > sets", f"expected a whole number from 1 to {MAX_SETS}, found {describe(raw)}", "sets", i)
        return 1
    return raw


def _reps(c: _Collector, data: Mapping[str, Any], where: str, i: int) -> RepTarget | None:
    if "reps" not in data:
        return None
    raw = data["reps"]

    def ok(x: Any) -> bool:
        return isinstance(x, int) and not isinstance(x, bool) and 1 <= x <= MAX_REPS

    if ok(raw):
        return RepTarget(raw, raw)
    if isinstance(raw, list) and len(raw) == 2 and all(ok(x) for x in raw):
        if raw[0] <= raw[1]:
            return RepTarget(raw[0], raw[1])
        c.add(f"{where} > reps", f"the range is upside down: expected low <= high, found [{raw[0]}, {raw[1]}]",
              "reps", i)
        return None
    expected = f"a whole number from 1 to {MAX_REPS}, or a range [low, high] such as [12, 16]"
    c.add(f"{where} > reps", f"expected {expected}, found {describe(raw)}", "reps", i)
    return None


def _hold(c: _Collector, data: Mapping[str, Any], where: str, i: int) -> float | None:
    hold = None
    if "hold_seconds" in data:
        hold = _seconds(c, data, "hold_seconds", where, i, 0, allow_zero=False) or None
    if "reps" in data and "hold_seconds" in data:
        c.add(where, 'give either "reps" or "hold_seconds" (a timed hold), not both', "hold_seconds", i)
    elif "reps" not in data and "hold_seconds" not in data:
        c.add(where, 'missing "reps" (a number or [low, high]) or "hold_seconds" (a timed hold)', None, i)
    return hold


def _tempo(c: _Collector, data: Mapping[str, Any], where: str, i: int) -> tuple[TempoPhase, ...]:
    if "tempo" not in data:
        return ()
    raw = data["tempo"]
    if not isinstance(raw, str):
        c.add(f"{where} > tempo", f'expected a text such as "lift 1, hold 3, lower 2", found {describe(raw)}',
              "tempo", i)
        return ()
    try:
        tempo = parse_tempo(raw)
    except ValueError as exc:
        c.add(f"{where} > tempo", str(exc), "tempo", i)
        return ()
    long = [p for p in tempo if p.seconds > MAX_PHASE_SECONDS]
    if long:
        c.add(f"{where} > tempo", f"a phase longer than an hour ({long[0].name} {long[0].seconds:g})", "tempo", i)
        tempo = ()
    if "hold_seconds" in data:
        c.add(f"{where} > tempo", 'a tempo paces reps; a timed hold ("hold_seconds") has none', "tempo", i)
    return tempo


def _per_side(c: _Collector, data: Mapping[str, Any], where: str, i: int) -> tuple[bool, str]:
    raw = data.get("per_side", False)
    if isinstance(raw, bool) or raw in SIDE_WORDS:
        return (raw, "leg") if isinstance(raw, bool) else (True, raw)
    c.add(f"{where} > per_side", f'expected true, false, "leg", "side" or "arm", found {describe(raw)}', "per_side", i)
    return False, "leg"


def _variations(c: _Collector, data: Mapping[str, Any], where: str, i: int) -> tuple[str, ...]:
    if "variations" not in data:
        return ()
    raw = data["variations"]
    if not isinstance(raw, list) or not raw or not all(isinstance(v, str) and v.strip() for v in raw):
        c.add(f"{where} > variations", f'expected a list of texts such as ["feet high", "feet low"], found '
              f"{describe(raw)}", "variations", i)
        return ()
    if not _no_controls(c, "".join(raw), "variations", where, i):
        return ()
    if max(len(v) for v in raw) > MAX_NAME:
        c.add(f"{where} > variations", f"expected names of at most {MAX_NAME} characters, found one of "
              f"{max(len(v) for v in raw):,}", "variations", i)
        return ()
    return tuple(raw)


def _weight(c: _Collector, data: Mapping[str, Any], where: str, i: int) -> float | None:
    if "weight" not in data:
        return None
    raw = data["weight"]
    if not _is_number(raw) or not math.isfinite(raw) or not 0 <= raw <= 1000:
        c.add(f"{where} > weight", f"expected a number from 0 to 1000, found {describe(raw)}", "weight", i)
        return None
    return float(raw)


def _unit(c: _Collector, data: Mapping[str, Any], where: str, i: int) -> str:
    unit = _text(c, data, "unit", where, i, "kg")
    if unit not in ("kg", "lb"):
        c.add(f"{where} > unit", f'expected "kg" or "lb", found {describe(unit)}', "unit", i)
        return "kg"
    return unit


def _exercise(c: _Collector, data: Any, i: int) -> Exercise | None:
    name = data.get("name") if isinstance(data, Mapping) else None
    if isinstance(name, str) and len(name) > 40:  # a long name is said once, by its own problem
        name = name[:39] + "…"
    where = f'exercise {i + 1} "{name}"' if isinstance(name, str) and name else f"exercise {i + 1}"
    if not isinstance(data, Mapping):
        c.add(where, f"expected a table of fields, found {describe(data)}", None, i)
        return None
    c.unknown_keys(data, _EX_KEYS, where, i)
    before = c.count
    per_side, side_word = _per_side(c, data, where, i)
    ex = Exercise(
        name=_text(c, data, "name", where, i, required=True),
        sets=_sets(c, data, where, i),
        reps=_reps(c, data, where, i),
        hold_seconds=_hold(c, data, where, i),
        tempo=_tempo(c, data, where, i),
        per_side=per_side,
        side_word=side_word,
        switch_seconds=_seconds(c, data, "switch_seconds", where, i, 5, allow_zero=False),
        rest_seconds=_seconds(c, data, "rest_seconds", where, i, 0),
        rest_after_seconds=_seconds(c, data, "rest_after_seconds", where, i, 0),
        variations=_variations(c, data, where, i),
        equipment=_text(c, data, "equipment", where, i),
        weight=_weight(c, data, where, i),
        unit=_unit(c, data, where, i),
        note=_text(c, data, "note", where, i),
    )
    return ex if c.count == before else None


# --- the whole file -----------------------------------------------------------------------------------

def parse_routine(text: str, filename: str = "<routine>", path: Path | None = None,
                  parsed: dict[str, Any] | None = None) -> Routine:
    """Build a Routine from TOML text, or raise RoutineError naming every problem (in line order). ``parsed``: the
    text's TOML already parsed (checked all the same)."""
    if len(text) > MAX_FILE_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise RoutineError([Problem(filename, None, "", TOO_BIG)])
    text = text.removeprefix("\ufeff")  # a byte-order mark (Notepad's "UTF-8 with BOM"): a signature, not TOML
    data = parse_toml(text, filename) if parsed is None else parsed
    c = _Collector(text, filename)
    c.unknown_keys(data, _TOP_KEYS, "", None)
    name = _text(c, data, "name", "routine", None, required=True)
    raw_kind = data.get("kind")
    wrong_kind = isinstance(raw_kind, str) and raw_kind not in KINDS  # one of two words: say what was found, as is
    kind = "" if wrong_kind else _text(c, data, "kind", "routine", None, required=True)
    if wrong_kind:
        c.add("routine > kind", f'expected "gym" or "post-run", found {describe(raw_kind)}', "kind", None)
    description = _text(c, data, "description", "routine", None)
    get_ready = _seconds(c, data, "get_ready_seconds", "routine", None, 10)
    count_in = _seconds(c, data, "count_in_seconds", "routine", None, 5)
    after_rest = _text(c, data, "after_rest", "routine", None) or "start"
    if after_rest not in AFTER_REST:
        c.add("routine > after_rest", f'expected "start" or "wait", found {describe(after_rest)}', "after_rest", None)

    exercises: list[Exercise] = []
    raw_ex = data.get("exercises")
    if raw_ex is None:
        c.add("routine", "no exercises: expected at least one [[exercises]] table")
    elif not isinstance(raw_ex, list) or not raw_ex:
        c.add("routine > exercises", f"expected [[exercises]] tables, found {describe(raw_ex)}", "exercises")
    else:
        for i, item in enumerate(raw_ex):
            ex = _exercise(c, item, i)
            if ex is not None:
                exercises.append(ex)
    if c.count:
        raise RoutineError(c.report())
    return Routine(name=name, kind=kind, exercises=tuple(exercises), description=description,
                   get_ready_seconds=get_ready, count_in_seconds=count_in, after_rest=after_rest, source=text,
                   path=path)


def load_routine(path: Path) -> Routine:
    """Read and parse a routine file; unreadable files are problems too, never tracebacks."""
    name = str(path)
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise RoutineError([Problem(name, None, "", "no such file")]) from None
    except IsADirectoryError:
        raise RoutineError([Problem(name, None, "", "is a directory; expected a .toml routine file")]) from None
    except OSError as exc:
        raise RoutineError([Problem(name, None, "", f"cannot read it: {exc.strerror or exc}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise RoutineError([Problem(name, None, "", TOO_BIG)])
    return parse_routine(decode(raw, name), name, path)
