"""Exports as the apps that read them see them: Strong's two layouts, Hevy's text rules, one unit per file,
one row per set done, and our JSON checked against the schema shipped in the package."""

from __future__ import annotations

import contextlib
import csv
import io
import json

import jsonschema
import pytest
from helpers import make_session, run_cli
from hypothesis import given
from hypothesis import strategies as st
from test_import import PROPERTY, a_session

from runtrainer.cli import main
from runtrainer.export import (
    FORMATS,
    HEVY_COLUMNS,
    STRONG_CLASSIC_COLUMNS,
    STRONG_COLUMNS,
    convert,
    export,
    hevy_date,
    routine_id,
    strong_duration,
    to_hevy_csv,
    to_strong_csv,
)
from runtrainer.export_json import _json, schema, to_json
from runtrainer.store import Part, SetRecord, Store


def mixed_session():
    """25 lb one-legged deadlifts, a hold, a warm-up at 115 kg, a set cut short and a skipped one."""
    s = make_session(5)
    s.routine, s.notes, s.routine_id = 'Legs, "heavy"', "Knees fine.\nSlept badly", "/home/ann/routines/legs.toml"
    s.active_seconds, s.ended = 3900, "2026-11-06T08:10:00+01:00"
    s.sets = [SetRecord("Single-leg deadlift", 0, 1, 2, reps=8, weight=25, unit="lb", notes="wobbly",
                        sides=[Part("left", 8), Part("right", 8)]),
              SetRecord("Single-leg deadlift", 0, 2, 2, reps=8, weight=25, unit="lb",
                        sides=[Part("left", 8), Part("right", 8)]),
              SetRecord("Plank", 1, 1, 1, hold_seconds=45),
              SetRecord("Calf raises", 2, 1, 4, reps=12, weight=115, set_type="warmup"),
              SetRecord("Calf raises", 2, 2, 4, reps=5, weight=115, rpe=8.5),
              SetRecord("Calf raises", 2, 3, 4, reps=0, weight=12.5, completed=False),
              SetRecord("Calf raises", 2, 4, 4, reps=0, weight=12.5, skipped=True)]
    return s


def rows(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def test_strong_in_kg_is_strongs_current_layout_every_set_converted_and_said_in_the_header():
    text = to_strong_csv([mixed_session()])
    assert text.splitlines()[0] == ";".join(STRONG_COLUMNS)
    [header, *body] = rows(text, ";")
    assert "Weight (kg)" in header
    got = [dict(zip(header, r, strict=True)) for r in body]
    assert [(r["Exercise Name"], r["Set Order"], r["Weight (kg)"], r["Reps"], r["Seconds"], r["Distance (meters)"])
            for r in got] == [
        ("Single-leg deadlift", "1", "11.34", "8", "0", "0"),  # 25 lb, not 25 kg
        ("Single-leg deadlift", "2", "11.34", "8", "0", "0"),
        ("Plank", "1", "", "", "45", "0"),
        ("Calf raises", "W", "115.0", "12", "0", "0"),  # one decimal, as Strong writes it; W for the warm-up
        ("Calf raises", "1", "115.0", "5", "0", "0")]  # not the set cut short, nor the skipped one
    assert [r["Notes"] for r in got] == ["reps per side; wobbly", "", "", "", ""]
    assert {r["Duration (sec)"] for r in got} == {"3900"} and {r["Workout #"] for r in got} == {"1"}
    assert got[0]["Date"] == "2026-11-06 07:05:00" and got[4]["RPE"] == "8.5"
    assert got[0]["Workout Notes"] == "Knees fine.\nSlept badly"
    assert '"Legs, ""heavy"""' in text  # text quoted, quotes doubled


def test_strong_in_lb_is_its_older_comma_layout_with_durations_as_strong_writes_them():
    text = to_strong_csv([mixed_session()], unit="lb")
    [header, *body] = rows(text)
    assert header == STRONG_CLASSIC_COLUMNS
    got = [dict(zip(header, r, strict=True)) for r in body]
    assert [r["Weight"] for r in got] == ["25.0", "25.0", "", "253.53", "253.53"]
    assert {r["Duration"] for r in got} == {"1h 5m"}
    assert [(r["Distance"], r["Seconds"]) for r in got][:3] == [("0", "0"), ("0", "0"), ("0", "45")]


@pytest.mark.parametrize("seconds, text", [(3900, "1h 5m"), (2700, "45m"), (20, "20s"), (3600, "1h"),
                                           (3629, "1h"), (89, "1m"), (0, "0s")])
def test_strong_durations(seconds, text):
    assert strong_duration(seconds) == text


def test_hevy_quotes_every_text_field_writes_line_breaks_as_backslash_n_and_days_unpadded():
    s = mixed_session()
    s.started, s.ended = "2025-01-06T16:50:00+01:00", "2025-01-06T17:55:00+01:00"
    text = to_hevy_csv([s])
    lines = text.split("\n")
    assert lines[0] == ",".join(f'"{c}"' for c in HEVY_COLUMNS)
    assert len(lines) == 1 + 5 + 1  # a header, five sets done, the final newline: no line break inside a field
    assert lines[1] == ('"Legs, ""heavy""","6 Jan 2025, 16:50","6 Jan 2025, 17:55","Knees fine.\\nSlept badly",'
                        '"Single-leg deadlift",,"reps per side; wobbly",0,"normal",11.34,8,,,')
    assert lines[2].endswith('"Single-leg deadlift",,"",1,"normal",11.34,8,,,')  # the note once, not on every row
    assert lines[3].endswith('"Plank",,"",0,"normal",,,,45,')
    assert lines[4].endswith('"Calf raises",,"",0,"warmup",115.0,12,,,')
    assert lines[5].endswith('"Calf raises",,"",1,"normal",115.0,5,,,8.5')


def test_hevy_in_lb_says_so_in_the_header():
    [header, *body] = rows(to_hevy_csv([mixed_session()], unit="lb"))
    assert "weight_lbs" in header and "distance_miles" in header and "weight_kg" not in header
    assert [r[header.index("weight_lbs")] for r in body] == ["25.0", "25.0", "", "253.53", "253.53"]


def test_hevy_month_names_are_english_whatever_the_locale():
    from datetime import datetime

    assert hevy_date(datetime(2026, 5, 9, 7, 3)) == "9 May 2026, 07:03"


def test_json_export_has_full_records_its_format_version_and_time_and_no_paths():
    data = json.loads(to_json([mixed_session()]))
    assert data["format"] == "runtrainer-export" and data["schema_version"] == 2
    from runtrainer import get_version

    assert data["app_version"] == get_version() and data["exported_at"] and data["unit"] is None
    [session] = data["sessions"]
    assert session["routine_id"] == "legs"  # not /home/ann/routines/legs.toml
    plank = session["sets"][2]
    assert plank["unit"] == "kg" and plank["completed"] is True and plank["skipped"] is False
    assert session["sets"][0]["unit"] == "lb" and session["sets"][0]["weight"] == 25  # as recorded
    assert len(session["sets"]) == 7  # every record, with completed/skipped saying what was done
    in_kg = json.loads(to_json([mixed_session()], unit="kg"))
    assert in_kg["unit"] == "kg" and in_kg["sessions"][0]["sets"][0]["weight"] == 11.34


def test_json_export_matches_the_schema_shipped_in_the_package():
    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    for unit in (None, "kg", "lb"):
        validator.validate(json.loads(to_json([mixed_session(), make_session(2)], unit=unit)))
    bad = json.loads(to_json([mixed_session()]))
    bad["sessions"][0]["routine_id"] = "/home/ann/legs.toml"
    del bad["sessions"][0]["sets"][0]["unit"]
    assert len(list(validator.iter_errors(bad))) == 2


def test_the_export_command_converts_to_the_unit_asked_for(tmp_path):
    store = Store(tmp_path / "data")
    store.save(mixed_session())
    out = run_cli("export", "--format", "hevy-csv", "--unit", "lb", "-o", "h.csv", tmp_path=tmp_path)
    assert out.returncode == 0 and out.stderr == "Wrote 1 session to h.csv\n"
    assert (tmp_path / "h.csv").read_text().startswith('"title"')
    assert "weight_lbs" in (tmp_path / "h.csv").read_text().split("\n")[0]


def test_a_bad_unit_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "export", "--format", "json", "--unit", "stone"]) == 2
    assert capsys.readouterr().err == 'runtrainer: --unit is "stone"; expected kg or lb\n'


def test_an_empty_history_exports_just_the_header():
    assert export([], "strong-csv") == ";".join(STRONG_COLUMNS) + "\n"
    assert json.loads(export([], "json"))["sessions"] == []


# --- exports of a stored history: read by the fast reader, written the fast way, the same bytes --------------

def slow_json_line(session, unit=None):
    """A session's line of the JSON export as it was written before msgspec: json.dumps of every field."""
    data = session.to_json(full=True)
    data["routine_id"] = routine_id(session.routine_id)
    for record in data["sets"] if unit else ():
        record["weight"], record["unit"] = convert(record["weight"], record["unit"], unit), unit
    return _json(data)


@PROPERTY
@given(st.lists(a_session(whole_seconds=False), min_size=1, max_size=3, unique_by=lambda s: s.id))
def test_a_stored_history_exports_the_same_bytes_as_the_sessions_in_memory(tmp_path_factory, sessions):
    data = tmp_path_factory.mktemp("data")
    Store(data).save_many(sessions)
    ordered = sorted(sessions, key=lambda s: s.started)
    for fmt in FORMATS:
        for unit in (None, "kg", "lb"):
            args = ["--data-dir", str(data), "export", "--format", fmt] + (["--unit", unit] if unit else [])
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                assert main(args) == 0
            expected = export(ordered, fmt, unit)
            assert out.getvalue().split("\n")[1:] == expected.split("\n")[1:], (fmt, unit)  # not exported_at
            if fmt == "json":
                lines = out.getvalue().split("\n")[1:-2]
                assert [line.removesuffix(",") for line in lines] == [slow_json_line(s, unit) for s in ordered]


def test_the_json_export_of_text_msgspec_cannot_write_and_of_raw_controls(tmp_path):
    odd = mixed_session()
    odd.notes, odd.sets[0].notes = "lone \ud800 half", "bell \x07 del \x7f c1 \x9b"
    text = to_json([odd])
    assert "\\ud800" in text and "\\u0007" in text and "\\u007f" in text and "\\u009b" in text
    assert not any(c in text for c in "\x07\x7f\x9b")
    assert json.loads(text)["sessions"][0]["notes"] == "lone \ud800 half"


def test_a_stored_session_msgspec_refuses_is_exported_the_slow_way_and_a_damaged_one_left_out(tmp_path, capsys):
    """The JSON export reads each stored session as a Struct in C; what msgspec refuses is read by the full
    checker: a lone surrogate (the standard library reads it) is exported all the same, a damaged session is left
    out with one line."""
    odd, plain, damaged = mixed_session(), make_session(6), make_session(7)
    odd.notes, odd.sets[0].notes = "lone X half", "bell \x07 del \x7f c1 \x9b"
    data = tmp_path / "data"
    Store(data).save_many([odd, plain, damaged])
    history = data / "history.json"
    text = history.read_text().replace("lone X half", "lone \\ud800 half", 1)  # as a hand edit could leave it
    lines = [line.replace('"reps":16', '"reps":"x"') if damaged.id in line else line for line in text.split("\n")]
    history.write_text("\n".join(lines))
    odd.notes = "lone \ud800 half"
    assert main(["--data-dir", str(data), "export", "--format", "json", "--unit", "lb"]) == 0
    out, err = capsys.readouterr()
    assert out.split("\n")[1:] == to_json([odd, plain], "lb").split("\n")[1:]
    assert "left out the session of 2026-11-08T07:07" in err and len(err.splitlines()) == 1


def test_a_weight_of_minus_zero_is_written_zero():
    s = mixed_session()
    s.sets = [SetRecord("Calf raises", 0, 1, 1, reps=5, weight=-0.0), SetRecord("Calf raises", 0, 1, 1, reps=5,
                                                                                   weight=0)]
    assert [r[6] for r in rows(to_strong_csv([s]), ";")[1:]] == ["0.0", "0.0"]


@pytest.mark.parametrize("fmt", ["strong-csv", "hevy-csv"])
@pytest.mark.parametrize("unit", ["kg", "lb"])
def test_a_set_like_an_earlier_one_but_for_one_field_gets_its_own_cells(fmt, unit):
    """The CSV writers make a set's cells once and reuse them for later sets alike: each session's rows must be
    what that session alone exports, whatever set almost like its own came before."""
    first = mixed_session()
    changes = [("notes", "sore"), ("rpe", 9), ("hold_seconds", 30), ("unit", "kg"), ("weight", 26), ("reps", 7),
               ("set_type", "failure"), ("exercise", "Step-ups"), ("sides", [])]
    sessions = [first]
    for n, (name, value) in enumerate(changes, 1):
        later = make_session(n + 1)
        later.sets = [SetRecord(**{**vars(first.sets[0]), "sides": list(first.sets[0].sides), name: value})]
        sessions.append(later)
    together = rows(export(sessions, fmt, unit), ";" if fmt == "strong-csv" and unit == "kg" else ",")[1:]
    alone = [row for s in sorted(sessions, key=lambda s: s.started) for row in
             rows(export([s], fmt, unit), ";" if fmt == "strong-csv" and unit == "kg" else ",")[1:]]
    if fmt == "strong-csv" and unit == "kg":  # "Workout #" counts the sessions of one export
        together = [row[1:] for row in together]
        alone = [row[1:] for row in alone]
    assert together == alone
    assert len({tuple(row) for row in together}) == len(together)  # no two rows alike: each change shows


def test_progress_and_the_exports_convert_a_weight_to_the_same_figure():
    """One conversion (runtrainer.units): a weight in the other unit is the same figure on the progress screen as in
    an export (progress once worked it out unrounded: 11.3398... kg for 25 lb there, 11.34 in the export)."""
    from runtrainer.progress import tracks

    s = make_session(5)
    s.sets = [SetRecord("Squat", 0, 1, 3, reps=8, weight=25, unit="lb"),
              SetRecord("Squat", 0, 2, 3, reps=8, weight=11.5), SetRecord("Squat", 0, 3, 3, reps=8, weight=11.5),
              SetRecord("Bench", 1, 1, 3, reps=5, weight=135, unit="lb"),
              SetRecord("Bench", 1, 2, 3, reps=5, weight=135, unit="lb"),
              SetRecord("Bench", 1, 3, 3, reps=5, weight=60)]
    found = tracks([s])
    for name, unit, converted in (("squat", "kg", 11.34), ("bench", "lb", 132.277)):
        track = found[name]
        assert track.unit == unit  # most of its sets: the others converted
        exported = json.loads(to_json([s], unit=unit))["sessions"][0]["sets"]
        in_export = {r["weight"] for r in exported if r["exercise"].casefold() == name}
        assert {w for w, _ in track.points[0].reps_by_weight} == in_export and converted in in_export
    assert found["squat"].points[0].volume == pytest.approx(8 * 11.34 + 16 * 11.5)
    assert found["bench"].points[0].top_weight == 135 and found["bench"].points[0].volume == pytest.approx(
        10 * 135 + 5 * 132.277)


def test_a_converted_weight_is_rounded_once_to_what_the_csv_writes():
    """12 kg is 26.4555 lb: a CSV writes 26.46 (it wrote 26.45, rounding 26.455 again), the JSON 26.455."""
    s = make_session(1, weight=12.0)
    assert {r[5] for r in rows(to_strong_csv([s], "lb"))[1:]} == {"26.46"}  # the older layout: Weight is 6th
    assert {r[9] for r in rows(to_hevy_csv([s], "lb"))[1:]} == {"26.46"}
    assert {r["weight"] for r in json.loads(to_json([s], "lb"))["sessions"][0]["sets"]} == {26.455}


def one_sided_holds():
    """A side plank held 30 s on each side, twice (a hold has no reps), then one-legged deadlifts of 8 reps a side."""
    s = make_session(6)
    s.sets = [SetRecord("Side plank", 0, n, 2, hold_seconds=30, sides=[Part("left", None, 30), Part("right", None, 30)])
              for n in (1, 2)]
    s.sets.append(SetRecord("Single-leg deadlift", 1, 1, 1, reps=8, sides=[Part("left", 8), Part("right", 8)]))
    return s


def test_a_one_sided_holds_row_says_seconds_per_side_not_reps(tmp_path):
    # Found in a tryout: a side plank's Strong row said "reps per side" in its note; a hold has no reps.
    for unit, delimiter in (("kg", ";"), ("lb", ",")):
        [header, *body] = rows(to_strong_csv([one_sided_holds()], unit=unit), delimiter)
        got = [dict(zip(header, r, strict=True)) for r in body]
        assert [(r["Exercise Name"], r["Reps"], r["Seconds"], r["Notes"]) for r in got] == [
            ("Side plank", "", "30", "seconds per side"), ("Side plank", "", "30", ""),
            ("Single-leg deadlift", "8", "0", "reps per side")], unit
    [header, *body] = rows(to_hevy_csv([one_sided_holds()]))
    got = [dict(zip(header, r, strict=True)) for r in body]
    assert [(r["exercise_title"], r["reps"], r["duration_seconds"], r["exercise_notes"]) for r in got] == [
        ("Side plank", "", "30", "seconds per side"), ("Side plank", "", "30", ""),
        ("Single-leg deadlift", "8", "", "reps per side")]
    text = to_json([one_sided_holds()])  # every field as it is: no note made up, a hold's reps are null per side
    assert "per side" not in text
    plank = json.loads(text)["sessions"][0]["sets"][0]
    assert plank["reps"] is None and [(p["reps"], p["hold_seconds"]) for p in plank["sides"]] == [(None, 30)] * 2


def test_a_one_sided_hold_exported_to_csv_imports_as_a_one_sided_hold(tmp_path):
    from runtrainer.importers import parse

    for fmt in ("strong-csv", "hevy-csv"):
        [back] = parse(export([one_sided_holds()], fmt), "x.csv", fmt).sessions
        plank = back.sets[0]
        assert plank.notes == "" and plank.reps is None and plank.hold_seconds == 30, fmt
        assert [(p.side, p.reps, p.hold_seconds) for p in plank.sides] == [("left", None, 30), ("right", None, 30)]
