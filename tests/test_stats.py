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
