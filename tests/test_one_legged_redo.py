"""A one-legged set redone, edited or rested around, on the fake clock at the session layer: not one set lost or
mislabelled. A redo that is not finished leaves the set's first go whole (both sides, their times, the set's start);
a finished redo replaces it whole. `b` in a rest starts the redo with its count-in. A set's rest is the rest taken
after it (its rest after the exercise's last set too), never a redo's first attempt."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from helpers import routine

from runtrainer.core.clock import FakeClock
from runtrainer.core.plan import Phase
from runtrainer.export import export
from runtrainer.progress import point_of
from runtrainer.session import Answer, WorkoutSession
from runtrainer.session.records import apply
from runtrainer.session.view import reps_text
from runtrainer.stats import every_track
from runtrainer.store import Part, SetRecord, Store

WALL0 = datetime(2026, 11, 27, 7, 0, 0).astimezone()

ROUTINE = """
name = "One leg"
kind = "gym"
get_ready_seconds = 5
count_in_seconds = 5

[[exercises]]
name = "Squats"
sets = 1
reps = 2
tempo = "lift 1, lower 1"
rest_after_seconds = 30

[[exercises]]
name = "Single-leg deadlift"
sets = 3
reps = 2
per_side = true
switch_seconds = 5
tempo = "lower 2, pause 1, lift 2"
rest_seconds = 20
"""
SLD = 1
"""The deadlift's exercise index."""


def make(clock: FakeClock, store: Store | None = None) -> WorkoutSession:
    return WorkoutSession(routine(ROUTINE), clock, store, "test", wall=lambda: WALL0, background=False)


def until(session: WorkoutSession, clock: FakeClock, done, limit: float = 600) -> None:
    """Let the fake clock run, ticking every 0.5 s, until ``done(step)`` holds for the engine's step."""
    end = clock.now + limit
    while not done(session.engine.step):
        assert clock.now < end, f"never reached (at {session.engine.step})"
        clock.advance(0.5)
        session.tick()


def at(phase: Phase, set_index: int, side: str | None = None, rep: int | None = None):
    return lambda st: st.phase is phase and st.exercise == SLD and st.set_index == set_index and (
        side is None or st.side == side) and (rep is None or st.rep == rep)


def first_set_then_rest(clock: FakeClock, store: Store | None = None) -> tuple[WorkoutSession, SetRecord]:
    """Set 1 of the deadlift done on both legs; now in the rest after it. Returns its record as it stands."""
    session = make(clock, store)
    session.start()
    until(session, clock, at(Phase.REST, 0))
    first = session.book.record((SLD, 1))
    assert first is not None and first.done and [p.side for p in first.sides] == ["left", "right"]
    return session, SetRecord.from_json(first.to_json(full=True))


def same_go(rec: SetRecord, first: SetRecord) -> None:
    assert rec.started == first.started
    assert [(p.side, p.reps, p.completed, p.skipped, p.started, p.ended) for p in rec.sides] == \
        [(p.side, p.reps, p.completed, p.skipped, p.started, p.ended) for p in first.sides]
    assert (rec.reps, rec.completed, rec.skipped) == (first.reps, first.completed, first.skipped)


def test_a_redo_skipped_at_the_switch_leaves_the_first_go_whole():
    clock = FakeClock()
    session, first = first_set_then_rest(clock)
    clock.advance(3)
    session.back()
    until(session, clock, at(Phase.SWITCH, 0))  # the redo's left leg done
    session.skip_set()
    rec = session.book.record((SLD, 1))
    assert rec is not None
    same_go(rec, first)
    assert reps_text(rec) == "2 of 2 per side"


def test_a_redo_quit_at_the_switch_keeps_the_first_go_whole_in_the_saved_session(tmp_path):
    clock = FakeClock()
    store = Store(tmp_path)
    session, first = first_set_then_rest(clock, store)
    session.back()
    until(session, clock, at(Phase.SWITCH, 0))
    session.end_early()
    session.recorder.wait()
    [saved] = Store(tmp_path).all_sessions()
    same_go(saved.sets[1], first)


def test_a_redo_abandoned_at_its_first_rep_leaves_the_first_go_whole():
    clock = FakeClock()
    session, first = first_set_then_rest(clock)
    session.back()
    until(session, clock, at(Phase.LOWER, 0, "left", 1))
    clock.advance(0.5)
    session.skip_set()
    rec = session.book.record((SLD, 1))
    assert rec is not None
    same_go(rec, first)


def test_a_redo_finished_on_both_legs_replaces_the_first_go_whole():
    clock = FakeClock()
    session, first = first_set_then_rest(clock)
    session.back()
    until(session, clock, at(Phase.LOWER, 0, "left", 1))
    redo_started = session.book.stamp(session.engine.active())
    until(session, clock, at(Phase.SWITCH, 0))
    mid = session.book.record((SLD, 1))
    assert mid is not None
    same_go(mid, first)  # until the redo is done, the first go stands
    until(session, clock, at(Phase.REST, 0))
    rec = session.book.record((SLD, 1))
    assert rec is not None and rec.done
    assert rec.started == redo_started == rec.sides[0].started != first.started
    assert all(p.started > q.ended for p, q in zip(rec.sides, first.sides, strict=True))
    assert [p.reps for p in rec.sides] == [2, 2]


def test_b_at_the_switch_redoes_the_set_from_its_left_leg_and_the_first_left_stands_until_it_is_done():
    clock = FakeClock()
    session, _ = first_set_then_rest(clock)
    until(session, clock, at(Phase.SWITCH, 1))  # set 2's left leg done
    left = session.book.record((SLD, 2))
    assert left is not None and [p.side for p in left.sides] == ["left"]
    session.back()
    assert session.engine.step.side == "left" and session.engine.step.in_set, "the set again, from its left leg"
    until(session, clock, at(Phase.SWITCH, 1))
    session.skip_set()  # the redo, left at its switch, did no more than the first go: the first go stands whole
    rec = session.book.record((SLD, 2))
    assert rec is not None
    same_go(rec, left)
    assert reps_text(rec) == "left 2 · right not done" and not rec.done


def test_b_in_a_rest_starts_the_redo_with_its_count_in():
    clock = FakeClock()
    session, _ = first_set_then_rest(clock)
    clock.advance(2)
    session.back()
    step = session.engine.step
    assert step.phase is Phase.GET_READY and session.engine.remaining() == 5, "the count-in, 5 s"
    clock.advance(5)
    session.tick()
    assert session.engine.step.phase is Phase.LOWER and session.engine.step.side == "left"


def test_b_in_the_rest_after_the_first_exercise_counts_in_its_redo_too():
    clock = FakeClock()
    session = make(clock)
    session.start()
    until(session, clock, lambda st: st.phase is Phase.REST)
    session.back()
    assert session.engine.step.phase is Phase.GET_READY and session.engine.remaining() == 5
    until(session, clock, lambda st: st.in_set)
    assert session.engine.step.exercise == 0


def test_the_rest_after_an_exercise_is_recorded_in_its_last_set():
    clock = FakeClock()
    session = make(clock)
    session.start()
    until(session, clock, lambda st: st.in_set and st.exercise == SLD)
    squats = session.book.record((0, 1))
    assert squats is not None and squats.rest_seconds == 30


def test_a_redo_is_not_counted_as_the_rest_before_it():
    clock = FakeClock()
    session, _ = first_set_then_rest(clock)
    until(session, clock, at(Phase.REST, 1))  # set 2 done
    clock.advance(4)
    session.back()  # redo set 2
    until(session, clock, at(Phase.REST, 1))
    clock.advance(0.5)
    session.tick()
    session.done()  # keeps the redo's question
    session.done()  # the rest after the redo, ended early
    until(session, clock, lambda st: st.in_set and st.set_index == 2)
    one, two = session.book.record((SLD, 1)), session.book.record((SLD, 2))
    assert one is not None and two is not None
    assert one.rest_seconds == 20, "the rest after set 1, not set 2's first go"
    assert two.rest_seconds == 0.5, "the rest after set 2's redo, cut short"


def test_a_rest_cut_short_or_made_longer_records_what_it_lasted():
    clock = FakeClock()
    session, _ = first_set_then_rest(clock)
    clock.advance(5)
    session.tick()
    session.adjust_rest(15)  # 30 s left, 35 in all
    until(session, clock, lambda st: st.phase is Phase.GET_READY)
    rec = session.book.record((SLD, 1))
    assert rec is not None and rec.rest_seconds == 35


def test_a_quit_in_a_rest_keeps_the_rest_so_far(tmp_path):
    clock = FakeClock()
    session, _ = first_set_then_rest(clock, Store(tmp_path))
    clock.advance(7)
    session.tick()
    session.end_early()
    rec = session.book.record((SLD, 1))
    assert rec is not None and rec.rest_seconds == 7


def test_a_pause_in_a_rest_is_rest_taken():
    clock = FakeClock()
    session, _ = first_set_then_rest(clock)
    clock.advance(5)
    session.toggle_pause()
    clock.advance(60)
    session.toggle_pause()
    until(session, clock, lambda st: st.phase is Phase.GET_READY)
    rec = session.book.record((SLD, 1))
    assert rec is not None and rec.rest_seconds == 80


# --- w on a one-legged set ------------------------------------------------------------------------------------


def test_w_changes_reps_per_side_and_every_reader_agrees(tmp_path):
    clock = FakeClock()
    store = Store(tmp_path)
    session, _ = first_set_then_rest(clock, store)
    assert session.question is not None and session.question.key == (SLD, 1)
    session.answer((SLD, 1), Answer(reps=1, weight=10))
    rec = session.book.record((SLD, 1))
    assert rec is not None
    assert rec.reps == 1 and [(p.side, p.reps) for p in rec.sides] == [("left", 1), ("right", 1)]
    assert reps_text(rec) == "1 of 2 per side"
    session.end_early()
    session.recorder.wait()
    [saved] = Store(tmp_path).all_sessions()
    back = saved.sets[1]
    assert back.reps == 1 and [p.reps for p in back.sides] == [1, 1], "read back from the history"
    point = point_of(saved, [back], "kg")
    assert point.left is not None and point.right is not None
    assert (point.left.reps, point.right.reps, point.reps) == (1, 1, 2), "progress's left/right balance"
    [stats_point] = every_track(tmp_path)["single-leg deadlift"].points
    assert (stats_point.left.reps, stats_point.right.reps, stats_point.reps) == (1, 1, 2), "runtrainer stats"
    [exported] = json.loads(export([saved], "json"))["sessions"]
    assert [p["reps"] for p in exported["sets"][1]["sides"]] == [1, 1] and exported["sets"][1]["reps"] == 1


def test_w_after_a_set_redone_changes_the_go_that_stands():
    clock = FakeClock()
    session, _ = first_set_then_rest(clock)
    session.back()
    until(session, clock, at(Phase.REST, 0))
    session.answer((SLD, 1), Answer(reps=1))
    rec = session.book.record((SLD, 1))
    assert rec is not None and [p.reps for p in rec.sides] == [1, 1] and rec.reps == 1


def test_a_pause_during_a_redo_does_not_move_the_times_of_the_leg_done_before_it():
    clock = FakeClock()
    session, _ = first_set_then_rest(clock)
    session.back()
    until(session, clock, at(Phase.LOWER, 0, "left", 1))
    left_started = session.book.stamp(session.engine.active())
    until(session, clock, at(Phase.SWITCH, 0))
    left_ended = session.book.stamp(session.engine.active())
    session.toggle_pause()
    clock.advance(120)
    session.toggle_pause()
    until(session, clock, at(Phase.REST, 0))
    rec = session.book.record((SLD, 1))
    assert rec is not None and (rec.sides[0].started, rec.sides[0].ended) == (left_started, left_ended)
    assert rec.started == left_started


def test_a_set_done_before_a_resume_and_redone_unfinished_stands_whole(tmp_path):
    clock = FakeClock()
    store = Store(tmp_path)
    session, first = first_set_then_rest(clock, store)
    store.release(session.session.id, remove=False)  # as kill -9 would: the lock goes, the journal stays
    [orphan] = Store(tmp_path).orphans()
    again = WorkoutSession(routine(ROUTINE), clock, Store(tmp_path), "test", orphan,
                           wall=lambda: WALL0 + timedelta(hours=1), background=False)
    again.start()
    until(again, clock, lambda st: st.in_set and st.exercise == SLD and st.set_index == 1)
    again.back()  # in set 2's first 3 s: the set before, done before the resume
    assert (again.engine.step.set_index, again.engine.step.side) == (0, "left")
    until(again, clock, at(Phase.SWITCH, 0))
    again.skip_set()
    rec = again.book.record((SLD, 1))
    assert rec is not None
    same_go(rec, first)
    until(again, clock, at(Phase.REST, 0))
    again.back()
    until(again, clock, at(Phase.REST, 0))  # redone whole this time: it replaces the go from before the resume
    rec = again.book.record((SLD, 1))
    assert rec is not None and rec.done and rec.started > first.started
    assert all(p.started > first.ended for p in rec.sides)


def test_with_after_rest_wait_the_rest_lasts_until_the_runner_starts_the_count_in():
    clock = FakeClock()
    session = WorkoutSession(routine(ROUTINE), clock, None, "test", wall=lambda: WALL0, background=False,
                             after_rest="wait")
    session.start()
    until(session, clock, lambda st: st.phase is Phase.WAIT)  # after the squats
    session.done()
    session.done()
    until(session, clock, at(Phase.REST, 0))
    until(session, clock, lambda st: st.phase is Phase.WAIT)
    clock.advance(10)
    session.tick()
    session.done()  # keeps the set's question
    session.done()  # Start: the count-in
    assert session.engine.step.phase is Phase.GET_READY
    rec = session.book.record((SLD, 1))
    assert rec is not None and rec.rest_seconds == 30


def test_an_edit_of_a_stored_one_legged_set_gives_its_reps_to_each_side_not_skipped():
    rec = SetRecord("Single-leg deadlift", SLD, 1, 3, 2, 2, reps=0, completed=False,
                    sides=[Part("left", 2), Part("right", 0, completed=False, skipped=True)])
    changed = apply(rec, Answer(reps=3))
    assert changed.reps == 3 and [(p.reps, p.skipped) for p in changed.sides] == [(3, False), (0, True)]
    assert [p.reps for p in rec.sides] == [2, 0], "the record edited is a new one; the old is left as it was"
