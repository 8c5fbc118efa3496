"""The session engine, on a fake clock: a whole routine in well under a second of wall time."""

from __future__ import annotations

import random
import time

import pytest
from helpers import routine

from runtrainer.core.clock import FakeClock
from runtrainer.core.engine import CueKind, Engine, Refusal, State
from runtrainer.core.plan import Phase, compile_steps, estimate_seconds
from runtrainer.session.view import next_label


def run_to_end(engine: Engine, clock: FakeClock, step: float = 0.25) -> list:
    cues = []
    while engine.state is State.RUNNING:
        clock.advance(step)
        cues += engine.tick()
    return cues


def phase_starts(cues):
    return [(c.at, c.step.phase) for c in cues if c.kind is CueKind.PHASE_STARTED]


def test_whole_gym_routine_runs_fast_and_every_phase_lasts_what_the_routine_says(gym, clock):
    t0 = time.perf_counter()
    engine = Engine(gym, clock)
    cues = engine.start() + run_to_end(engine, clock, 0.1)
    wall = time.perf_counter() - t0
    assert wall < 2.0, "the simulated half hour must run in well under two seconds"
    starts = phase_starts(cues)
    steps = engine.steps
    assert [p for _, p in starts] == [s.phase for s in steps]
    for (at, _), (nxt, _), st in zip(starts, starts[1:], steps, strict=False):
        assert nxt - at == pytest.approx(st.seconds), st
    assert engine.state is State.FINISHED
    assert engine.active() == pytest.approx(estimate_seconds(gym)[1])
    # 5 calf-raise sets of 16, 3 leg-press sets, 5 deadlift sets x 2 sides, all complete.
    recs = engine.outcomes
    assert [(gym.exercises[r.exercise_index].name, r.set_index + 1, r.side, r.reps) for r in recs][:6] == [
        ("Calf raises", 1, None, 16), ("Calf raises", 2, None, 16), ("Calf raises", 3, None, 16),
        ("Calf raises", 4, None, 16), ("Calf raises", 5, None, 16), ("Leg press", 1, None, 10)]
    assert len(recs) == 5 + 3 + 10 and all(r.completed for r in recs)


def test_calf_raise_rep_is_lift_hold_three_lower(gym):
    steps = [s for s in compile_steps(gym) if s.exercise == 0 and s.set_index == 0 and s.in_set]
    assert [(s.phase, s.seconds) for s in steps[:3]] == [(Phase.LIFT, 1), (Phase.HOLD, 3), (Phase.LOWER, 2)]
    assert max(s.rep for s in steps) == 16


def test_hold_counts_three_two_one(gym, clock):
    engine = Engine(gym, clock)
    engine.start()
    clock.advance(10 + 1)  # get ready, then the first lift
    cues = engine.tick()
    assert engine.step.phase is Phase.HOLD
    shown = []
    for _ in range(3):
        shown.append(engine.snapshot().remaining)
        cues += engine.tick()
        clock.advance(1)
    cues += engine.tick()
    counts = [(c.number, c.at) for c in cues if c.kind is CueKind.COUNTDOWN and c.step.phase is Phase.HOLD]
    assert [c.at for c in cues if c.kind is CueKind.COUNTDOWN][:3] == [7.0, 8.0, 9.0]  # get ready
    assert counts == [(3, 11.0), (2, 12.0), (1, 13.0)]
    assert shown == [3.0, 2.0, 1.0]
    assert engine.step.phase is Phase.LOWER


def test_deadlift_set_pauses_at_the_bottom_and_switches_sides(gym, clock):
    steps = compile_steps(gym)
    first = next(i for i, s in enumerate(steps) if s.exercise == 2 and s.in_set)
    left = [s for s in steps if s.exercise == 2 and s.set_index == 0 and s.side == "left"]
    assert [(s.phase, s.seconds) for s in left[:3]] == [(Phase.LOWER, 2), (Phase.PAUSE, 1), (Phase.LIFT, 2)]
    assert len(left) == 8 * 3
    after = steps[first + len(left):first + len(left) + 3]
    assert [(s.phase, s.seconds, s.side) for s in after] == [
        (Phase.SWITCH, 5, "right"), (Phase.GET_READY, 3, "right"), (Phase.LOWER, 2, "right")]


def test_irregular_late_and_bunched_ticks_over_45_minutes_give_zero_drift(clock):
    r = routine("""
name = "long"
kind = "gym"
[[exercises]]
name = "Calf raises"
sets = 30
reps = [12, 16]
tempo = "lift 1, hold 3, lower 2"
rest_seconds = 30
""")
    rng = random.Random(7)
    engine = Engine(r, clock)
    cues = engine.start()
    total = estimate_seconds(r)[1]
    assert total > 45 * 60
    while engine.state is State.RUNNING:
        gap = rng.choice([0.001, 0.016, 0.3, 0.9, 2.7, 7.5])  # bunched, late and very late
        clock.advance(gap)
        cues += engine.tick()
    starts = phase_starts(cues)
    expected = 0.0
    for (at, _), st in zip(starts, engine.steps, strict=True):
        assert at == pytest.approx(expected, abs=1e-6)
        expected += st.seconds or 0
    assert engine.outcomes[-1].ended_at == pytest.approx(total, abs=1e-6)


def test_pause_freezes_the_remaining_time_and_resume_goes_on(gym, clock):
    engine = Engine(gym, clock)
    engine.start()
    clock.advance(4.5)
    engine.tick()
    engine.pause()
    clock.advance(600)
    assert engine.tick() == []
    assert engine.remaining() == pytest.approx(5.5)
    engine.resume()
    clock.advance(5.5)
    cues = engine.tick()
    assert [c.step.phase for c in cues if c.kind is CueKind.PHASE_STARTED] == [Phase.LIFT]
    assert engine.paused_seconds == pytest.approx(600)


def test_skip_ends_the_phase_now(gym, clock):
    engine = Engine(gym, clock)
    engine.start()
    clock.advance(2)
    engine.skip_phase()
    assert engine.step.phase is Phase.LIFT
    assert engine.remaining() == pytest.approx(1.0)


def _to_rest(engine: Engine, clock: FakeClock) -> None:
    while engine.step.phase is not Phase.REST:
        clock.advance(0.5)
        engine.tick()


def test_plus_and_minus_fifteen_change_the_rest(gym, clock):
    engine = Engine(gym, clock)
    engine.start()
    _to_rest(engine, clock)
    assert engine.remaining() == pytest.approx(60)
    clock.advance(10)
    assert engine.adjust_rest(+15)
    assert engine.remaining() == pytest.approx(65)
    assert engine.adjust_rest(-15) and engine.adjust_rest(-15)
    assert engine.remaining() == pytest.approx(35)
    clock.advance(25)
    engine.tick()
    assert engine.remaining() == pytest.approx(10)
    assert engine.adjust_rest(-15)  # less than 15 s left: the rest ends now, and the count-in begins
    assert engine.step.phase is Phase.GET_READY and engine.step.set_index == 1
    assert not engine.adjust_rest(15), "only a rest can be changed"


def test_finish_early_only_once_the_range_minimum_is_reached(gym, clock):
    engine = Engine(gym, clock)
    engine.start()
    clock.advance(10 + 11 * 6 + 0.5)  # get ready + 11 reps, and into the 12th rep's lift
    engine.tick()
    ok, refusal = engine.finish_set()
    assert not ok and refusal is Refusal.TOO_FEW_REPS and engine.reps_counted() == 11
    clock.advance(4)  # lowering the 12th rep: it counts
    engine.tick()
    assert engine.step.phase is Phase.LOWER and engine.step.rep == 12
    ok, _ = engine.finish_set()
    assert ok and engine.step.phase is Phase.REST
    rec = engine.outcomes[0]
    assert (rec.reps, rec.completed, rec.hold_seconds) == (12, True, None)


def test_back_in_a_rest_redoes_the_set_just_done(gym, clock):
    engine = Engine(gym, clock)
    engine.start()
    _to_rest(engine, clock)
    assert len(engine.outcomes) == 1
    assert engine.back()
    assert engine.step.phase is Phase.GET_READY and engine.remaining() == gym.count_in_seconds == 5, "its count-in"
    clock.advance(5)
    engine.tick()
    assert engine.step.phase is Phase.LIFT and engine.step.set_index == 0 and engine.step.rep == 1
    first = engine.outcomes[0]
    assert engine.outcomes == [first], "the first go stands until the redo records again"
    clock.advance(96)
    engine.tick()
    assert engine.step.phase is Phase.REST and len(engine.outcomes) == 1 and engine.outcomes[0] != first


def test_a_redo_ended_unfinished_keeps_the_sets_first_go(gym, clock):
    # Found by trying it: b in the rest after set 1, then q, left the session with no set done.
    for end in (Engine.abort, Engine.skip_set):
        engine = Engine(gym, clock)
        engine.start()
        _to_rest(engine, clock)
        first = engine.outcomes[0]
        engine.back()
        clock.advance(20)
        engine.tick()
        end(engine)
        assert engine.outcomes[0] == first and first.completed, end.__name__


def test_back_mid_set_restarts_it_and_at_its_start_goes_to_the_set_before(gym, clock):
    engine = Engine(gym, clock)
    engine.start()
    _to_rest(engine, clock)
    clock.advance(60 + 5 + 20)  # the rest, the count-in, and into set 2
    engine.tick()
    assert engine.step.set_index == 1 and engine.step.rep == 4
    engine.back()
    assert (engine.step.set_index, engine.step.rep, engine.remaining()) == (1, 1, 1.0)
    engine.back()  # pressed again straight away: the set before
    assert (engine.step.set_index, engine.step.rep) == (0, 1)


def test_skip_set_records_it_as_skipped_and_in_rest_skips_the_next(gym, clock):
    engine = Engine(gym, clock)
    engine.start()
    clock.advance(10 + 7)
    engine.tick()
    engine.skip_set()
    assert engine.step.phase is Phase.REST
    assert (engine.outcomes[0].reps, engine.outcomes[0].skipped) == (1, True)
    engine.skip_set()  # resting: the upcoming set 2 is skipped
    assert engine.step.phase is Phase.REST and engine.step.set_index == 1
    assert [(r.set_index + 1, r.skipped) for r in engine.outcomes] == [(1, True), (2, True)]


def test_self_paced_set_counts_up_until_enter(clock):
    r = routine("""
name = "free"
kind = "post-run"
get_ready_seconds = 5
[[exercises]]
name = "Jumps"
sets = 2
reps = 10
rest_seconds = 30
""")
    engine = Engine(r, clock)
    engine.start()
    clock.advance(5 + 42.4)
    engine.tick()
    snap = engine.snapshot()
    assert snap.phase is Phase.WORK and snap.remaining is None and snap.elapsed == pytest.approx(42.4)
    assert engine.next_change_in() == pytest.approx(0.6)
    engine.finish_set()
    assert engine.step.phase is Phase.REST
    assert engine.outcomes[0].completed and engine.outcomes[0].reps is None


def test_timed_hold_and_abort_keeps_the_partial_set(clock):
    r = routine("""
name = "plank"
kind = "gym"
get_ready_seconds = 0
[[exercises]]
name = "Plank"
sets = 2
hold_seconds = 45
rest_seconds = 30
""")
    engine = Engine(r, clock)
    engine.start()
    clock.advance(45)
    engine.tick()
    assert engine.step.phase is Phase.REST
    assert engine.outcomes[0].hold_seconds == 45
    clock.advance(30 + 5 + 20)  # the rest, the count-in, 20 s of the second hold
    engine.abort()
    assert engine.state is State.ABORTED
    assert [(r.completed, r.hold_seconds) for r in engine.outcomes] == [(True, 45), (False, 20)]


def test_next_change_falls_on_whole_seconds_so_the_screen_redraws_only_on_change(gym, clock):
    engine = Engine(gym, clock)
    engine.start()
    clock.advance(0.3)
    assert engine.next_change_in() == pytest.approx(0.7)
    engine.pause()
    assert engine.next_change_in() is None


def test_snapshot_says_where_the_runner_is(gym, clock):
    engine = Engine(gym, clock)
    engine.start()
    clock.advance(10 + 6 * 3 + 1.5)
    engine.tick()
    s = engine.snapshot()
    assert (s.exercise.name, s.set_number, s.set_count, s.rep, s.rep_target.label, s.phase) == (
        "Calf raises", 1, 5, 4, "12–16", Phase.HOLD)
    assert next_label(engine) == "Rest 1:00, then Calf raises · set 2/5 · 12–16 reps"
    assert 0 < s.progress < 0.05


def test_resume_after_a_crash_goes_on_from_the_first_set_not_done(gym, clock):
    first = Engine(gym, clock)
    first.start()
    clock.advance(10 + 96 + 60 + 5 + 96 + 5)  # two calf-raise sets done, into the rest
    first.tick()
    done = frozenset(r.key for r in first.outcomes)
    assert len(done) == 2
    again = Engine(gym, clock)
    again.resume_after(done)
    again.start()
    assert again.step.phase is Phase.GET_READY
    snap = again.snapshot()
    assert (snap.set_number, next_label(again)) == (3, "Calf raises · set 3/5 · 12–16 reps")
    clock.advance(10)
    again.tick()
    assert (again.step.phase, again.step.set_index, again.step.rep) == (Phase.LIFT, 2, 1)
    assert again.outcomes == []  # the sets done before are the session's records, not this run's outcomes


def test_a_long_gap_pauses_as_of_the_last_look_instead_of_racing_through(gym, clock):
    engine = Engine(gym, clock)
    engine.start()
    clock.advance(10 + 3)  # into the first hold
    engine.tick()
    assert engine.pause_if_gap(10) == 0.0
    clock.advance(125)  # the laptop slept (CLOCK_BOOTTIME kept counting)
    assert engine.pause_if_gap(10) == pytest.approx(125)
    assert engine.state is State.PAUSED
    assert engine.step.phase is Phase.HOLD and engine.remaining() == pytest.approx(1.0)
    assert engine.tick() == []
    engine.resume()
    clock.advance(1)
    engine.tick()
    assert engine.step.phase is Phase.LOWER


def test_skipping_the_last_set_of_the_routine_ends_the_workout(gym, clock):
    """Found by the session's property test: S on the last set ran past the end of the plan (IndexError)."""
    engine = Engine(gym, clock)
    engine.start()
    while not (engine.step.exercise == 2 and engine.step.set_index == 4 and engine.step.in_set):
        engine.skip_phase()
    assert engine.skip_set()
    assert engine.state is State.FINISHED


def test_every_later_set_is_counted_in_even_when_its_rest_is_cut_short(gym, clock):
    engine = Engine(gym, clock)
    engine.start()
    _to_rest(engine, clock)
    engine.finish_set()  # Enter in the rest: not straight into "LIFT", but the count-in
    assert (engine.step.phase, engine.step.set_index, engine.remaining()) == (Phase.GET_READY, 1, 5)
    clock.advance(5)
    counts = [c.number for c in engine.tick() if c.kind is CueKind.COUNTDOWN]
    assert counts == [3, 2, 1] and engine.step.phase is Phase.LIFT


def test_after_rest_wait_starts_the_count_in_only_when_the_runner_says(gym, clock):
    engine = Engine(gym, clock, after_rest="wait")
    engine.start()
    _to_rest(engine, clock)
    clock.advance(60 + 600)  # the rest ends; ten minutes later nothing has started by itself
    engine.tick()
    assert engine.step.phase is Phase.WAIT and engine.remaining() is None
    engine.finish_set()
    assert engine.step.phase is Phase.GET_READY and engine.step.set_index == 1
