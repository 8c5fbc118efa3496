"""`runtrainer stats`: the bests and one exercise's numbers, plain when piped, names from the file made safe."""

from __future__ import annotations

from datetime import date

from helpers import RAW_CONTROL, months_of_training, run_cli

from runtrainer.store import Session, SetRecord, Store


def seed(tmp_path) -> None:
    hostile = Session(id="hostile", routine="x", kind="gym", started="2026-11-20T07:00:00+01:00", status="completed",
                      planned_sets=1, sets=[SetRecord("Evil\x1b]52;c;aGk=\x07 [bold]press", 0, 1, 1, reps=5,
                                                      weight=40.0)])
    Store(tmp_path / "data").save_many([*months_of_training(date(2026, 11, 25)), hostile])


def test_stats_piped_prints_each_exercises_bests_as_plain_text(tmp_path):
    seed(tmp_path)
    result = run_cli("stats", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "exercise\theaviest\test. 1RM\tlongest hold\tsessions\tlast"
    assert "Calf raises\t16 × 22 kg\t33.7 kg\t\t29\t2026-11-23" in lines
    assert not RAW_CONTROL.search(result.stdout) and "Evil␛]52;c;aGk=␇ [bold]press" in result.stdout


def test_stats_of_one_exercise_since_a_date(tmp_path):
    seed(tmp_path)
    result = run_cli("stats", "SINGLE-leg", "--since", "2026-11-16", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "date\ttop_weight\treps_at_top\te1rm\tvolume\treps\thold\tleft_reps\tright_reps\tunit",
        "2026-11-16\t12\t8\t15.2\t948\t79\t\t40\t39\tkg",
        "2026-11-19\t12\t8\t15.2\t948\t79\t\t40\t39\tkg",
        "2026-11-23\t12\t8\t15.2\t948\t79\t\t40\t39\tkg",
    ]


def test_stats_says_what_is_wrong_in_one_line(tmp_path):
    seed(tmp_path)
    for args, said in ((("stats", "nope"), 'no exercise called "nope"'), (("stats", "--since", "soon"), "--since"),
                       (("stats", "s"), "matches")):
        result = run_cli(*args, tmp_path=tmp_path)
        assert result.returncode == 2 and said in result.stderr and len(result.stderr.splitlines()) == 1


def reference_tracks(folder, exercise=None, damaged=None):
    """What `runtrainer stats` read before the figures cache: every readable session's sets, parsed now (every
    track's points, whatever the exercise asked for); each damaged session into ``damaged``."""
    from runtrainer.commands import load_history
    from runtrainer.progress import tracks
    from runtrainer.stats import exercises_in

    store = load_history(folder)
    texts = dict(store.raw_texts())
    readable = []
    for summary in store.sessions():
        try:
            readable.append(store.parse(summary.id))
        except (ValueError, TypeError, KeyError) as exc:
            damaged.append((summary, exc, exercises_in(texts[summary.id])))
    return tracks(readable)


def outputs(capsys, folder) -> list[tuple[str, str]]:
    from runtrainer.stats import stats

    out = []
    for args in ((None, None), ("calf", None), ("single", "2026-11-16"), ("leg press", None)):
        assert stats(folder, *args, today=date(2026, 11, 25)) == 0
        captured = capsys.readouterr()
        out.append((captured.out, captured.err))
    return out


def test_stats_through_the_figures_cache_prints_what_reading_every_set_prints(tmp_path, capsys, monkeypatch):
    import runtrainer.stats
    from runtrainer.progress_cache import FiguresCache, default_path

    seed(tmp_path)
    folder = tmp_path / "data"
    history = folder / "history.json"
    text = history.read_text()
    # One session whose sets cannot be read: left out with one line on stderr, cached or not.
    history.write_text(text.replace('"reps":5,', '"reps":"five",', 1))
    cache_file = default_path(folder)
    cold = outputs(capsys, folder)  # the first run writes the cache ...
    assert cache_file.exists()
    warm = outputs(capsys, folder)  # ... the next ones read it
    with monkeypatch.context() as m:
        m.setattr(runtrainer.stats, "every_track", reference_tracks)
        expected = outputs(capsys, folder)
    assert cold == warm == expected
    assert "left out the session of 2026-11-20T07:00 (x): its sets cannot be read" in expected[0][1]
    assert "Calf raises\t16 × 22 kg" in expected[0][0]

    # A session added and one changed: the cache is brought up to date, not believed.
    store = Store(folder)
    store.load()
    changed = store.session(store.sessions()[0].id)
    changed.sets = [SetRecord("Calf raises", 0, 1, 1, reps=10, weight=30.0, completed=True)]
    added = Session(id="added", routine="x", kind="gym", started="2026-11-24T07:00:00+01:00", status="completed",
                    planned_sets=1, sets=[SetRecord("Leg press", 1, 1, 1, reps=8, weight=140.0, completed=True)])
    store.save(changed)  # an edit from the history screen
    store.save_many([added])
    before = cache_file.read_bytes()
    after = outputs(capsys, folder)
    assert cache_file.read_bytes() != before
    with monkeypatch.context() as m:
        m.setattr(runtrainer.stats, "every_track", reference_tracks)
        assert after == outputs(capsys, folder)
    assert after != warm and "30 kg" in after[0][0] and "140 kg" in after[0][0]
    cache = FiguresCache(cache_file)
    store = Store(folder)
    store.load()
    cache.tracks(store)
    assert not cache.rebuilt, "the file written after the change is used as it is"
