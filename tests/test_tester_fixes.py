"""What a tester found: a damaged shipped parse, raw names in `import --dry-run`, bidi controls, `stats X --since`
of an exercise with nothing since, and "1 exercises"."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import RAW_CONTROL

from runtrainer.cli import main
from runtrainer.commands import routines_check, routines_list, routines_show
from runtrainer.core import catalog
from runtrainer.core.routine import RoutineError, parse_routine
from runtrainer.importers import read
from runtrainer.store import Store
from runtrainer.text import controls_in, safe

FIXTURES = Path(__file__).parent / "fixtures"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
RAW_BIDI = re.compile(f"[{BIDI}]")


# --- a damaged shipped parse ----------------------------------------------------------------------------------

@pytest.fixture
def installed(tmp_path, monkeypatch) -> Path:
    """A copy of the installed built-ins, used in their place."""
    folder = tmp_path / "routines-installed"
    shutil.copytree(catalog.BUILTIN_DIR, folder)
    monkeypatch.setattr(catalog, "BUILTIN_DIR", folder)
    return folder


@pytest.mark.parametrize("damage", ["sets", "escape"])
def test_a_shipped_parse_that_fails_its_checks_is_ignored_and_the_toml_parsed(installed, tmp_path, capsys, damage):
    shipped = json.loads((installed / "gym.json").read_text("utf-8"))
    if damage == "sets":
        shipped["data"]["exercises"][0]["sets"] = 0
    else:
        shipped["data"]["exercises"][0]["name"] = "Calf\x1b]0;pwned\x07"
    (installed / "gym.json").write_text(json.dumps(shipped), "utf-8")
    text = (installed / "gym.toml").read_text("utf-8")
    assert catalog.builtin("gym") == parse_routine(text, "gym.toml (built-in)")
    assert routines_list(tmp_path / "cfg") == 0
    out = capsys.readouterr().out
    assert "Gym: strength for runners" in out and "broken" not in out


def test_a_damaged_built_in_toml_is_its_problems_in_one_line_each_never_a_traceback(installed, tmp_path, capsys):
    text = (installed / "gym.toml").read_text("utf-8")
    (installed / "gym.toml").write_text(re.sub(r"(?m)^sets = \d+", "sets = 0", text, count=1), "utf-8")
    assert routines_list(tmp_path / "cfg") == 0
    assert "broken: 1 problem " in capsys.readouterr().out
    assert routines_show("gym", tmp_path / "cfg") == 2
    [said] = capsys.readouterr().err.splitlines()
    assert "gym.toml (built-in):" in said and "found 0" in said
    with pytest.raises(RoutineError):
        catalog.find("gym", tmp_path / "cfg")


# --- import: every text from the file made safe ---------------------------------------------------------------

def test_import_dry_run_lists_names_with_their_escapes_made_visible(tmp_path, capsys):
    evil = "Evil \x1b]0;PWNED\x1b\\ \u202e"
    text = (FIXTURES / "strong-classic.csv").read_text("utf-8").replace("Evening Workout", evil)
    (tmp_path / "evil.csv").write_text(text, "utf-8")
    assert main(["--data-dir", str(tmp_path / "data"), "import", "--dry-run", "--unit", "lb",
                 str(tmp_path / "evil.csv")]) == 0
    out = capsys.readouterr().out
    assert "Evil ␛]0;PWNED␛\\ \\u202e" in out
    assert not RAW_CONTROL.search(out) and not RAW_BIDI.search(out)


def test_import_names_a_file_and_its_problems_safely(tmp_path, capsys):
    name = tmp_path / "x\x1b]0;t\x07.csv"
    name.write_text("Date,Workout Name\n", "utf-8")
    assert main(["--data-dir", str(tmp_path / "data"), "import", str(name)]) == 2
    err = capsys.readouterr().err
    assert "x␛]0;t␇.csv" in err and not RAW_CONTROL.search(err)


# --- bidi controls ----------------------------------------------------------------------------------------------

def test_safe_shows_every_bidi_control_as_a_visible_stand_in():
    for char in BIDI:
        shown = safe(f"gym{char}lmot", newlines=True)
        assert shown == f"gym\\u{ord(char):04x}lmot" and safe(f"a{char}") == f"a\\u{ord(char):04x}"
    assert safe("تمرين — Übung ✔") == "تمرين — Übung ✔", "right-to-left letters themselves are fine"


@pytest.mark.parametrize("field", ["name", "ex_name", "note"])
def test_the_loader_refuses_bidi_controls_in_names_and_notes(field):
    texts = {"name": "Mine", "ex_name": "Squats", "note": ""}
    texts[field] = "Gym \u202e evil"
    text = (f'name = "{texts["name"]}"\nkind = "gym"\n[[exercises]]\nname = "{texts["ex_name"]}"\nsets = 1\n'
            f'reps = 5\nnote = "{texts["note"]}"\n')
    with pytest.raises(RoutineError) as caught:
        parse_routine(text, "evil.toml")
    [problem] = caught.value.problems
    assert "control characters (\\u202e) are not allowed" in str(problem) and not RAW_BIDI.search(str(problem))
    assert controls_in("a\u2066b") == "\\u2066"


# --- stats of an exercise with nothing since --since --------------------------------------------------------------

def test_stats_of_an_exercise_with_no_sessions_since_the_date_says_so(tmp_path, capsys):
    Store(tmp_path / "data").save_many(read(FIXTURES / "strong-classic.csv", unit="lb").sessions)
    assert main(["--data-dir", str(tmp_path / "data"), "stats", "plank", "--since", "2030-01-01"]) == 0
    out, err = capsys.readouterr()
    assert out == "Plank has no sessions since 2030-01-01 (the latest was 2024-03-04).\n" and not err
    assert main(["--data-dir", str(tmp_path / "data"), "stats", "--since", "2030-01-01"]) == 0
    assert capsys.readouterr().out.startswith("exercise\t")
    assert main(["--data-dir", str(tmp_path / "data"), "stats", "yoga", "--since", "2030-01-01"]) == 2
    assert 'no exercise called "yoga"; choose one of' in capsys.readouterr().err


# --- plurals ----------------------------------------------------------------------------------------------------

def test_routines_check_counts_one_exercise_in_the_singular(tmp_path, capsys):
    one = tmp_path / "one.toml"
    one.write_text('name = "One"\nkind = "gym"\n[[exercises]]\nname = "Squats"\nsets = 1\nreps = 5\n', "utf-8")
    assert routines_check([str(one)], tmp_path) == 0
    assert capsys.readouterr().out == f"{one}: ok (One, 1 exercise)\n"
