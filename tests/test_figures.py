"""The figures the progress cache keeps (``runtrainer.figures``, worked out fast) against ``progress.point_of`` (the
rules in plain words), and `runtrainer stats` the same whether the cache is made now, read, or not used at all."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runtrainer import figures, progress_cache
from runtrainer.progress import group_done, point_of, tracks
from runtrainer.progress_cache import FiguresCache
from runtrainer.store import Part, Session, SetRecord, Store
from runtrainer.store.decode import for_figures, session_from_text

WEIGHTS = st.one_of(st.none(), st.sampled_from([0, 0.0, 12, 12.0, 22.5, 26.455, 61.25, 135, 137.5, 0.0004, -5.0]),
                    st.floats(0.001, 1000, allow_nan=False), st.integers(1, 300))
REPS = st.one_of(st.none(), st.integers(-2, 25))
HOLDS = st.one_of(st.none(), st.sampled_from([0, 30, 42.5]), st.floats(0, 600, allow_nan=False))
PARTS = st.lists(st.builds(Part, st.sampled_from(["left", "right", "middle"]), REPS, HOLDS, st.booleans(),
                           st.booleans()), max_size=3)
SETS = st.lists(st.builds(
    SetRecord, st.sampled_from(["Bench", "bench ", "Calf raises", "Single-leg  deadlift", "Plank"]),
    st.just(0), st.integers(1, 5), st.just(5), reps=REPS, hold_seconds=HOLDS, weight=WEIGHTS,
    unit=st.sampled_from(["kg", "lb", "kg", "stone"]), completed=st.booleans(), skipped=st.booleans(),
    sides=st.one_of(st.just([]), PARTS), set_type=st.sampled_from(["normal", "warmup", "dropset", "failure"])),
    max_size=12)


def point(figure: list, unit: str):
    return progress_cache.point_from(figure, date(2026, 1, 5), "s")


@settings(max_examples=400, deadline=None, derandomize=True)
@given(SETS)
def test_the_fast_figures_are_point_of_figure_for_figure(sets):
    """Every exercise's point in kg and in lb, and the counts of its sets by unit, as ``point_of`` works them
    out: exactly (the same floats, summed in the same order)."""
    session = Session("s", "Gym", "gym", "2026-01-05T07:00:00+01:00", status="completed", sets=sets)
    names: dict = {}
    units: dict = {}
    expected = group_done(session, names, units)
    started, day, exercises = figures.session_figures(session)
    assert (started, day) == (session.started, "2026-01-05")
    assert [key for key, *_ in exercises] == list(expected)
    for key, name, n_kg, n_lb, points in exercises:
        done = expected[key]
        assert name == names[key]
        assert (n_kg, n_lb) == (units.get(key, {}).get("kg", 0), units.get(key, {}).get("lb", 0))
        weighted = any(entry.weight for entry in done)
        assert set(points) <= ({"kg", "lb"} if weighted else {""}) and points
        for unit in ("kg", "lb"):
            figure = points.get(unit) or points.get("") or figures.point_in(session, key, unit)
            assert point(figure, unit) == replace(point_of(session, done, unit), day=date(2026, 1, 5),
                                                  session_id="s")


def _as_point_of(session: Session) -> list:
    """``session_figures``'s exercises as ``progress.point_of`` works them out, set by set (the reference)."""
    names: dict = {}
    units: dict = {}
    out = []
    for key, done in group_done(session, names, units).items():
        counts = units.get(key, {})
        weighted = any(entry.weight for entry in done)
        wanted = ([u for u in ("kg", "lb") if counts.get(u)] or ["kg"]) if weighted else [""]
        out.append([key, names[key], counts.get("kg", 0), counts.get("lb", 0),
                    {u: replace(point_of(session, done, u or "kg"), day=date(2026, 1, 5), session_id="s")
                     for u in wanted}])
    return out


def test_a_superset_s_exercises_each_keep_their_own_figures_in_one_pass():
    """Sets of two exercises taking turns (a superset), straight sets repeated, a warm-up between working sets,
    one-legged sets with a side skipped: worked out in one pass over the sets (each exercise's running figures put
    aside while the other's sets come), the same as ``point_of`` works out for each exercise's sets alone. An
    exercise with kg and lb sets, or written two ways, is left to ``_point`` (grouped first), with the same result."""
    def one_legged(weight: float, left: int, right: int, skipped: bool = False) -> SetRecord:
        return SetRecord("Single-leg deadlift", 1, 1, 3, weight=weight,
                         sides=[Part("left", left), Part("right", right, skipped=skipped)])

    superset = [SetRecord("Calf raises", 0, 1, 4, reps=12, weight=20, set_type="warmup"), one_legged(10.0, 8, 6),
                SetRecord("Calf raises", 0, 2, 4, reps=16, weight=12.5), one_legged(10.0, 8, 8, skipped=True),
                SetRecord("Calf raises", 0, 3, 4, reps=16, weight=12.5), one_legged(12.5, 6, 7),
                SetRecord("Calf raises", 0, 4, 4, reps=14, weight=15.0), SetRecord("Plank", 2, 1, 1, hold_seconds=45),
                SetRecord("Calf raises", 0, 5, 5, reps=16, weight=12.5, skipped=True), one_legged(12.5, 6, 6)]
    mixed = [*superset, SetRecord("Calf raises", 0, 6, 6, reps=10, weight=45, unit="lb")]
    two_ways = [*superset, SetRecord("calf  raises", 0, 6, 6, reps=10, weight=20)]
    for sets, one_pass in ((superset, True), (mixed, False), (two_ways, False)):
        session = Session("s", "Gym", "gym", "2026-01-05T07:00:00+01:00", status="completed", sets=sets)
        assert (figures.one_pass(session.sets) is not None) is one_pass
        _, _, exercises = figures.session_figures(session)
        assert [[key, name, n_kg, n_lb, {u: point(f, u) for u, f in points.items()}]
                for key, name, n_kg, n_lb, points in exercises] == _as_point_of(session)
    calf = figures.session_figures(Session("s", "Gym", "gym", "2026-01-05T07:00:00", sets=superset))[2][0]
    assert calf[4]["kg"][:9] == [4, 58, 850.0, 15.0, 14, 22.0, (15.0, 14), None, ((12.5, 16), (15.0, 14))]  # no warm-up


def test_a_history_in_one_unit_keeps_that_unit_only_and_the_other_is_added_when_needed(tmp_path):
    """Most of a history is in one unit: its figures are worked out in it alone. A session in the other unit
    gets its point in the track's unit the first time it is needed, and the cache keeps it."""
    def lift(day: str, weight: float, unit: str) -> Session:
        return Session(id=f"s-{day}", routine="Gym", kind="gym", started=f"{day}T07:00:00", status="completed",
                       sets=[SetRecord("Bench", 0, 1, 1, reps=5, weight=weight, unit=unit)])
    store = Store(tmp_path / "data")
    store.save_many([lift("2026-01-05", 135.0, "lb"), lift("2026-01-08", 140.0, "lb"), lift("2026-01-12", 60.0, "kg")])
    fresh = Store(store.dir)
    fresh.load()
    path = tmp_path / "figures.json"
    cold = FiguresCache(path).tracks(fresh)
    expected = tracks(fresh.recent())
    assert cold == expected and cold["bench"].unit == "lb"
    assert cold["bench"].points[-1].top_weight == 132.277  # 60 kg in lb, rounded as the exports round it
    kept = FiguresCache(path).read()
    assert set(kept["s-2026-01-05"][1][2][0][4]) == {"lb"}
    assert set(kept["s-2026-01-12"][1][2][0][4]) == {"kg", "lb"}  # the kg session's point in lb, kept
    warm = FiguresCache(path)
    assert warm.tracks(fresh) == expected and not warm.rebuilt


def test_a_weight_past_a_floats_range_in_its_figures_is_never_read_back_wrong(tmp_path):
    """1e308 lb × 12 reps is no number JSON can hold (msgspec writes it null): the cache is never believed for it;
    the figures are worked out again, the same each time."""
    store = Store(tmp_path / "data")
    store.save_many([Session(id=f"s{i}", routine="Gym", kind="gym", started=f"2026-01-0{i}T07:00:00",
                             status="completed", sets=[SetRecord("Sled", 0, 1, 1, reps=12, weight=w, unit="lb")])
                     for i, w in ((1, 100.0), (2, 1e308))])
    fresh = Store(store.dir)
    fresh.load()
    expected = tracks(fresh.recent())
    path = tmp_path / "figures.json"
    assert FiguresCache(path).tracks(fresh) == expected
    again = FiguresCache(path)
    assert again.tracks(fresh) == expected
    assert again.rebuilt


def mixed_history() -> list[Session]:
    """Mostly lb bench (a kg session in it), a warm-up heavier than any working set, one-legged sets with a side
    skipped, a hold, and an exercise written two ways."""
    def day(d: str, *sets: SetRecord) -> Session:
        return Session(id=f"m-{d}", routine="Gym", kind="gym", started=f"{d}T07:00:00+01:00", status="completed",
                       planned_sets=len(sets), sets=list(sets))
    return [
        day("2026-10-05", SetRecord("Bench", 0, 1, 3, reps=5, weight=135.0, unit="lb"),
            SetRecord("bench ", 0, 2, 3, reps=3, weight=185.0, unit="lb", set_type="warmup"),
            SetRecord("Single-leg deadlift", 1, 1, 2, reps=8, weight=20.0,
                      sides=[Part("left", 8), Part("right", 6)])),
        day("2026-10-08", SetRecord("Bench", 0, 1, 2, reps=5, weight=62.5, unit="kg"),
            SetRecord("Single-leg deadlift", 1, 1, 2, reps=8, weight=22.5,
                      sides=[Part("left", 8), Part("right", 8, skipped=True)]),
            SetRecord("Side plank", 2, 1, 1, hold_seconds=45.0,
                      sides=[Part("left", hold_seconds=45.0), Part("right", hold_seconds=38.5)])),
        day("2026-10-12", SetRecord("Bench", 0, 1, 2, reps=6, weight=140.0, unit="lb"),
            SetRecord("Bench", 0, 2, 2, reps=4, weight=145.0, unit="lb"),
            SetRecord("Single-leg deadlift", 1, 1, 2, reps=10, weight=22.5,
                      sides=[Part("left", 10), Part("right", 9)])),
        day("2026-10-15", SetRecord("Bench", 0, 1, 1, reps=5, weight=150.0, unit="lb")),  # its sets damaged below
    ]


def test_stats_prints_the_same_cold_warm_and_reading_every_set(tmp_path, capsys, monkeypatch):
    from test_stats import reference_tracks

    import runtrainer.stats
    from runtrainer.stats import stats

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "data"
    Store(folder).save_many(mixed_history())
    history = folder / "history.json"
    history.write_text(history.read_text().replace('"reps":5,"weight":150.0', '"reps":"five","weight":150.0'))

    def outputs() -> list[tuple[str, str]]:
        out = []
        for args in ((None, None), ("bench", None), ("single", None), ("side plank", None), ("bench", "2026-10-10")):
            assert stats(folder, *args, today=date(2026, 10, 20)) == 0
            captured = capsys.readouterr()
            out.append((captured.out, captured.err))
        return out

    cold = outputs()
    read: list[str] = []
    real_point_in, real_figures_of = figures.point_in, progress_cache.figures_of
    monkeypatch.setattr(progress_cache, "point_in", lambda s, *a: read.append(s.id) or real_point_in(s, *a))
    monkeypatch.setattr(progress_cache, "figures_of", lambda s: read.append(s.id) or real_figures_of(s))
    warm = outputs()
    assert read == [], "the warm runs work nothing out again, the kg session's point in lb included"
    with monkeypatch.context() as m:
        m.setattr(runtrainer.stats, "every_track", reference_tracks)
        expected = outputs()
    assert cold == warm == expected
    bests = expected[0][0].splitlines()
    assert "Bench\t4 × 145 lb\t168 lb\t\t3\t2026-10-12" in bests  # the 185 lb warm-up is no best
    assert "Side plank\t\t\t45 s\t1\t2026-10-08" in bests
    assert expected[1][0].splitlines()[2] == "2026-10-08\t137.8\t5\t160.8\t688.9\t5\t\t\t\tlb"  # 62.5 kg in lb
    assert expected[2][0].splitlines()[2] == "2026-10-08\t22.5\t8\t28.5\t180\t8\t\t8\t0\tkg"  # a side skipped
    assert "left out the session of 2026-10-15T07:00 (Gym): its sets cannot be read" in expected[0][1]
    assert len(expected[0][1].splitlines()) == 1


@pytest.mark.parametrize(("text", "said"), [
    ('{"id":"x","routine":"G","kind":"gym","started":"2026-01-05T07:00:00","status":"completed",'
     '"sets":[{"exercise":"Bench","exercise_index":0,"set_number":1,"set_count":1,"reps":"five"}]}', "reps"),
    ('{"id":"x","routine":"G","kind":"gym","started":"garbage","status":"completed","sets":[]}', "isoformat"),
])
def test_a_session_the_fast_reader_refuses_is_left_to_the_full_checker(text, said):
    """Never figures from a session the store would not read: None, then the full checker says what is wrong."""
    assert for_figures(text) is None
    with pytest.raises(ValueError, match=said):
        session_from_text(text)
