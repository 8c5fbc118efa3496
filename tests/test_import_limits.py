"""An import refuses values no workout has (10^20 reps, 1e308 kg, RPE 11, a unit "stone", a kind "yoga", an end
before the start, a 300-digit duration, a 3,000-character name), one line per problem naming the file, the line,
the field and what was expected, and imports nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import make_session
from hypothesis import given, settings
from hypothesis import strategies as st

from runtrainer.cli import main
from runtrainer.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
STRONG = ("Workout #;Date;Workout Name;Duration (sec);Exercise Name;Set Order;Weight (kg);Reps;RPE;"
          "Distance (meters);Seconds;Notes;Workout Notes\n")
GOOD = '1;2025-01-06 16:50:12;"Leg day";3900;"Squat";1;100.0;5;8;0;0;"";""\n'
HEVY = (FIXTURES / "hevy-kg.csv").read_text().split("\n", 1)[0] + "\n"
HEVY_ROW = '"Push day","8 Apr 2026, 16:50","8 Apr 2026, 17:52","","Bench",,"",0,"normal",80,5,,,8\n'


def refused(tmp_path, capsys, name: str, content: bytes | str, *args: str) -> list[str]:
    """The problem lines of importing ``content`` (file name ``name``) into a history of one session, which
    must come out unchanged."""
    Store(tmp_path / "data").save(make_session(1))
    before = (tmp_path / "data" / "history.json").read_bytes()
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    assert main(["--data-dir", str(tmp_path / "data"), "import", str(path), *args]) == 2
    err = capsys.readouterr().err.splitlines()
    assert (tmp_path / "data" / "history.json").read_bytes() == before
    assert all("Traceback" not in line for line in err)
    return [line.removeprefix("runtrainer: ").replace(f"{tmp_path}/", "") for line in err]


@pytest.mark.parametrize("row, problem", [
    (GOOD.replace(";5;8;", ";99999999999999999999;8;"),
     "s.csv:3:8: Reps: expected a whole number from 0 to 10,000, found 99999999999999999999"),
    (GOOD.replace("100.0", "1e308"), "s.csv:3:7: Weight (kg): expected a weight from -1,000 to 1,000 kg, found 1e308"),
    (GOOD.replace(";5;8;", ";5;11;"), "s.csv:3:9: RPE: expected a number from 0 to 10 (RPE), found 11"),
    (GOOD.replace(";0;0;", ";0;90000;"),
     "s.csv:3:11: Seconds: expected a number of seconds from 0 to 86,400 (a day), found 90000"),
    ("2" + GOOD[1:].replace("3900", "9" * 20), "s.csv:3:4: Duration (sec): expected a number of seconds from 0 to "
                                                "604,800 (a week), found 99999999999999999999"),
    (GOOD.replace('"Squat"', '"' + "S" * 3000 + '"'), "s.csv:3:5: Exercise Name: expected at most 255 characters, "
                                                       "found 3,000"),
    ("2" + GOOD[1:].replace('"Leg day"', '"' + "L" * 256 + '"'),
     "s.csv:3:3: Workout Name: expected at most 255 characters, found 256"),
], ids=["reps", "weight", "rpe", "seconds", "duration", "exercise-name", "workout-name"])
def test_strong_values_out_of_range_are_refused(tmp_path, capsys, row, problem):
    assert refused(tmp_path, capsys, "s.csv", STRONG + GOOD + row) == [problem, "nothing was imported"]


def test_hevy_values_out_of_range_are_refused_each_on_its_line(tmp_path, capsys):
    rows = [HEVY_ROW.replace(",80,5,,,8", ",80,5,,,42"), HEVY_ROW.replace(",80,", ",1e308,"),
            HEVY_ROW.replace('"8 Apr 2026, 17:52"', '"8 Apr 2027, 17:52"'),
            HEVY_ROW.replace('"Bench"', '"' + "B" * 300 + '"')]
    assert refused(tmp_path, capsys, "h.csv", HEVY + HEVY_ROW + "".join(rows)) == [
        "h.csv:3:14: rpe: expected a number from 0 to 10 (RPE), found 42",
        "h.csv:4:10: weight_kg: expected a weight from -1,000 to 1,000 kg, found 1e308",
        "h.csv:5:3: end_time: expected a time at most a week after start_time, found '8 Apr 2027, 17:52'",
        "h.csv:6:5: exercise_title: expected at most 255 characters, found 300",
        "nothing was imported"]


def session(**changes) -> dict:
    data = make_session(2).to_json(full=True)
    data["id"] = "abc"
    for key, value in changes.items():
        if key.startswith("set"):
            number, name = key[3:].split("_", 1)
            data["sets"][int(number)][name] = value
        else:
            data[key] = value
    return data


def export_of(*sessions: dict) -> str:
    return json.dumps({"format": "runtrainer-export", "schema_version": 2, "sessions": list(sessions)})


@pytest.mark.parametrize("changes, problem", [
    ({"started": "28/11/2026"}, 'started: expected an ISO date and time like 2026-11-28T07:00:00+01:00, found '
                                '"28/11/2026"'),
    ({"set2_weight": float("nan")}, "sets[2] > weight: expected a finite number, found NaN"),
    ({"set1_rpe": 42}, "sets[1] > rpe: expected a number from 0 to 10 (RPE), found 42"),
    ({"set0_unit": "stone"}, 'sets[0] > unit: expected "kg" or "lb", found "stone"'),
    ({"set0_weight": 2500, "set0_unit": "lb"}, "sets[0] > weight: expected a weight from -2,204.6 to 2,204.6 lb "
                                               "(1,000 kg), found 2500"),
    ({"set3_reps": 10**20}, "sets[3] > reps: expected a whole number from 0 to 10,000, found a number of 21 digits"),
    ({"kind": "yoga"}, 'kind: expected "gym" or "post-run", found "yoga"'),
    ({"set0_sides": [{"side": "middle", "reps": 5}]},
     'sets[0] > sides[0] > side: expected "left" or "right", found "middle"'),
    ({"ended": "2026-11-03T06:00:00+01:00"}, 'ended: expected a time after started (2026-11-03T07:02:00+01:00), '
                                             'found "2026-11-03T06:00:00+01:00"'),
    ({"active_seconds": 1e300}, "active_seconds: expected a number of seconds from 0 to 604,800 (a week), found "
                                "1e+300"),
    ({"routine": "R" * 5000}, "routine: expected at most 255 characters, found 5,000"),
    ({"set4_exercise": "E" * 3000}, "sets[4] > exercise: expected at most 255 characters, found 3,000"),
], ids=["date", "nan", "rpe", "unit", "lb", "reps", "kind", "side", "ended", "active", "routine", "exercise"])
def test_json_problems_name_the_session_and_the_field(tmp_path, capsys, changes, problem):
    assert refused(tmp_path, capsys, "j.json", export_of(session(**changes))) == [
        f"j.json:1: session 1 (id abc) > {problem}", "nothing was imported"]


def test_every_json_problem_is_its_own_line_on_its_sessions_line(tmp_path, capsys):
    good, bad = session(), session(set0_rpe=11, set1_unit="st", kind="run")
    good["id"] = "first"
    text = export_of(good, bad).replace('}, {"id": "abc"', '},\n{"id": "abc"')
    assert refused(tmp_path, capsys, "j.json", text) == [
        'j.json:2: session 2 (id abc) > kind: expected "gym" or "post-run", found "run"',
        "j.json:2: session 2 (id abc) > sets[0] > rpe: expected a number from 0 to 10 (RPE), found 11",
        'j.json:2: session 2 (id abc) > sets[1] > unit: expected "kg" or "lb", found "st"',
        "nothing was imported"]


def test_a_utf16_file_is_told_it_is_utf16(tmp_path, capsys):
    for encoding in ("utf-16", "utf-16-be"):
        content = (STRONG + GOOD).encode(encoding)
        if encoding == "utf-16-be":
            content = b"\xfe\xff" + content
        assert refused(tmp_path, capsys, "s.csv", content) == [
            "s.csv: is UTF-16 text; expected UTF-8 (save or export it again as UTF-8, e.g. iconv -f UTF-16 -t UTF-8)",
            "nothing was imported"]


def test_a_kind_map_must_name_a_kind_and_a_workout_in_the_file(tmp_path, capsys):
    assert refused(tmp_path, capsys, "s.csv", STRONG + GOOD, "--kind-map", "Leg day=yoga") == [
        '--kind-map is "Leg day=yoga"; its kind is "yoga", expected gym or post-run']
    assert refused(tmp_path, capsys, "s.csv", STRONG + GOOD, "--kind-map", "Leg dya=post-run") == [
        '{f}: --kind-map names "Leg dya", but no workout in the file is called that (its workouts: "Leg day")'
        .format(f="s.csv"), "nothing was imported"]
    assert refused(tmp_path, capsys, "j.json", export_of(session()), "--kind-map", "Gym=gym") == [
        "j.json: --kind-map does not apply to runtrainer JSON (each session keeps its kind)", "nothing was imported"]
    assert main(["--data-dir", str(tmp_path / "data"), "import", str(tmp_path / "s.csv"), "--kind-map",
                 "Leg day=post-run"]) == 0
    [summary] = [s for s in Store(tmp_path / "data").sessions() if s.routine == "Leg day"]
    assert summary.kind == "post-run"


def test_the_limits_let_real_histories_through():
    from runtrainer.importers import read

    for name in ("strong-current.csv", "hevy-kg.csv", "hevy-lbs.csv"):
        assert read(FIXTURES / name).sessions
    assert read(FIXTURES / "strong-classic.csv", unit="lb").sessions


VALUES = [-1, 0, 5, 10.5, 11, 1500, 2500, 1e300, float("nan"), float("inf"), True, None, "x", "", " ", "kg", "lb",
          "stone", "left", "middle", "gym", "yoga", "completed", "warmup", "2026-11-03T09:00:00+01:00", "08:00:00",
          "28/11/2026", 10**20, "A" * 256, [], {}]
SET_KEYS = ["exercise", "exercise_index", "set_number", "reps", "weight", "unit", "rpe", "hold_seconds",
            "rest_seconds", "duration_seconds", "completed", "set_type", "side", "notes", "target_low"]
SESSION_KEYS = ["id", "routine", "kind", "started", "ended", "status", "active_seconds", "paused_seconds",
                "planned_sets", "routine_id", "notes"]


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SESSION_KEYS + SET_KEYS + ["side of a part"]), st.sampled_from(VALUES)),
                max_size=3))
def test_the_fast_check_accepts_only_what_the_field_by_field_one_does(changes):
    from runtrainer.importers import limits

    data = json.loads(json.dumps(session()))
    data["sets"][1]["sides"] = [{"side": "left", "reps": 8}, {"side": "right", "reps": 8}]
    assert limits.passes(data) and limits.field_problems(data) == []  # the usual session takes the fast way
    for key, value in changes:
        if key == "side of a part":
            data["sets"][1]["sides"][0]["side"] = value
        elif key in SET_KEYS:
            data["sets"][0][key] = value
        else:
            data[key] = value
    if limits.passes(data):
        assert limits.field_problems(data) == []
