"""What the engine reports, as data: its state, the cues that fell due, the outcome of each set, why a control
did nothing, and a snapshot of where the runner is. No English, no keys: the session and the screen word them."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from runtrainer.core.plan import Key, Phase, Step
from runtrainer.core.routine import Exercise, RepTarget


class State(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    ABORTED = "aborted"


class CueKind(StrEnum):
    PHASE_STARTED = "phase started"
    COUNTDOWN = "countdown"
    SET_DONE = "set done"
    EXERCISE_DONE = "exercise done"
    WORKOUT_DONE = "workout done"


class Cue(NamedTuple):
    """What the runner hears or sees now: a phase started, a second of a countdown, a set or the workout done."""

    kind: CueKind
    at: float
    """The ideal moment, in active seconds since the start (not when tick() happened to run)."""
    step: Step
    number: int | None = None
    """3, 2 or 1 for a countdown."""
    after: Phase | None = None
    """For a phase start: the phase it follows (a release follows a hold, a go follows a rest); None when nothing
    went before it or it is gone back to (``b`` restarts a set: "go", not the release of the hold it left)."""


class Refusal(StrEnum):
    """Why a control did not do what it usually does (the screen words it)."""

    TOO_FEW_REPS = "too few reps"
    """Done pressed before the rep range's minimum: ``Engine.reps_counted()`` and the range say how far."""
    HELD_TOO_SHORT = "held too short"
    """Done pressed in a timed hold before half its time: the hold ends, recorded as ended early, not done."""


class Outcome(NamedTuple):
    """What happened in one side of one set, keyed by its place in the plan. The session turns outcomes into
    the one set record; the engine keeps them only to know what is done (to skip and to resume)."""

    key: Key
    reps: int | None
    """Reps completed at the tempo; None for a self-paced set (the runner said "done") or a hold."""
    hold_seconds: float | None
    """Seconds actually held, for a timed hold that was started."""
    started_at: float
    ended_at: float
    """Active seconds since the start of this run of the engine."""
    completed: bool
    skipped: bool = False

    @property
    def exercise_index(self) -> int:
        return self.key[0]

    @property
    def set_index(self) -> int:
        return self.key[1]

    @property
    def side(self) -> str | None:
        return self.key[2]


class Snapshot(NamedTuple):
    """Everything the workout screen shows, read from the engine in one go."""

    state: State
    phase: Phase
    remaining: float | None
    elapsed: float
    exercise: Exercise | None
    exercise_number: int
    exercise_count: int
    set_number: int
    set_count: int
    side: str | None
    rep: int | None
    rep_target: RepTarget | None
    reps_done: int
    variation: str
    progress: float
    active_seconds: float
