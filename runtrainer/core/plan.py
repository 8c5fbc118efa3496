"""The plan: a routine compiled into a flat list of steps (get ready, each tempo phase of each rep, rests, side
switches), and the lookups over it. Pure data; no clock, no English, no keys."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import NamedTuple

from runtrainer.core.routine import Exercise, Routine

SIDE_GET_READY_SECONDS = 3.0
"""The short get-ready after a side switch (a default; the article gives none)."""
SELF_PACED_REP_ESTIMATE = 3.0
"""Seconds per rep assumed for the estimate and the progress bar when a set has no tempo."""


class Phase(StrEnum):
    GET_READY = "get ready"
    LIFT = "lift"
    HOLD = "hold"
    LOWER = "lower"
    PAUSE = "pause"
    WORK = "work"
    REST = "rest"
    SWITCH = "switch sides"
    WAIT = "wait"
    """After a rest, when the routine (or the runner) says "wait": the count-in starts on the runner's word."""
    DONE = "done"


COUNTDOWN_PHASES = frozenset({Phase.GET_READY, Phase.HOLD, Phase.REST, Phase.SWITCH})
"""Phases whose last three seconds are counted out (3-2-1) to the ears and eyes."""

Key = tuple[int, int, "str | None"]
"""(exercise index, set index from 0, side): one side of one set, by its place in the plan."""


class Step(NamedTuple):
    """One timed piece of the compiled plan: a rep's phase, a hold, a rest, a switch of sides, the end."""

    phase: Phase
    seconds: float | None
    """How long it lasts; None for a self-paced set, which lasts until the runner says it is done."""
    exercise: int
    set_index: int
    side: str | None = None
    rep: int | None = None
    in_set: bool = False
    """Work the runner does (as opposed to get ready, rest and switch)."""
    last_of_rep: bool = False
    planned: float = 0.0
    """Seconds this step is expected to take, for progress and estimates."""
    first_of_rep: bool = False
    """The first tempo phase of a rep (where a spoken count says the rep's number)."""

    @property
    def key(self) -> Key:
        return (self.exercise, self.set_index, self.side)

    @property
    def set_key(self) -> Key | None:
        """Which set (and side) this work belongs to; None for steps outside a set."""
        return (self.exercise, self.set_index, self.side) if self.in_set else None


def compile_steps(routine: Routine, after_rest: str | None = None) -> list[Step]:
    """The routine as steps. ``after_rest`` ("start" or "wait") overrides the routine's own choice."""
    steps: list[Step] = []
    if routine.get_ready_seconds > 0:
        steps.append(Step(Phase.GET_READY, routine.get_ready_seconds, 0, 0, planned=routine.get_ready_seconds))
    wait = (after_rest or routine.after_rest) == "wait"
    count_in = routine.count_in_seconds
    last = len(routine.exercises) - 1
    for ei, ex in enumerate(routine.exercises):
        sides: tuple[str | None, ...] = ("left", "right") if ex.per_side else (None,)
        for s in range(ex.sets):
            if ei or s:  # every set but the first (which has the routine's get-ready) is counted in
                if wait:
                    steps.append(Step(Phase.WAIT, None, ei, s))
                if count_in > 0:
                    steps.append(Step(Phase.GET_READY, count_in, ei, s, planned=count_in))
            for k, side in enumerate(sides):
                if k > 0:
                    steps.append(Step(Phase.SWITCH, ex.switch_seconds, ei, s, side, planned=ex.switch_seconds))
                    steps.append(Step(Phase.GET_READY, SIDE_GET_READY_SECONDS, ei, s, side,
                                      planned=SIDE_GET_READY_SECONDS))
                steps.extend(_work_steps(ex, ei, s, side))
            if s < ex.sets - 1 and ex.rest_seconds > 0:
                steps.append(Step(Phase.REST, ex.rest_seconds, ei, s, planned=ex.rest_seconds))
        if ei < last and ex.rest_after_seconds > 0:
            steps.append(Step(Phase.REST, ex.rest_after_seconds, ei, ex.sets - 1, planned=ex.rest_after_seconds))
    steps.append(Step(Phase.DONE, None, last, routine.exercises[last].sets - 1))
    return steps


def _work_steps(ex: Exercise, ei: int, s: int, side: str | None) -> list[Step]:
    if ex.hold_seconds:
        return [Step(Phase.HOLD, ex.hold_seconds, ei, s, side, None, True, True, ex.hold_seconds)]
    assert ex.reps is not None
    if not ex.tempo:
        planned = ex.reps.high * SELF_PACED_REP_ESTIMATE
        return [Step(Phase.WORK, None, ei, s, side, None, True, True, planned)]
    out = []
    for rep in range(1, ex.reps.high + 1):
        for i, p in enumerate(ex.tempo):
            out.append(Step(Phase(p.name), p.seconds, ei, s, side, rep, True, i == len(ex.tempo) - 1, p.seconds,
                            i == 0))
    return out


def planned_sets(routine: Routine) -> int:
    """Sets as the routine defines them: a one-legged set is one set (with a left and a right part)."""
    return sum(ex.sets for ex in routine.exercises)


def estimate_seconds(routine: Routine) -> tuple[float, float]:
    """(shortest, longest) planned duration: a rep range counts at its low and its high end. Computed from the
    routine's numbers, not by compiling every rep (a huge routine estimates as fast as a small one)."""
    high = routine.get_ready_seconds + routine.count_in_seconds * (sum(ex.sets for ex in routine.exercises) - 1)
    spare = 0.0
    last = len(routine.exercises) - 1
    for ei, ex in enumerate(routine.exercises):
        sides = 2 if ex.per_side else 1
        if ex.hold_seconds:
            work = ex.hold_seconds
        elif ex.tempo and ex.reps:
            work = ex.reps.high * ex.rep_seconds
            spare += (ex.reps.high - ex.reps.low) * ex.rep_seconds * ex.sets * sides
        else:
            work = (ex.reps.high if ex.reps else 0) * SELF_PACED_REP_ESTIMATE
        switch = (ex.switch_seconds + SIDE_GET_READY_SECONDS) if ex.per_side else 0.0
        high += ex.sets * (work * sides + switch) + (ex.sets - 1) * ex.rest_seconds
        if ei < last:
            high += ex.rest_after_seconds
    return high - spare, high


def format_clock(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds >= 3600:
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return f"{seconds // 60}:{seconds % 60:02d}"


def end_of_run(steps: Sequence[Step], i: int, same: Callable[[Step], bool]) -> int:
    """The first index from ``i`` on whose step no longer satisfies ``same``."""
    j = i
    while j < len(steps) and same(steps[j]):
        j += 1
    return j


def set_of(steps: Sequence[Step], i: int) -> tuple[int, int] | None:
    """The set (exercise, set index) a step belongs to, counting its switch and side get-ready."""
    st = steps[i]
    if st.in_set or st.phase is Phase.SWITCH or (st.phase is Phase.GET_READY and st.side):
        return (st.exercise, st.set_index)
    return None


def set_start(steps: Sequence[Step], ex_set: tuple[int, int]) -> int:
    for i, st in enumerate(steps):
        if st.in_set and (st.exercise, st.set_index) == ex_set:
            return i
    raise LookupError(ex_set)


def previous_set(steps: Sequence[Step], before: int) -> tuple[int, int] | None:
    for i in range(before - 1, -1, -1):
        st = steps[i]
        if st.in_set:
            return (st.exercise, st.set_index)
    return None


def next_work(steps: Sequence[Step], i: int) -> int | None:
    """The index of the first work step at or after ``i`` (None when only the end is left)."""
    while i < len(steps) and not steps[i].in_set:
        if steps[i].phase is Phase.DONE:
            return None
        i += 1
    return i if i < len(steps) else None
