"""The built-in routines carry every number the article gives, exactly; the format parses as documented."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from helpers import routine

from runtrainer.core import catalog
from runtrainer.core.plan import estimate_seconds
from runtrainer.core.routine import RoutineError, parse_routine, parse_tempo, to_toml

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "strength-training-for-runners.txt"


def shipped(name: str) -> str:
    return resources.files("runtrainer.routines").joinpath(f"{name}.toml").read_text("utf-8")


def test_the_article_says_what_we_encode():
    if not SEED.exists():
        pytest.skip("the seed article is not beside this checkout")
    text = SEED.read_text("utf-8")
    for phrase in ("between ten and twenty minutes", "after every run", "jumps, squats, and lunges",
                   "twice weekly", "held for a three-count", "five sets of a dozen to 16 reps",
                   "Pause there for a moment", "8 on each side", "Try for 5 sets", "hip-width"):
        assert phrase in text


def test_gym_routine_has_the_articles_numbers(gym):
    calf, press, deadlift = gym.exercises
    assert gym.kind == "gym"
    assert (calf.name, calf.sets, calf.reps.low, calf.reps.high) == ("Calf raises", 5, 12, 16)
    assert [(p.name, p.seconds) for p in calf.tempo if p.name == "hold"] == [("hold", 3)]
    assert press.name == "Leg press" and press.rest_seconds > 0 and len(press.variations) == press.sets
    assert [p.name for p in press.tempo] == ["lower", "lift"] and press.rep_seconds >= 4  # "slowly"
    assert (deadlift.name, deadlift.sets, deadlift.reps.low, deadlift.per_side) == ("Single-leg deadlift", 5, 8, True)
    assert "pause" in [p.name for p in deadlift.tempo]
    assert "twice a week" in gym.description.lower()


def test_every_number_not_from_the_article_is_labelled_default():
    for name in ("gym", "post-run"):
        for line in shipped(name).splitlines():
            code = line.split("#", 1)[0]
            if re.search(r"=\s*\[?\d", code) and "name" not in code:
                comment = line.split("#", 1)[1] if "#" in line else ""
                assert "article" in comment or "default" in comment, f"{name}.toml: unlabelled number: {line}"


def test_post_run_lands_inside_ten_to_twenty_minutes(post_run):
    assert post_run.kind == "post-run"
    assert [e.name for e in post_run.exercises] == ["Jumps", "Squats", "Lunges"]
    low, high = estimate_seconds(post_run)
    assert 10 * 60 <= low <= high <= 20 * 60


def test_show_gives_back_a_file_that_loads_unchanged(gym, post_run):
    for r in (gym, post_run):
        assert parse_routine(r.source) == r
        assert parse_routine(to_toml(r)) == r


@pytest.mark.parametrize("text, phases", [
    ("lift 1, hold 3, lower 2", [("lift", 1), ("hold", 3), ("lower", 2)]),
    ("3-1-2-0", [("lower", 3), ("pause", 1), ("lift", 2)]),
    ("1-0-1-3", [("lower", 1), ("lift", 1), ("hold", 3)]),
    ("2-0-X-0", [("lower", 2), ("lift", 1)]),
])
def test_tempo_forms(text, phases):
    assert [(p.name, p.seconds) for p in parse_tempo(text)] == phases


@pytest.mark.parametrize("body, expected", [
    ('sets = 0\nreps = 10', 'exercise 1 "X" > sets: expected a whole number from 1 to 50, found 0'),
    ('sets = 3\nreps = [16, 12]', 'exercise 1 "X" > reps: the range is upside down'),
    ('sets = 3\nreps = 10\ntempo = "lift 0"', "a phase must last more than 0 s"),
    ('sets = 3\nreps = 10\nrest_secnds = 60',
     'exercise 1 "X" > rest_secnds: unknown field (did you mean "rest_seconds"?)'),
    ('sets = 3', 'missing "reps"'),
    ('sets = 3\nreps = 10\nrest_seconds = -5', "expected more than 0 seconds, found -5"),
])
def test_problems_name_the_file_line_field_and_expectation(body, expected):
    text = f'name = "R"\nkind = "gym"\n\n[[exercises]]\nname = "X"\n{body}\n'
    with pytest.raises(RoutineError) as info:
        parse_routine(text, "mine.toml")
    message = str(info.value)
    assert expected in message
    assert message.startswith("mine.toml:")


def test_broken_toml_reports_its_line():
    with pytest.raises(RoutineError) as info:
        routine('name = "R"\nkind = "gym"\n[[exercises]\n')
    assert str(info.value).startswith("test.toml:3: not valid TOML")


def test_find_by_id_name_or_path(tmp_path):
    assert catalog.find("gym").name == "Gym: strength for runners"
    assert catalog.find("post-run: 10-20 MINUTES").kind == "post-run"
    path = tmp_path / "mine.toml"
    path.write_text(shipped("post-run"), "utf-8")
    assert catalog.find(str(path)).path == path
    with pytest.raises(catalog.UnknownRoutine):
        catalog.find("yoga")


def test_the_built_ins_ship_parsed_from_their_very_text():
    from make_builtin_parses import expected

    for rid in catalog.BUILTIN_IDS:
        # Fails after a built-in is changed until `python tests/make_builtin_parses.py` is run (the app would
        # parse the TOML meanwhile: right, only slower).
        assert (catalog.BUILTIN_DIR / f"{rid}.json").read_text("utf-8") == expected(rid), rid
        text = shipped(rid)
        assert catalog.shipped_parse(rid, text) is not None
        assert catalog.builtin(rid) == parse_routine(text, f"{rid}.toml (built-in)")


def test_a_shipped_parse_of_another_text_or_garbled_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setattr(catalog, "BUILTIN_DIR", tmp_path)
    (tmp_path / "gym.toml").write_text(shipped("gym").replace("Calf raises", "Heel raises"), "utf-8")
    (tmp_path / "gym.json").write_text((Path(catalog.__file__).parent.parent / "routines" / "gym.json")
                                       .read_text("utf-8"), "utf-8")
    assert catalog.builtin("gym").exercises[0].name == "Heel raises"  # the TOML as it is, not as it was shipped
    for garbled in ("[1, 2]", "{not json", '{"source": 1}'):
        (tmp_path / "gym.json").write_text(garbled, "utf-8")
        assert catalog.builtin("gym").exercises[0].name == "Heel raises"


def test_a_shipped_parse_is_checked_as_any_routine_is_and_if_it_fails_the_toml_is_parsed(tmp_path, monkeypatch):
    import json

    monkeypatch.setattr(catalog, "BUILTIN_DIR", tmp_path)
    text = 'name = "X"\nkind = "gym"\n[[exercises]]\nname = "Squats"\nsets = 3\nreps = 8\n'
    (tmp_path / "x.toml").write_text(text, "utf-8")
    (tmp_path / "x.json").write_text(json.dumps({"source": text, "data": {"name": "X", "kind": "gym",
                                                                          "exercises": [{"sets": -1}]}}), "utf-8")
    assert catalog.builtin("x").exercises[0].sets == 3, "the damaged parse is ignored (see test_tester_fixes.py)"
    (tmp_path / "x.toml").write_text(text.replace("sets = 3", "sets = -1"), "utf-8")
    with pytest.raises(RoutineError) as exc:
        catalog.builtin("x")
    assert any("sets" in str(p) for p in exc.value.problems)
