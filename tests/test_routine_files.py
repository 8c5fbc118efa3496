"""Routine files as editors save them (a UTF-8 byte-order mark, Windows line ends) load; UTF-16 is told so; names
over 255 characters are one problem each, as the README says."""

from __future__ import annotations

import subprocess
import sys

import pytest

from runtrainer.core.routine import RoutineError, load_routine, parse_routine

ROUTINE = """name = "Legs"
kind = "gym"

[[exercises]]
name = "Squat"
sets = 2
reps = 5
note = \"\"\"Brace.
Knees out.\"\"\"
"""


def check(*paths) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "runtrainer", "routines", "check", *map(str, paths)],
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("ends", ["\n", "\r\n"])
def test_a_routine_saved_with_a_byte_order_mark_loads(tmp_path, ends):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + ROUTINE.replace("\n", ends).encode())
    routine = load_routine(path)
    assert (routine.name, routine.exercises[0].name, routine.exercises[0].note) == ("Legs", "Squat",
                                                                                    "Brace.\nKnees out.")
    assert parse_routine("\ufeff" + ROUTINE, "x.toml").name == "Legs"
    out = check(path)
    assert (out.returncode, out.stdout) == (0, f"{path}: ok (Legs, 1 exercise)\n")


def test_a_utf16_routine_is_told_it_is_utf16(tmp_path):
    path = tmp_path / "u16.toml"
    path.write_bytes(ROUTINE.encode("utf-16"))
    out = check(path)
    assert (out.returncode, out.stdout) == (2, f"{path}: is UTF-16 text; expected UTF-8 (save it again as UTF-8)\n")
    assert "Traceback" not in out.stderr


def test_names_over_255_characters_are_refused_one_line_each(tmp_path):
    path = tmp_path / "long.toml"
    path.write_text(ROUTINE.replace('"Legs"', '"' + "R" * 5000 + '"').replace('"Squat"', '"' + "E" * 3000 + '"')
                    + '\n[[exercises]]\nname = "Lunge"\nsets = 1\nreps = 5\nvariations = ["' + "v" * 256 + '"]\n')
    out = check(path)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stdout.splitlines() == [
        f"{path}:1: routine > name: expected at most 255 characters, found 5,000",
        f'{path}:5: exercise 1 "{"E" * 39}…" > name: expected at most 255 characters, found 3,000',
        f'{path}:15: exercise 2 "Lunge" > variations: expected names of at most 255 characters, found one of 256']


def test_a_name_of_255_characters_is_fine():
    routine = parse_routine(ROUTINE.replace('"Squat"', '"' + "E" * 255 + '"'), "x.toml")
    assert len(routine.exercises[0].name) == 255
    with pytest.raises(RoutineError):
        parse_routine(ROUTINE.replace('"Squat"', '"' + "E" * 256 + '"'), "x.toml")
