"""The session's controls in any order, on the fake clock: the invariants a runner relies on always hold."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from runtrainer.core import catalog
from runtrainer.core.clock import FakeClock
from runtrainer.core.engine import State
from runtrainer.core.plan import compile_steps
from runtrainer.session import WorkoutSession

ROUTINES = {name: catalog.builtin(name) for name in ("gym", "post-run")}


class SessionControls(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.origin = self.clock.now
        self.routine = ROUTINES["gym"]
        self.session = WorkoutSession(self.routine, self.clock, background=False)
        self.session.start()
        self.keys_in_plan = {(st.exercise, st.set_index + 1) for st in compile_steps(self.routine) if st.in_set}
        self.last_deadline: float | None = None
        self.ended: float | None = None
        """The clock when the workout was quit (kept as ended early)."""

    def live(self) -> bool:
        return self.session.engine.state in (State.RUNNING, State.PAUSED)

    @rule(seconds=st.floats(min_value=0.01, max_value=40))
    def time_passes(self, seconds: float) -> None:
        before = self.session.engine.index, self.session.engine.deadline
        self.clock.advance(seconds)
        self.session.tick()
        after = self.session.engine.index, self.session.engine.deadline
        if after[0] == before[0] and before[1] is not None and after[1] is not None:
            assert after[1] == before[1], "time passing never moves the deadline of the step in progress"
        if after[0] > before[0] and before[1] is not None and after[1] is not None:
            assert after[1] >= before[1], "a later step's deadline is never before an earlier one's"

    @precondition(live)
    @rule()
    def pause_or_go_on(self) -> None:
        self.session.toggle_pause()

    @precondition(live)
    @rule()
    def done(self) -> None:
        self.session.done()

    @precondition(live)
    @rule()
    def skip(self) -> None:
        self.session.skip()

    @precondition(live)
    @rule()
    def skip_set(self) -> None:
        self.session.skip_set()

    @precondition(live)
    @rule()
    def back(self) -> None:
        self.session.back()

    @precondition(live)
    @rule(delta=st.sampled_from([15.0, -15.0]))
    def adjust_rest(self, delta: float) -> None:
        self.session.adjust_rest(delta)

    @precondition(live)
    @rule()
    def quit_keeping_it(self) -> None:
        self.session.end_early()
        self.ended = self.clock.now

    @precondition(live)
    @rule(seconds=st.floats(min_value=0.01, max_value=40), keep=st.booleans())
    def the_quit_question(self, seconds: float, keep: bool) -> None:
        """As the app asks it: q pauses, the question is open a while (PAUSED shows), then the workout is kept as
        ended early, or goes on (resumed if it was running)."""
        engine = self.session.engine
        was_running = engine.state is State.RUNNING
        engine.pause()
        self.session.tick()
        self.clock.advance(seconds)
        if keep:
            self.session.end_early(keep_empty=True)
            self.ended = self.clock.now
        elif was_running:
            engine.resume()

    @invariant()
    def no_deadline_in_the_past(self) -> None:
        remaining = self.session.engine.remaining()
        assert remaining is None or remaining >= 0

    @invariant()
    def each_set_recorded_once_in_the_plans_order(self) -> None:
        keys = [r.key for r in self.session.records]
        assert len(keys) == len(set(keys)), "no set is recorded twice"
        assert keys == sorted(keys), "the records follow the plan's order"
        assert set(keys) <= self.keys_in_plan
        for r in self.session.records:
            assert len(r.sides) <= 2 and len({p.side for p in r.sides}) == len(r.sides)

    @invariant()
    def active_and_paused_add_up_to_the_time_since_the_start(self) -> None:
        engine = self.session.engine
        if engine.state in (State.RUNNING, State.PAUSED):
            assert engine.active() + engine.paused_seconds == pytest.approx(self.clock.now - self.origin, abs=1e-6)
        elif engine.state is State.ABORTED and self.ended is not None:
            # every second up to the quit, the quit question's included, was active or paused
            assert engine.active() + engine.paused_seconds == pytest.approx(self.ended - self.origin, abs=1e-6)
            assert self.session.active_seconds + self.session.paused_seconds == pytest.approx(
                self.ended - self.origin, abs=1e-6)

    @invariant()
    def the_counts_agree(self) -> None:
        assert 0 <= self.session.sets_done <= self.session.planned == 13
        assert self.session.sets_done == sum(1 for r in self.session.records if r.done)


SessionControls.TestCase.settings = settings(
    max_examples=60, stateful_step_count=40, derandomize=True, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
test_the_session_holds_up_to_any_sequence_of_controls = SessionControls.TestCase
