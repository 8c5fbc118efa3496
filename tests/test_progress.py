"""Progress figures against hand-worked examples: Epley, volume, bests, left/right balance, streaks and the year."""

from __future__ import annotations

from datetime import date

import pytest

from runtrainer.importers import parse
from runtrainer.progress import (
    balance,
    best_sessions,
    convert,
    epley,
    new_bests,
    personal_bests,
    session_gaps,
    tracks,
    weekly_volume,
)
from runtrainer.store import Part, Session, SetRecord
from runtrainer.year import BOTH, GYM, NONE, POST_RUN, grid, streaks, year


def session(day: str, *sets: SetRecord, kind: str = "gym", sid: str = "", planned: int = 0) -> Session:
    s = Session(id=sid or f"s-{day}-{kind}", routine="Mine", kind=kind, started=f"{day}T07:00:00+01:00",
                status="completed", planned_sets=planned or len(sets))
    s.sets = list(sets) or [lift("Jumps", 10, None)]
    s.planned_sets = planned or len(s.sets)
    return s


def lift(name: str, reps: int | None, weight: float | None, unit: str = "kg", n: int = 1, **kw) -> SetRecord:
    return SetRecord(name, 0, n, 5, reps=reps, weight=weight, unit=unit, **kw)


def one_leg(left: int, right: int, weight: float | None = 6.0, n: int = 1) -> SetRecord:
    return SetRecord("Single-leg deadlift", 2, n, 5, reps=max(left, right), weight=weight,
                     sides=[Part("left", left), Part("right", right)])


def test_epley_by_hand():
    assert epley(20, 16) == pytest.approx(20 * 46 / 30)  # 30.67
    assert epley(100, 5) == pytest.approx(116.6667, abs=1e-3)
    assert epley(140, 1) == 140  # one rep is the weight itself
    assert epley(0, 10) == 0 and epley(50, 0) == 0


def test_volume_counts_both_sides_of_a_one_legged_set_and_skips_undone_sets():
    s = session("2026-11-02", lift("Calf raises", 16, 12), lift("Calf raises", 12, 12, n=2),
                lift("Calf raises", 16, 12, n=3, skipped=True), one_leg(8, 8), one_leg(8, 7, n=2))
    t = tracks([s])
    calf = t["calf raises"].points[0]
    assert (calf.sets, calf.reps, calf.volume) == (2, 28, 28 * 12)  # 336: the skipped set is not counted
    dead = t["single-leg deadlift"].points[0]
    assert dead.reps == 31 and dead.volume == 31 * 6  # 8+8+8+7 reps, each at 6 kg
    assert dead.left is not None and dead.right is not None
    assert (dead.left.reps, dead.right.reps, dead.left.load, dead.right.load) == (16, 15, 96, 90)


def test_kg_and_lb_mixed_are_shown_in_the_unit_most_sets_used():
    # two sets in kg, one in lb: the exercise is in kg and 45 lb is 20.41 kg
    s1 = session("2026-11-02", lift("Squat", 5, 20), lift("Squat", 5, 20, n=2))
    s2 = session("2026-11-05", lift("Squat", 5, 45, unit="lb"))
    t = tracks([s1, s2])["squat"]
    assert t.unit == "kg"
    # rounded to the gram, as the exports write it: it moved from the exact 20.41165665 by less than half a gram
    assert t.points[1].top_weight == 20.412 and abs(20.412 - 45 * 0.45359237) < 0.0005
    assert convert(100, "kg", "lb") == pytest.approx(220.462, abs=1e-3)
    lb = tracks([session("2026-11-02", lift("Bench", 5, 135, "lb"), lift("Bench", 5, 135, "lb", n=2)),
                 session("2026-11-04", lift("Bench", 5, 60))])["bench"]
    assert lb.unit == "lb" and lb.points[1].top_weight == pytest.approx(132.277, abs=1e-3)


def test_weekly_volume_has_a_zero_for_a_week_with_no_training():
    s1 = session("2026-11-02", lift("Calf raises", 10, 20))  # Monday of week 1: 200
    s2 = session("2026-11-06", lift("Calf raises", 10, 10))  # Friday of week 1: 100
    s3 = session("2026-11-18", lift("Calf raises", 5, 20))  # week 3: 100; week 2 had nothing
    weeks = weekly_volume(tracks([s1, s2, s3])["calf raises"].points, date(2026, 11, 20), weeks=3)
    assert weeks == [(date(2026, 11, 2), 300.0), (date(2026, 11, 9), 0.0), (date(2026, 11, 16), 100.0)]


def test_personal_bests_and_the_warmup_that_is_never_one():
    s1 = session("2026-11-02", lift("Calf raises", 12, 20), lift("Calf raises", 30, 30, n=2, set_type="warmup"))
    s2 = session("2026-11-05", lift("Calf raises", 16, 20), lift("Calf raises", 8, 22.5, n=2))
    s3 = session("2026-11-09", lift("Plank", None, None, hold_seconds=45.0))
    s4 = session("2026-11-12", lift("Plank", None, None, hold_seconds=50.0))
    t = tracks([s1, s2, s3, s4])
    calf = personal_bests(t["calf raises"])
    assert calf.heaviest is not None and (calf.heaviest.weight, calf.heaviest.reps) == (22.5, 8)
    assert calf.reps[20].reps == 16 and calf.reps[22.5].reps == 8 and 30 not in calf.reps
    assert calf.e1rm is not None and calf.e1rm.value == pytest.approx(20 * (1 + 16 / 30))  # 30.67 beats 28.5
    plank = personal_bests(t["plank"])
    assert plank.hold is not None and plank.hold.value == 50
    assert best_sessions(t.values()) == {s2.id, s4.id}  # a first session beats nothing


def test_new_bests_name_each_exercise_with_its_set():
    s1 = session("2026-11-02", lift("Calf raises", 12, 20), lift("Plank", None, None, hold_seconds=45.0))
    s2 = session("2026-11-05", lift("Calf raises", 16, 20), lift("Plank", None, None, hold_seconds=40.0))
    assert new_bests([s1], s2) == ["Calf raises 16 × 20 kg (most reps at this weight)"]
    s3 = session("2026-11-09", lift("Calf raises", 10, 22.5), lift("Plank", None, None, hold_seconds=60.0))
    assert new_bests([s1, s2, s3], s3) == ["Calf raises 10 × 22.5 kg (heaviest)", "Plank hold 60 s (longest)"]
    # lighter, but so many reps that the estimate beats 30.67 kg: 18 × 1.6 = 28.8 no; 25 reps at 20: 36.67 yes
    s4 = session("2026-11-12", lift("Calf raises", 25, 18))
    assert new_bests([s1, s2, s3], s4) == ["Calf raises estimated 1RM 33 kg (from 25 × 18 kg) (best estimate)"]
    assert new_bests([], s1) == []  # nothing to beat yet


def test_new_best_in_lb_against_a_history_in_kg():
    s1 = session("2026-11-02", lift("Squat", 5, 100), lift("Squat", 5, 100, n=2))
    s2 = session("2026-11-05", lift("Squat", 5, 225, unit="lb"))  # 102.06 kg
    assert new_bests([s1], s2) == ["Squat 5 × 102.1 kg (heaviest)"]


def test_imported_strong_history_gives_bests_and_marks_the_session():
    text = ("Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes\n"
            '2018-06-12 07:15:40,"Morning Workout","Deadlift (Barbell)",W,60.0,5,0,0,"",""\n'
            '2018-06-12 07:15:40,"Morning Workout","Deadlift (Barbell)",1,100.0,5,0,0,"",""\n'
            '2018-06-12 07:15:40,"Morning Workout","Pull Up",1,0.0,8,0,0,"",""\n'
            '2018-06-19 07:10:00,"Morning Workout","Deadlift (Barbell)",1,105.0,3,0,0,"",""\n'
            '2018-06-19 07:10:00,"Morning Workout","Pull Up",1,0.0,10,0,0,"",""\n')
    first, second = parse(text, "strong.csv", unit="kg").sessions
    assert new_bests([first], second) == ["Deadlift (Barbell) 3 × 105 kg (heaviest)", "Pull Up 10 reps (most reps at "
                                                                                       "this weight)"]
    t = tracks([first, second])
    assert best_sessions(t.values()) == {second.id}
    assert t["deadlift (barbell)"].points[0].volume == 60 * 5 + 100 * 5  # the warm-up counts for volume


def test_balance_sentence_right_leg_six_percent_fewer():
    today = date(2026, 11, 30)
    old = session("2026-10-01", one_leg(8, 6), one_leg(8, 6, n=2))  # 7 weeks ago: 25% gap, before the window
    recent = [session("2026-11-10", one_leg(8, 8), one_leg(8, 7, n=2)),  # left 16 right 15
              session("2026-11-24", one_leg(8, 8), one_leg(8, 7, n=2))]  # left 32 right 30 in all
    b = balance(tracks([*recent])["single-leg deadlift"], today)
    assert b is not None and b.gap == pytest.approx(6.25)
    assert b.sentence(today) == "The right leg did 6% fewer reps over the last 4 weeks (left 32, right 30)."
    with_before = balance(tracks([session("2026-10-20", one_leg(8, 6)), *recent])["single-leg deadlift"], today)
    assert with_before is not None
    assert with_before.sentence(today).endswith("The gap is closing: 25% in the 4 weeks before.")
    assert [round(g) for _, g in with_before.gaps] == [25, 6, 6]
    stale = balance(tracks([old])["single-leg deadlift"], today)
    assert stale is not None and "over the 4 weeks to 2026-10-01" in stale.sentence(today)
    assert balance(tracks([session("2026-11-24", lift("Squat", 5, 50))])["squat"], today) is None


def test_balance_of_holds_and_a_left_side_that_lags():
    s = session("2026-11-24", SetRecord("Side plank", 0, 1, 2, sides=[Part("left", hold_seconds=40.0),
                                                                        Part("right", hold_seconds=50.0)]))
    b = balance(tracks([s])["side plank"], date(2026, 11, 25))
    assert b is not None and b.by_hold
    assert b.sentence(date(2026, 11, 25)) == "The left leg held 20% less hold time over the last 4 weeks (40 s / 50 s)."


def test_the_summary_mentions_a_gap_over_ten_percent_only():
    assert session_gaps(session("2026-11-24", one_leg(8, 7))) == [
        "Single-leg deadlift: the right side did 12% fewer reps than the other today."]
    assert session_gaps(session("2026-11-24", one_leg(10, 9))) == []  # 10%: not more than 10


def test_streaks_by_hand():
    assert streaks([2, 2, 0, 2, 3, 2, 1]) == (3, 3)  # this week (1) does not break it yet
    assert streaks([2, 2, 2, 0, 2, 2]) == (2, 3)  # this week has its two: it counts
    assert streaks([0, 0]) == (0, 0)
    assert streaks([]) == (0, 0)


def test_year_marks_days_and_counts_a_week_with_no_training():
    today = date(2026, 11, 25)  # a Wednesday
    sessions = [session("2026-11-02", kind="gym", sid="a"), session("2026-11-05", kind="gym", sid="b"),
                session("2026-11-05", kind="post-run", sid="c"), session("2026-11-16", kind="gym", sid="d"),
                session("2026-11-19", kind="gym", sid="e"), session("2026-11-24", kind="post-run", sid="f"),
                session("2026-11-23", lift("Squat", 1, 1), kind="gym", sid="g", planned=13)]  # 1 of 13: not counted
    y = year(sessions, today)
    assert y.first == date(2025, 12, 1) and y.weeks == 52
    assert y.marks[date(2026, 11, 2)] == GYM and y.marks[date(2026, 11, 5)] == BOTH
    assert y.marks[date(2026, 11, 24)] == POST_RUN and date(2026, 11, 23) not in y.marks
    assert y.gym_weeks[-4:] == [2, 0, 2, 0]  # the week of 9 Nov: no training
    assert (y.current_streak, y.longest_streak, y.weeks_met) == (1, 1, 2)
    assert (y.gym_sessions, y.post_run_sessions) == (4, 2)
    rows = grid(y)
    assert len(rows) == 9 and rows[0].startswith("   Dec")
    assert rows[2].endswith(f"{NONE}{NONE}{POST_RUN}")  # Tuesdays: ... 17 Nov, 24 Nov (this week)
    assert rows[4].endswith(f"{BOTH}{NONE}{GYM}")  # Thursdays: 5 Nov both, 12 Nov none, 19 Nov gym; 26 Nov is ahead
    assert rows[-1].endswith("✔ ✔")


def test_the_heaviest_set_at_the_same_weight_is_the_one_with_more_reps():
    """A tester saw `stats` give "heaviest 3 × 12 kg" beside a 16 × 12 kg set: the first time at a weight stood."""
    from helpers import make_session

    from runtrainer.progress import personal_bests, tracks

    found = tracks([make_session(1, weight=12.0, reps=3), make_session(2, weight=12.0, reps=16),
                    make_session(3, weight=12.0, reps=10)])
    heaviest = personal_bests(found["calf raises"]).heaviest
    assert heaviest is not None and (heaviest.weight, heaviest.reps) == (12.0, 16)
