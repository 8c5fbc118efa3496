"""The routine model: exercises, tempo, and the problems a routine file can have. Never imports textual.

``routine_load`` reads TOML into it; ``routine`` is the one name the rest of the package imports from.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from runtrainer.text import safe

KINDS = ("gym", "post-run")
TEMPO_PHASES = ("lift", "hold", "lower", "pause")
MAX_FILE_BYTES = 1_000_000
MAX_SETS = 50
MAX_REPS = 500
MAX_PHASE_SECONDS = 3600
MAX_NAME = 255
"""Characters in a name (a routine's, an exercise's, a variation's; an imported workout's or exercise's)."""


class RepTarget(NamedTuple):
    """Reps for a set: a single number, or a range such as 12-16 (the article's "a dozen to 16")."""

    low: int
    high: int

    @property
    def label(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


class TempoPhase(NamedTuple):
    """One timed part of a rep: lift, hold (at the top), lower, or pause (at the bottom)."""

    name: str
    seconds: float


SIDE_WORDS = ("leg", "side", "arm")


class Exercise(NamedTuple):
    """One exercise of a routine as its file gives it: sets, reps or a timed hold, tempo, rests, load, sides."""

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
    side_word: str = "leg"
    """What a side is called on screen ("RIGHT LEG", "RIGHT SIDE", "RIGHT ARM"): ``per_side = "side"`` in a routine
    (``true`` is a leg, the programme's one-legged work). One of ``SIDE_WORDS``."""
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
    """A workout: its exercises in order and its get-ready and count-in times (built in or the runner's file)."""

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


class Problem(NamedTuple):
    """One thing wrong with a routine file, rendered as one line."""

    file: str
    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        loc = f"{self.file}:{self.line}" if self.line else self.file
        # Safe to print: the file's name and the values quoted from it may hold control characters.
        return safe(f"{loc}: {self.where}: {self.message}" if self.where else f"{loc}: {self.message}")


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


def to_toml(routine: Routine) -> str:
    """Write a routine in the format users write (used when there is no source text to give back)."""

    def q(s: str) -> str:
        return json.dumps(s, ensure_ascii=False)  # a valid TOML basic string: every control character escaped

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
            out.append("per_side = true" if ex.side_word == "leg" else f"per_side = {q(ex.side_word)}")
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
