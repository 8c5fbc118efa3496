"""The session engine: where the runner is in a routine, derived from one injected monotonic clock.

The routine is compiled into a flat list of steps (get ready, each tempo phase of each rep, rests, side
switches). Every deadline derives from the session's start instant plus banked pause time: a step that
ends on time hands its deadline to the next step as that step's start, so lateness in calling ``tick()``
never accumulates. Nothing counts ticks; given the same clock readings the engine does the same thing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from runtrainer.core.clock import Clock
from runtrainer.core.routine import Exercise, RepTarget, Routine

SIDE_GET_READY_SECONDS = 3.0
"""The short get-ready after a side switch (a default; the article gives none)."""
SELF_PACED_REP_ESTIMATE = 3.0
"""Seconds per rep assumed for the estimate and the progress bar when a set has no tempo."""
BACK_GRACE_SECONDS = 3.0
"""Pressing back within this long of a set's start goes to the set before (as a music player does)."""
REST_STEP_SECONDS = 15.0


class Phase(StrEnum):
    GET_READY = "get ready"
    LIFT = "lift"
    HOLD = "hold"
    LOWER = "lower"
    PAUSE = "pause"
    WORK = "work"
    REST = "rest"
    SWITCH = "switch sides"
    DONE = "done"


COUNTDOWN_PHASES = frozenset({Phase.GET_READY, Phase.HOLD, Phase.REST, Phase.SWITCH})
"""Phases whose last three seconds are counted out (3-2-1) to the ears and eyes."""


class State(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    ABORTED = "aborted"


@dataclass(frozen=True)
class Step:
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

    @property
    def key(self) -> tuple[int, int, str | None]:
        return (self.exercise, self.set_index, self.side)

    @property
    def set_key(self) -> tuple[int, int, str | None] | None:
        """Which set (and side) this work belongs to; None for steps outside a set."""
        return (self.exercise, self.set_index, self.side) if self.in_set else None


class CueKind(StrEnum):
    PHASE_STARTED = "phase started"
    COUNTDOWN = "countdown"
    SET_DONE = "set done"
    EXERCISE_DONE = "exercise done"
    WORKOUT_DONE = "workout done"


@dataclass(frozen=True)
class Cue:
    kind: CueKind
    at: float
    """The ideal moment, in active seconds since the start (not when tick() happened to run)."""
    step: Step
    count: int | None = None
    """3, 2 or 1 for a countdown."""
    after: Phase | None = None
    """For a phase start: the phase it follows (a release follows a hold, a go follows a rest)."""


@dataclass
class SetRecord:
    """What was done in one set (one side of a unilateral set)."""

    exercise: str
    exercise_index: int
    set_number: int
    set_count: int
    side: str | None
    target: RepTarget | None
    reps: int | None
    """Reps completed at the tempo; None for a self-paced set (the runner said "done") or a hold."""
    hold_seconds: float | None
    weight: float | None
    unit: str
    started_at: float
    ended_at: float
    completed: bool
    skipped: bool = False


@dataclass(frozen=True)
class Snapshot:
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
    next_label: str
    progress: float
    active_seconds: float
    can_finish_set: bool


def compile_steps(routine: Routine) -> list[Step]:
    steps: list[Step] = []
    if routine.get_ready_seconds > 0:
        steps.append(Step(Phase.GET_READY, routine.get_ready_seconds, 0, 0, planned=routine.get_ready_seconds))
    last = len(routine.exercises) - 1
    for ei, ex in enumerate(routine.exercises):
        sides: tuple[str | None, ...] = ("left", "right") if ex.per_side else (None,)
        for s in range(ex.sets):
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
            out.append(Step(Phase(p.name), p.seconds, ei, s, side, rep, True, i == len(ex.tempo) - 1, p.seconds))
    return out


def estimate_seconds(routine: Routine) -> tuple[float, float]:
    """(shortest, longest) planned duration: a rep range counts at its low and its high end."""
    steps = compile_steps(routine)
    high = sum(st.planned for st in steps)
    spare = 0.0
    for ex in routine.exercises:
        if ex.reps and ex.tempo and ex.reps.high > ex.reps.low:
            sides = 2 if ex.per_side else 1
            spare += (ex.reps.high - ex.reps.low) * ex.rep_seconds * ex.sets * sides
    return high - spare, high


def format_clock(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds >= 3600:
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return f"{seconds // 60}:{seconds % 60:02d}"


class Engine:
    """Steps through a routine. Call ``tick()`` whenever convenient; it returns the cues that fell due."""

    def __init__(self, routine: Routine, clock: Clock) -> None:
        self.routine = routine
        self.steps = compile_steps(routine)
        self._clock = clock
        self.state = State.READY
        self._origin = 0.0
        self._paused_total = 0.0
        self._paused_at: float | None = None
        self._ended_at: float | None = None
        self.pauses = 0
        self._index = 0
        self._step_start = 0.0
        self._step_seconds: float | None = self.steps[0].seconds
        self._countdown_next: int | None = None
        self._reps_done = 0
        self._set_started = 0.0
        self._records: dict[tuple[int, int, str | None], SetRecord] = {}
        self.records_version = 0
        """Goes up whenever a set record is added, replaced or removed: the screen saves only then."""
        self._pending: list[Cue] = []
        self._resume_to: int | None = None
        self._last_seen = 0.0
        self._planned_before: list[float] = []
        acc = 0.0
        for st in self.steps:
            self._planned_before.append(acc)
            acc += st.planned
        self._planned_total = acc

    # --- time -------------------------------------------------------------------------------------

    def active(self) -> float:
        """Active seconds since start: the clock minus banked pauses; frozen while paused or ended."""
        if self.state is State.READY:
            return 0.0
        if self._ended_at is not None:
            return self._ended_at
        now = self._paused_at if self._paused_at is not None else self._clock()
        return now - self._origin - self._paused_total

    @property
    def paused_seconds(self) -> float:
        extra = self._clock() - self._paused_at if self._paused_at is not None else 0.0
        return self._paused_total + extra

    def clock_time_of(self, active_at: float) -> float:
        """The clock reading at which active time ``active_at`` falls (for latency measurement)."""
        return self._origin + self._paused_total + active_at

    @property
    def planned_total(self) -> float:
        """Planned seconds of the whole session (a rep range counted at its top)."""
        return self._planned_total

    @property
    def step(self) -> Step:
        return self.steps[self._index]

    @property
    def index(self) -> int:
        return self._index

    @property
    def deadline(self) -> float | None:
        return None if self._step_seconds is None else self._step_start + self._step_seconds

    def remaining(self) -> float | None:
        d = self.deadline
        return None if d is None else max(0.0, d - self.active())

    def next_change_in(self) -> float | None:
        """Seconds until what the screen shows changes (a whole second ticks over, or the step ends)."""
        if self.state is not State.RUNNING:
            return None
        rem = self.remaining()
        if rem is None:
            elapsed = self.active() - self._step_start
            return 1.0 - (elapsed % 1.0)
        frac = rem - math.floor(rem)
        return frac if frac > 1e-9 else min(1.0, rem) if rem > 0 else 0.0

    # --- controls ---------------------------------------------------------------------------------

    def start(self) -> list[Cue]:
        if self.state is not State.READY:
            return []
        self._origin = self._clock()
        self.state = State.RUNNING
        first = 0
        if self._resume_to is not None and self.steps[0].phase is not Phase.GET_READY:
            first, self._resume_to = self._resume_to, None
        self._enter(first, 0.0)
        return self.tick()

    def resume_after(self, done: dict[tuple[int, int, str | None], SetRecord]) -> None:
        """Before start(): carry on a session that was cut off. The sets in ``done`` are kept as they were,
        and after the get-ready the session goes on from the first set (or side) not in it."""
        if self.state is not State.READY:
            raise RuntimeError("resume_after() comes before start()")
        self._records = dict(done)
        target = next((i for i, st in enumerate(self.steps) if st.in_set and st.key not in done),
                      len(self.steps) - 1)
        self._resume_to = target

    def pause(self) -> None:
        if self.state is State.RUNNING:
            self.tick_into_pending()
            self._paused_at = self._clock()
            self.state = State.PAUSED
            self.pauses += 1

    def resume(self) -> None:
        if self.state is State.PAUSED and self._paused_at is not None:
            self._paused_total += self._clock() - self._paused_at
            self._paused_at = None
            self.state = State.RUNNING
            self._last_seen = self._clock()

    def pause_if_gap(self, limit: float) -> float:
        """If the clock jumped more than ``limit`` seconds since the engine last looked (the laptop slept,
        the process was stopped), pause as of that last look, so the lost time is not raced through.
        Returns the gap (0.0 when there was none)."""
        if self.state is not State.RUNNING:
            return 0.0
        now = self._clock()
        gap = now - self._last_seen
        if gap <= limit:
            return 0.0
        self._paused_at = self._last_seen
        self.state = State.PAUSED
        self.pauses += 1
        return gap

    def toggle_pause(self) -> None:
        if self.state is State.PAUSED:
            self.resume()
        else:
            self.pause()

    def skip_phase(self) -> bool:
        """End the current step now and go to the next one."""
        if not self._live():
            return False
        self._leave_to(self._index + 1, self.active())
        return True

    def finish_set(self) -> tuple[bool, str]:
        """Enter: "done" in a set (once the rep range's minimum is reached), "next" outside one."""
        if not self._live():
            return False, ""
        step = self.step
        if step.phase is Phase.DONE:
            return False, ""
        if not step.in_set:
            self._leave_to(self._index + 1, self.active())
            return True, ""
        ex = self.routine.exercises[step.exercise]
        done = self._reps_counted()
        if ex.tempo and ex.reps and done < ex.reps.low:
            return False, f"{done} of at least {ex.reps.low} reps done: keep going, or S skips the set"
        self._reps_done = done
        end = self._end_of_run(self._index, lambda st: st.set_key == step.set_key)
        self._enter(end, self.active())
        return True, ""

    def _reps_counted(self) -> int:
        """Reps done if the set ended now: a rep counts once it is past its first phase (a runner who
        presses Enter while lowering the 12th rep has done 12)."""
        step = self.step
        if step.rep is None:
            return self._reps_done
        prev = self.steps[self._index - 1] if self._index else None
        past_first = prev is not None and prev.set_key == step.set_key and prev.rep == step.rep
        return self._reps_done + (1 if past_first else 0)

    def skip_set(self) -> bool:
        """Skip the set in progress, or the next set when not in one (resting, getting ready)."""
        if not self._live() or self.step.phase is Phase.DONE:
            return False
        now = self.active()
        i = self._index
        if not self.step.in_set and self.step.phase is not Phase.SWITCH:
            while i < len(self.steps) and not self.steps[i].in_set:
                if self.steps[i].phase is Phase.DONE:
                    return False
                i += 1
        target = self.steps[i]
        ex_set = (target.exercise, target.set_index)
        end = self._end_of_run(i, lambda st: (st.exercise, st.set_index) == ex_set and st.phase is not Phase.REST)
        current_key = self.step.set_key if self.step.in_set else None
        if current_key is not None:
            self._record(self.step, now, completed=False, skipped=True)
        for st in self.steps[i:end]:
            if st.in_set and st.set_key != current_key and st.key not in self._records:
                self.records_version += 1
                self._records[st.key] = self._make_record(st, 0 if st.rep is not None else None, now, now,
                                                              completed=False, skipped=True)
        self._enter(end, now, record_current=False)
        return True

    def back(self) -> bool:
        """Redo: within a set, restart it (or go to the one before if it only just began); in a rest,
        redo the set just done."""
        if not self._live():
            return False
        now = self.active()
        step = self.step
        if step.phase is Phase.DONE:
            return False
        if step.in_set or step.phase in (Phase.SWITCH, Phase.GET_READY) and self._index > 0 \
                and self._set_of(self._index) is not None:
            cur = self._set_of(self._index)
            assert cur is not None
            start = self._set_start(cur)
            if self._index == start and now - self._step_start < BACK_GRACE_SECONDS:
                prev = self._previous_set(start)
                if prev is not None:
                    start = self._set_start(prev)
                    cur = prev
            self._go_back(start, cur, now)
            return True
        if step.phase is Phase.REST:
            prev = self._previous_set(self._index)
            if prev is None:
                return False
            self._go_back(self._set_start(prev), prev, now)
            return True
        # the get-ready before the first set: start it again
        self._enter(self._index, now, record_current=False)
        return True

    def adjust_rest(self, delta: float) -> bool:
        """Add or take seconds off the rest in progress; taking off more than is left ends it now."""
        if not self._live() or self.step.phase is not Phase.REST or self._step_seconds is None:
            return False
        now = self.active()
        remaining = self._step_start + self._step_seconds - now
        if remaining + delta <= 0:
            self._leave_to(self._index + 1, now)
            return True
        self._step_seconds += delta
        self._countdown_next = min(3, math.floor(remaining + delta)) or None
        return True

    def abort(self) -> None:
        """Stop for good (quit mid-session). The set in progress is kept as ended early."""
        if self.state in (State.FINISHED, State.ABORTED):
            return
        self.tick_into_pending()
        if self.state is State.FINISHED:
            return
        now = self.active()
        if self.state is not State.READY and self.step.in_set:
            self._record(self.step, now, completed=False)
        self._ended_at = now
        self._paused_at = None
        self.state = State.ABORTED

    # --- the clock moves --------------------------------------------------------------------------

    def tick(self) -> list[Cue]:
        """Process every deadline that has passed; return the cues due since the last call."""
        self.tick_into_pending()
        cues, self._pending = self._pending, []
        return cues

    def tick_into_pending(self) -> None:
        if self.state is not State.RUNNING:
            return
        self._last_seen = self._clock()
        now = self.active()
        while self.state is State.RUNNING:
            deadline = self.deadline
            if deadline is None:
                break
            while self._countdown_next and deadline - self._countdown_next <= now:
                self._pending.append(Cue(CueKind.COUNTDOWN, deadline - self._countdown_next, self.step,
                                         self._countdown_next))
                self._countdown_next -= 1
            if now < deadline:
                break
            self._leave_to(self._index + 1, deadline)

    # --- reading ----------------------------------------------------------------------------------

    @property
    def records(self) -> list[SetRecord]:
        order = {"left": 0, "right": 1, None: 0}
        return sorted(self._records.values(),
                      key=lambda r: (r.exercise_index, r.set_number, order[r.side]))

    def snapshot(self) -> Snapshot:
        step = self.step
        if self._resume_to is not None:  # the get-ready before a resumed session: show where it goes on
            ahead = self.steps[self._resume_to]
            step = Step(step.phase, step.seconds, ahead.exercise, ahead.set_index, ahead.side, planned=step.planned)
        now = self.active()
        ex = self.routine.exercises[step.exercise] if self.state is not State.FINISHED else None
        elapsed = max(0.0, now - self._step_start)
        planned_done = self._planned_before[self._index] + min(elapsed, step.planned)
        if self.state is State.FINISHED:
            progress = 1.0
        else:
            progress = planned_done / self._planned_total if self._planned_total else 0.0
        can_finish = bool(step.in_set and (not ex or not ex.tempo or not ex.reps
                                           or self._reps_counted() >= ex.reps.low))
        src = self.routine.exercises[step.exercise]
        return Snapshot(
            state=self.state,
            phase=step.phase,
            remaining=self.remaining(),
            elapsed=elapsed,
            exercise=ex,
            exercise_number=step.exercise + 1,
            exercise_count=len(self.routine.exercises),
            set_number=step.set_index + 1,
            set_count=src.sets,
            side=step.side,
            rep=step.rep,
            rep_target=src.reps,
            reps_done=self._reps_done if step.in_set else 0,
            variation=src.variation_for(step.set_index),
            next_label=self.next_label(),
            progress=min(1.0, progress),
            active_seconds=now,
            can_finish_set=can_finish,
        )

    def describe_set(self, step: Step) -> str:
        ex = self.routine.exercises[step.exercise]
        parts = [ex.name, f"set {step.set_index + 1}/{ex.sets}"]
        if step.side:
            parts.append(f"{step.side} side")
        if ex.hold_seconds:
            parts.append(f"hold {format_clock(ex.hold_seconds)}")
        elif ex.reps:
            parts.append(f"{ex.reps.label} reps")
        variation = ex.variation_for(step.set_index)
        if variation:
            parts.append(variation)
        return " · ".join(parts)

    def next_label(self) -> str:
        step = self.step
        if step.phase is Phase.DONE:
            return ""
        if self._resume_to is not None:
            return self._describe_next_set(self._resume_to)
        if step.in_set:
            j = self._end_of_run(self._index, lambda st: st.set_key == step.set_key)
            nxt = self.steps[j]
            if nxt.phase is Phase.SWITCH:
                return f"Switch to the {nxt.side} side"
            if nxt.phase is Phase.REST:
                return f"Rest {format_clock(nxt.seconds or 0)}, then " + self._describe_next_set(j)
            if nxt.phase is Phase.DONE:
                return "Workout complete"
            return self._describe_next_set(j)
        return self._describe_next_set(self._index + 1 if step.phase is Phase.SWITCH else self._index)

    # --- internals --------------------------------------------------------------------------------

    def _live(self) -> bool:
        if self.state not in (State.RUNNING, State.PAUSED):
            return False
        self.tick_into_pending()
        return self.state in (State.RUNNING, State.PAUSED)

    def _describe_next_set(self, i: int) -> str:
        while i < len(self.steps) and not self.steps[i].in_set:
            if self.steps[i].phase is Phase.DONE:
                return "the end"
            i += 1
        return self.describe_set(self.steps[i]) if i < len(self.steps) else "the end"

    def _end_of_run(self, i: int, same: Callable[[Step], bool]) -> int:
        """The first index from ``i`` on whose step no longer satisfies ``same``."""
        j = i
        while j < len(self.steps) and same(self.steps[j]):
            j += 1
        return j

    def _set_of(self, i: int) -> tuple[int, int] | None:
        st = self.steps[i]
        if st.in_set or st.phase is Phase.SWITCH or (st.phase is Phase.GET_READY and st.side):
            return (st.exercise, st.set_index)
        return None

    def _set_start(self, ex_set: tuple[int, int]) -> int:
        for i, st in enumerate(self.steps):
            if st.in_set and (st.exercise, st.set_index) == ex_set:
                return i
        raise LookupError(ex_set)

    def _previous_set(self, before: int) -> tuple[int, int] | None:
        for i in range(before - 1, -1, -1):
            st = self.steps[i]
            if st.in_set:
                return (st.exercise, st.set_index)
        return None

    def _go_back(self, start: int, ex_set: tuple[int, int], now: float) -> None:
        for key in [k for k in self._records if (k[0], k[1]) == ex_set]:
            del self._records[key]
            self.records_version += 1
        self._enter(start, now, record_current=False)

    def _leave_to(self, j: int, at: float) -> None:
        step = self.step
        if self._resume_to is not None:
            j, self._resume_to = max(j, self._resume_to), None
        if step.in_set and step.last_of_rep and step.rep is not None:
            self._reps_done += 1
        self._enter(j, at)

    def _enter(self, j: int, at: float, record_current: bool = True) -> None:
        old = self.step
        new = self.steps[j]
        if record_current and old.in_set and new.set_key != old.set_key:
            self._record(old, at, completed=True)
            if (new.exercise, new.set_index) != (old.exercise, old.set_index) or not new.in_set and \
                    new.phase is not Phase.SWITCH:
                self._pending.append(Cue(CueKind.SET_DONE, at, old))
                last_set = old.set_index == self.routine.exercises[old.exercise].sets - 1
                if last_set and (not old.side or old.side == "right"):
                    self._pending.append(Cue(CueKind.EXERCISE_DONE, at, old))
        if new.in_set and (new.set_key != old.set_key or j <= self._index):
            self._reps_done = 0
            self._set_started = at
        self._index = j
        self._step_start = at
        self._step_seconds = new.seconds
        self._countdown_next = min(3, math.floor(new.seconds)) if (
            new.phase in COUNTDOWN_PHASES and new.seconds) else None
        after = old.phase if old is not new else None
        self._pending.append(Cue(CueKind.PHASE_STARTED, at, new, after=after))
        if new.phase is Phase.DONE:
            self._ended_at = at
            self.state = State.FINISHED
            self._pending.append(Cue(CueKind.WORKOUT_DONE, at, new))

    def _record(self, step: Step, at: float, completed: bool, skipped: bool = False) -> None:
        reps: int | None = self._reps_done if step.rep is not None else None
        if step.phase is Phase.WORK and not completed:
            reps = None
        self._records.pop(step.key, None)
        self.records_version += 1
        self._records[step.key] = self._make_record(step, reps, self._set_started, at, completed, skipped)
        if step.phase is Phase.HOLD and step.rep is None:  # a timed hold, not the hold at the top of a rep
            self._records[step.key].hold_seconds = round(at - self._set_started, 1)

    def _make_record(self, step: Step, reps: int | None, started: float, ended: float, completed: bool,
                     skipped: bool) -> SetRecord:
        ex = self.routine.exercises[step.exercise]
        return SetRecord(
            exercise=ex.name, exercise_index=step.exercise, set_number=step.set_index + 1, set_count=ex.sets,
            side=step.side, target=ex.reps, reps=reps, hold_seconds=ex.hold_seconds if step.rep is None
            and ex.hold_seconds else None, weight=ex.weight, unit=ex.unit, started_at=started, ended_at=ended,
            completed=completed, skipped=skipped,
        )


__all__ = [
    "Cue", "CueKind", "Engine", "Phase", "SetRecord", "Snapshot", "State", "Step", "compile_steps",
    "estimate_seconds", "format_clock",
]
