"""The session engine: where the runner is in a routine, derived from one injected monotonic clock.

It keeps time and the plan, nothing else. Every deadline derives from the session's start instant plus banked
pause time: a step that ends on time hands its deadline to the next step as that step's start, so lateness in
calling ``tick()`` never accumulates. Nothing counts ticks; given the same clock readings the engine does the
same thing. What it reports (cues, outcomes of sets, refusals) is data: no English, no keys.
"""

from __future__ import annotations

import math
from itertools import accumulate

from runtrainer.core.clock import Clock
from runtrainer.core.events import Cue, CueKind, Outcome, Refusal, Snapshot, State
from runtrainer.core.outcomes import OutcomeBook
from runtrainer.core.plan import (
    COUNTDOWN_PHASES,
    Key,
    Phase,
    Step,
    compile_steps,
    end_of_run,
    previous_set,
    set_of,
    set_start,
)
from runtrainer.core.routine import Routine
from runtrainer.core.timekeeping import Timekeeping

HOLD_DONE_FRACTION = 0.5
"""A timed hold ended by Done counts as done once held this share of its time (a default we chose)."""
BACK_GRACE_SECONDS = 3.0
"""Pressing back within this long of a set's start goes to the set before (as a music player does)."""


class Engine(Timekeeping):
    """Steps through a routine. Call ``tick()`` whenever convenient; it returns the cues that fell due."""

    def __init__(self, routine: Routine, clock: Clock, after_rest: str | None = None) -> None:
        self.routine = routine
        self.steps = compile_steps(routine, after_rest)
        self._clock = clock
        self.state = State.READY
        self._origin = 0.0
        self._paused_total = 0.0
        self._paused_at: float | None = None
        self._ended_at: float | None = None
        self._index = 0
        self._step_start = 0.0
        self._step_seconds: float | None = self.steps[0].seconds
        self._countdown_next: int | None = None
        self._reps_done = 0
        self._set_started = 0.0
        self.outcome_book = OutcomeBook({i: ("left", "right") if ex.per_side else (None,)
                                         for i, ex in enumerate(routine.exercises)})
        """Each set's outcome, a redo's kept apart until it ends, the rests: its ``version`` goes up at each change."""
        self._pending: list[Cue] = []
        self.held = False
        """Something covers the workout (a dialog, a form): a step between sets whose time is up waits (``waiting``)
        instead of leading into a set no one can see; ``release`` goes on."""
        self._resume_to: int | None = None
        self._last_seen = 0.0
        self._planned_before = [0.0, *accumulate(st.planned for st in self.steps)]
        self._planned_total = self._planned_before.pop()

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

    def resume_after(self, done: frozenset[Key]) -> None:
        """Before start(): carry on a session that was cut off. The sets (sides) in ``done`` are done already;
        after the get-ready the session goes on from the first one not in it."""
        if self.state is not State.READY:
            raise RuntimeError("resume_after() comes before start()")
        self.outcome_book.earlier = done
        target = next((i for i, st in enumerate(self.steps) if st.in_set and st.key not in done),
                      len(self.steps) - 1)
        before = self.steps[target - 1] if target else None
        if self.steps[0].phase is not Phase.GET_READY and before is not None and before.phase is Phase.GET_READY \
                and before.side is None and before.key == self.steps[target].key[:2] + (None,):
            target -= 1  # no get-ready before a resume: go on from that set's count-in, not its first rep
        self._resume_to = target

    def skip_phase(self) -> bool:
        """End the current step now and go to the next one."""
        if not self._live():
            return False
        self._leave_to(self._index + 1, self.active())
        return True

    def finish_set(self) -> tuple[bool, Refusal | None]:
        """"Done" in a set (once the rep range's minimum is reached), "next" outside one."""
        if not self._live():
            return False, None
        step = self.step
        if step.phase is Phase.DONE:
            return False, None
        if not step.in_set:
            self._leave_to(self._index + 1, self.active())
            return True, None
        ex = self.routine.exercises[step.exercise]
        done = self.reps_counted()
        need = self.reps_to_end_set()
        if need is not None and done < need:
            return False, Refusal.TOO_FEW_REPS
        self._reps_done = done
        end = end_of_run(self.steps, self._index, lambda st: st.set_key == step.set_key)
        now = self.active()
        if step.phase is Phase.HOLD and step.rep is None and ex.hold_seconds \
                and now - self._set_started < ex.hold_seconds * HOLD_DONE_FRACTION:
            self._record(step, now, completed=False)  # a hold ended this early is not a hold done
            self._enter(end, now, record_current=False)
            return True, Refusal.HELD_TOO_SHORT
        self._enter(end, now)
        return True, None

    def reps_to_end_set(self) -> int | None:
        """The reps a tempo-paced set needs before "done" ends it (its range's low end); None: any time."""
        step = self.step
        if not step.in_set:
            return None
        ex = self.routine.exercises[step.exercise]
        return ex.reps.low if ex.tempo and ex.reps else None

    def reps_counted(self) -> int:
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
        end = end_of_run(self.steps, i, lambda st: (st.exercise, st.set_index) == ex_set
                         and st.phase not in (Phase.REST, Phase.DONE))  # the last set is followed by DONE
        current_key = self.step.set_key if self.step.in_set else None
        if current_key is not None:
            self._record(self.step, now, completed=False, skipped=True)
        ahead = {st.key: st for st in self.steps[i:end] if st.in_set and st.set_key != current_key}
        for key, st in ahead.items():  # each side once: a put may settle a redo
            if not self.outcome_book.has(key):
                self.outcome_book.put(Outcome(key, 0 if st.rep is not None else None, None, now, now, False, True))
        self._enter(end, now, record_current=False)
        return True

    def back(self) -> bool:
        """Redo: within a set (its switch of sides included), restart it from its first side at once (or go to the
        one before if it only just began); in a rest, redo the set just done after its count-in (as every later set;
        the first set's get-ready, for a count-in's time)."""
        if not self._live():
            return False
        now = self.active()
        step = self.step
        if step.phase is Phase.DONE:
            return False
        if step.in_set or step.phase in (Phase.SWITCH, Phase.GET_READY) and self._index > 0 \
                and set_of(self.steps, self._index) is not None:
            cur = set_of(self.steps, self._index)
            assert cur is not None
            start = set_start(self.steps, cur)
            if self._index == start and now - self._step_start < BACK_GRACE_SECONDS:
                prev = previous_set(self.steps, start)
                if prev is not None:
                    start, cur = set_start(self.steps, prev), prev
            self._go_back(start, cur, now)
            return True
        if step.phase is Phase.REST:
            prev = previous_set(self.steps, self._index)
            if prev is None:
                return False
            start = set_start(self.steps, prev)
            before, count_in = self.steps[start - 1] if start else None, self.routine.count_in_seconds
            counted = before is not None and before.phase is Phase.GET_READY and before.side is None and count_in > 0
            self._go_back(start - counted, prev, now, count_in if counted else None)
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
        if self.finished:  # the last deadline had passed: it finished before it was quit
            return
        now = self.active()
        if self.state is not State.READY and self.step.in_set:
            self._record(self.step, now, completed=False)
        self.outcome_book.settle()
        self.outcome_book.rest_until(self.clock_time_of(now))
        self._ended_at = now
        if self._paused_at is not None:  # quit while paused (the quit question pauses): that time was paused
            self._paused_total += self._clock() - self._paused_at
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
            if now < deadline or self.waiting:
                break
            self._leave_to(self._index + 1, deadline)

    @property
    def waiting(self) -> bool:
        """Held at the end of a rest, switch or get-ready whose time is up (active time still runs, as in a wait)."""
        deadline = self.deadline
        return self.held and not self.step.in_set and self.step.phase is not Phase.DONE \
            and deadline is not None and self.active() >= deadline

    def release(self) -> None:
        """No longer held. A step that was waiting ends now; a get-ready starts again, so the set still gets its
        count-in after the dialog closes. The wait was seen, not slept through (nothing ticks while it waits)."""
        self._last_seen = self._clock() if self.held and self.state is State.RUNNING else self._last_seen
        if self.waiting and self.state in (State.RUNNING, State.PAUSED):
            if self.step.phase is Phase.GET_READY:
                self._enter(self._index, self.active(), record_current=False, seconds=self._step_seconds)
            else:
                self._leave_to(self._index + 1, self.active())
        self.held = False

    # --- reading ----------------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.state is State.FINISHED

    @property
    def outcomes(self) -> list[Outcome]:
        """What happened in each set (side) so far in this run, in the plan's order (a redo under way: its set's
        first go, until the redo is settled)."""
        return self.outcome_book.ordered()

    @property
    def resume_to(self) -> int | None:
        """Before a resumed session's first set: the step it goes on from."""
        return self._resume_to

    def snapshot(self) -> Snapshot:
        step = self.step
        if self._resume_to is not None:  # the get-ready before a resumed session: show where it goes on
            ahead = self.steps[self._resume_to]
            step = Step(step.phase, step.seconds, ahead.exercise, ahead.set_index, ahead.side, planned=step.planned)
        now = self.active()
        ex = self.routine.exercises[step.exercise] if self.state is not State.FINISHED else None
        elapsed = max(0.0, now - self._step_start)
        planned_done = self._planned_before[self._resume_to] if self._resume_to is not None else \
            self._planned_before[self._index] + min(elapsed, step.planned)  # resumed: as of where it goes on
        if self.state is State.FINISHED:
            progress = 1.0
        else:
            progress = planned_done / self._planned_total if self._planned_total else 0.0
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
            progress=min(1.0, progress),
            active_seconds=now,
        )

    # --- internals --------------------------------------------------------------------------------

    def _live(self) -> bool:
        if self.state not in (State.RUNNING, State.PAUSED):
            return False
        self.tick_into_pending()
        return self.state in (State.RUNNING, State.PAUSED)

    def _go_back(self, start: int, ex_set: tuple[int, int], now: float, seconds: float | None = None) -> None:
        """Redo a set from ``start``. What it recorded stands, whole, until the redo is settled (``OutcomeBook``): a
        quit, a crash or S during the redo never loses a set that was done, nor mixes its sides with the redo's."""
        self.outcome_book.begin_redo(ex_set)
        self._enter(start, now, record_current=False, seconds=seconds)

    def _leave_to(self, j: int, at: float) -> None:
        step = self.step
        if self._resume_to is not None:
            j, self._resume_to = max(j, self._resume_to), None
        if step.in_set and step.last_of_rep and step.rep is not None:
            self._reps_done += 1
        self._enter(j, at)

    def _enter(self, j: int, at: float, record_current: bool = True, seconds: float | None = None) -> None:
        old = self.step
        new = self.steps[j]
        after = old.phase if j > self._index else None  # a step entered again or gone back to follows nothing
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
        self._step_seconds = new.seconds if seconds is None else seconds
        self._countdown_next = min(3, math.floor(self._step_seconds)) if (
            new.phase in COUNTDOWN_PHASES and self._step_seconds) else None
        self.outcome_book.entered(self.steps, j, self.clock_time_of(at))
        self._pending.append(Cue(CueKind.PHASE_STARTED, at, new, after=after))
        if new.phase is Phase.DONE:
            self._ended_at = at
            self.state = State.FINISHED
            self._pending.append(Cue(CueKind.WORKOUT_DONE, at, new))

    def _record(self, step: Step, at: float, completed: bool, skipped: bool = False) -> None:
        reps: int | None = self._reps_done if step.rep is not None else None
        if step.phase is Phase.WORK and not completed:
            reps = None
        timed_hold = step.phase is Phase.HOLD and step.rep is None  # not the hold at the top of a rep
        held = round(at - self._set_started, 1) if timed_hold and at > self._set_started else None
        self.outcome_book.put(Outcome(step.key, reps, held, self._set_started, at, completed, skipped))


__all__ = ["Cue", "CueKind", "Engine", "Outcome", "Refusal", "Snapshot", "State"]
