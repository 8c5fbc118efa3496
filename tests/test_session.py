"""The session layer, without Textual: one record per set, its real times, resume by position, what counts."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from helpers import make_session, routine

from runtrainer.core.clock import FakeClock
from runtrainer.core.engine import State
from runtrainer.core.plan import Phase, planned_sets
from runtrainer.history import this_week, weekly_counts
from runtrainer.session import Answer, WorkoutSession
from runtrainer.session.view import reps_text
from runtrainer.store import Session, Store

WALL0 = datetime(2026, 11, 27, 7, 0, 0).astimezone()

REPEATED = """
name = "Squats twice"
kind = "gym"
get_ready_seconds = 5
count_in_seconds = 0

[[exercises]]
name = "Squats"
sets = 2
reps = 2
tempo = "lift 1, lower 1"
rest_seconds = 10
rest_after_seconds = 20

[[exercises]]
name = "Lunges"
sets = 1
reps = 2
tempo = "lift 1, lower 1"
rest_after_seconds = 20

[[exercises]]
name = "Squats"
sets = 2
reps = 2
tempo = "lift 1, lower 1"
weight = 60
rest_seconds = 10
"""


def run_until(session: WorkoutSession, clock: FakeClock, seconds: float, step: float = 0.5) -> None:
    target = clock.now + seconds
    while clock.now < target - 1e-9:
        clock.advance(min(step, target - clock.now))
        session.tick()


def make(r, clock, store=None, resume=None):
    return WorkoutSession(r, clock, store, "test", resume, wall=lambda: WALL0, background=False)


def test_each_set_is_stamped_with_the_clock_times_it_started_and_ended(tmp_path):
    clock = FakeClock()
    session = make(routine(REPEATED), clock, Store(tmp_path))
    session.start()
    run_until(session, clock, 5 + 4 + 10 + 4 + 20)  # get ready, set 1, rest, set 2, the change-over
    first, second = session.records[:2]
    at = lambda s: (WALL0 + timedelta(seconds=s)).isoformat(timespec="seconds")  # noqa: E731
    assert (first.started, first.ended) == (at(5), at(9))
    assert (second.started, second.ended) == (at(19), at(23))
    assert first.rest_seconds == 10
    # later saves do not move them: the journal keeps each set's own times
    run_until(session, clock, 30)
    journal = json.loads(next((tmp_path / "in-progress").glob("*.json")).read_text())
    assert journal["sets"][0]["started"] == at(5)[11:19]  # schema 3: a time on the session's day, short
    saved = Session.from_json({k: v for k, v in journal.items() if k not in ("host", "pid")}).sets
    assert [(s.started, s.ended) for s in saved[:2]] == [(at(5), at(9)), (at(19), at(23))]


def test_resume_with_a_repeated_exercise_keeps_every_set_in_its_place(tmp_path):
    r = routine(REPEATED)
    clock = FakeClock()
    store = Store(tmp_path)
    first = make(r, clock, store)
    first.start()
    run_until(first, clock, 5 + 4 + 10 + 4 + 20 + 4 + 20 + 2)  # squats x2, lunges, into the second squats
    assert [(x.exercise, x.exercise_index, x.set_number) for x in first.records] == [
        ("Squats", 0, 1), ("Squats", 0, 2), ("Lunges", 1, 1)]
    store.release(first.session.id, remove=False)  # as kill -9 would: the lock goes, the journal stays
    [orphan] = Store(tmp_path).orphans()
    again = make(r, clock, Store(tmp_path), resume=orphan)
    again.start()
    assert again.engine.resume_to is not None
    run_until(again, clock, 5 + 0.5)
    assert (again.engine.step.exercise, again.engine.step.set_index) == (2, 0), "goes on at the 60 kg squats"
    run_until(again, clock, 4 + 10 + 4)
    assert again.engine.state is State.FINISHED
    kept = [(x.exercise_index, x.set_number, x.weight, x.done) for x in again.records]
    assert kept == [(0, 1, None, True), (0, 2, None, True), (1, 1, None, True), (2, 1, 60, True), (2, 2, 60, True)]
    assert again.sets_done == 5 == again.planned


def test_a_one_legged_set_is_one_set_with_a_part_per_side(gym):
    clock = FakeClock()
    session = make(gym, clock)
    assert planned_sets(gym) == 13 == session.planned, "5 calf raises + 3 leg press + 5 deadlifts (each side)"
    session.start()
    while not (session.engine.step.exercise == 2 and session.engine.step.phase is Phase.REST):
        clock.advance(1)
        session.tick()
    [deadlift] = [r for r in session.records if r.exercise == "Single-leg deadlift"]
    assert [p.side for p in deadlift.sides] == ["left", "right"] and deadlift.done and deadlift.reps == 8
    assert session.sets_done == 9


def test_answers_edit_the_record_in_place_and_prefill_the_next_set(tmp_path):
    clock = FakeClock()
    session = make(routine(REPEATED), clock, Store(tmp_path))
    session.start()
    run_until(session, clock, 5 + 4 + 1)
    assert session.question is not None and session.question.key == (0, 1)
    session.answer((0, 1), Answer(weight=40.0, reps=2, rpe=8.5, notes="felt easy"))
    assert session.question is None
    run_until(session, clock, 9 + 4 + 1)
    first, second = session.records[:2]
    assert (first.weight, first.rpe, first.notes) == (40.0, 8.5, "felt easy")
    assert second.weight == 40.0, "the next set starts from the weight just given"


def test_the_question_is_never_open_while_a_set_runs():
    r = routine(REPEATED.replace("rest_seconds = 10\nrest_after_seconds = 20", "rest_seconds = 0\n"
                                                                                "rest_after_seconds = 20", 1))
    clock = FakeClock()
    session = make(r, clock)
    session.start()
    run_until(session, clock, 5 + 4 + 0.5)
    assert session.engine.step.in_set and session.engine.step.set_index == 1
    assert session.question is None, "no rest between sets: nothing is asked while set 2 runs"
    update = session.done()  # Enter now means "set done" (refused: too few reps), never "keep the answer"
    assert update.refusal is not None and session.engine.step.set_index == 1


def test_a_session_with_no_set_done_is_not_saved_unless_the_runner_says_so(tmp_path):
    clock = FakeClock()
    session = make(routine(REPEATED), clock, Store(tmp_path))
    session.start()
    run_until(session, clock, 2)
    session.end_early()
    session.recorder.wait()
    assert Store(tmp_path).load() == [] and not list((tmp_path / "in-progress").glob("*.json"))
    kept = make(routine(REPEATED), clock, Store(tmp_path))
    kept.start()
    run_until(kept, clock, 2)
    kept.end_early(keep_empty=True)
    kept.recorder.wait()
    [summary] = Store(tmp_path).load()
    assert summary.status == "ended_early" and summary.sets_done == 0


def plank_session(hold_seconds: int) -> tuple[WorkoutSession, FakeClock]:
    """Two planks of ``hold_seconds`` with 30 s between, started (no get-ready, no count-in)."""
    r = routine(f"""
name = "plank"
kind = "gym"
get_ready_seconds = 0
count_in_seconds = 0
[[exercises]]
name = "Plank"
sets = 2
hold_seconds = {hold_seconds}
rest_seconds = 30
""")
    clock = FakeClock()
    session = make(r, clock)
    session.start()
    return session, clock


def test_a_skipped_hold_is_not_shown_as_held_and_a_cut_short_set_is_not_done():
    session, clock = plank_session(hold_seconds=20)
    session.skip_set()
    run_until(session, clock, 30 + 5)
    session.end_early()
    skipped, cut = session.records
    assert reps_text(skipped) == "skipped" and skipped.hold_seconds is None
    assert cut.hold_seconds == 5 and not cut.done
    assert session.sets_done == 0


def test_the_weekly_goals_count_a_session_once_half_its_sets_are_done():
    short = make_session(0)
    short.started = "2026-11-23T07:00:00+01:00"
    short.planned_sets, short.sets = 13, short.sets[:2]
    full = make_session(1)
    full.started = "2026-11-24T07:00:00+01:00"
    assert not short.counts_for_goals and full.counts_for_goals
    assert this_week([short, full], date(2026, 11, 26)).gym == 1
    assert weekly_counts([short, full], date(2026, 11, 26), weeks=1) == [1]


def test_a_pause_moves_the_times_of_the_sets_after_it_and_not_before():
    """Found trying it: every time after a pause was early by the pause (the stamp took the pauses off twice)."""
    clock = FakeClock()
    session = make(routine(REPEATED), clock)
    session.start()
    run_until(session, clock, 5 + 4)  # set 1 done at 9 s
    session.toggle_pause()
    clock.advance(100)  # paused for 100 s in the rest
    session.toggle_pause()
    run_until(session, clock, 10 + 4)  # the rest, then set 2
    at = lambda s: (WALL0 + timedelta(seconds=s)).isoformat(timespec="seconds")  # noqa: E731
    first, second = session.records[:2]
    assert (first.started, first.ended) == (at(5), at(9))
    assert (second.started, second.ended) == (at(119), at(123)), "set 2 ran 100 s later, as the clock says"
    session.end_early()
    assert session.session.ended == at(clock.now - 1000.0)


def first_squats_at_20_kg(r, tmp_path) -> None:
    """A whole session of ``r`` in the store, its first set's weight answered 20 kg."""
    clock = FakeClock()
    first = make(r, clock, Store(tmp_path))
    first.start()
    run_until(first, clock, 5 + 4 + 1)
    first.answer((0, 1), Answer(weight=20.0))
    run_until(first, clock, 200)
    assert first.engine.state is State.FINISHED
    first.recorder.wait()


def test_a_repeated_exercise_takes_last_times_weight_from_its_own_place(tmp_path):
    """Found trying it: the unweighted squats were prefilled with the 60 kg squats' weight (matched by name)."""
    r = routine(REPEATED)
    first_squats_at_20_kg(r, tmp_path)
    again = make(r, FakeClock(), Store(tmp_path))
    assert again.weight_for(0) == (20.0, "kg") and again.weight_for(2) == (60, "kg")


def test_the_first_view_does_not_wait_for_the_history_and_shows_its_weight_once_read(tmp_path, monkeypatch):
    """Found profiling: start() waited for the advice thread (the "Now:" line asked for the last weight), so the
    workout's first frame waited for the whole history to be read: ~200 ms of UI thread at 10,000 sessions."""
    import threading

    import runtrainer.advice

    r = routine(REPEATED)
    first_squats_at_20_kg(r, tmp_path)
    gate = threading.Event()
    read = runtrainer.advice.last_weight

    def slow_history(*args, **kwargs):  # the history being read: held until the test lets it go
        if not gate.wait(timeout=2):  # a bound, not a pace: reached only if start() waits for the thread (the bug)
            gate.set()
        return read(*args, **kwargs)

    monkeypatch.setattr(runtrainer.advice, "last_weight", slow_history)
    clock = FakeClock()
    again = WorkoutSession(r, clock, Store(tmp_path), "test", wall=lambda: WALL0)  # advice on its own thread
    update = again.start()
    assert "kg" not in update.view.next, "no weight of the history's yet (this exercise has none of its own)"
    again.read_history()  # what the screen does after the first frame: the thread starts reading
    assert not again.advice().ready(), "start() waited for the history"
    update = again.tick()
    assert "kg" not in update.view.next, "the view waited for the history"
    assert update.next_in is not None and update.next_in <= 0.25, "looks again soon, for the history's weight"
    gate.set()
    again.advice().get(0)
    clock.advance(update.next_in)
    update = again.tick()
    assert "20 kg" in update.view.next and update.next_in == pytest.approx(1 - 0.25), "the seconds' own pace again"


def test_after_a_resume_the_sessions_own_weights_and_time_carry_on(tmp_path):
    r = routine(REPEATED)
    clock = FakeClock()
    store = Store(tmp_path)
    first = make(r, clock, store)
    first.start()
    run_until(first, clock, 5 + 4 + 1)
    first.answer((0, 1), Answer(weight=55.0))
    run_until(first, clock, 5)
    store.release(first.session.id, remove=False)  # kill -9
    [orphan] = Store(tmp_path).orphans()
    again = make(r, clock, Store(tmp_path), resume=orphan)
    again.start()
    assert again.weight_for(0) == (55.0, "kg"), "not the history's, not none: this session's own"
    assert again.active_seconds == pytest.approx(10), "as journalled with the last answer, before the kill"
    run_until(again, clock, 5 + 4)
    assert again.records[1].weight == 55.0


def test_after_a_resume_the_progress_line_counts_the_minutes_done_before_the_kill(tmp_path):
    from runtrainer.core import catalog

    gym = catalog.builtin("gym")
    clock = FakeClock()
    store = Store(tmp_path)
    first = WorkoutSession(gym, clock, store, "gym", wall=lambda: WALL0, background=False)
    first.start()
    run_until(first, clock, 200)
    assert first.tick().view.progress_label == "3 of ~34 min"
    store.release(first.session.id, remove=False)  # kill -9
    [orphan] = Store(tmp_path).orphans()
    assert orphan.active_seconds >= 60, "journalled as the last set was done"
    again = WorkoutSession(gym, clock, Store(tmp_path), "gym", resume=orphan, wall=lambda: WALL0, background=False)
    before = first.tick().view.progress
    view = again.start().view
    label = view.progress_label
    assert label == f"{int(orphan.active_seconds // 60)} of ~34 min" and not label.startswith("0 ")
    assert 0 < view.progress <= before, "the bar too, as of where it goes on (it showed 0 % until the set began)"
    run_until(again, clock, 60)
    assert again.tick().view.progress_label == f"{int(again.active_seconds // 60)} of ~34 min"


def test_a_hold_ended_before_half_its_time_is_not_a_set_done():
    session, clock = plank_session(hold_seconds=40)
    run_until(session, clock, 5)
    update = session.done()
    assert update.refusal is not None and session.engine.step.phase is Phase.REST
    run_until(session, clock, 30 + 25)
    session.done()  # 25 of 40 s: more than half, a hold done
    short, held = session.records
    assert (short.hold_seconds, short.done) == (5, False) and (held.hold_seconds, held.done) == (25, True)
    assert session.sets_done == 1


def test_a_one_legged_set_shows_each_side_when_they_differ():
    from runtrainer.store import Part, SetRecord

    both = SetRecord("Lunges", 1, 3, 5, reps=0, completed=False, sides=[Part("left", 10), Part("right", 0,
                                                                              completed=False, skipped=True)])
    assert reps_text(both) == "left 10 · right skipped"
    one = SetRecord("Lunges", 1, 3, 5, reps=10, completed=False, sides=[Part("left", 10)])
    assert reps_text(one) == "left 10 · right not done"
    same = SetRecord("Lunges", 1, 3, 5, reps=8, target_low=8, target_high=8, sides=[Part("left", 8), Part("right", 8)])
    assert reps_text(same) == "8 of 8 per side"


def test_a_set_being_redone_keeps_its_first_go_until_the_redo_ends(tmp_path, gym):
    # Found by trying it: b in the rest after set 1 dropped its record at once; q then said "No set is done yet"
    # and the session was left without the set or its 20 kg.
    clock = FakeClock()
    session = make(gym, clock, Store(tmp_path))
    session.start()
    run_until(session, clock, 10 + 16 * 6 + 1)
    assert session.engine.step.phase is Phase.REST and session.sets_done == 1
    session.answer((0, 1), Answer(weight=20.0))
    session.back()
    assert session.engine.step.phase is Phase.GET_READY, "set 1 again, after its count-in"
    run_until(session, clock, 5 + 0.5)
    assert session.engine.step.in_set and session.engine.step.set_index == 0, "set 1 again"
    assert session.sets_done == 1 and session.records[0].weight == 20.0, "its first go is kept meanwhile"
    session.end_early()
    session.recorder.wait()
    [summary] = Store(tmp_path).load()
    saved = Store(tmp_path).session(summary.id)
    assert [(r.exercise, r.set_number, r.weight) for r in saved.sets if r.done] == [("Calf raises", 1, 20.0)]


def test_a_redone_set_replaces_its_first_go_once_done_again(tmp_path, gym):
    clock = FakeClock()
    session = make(gym, clock, Store(tmp_path))
    session.start()
    run_until(session, clock, 10 + 16 * 6 + 1)
    first = session.records[0]
    session.back()
    run_until(session, clock, 12 * 6 + 1)  # the redo's count-in and 12 reps or so, then Enter ends it
    session.done()
    assert session.engine.step.phase is Phase.REST
    assert len(session.records) == 1 and session.records[0] is not first and session.records[0].reps < first.reps == 16


SELF_PACED = """
name = "Self-paced"
kind = "gym"
get_ready_seconds = 0
count_in_seconds = 0

[[exercises]]
name = "Push-ups"
sets = 1
reps = 5
rest_after_seconds = 10

[[exercises]]
name = "Rows"
sets = 1
reps = [8, 12]
rest_after_seconds = 10

[[exercises]]
name = "Step-ups"
sets = 1
reps = 6
per_side = true
"""


def test_a_self_paced_set_records_the_reps_it_asked_for_unless_the_runner_changes_them(tmp_path):
    """No tempo: the runner presses Enter when done. A fixed count records that count, a range its low end (the
    fewest the set asks for; the question after the set shows it, and the runner's answer replaces it)."""
    clock = FakeClock()
    session = make(routine(SELF_PACED), clock, Store(tmp_path / "data"))
    session.start()
    asked = []
    while not session.over:
        clock.advance(0.5)
        update = session.tick()
        if update.question is not None and update.question not in asked:
            asked.append(update.question)
            if update.question.exercise == "Rows":
                session.answer(update.question.key, Answer(reps=11))
        if session.engine.step.phase is Phase.WORK:
            clock.advance(20)
            session.done()
    assert [q.reps for q in asked] == [5, 8], "the question shows what will be kept (the last set has none)"
    push, rows, steps = session.records
    assert (push.reps, rows.reps, steps.reps) == (5, 11, 6)
    assert [p.reps for p in steps.sides] == [6, 6]
    assert reps_text(push) == "5 of 5" and reps_text(steps) == "6 of 6 per side"
    session.recorder.wait()
    Store(tmp_path / "data").merge_pending()
    saved = json.loads((tmp_path / "data" / "history.json").read_text().splitlines()[1].rstrip(","))
    assert [s["reps"] for s in saved["sets"]] == [5, 11, 6]


def test_a_self_paced_set_cut_short_or_skipped_records_no_reps():
    clock = FakeClock()
    session = make(routine(SELF_PACED), clock)
    session.start()
    clock.advance(3)
    session.tick()
    session.skip_set()  # Push-ups skipped
    while session.engine.step.phase is not Phase.WORK:
        clock.advance(0.5)
        session.tick()
    clock.advance(5)
    session.end_early()  # quit in the middle of the rows
    skipped, cut = session.records
    assert skipped.reps is None and skipped.skipped
    assert cut.reps is None and not cut.completed


@pytest.mark.parametrize("routine_id", ["gym", "post-run"])
def test_every_set_of_the_built_in_routines_records_its_reps(routine_id):
    """Each exercise shape they have (a tempo with a fixed count, with a range, one-legged) records the reps done:
    run through, every set to its end (the range's high end), every side too."""
    from runtrainer.core import catalog

    r = catalog.builtin(routine_id)
    clock = FakeClock()
    session = make(r, clock)
    session.start()
    while not session.over:
        clock.advance(0.5)
        session.tick()
    assert len(session.records) == planned_sets(r)
    for rec in session.records:
        ex = r.exercises[rec.exercise_index]
        assert ex.reps is not None and rec.reps == ex.reps.high, rec
        assert [p.reps for p in rec.sides] == ([ex.reps.high] * 2 if ex.per_side else []), rec
