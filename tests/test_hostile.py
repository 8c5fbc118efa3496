"""Hostile input (issue 14): files from strangers, hand-edited histories, odd terminals and shells. Nothing
crashes, nothing hangs, no byte of a file steers the terminal, nothing is written where it should not be."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import RAW_CONTROL, app_for, hostile_routine, run_command, screen_text, unprivileged
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runtrainer.core import catalog
from runtrainer.core.routine import MAX_PROBLEMS, RoutineError, load_routine, parse_routine
from runtrainer.store import Session, SetRecord, Store, StoreError
from runtrainer.text import safe
from runtrainer.tui.screens.home import HomeScreen
from runtrainer.tui.screens.summary import SummaryScreen
from runtrainer.tui.screens.workout import WorkoutScreen

OSC52 = "\x1b]52;c;aGVsbG8=\x07"
OSC0 = "\x1b]0;pwned\x07"


def toml_text(value: str) -> str:
    """``value`` as a TOML basic string: JSON's escapes are TOML's (\\u001b for ESC)."""
    return json.dumps(value, ensure_ascii=False)


def routine_toml(name: str = "Mine", ex_name: str = "Squats", note: str = "", extra: str = "") -> str:
    return (f"name = {toml_text(name)}\nkind = \"gym\"\n[[exercises]]\nname = {toml_text(ex_name)}\nsets = 1\n"
            f"reps = 5\nnote = {toml_text(note)}\n{extra}")


def write_routine(cfg: Path, file_id: str, text: str) -> Path:
    folder = cfg / "routines"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{file_id}.toml"
    path.write_text(text, "utf-8")
    return path


def one_line_exit_2(out: subprocess.CompletedProcess) -> str:
    err = out.stderr.decode("utf-8", "replace")
    assert out.returncode == 2, (out.returncode, err)
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    return err


def session_json(n: int, **fields) -> dict:
    data = {"id": f"s{n}", "routine": f"Gym {n}", "kind": "gym", "started": f"2026-11-{n % 28 + 1:02d}T07:00:00+01:00",
            "ended": f"2026-11-{n % 28 + 1:02d}T07:30:00+01:00", "status": "completed", "active_seconds": 1800,
            "planned_sets": 1, "sets": [{"exercise": "Squats", "exercise_index": 0, "set_number": 1, "set_count": 1,
                                         "reps": 5}]}
    data.update(fields)
    return data


def write_history(data_dir: Path, sessions: list[dict], version: int = 2) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "history.json"
    path.write_text(json.dumps({"schema_version": version, "sessions": sessions}), "utf-8")
    return path


# --- terminal injection ---------------------------------------------------------------------------------

def test_safe_shows_every_control_character_and_keeps_the_rest():
    assert safe(f"a{OSC52}b") == "a␛]52;c;aGVsbG8=␇b"
    assert safe("\x9b2J") == "\\x9b2J" and safe("\x7f") == "␡" and safe("a\tb\nc") == "a b␊c"
    assert safe("line 1\nline 2\tx", newlines=True) == "line 1\nline 2\tx"
    assert safe("\ud800") == "\\ud800"  # a lone surrogate (a JSON escape) could not even be encoded
    assert safe("Calf raises — 12–16 ✔ [b]x[/b]") == "Calf raises — 12–16 ✔ [b]x[/b]"
    for code in [*range(0x20), *range(0x7F, 0xA0)]:
        assert not RAW_CONTROL.search(safe(f"x{chr(code)}y")), hex(code)
    for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]:
        assert safe(f"x{chr(code)}y") == f"x\\u{code:04x}y", hex(code)


@pytest.mark.parametrize("field", ["name", "ex_name", "note"])
def test_the_loader_refuses_control_characters_naming_file_line_and_field(field):
    text = routine_toml(**{field: f"Evil{OSC0}"})
    with pytest.raises(RoutineError) as caught:
        parse_routine(text, "evil.toml")
    [problem] = caught.value.problems
    line = {"name": 1, "ex_name": 4, "note": 7}[field]
    assert str(problem).startswith(f"evil.toml:{line}: ") and "control characters (␛, ␇)" in str(problem)
    assert not RAW_CONTROL.search(str(problem))


def test_a_note_may_span_lines_and_hold_tabs_but_a_name_may_not():
    ok = parse_routine(routine_toml(note="one\n\ttwo"))
    assert ok.exercises[0].note == "one\n\ttwo"
    with pytest.raises(RoutineError, match="line breaks"):
        parse_routine(routine_toml(name="two\nlines"))


async def test_escape_sequences_in_names_and_notes_are_shown_never_sent(tmp_path, clock):
    """Home, the workout (name, title, note, next line, prompt), the summary, the history and a notice."""
    names = [f"Calf{OSC52}", f"Press{OSC0}[/]", "Wipe\x1b[2J\x9b2J"]
    notes = ["note\x1b[?1049l", "", "x\x07"]
    evil = hostile_routine(names, notes, title=f"Title{OSC0}")
    app = app_for(tmp_path, clock, evil, routine_id="evil")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screens = [app.export_screenshot()]
        for _ in range(3):
            clock.advance(2)
            app.screen.tick()
            await pilot.pause()
            screens.append(app.export_screenshot())
            await pilot.press("enter")
            await pilot.pause()
            screens.append(app.export_screenshot())
            await pilot.press("enter")  # keep the set as it is
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        screens.append(app.export_screenshot())
        app.notify(f"a notice about {names[0]}")
        await pilot.press("h")
        await pilot.pause()
        screens.append(app.export_screenshot())
    assert any("CALF␛]52" in screen_text(s) for s in screens), "the names are on the screens, made visible"
    for svg in screens:
        assert not RAW_CONTROL.search(svg)


async def test_home_lists_hostile_files_without_a_raw_escape(tmp_path, clock):
    cfg = tmp_path / "config"
    write_routine(cfg, "evil", routine_toml(name=f"Evil{OSC52}"))  # refused by the loader: listed as broken
    write_routine(cfg, "gym [old]", routine_toml(name="[bold]Old[/]"))
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "down", "down")
        await pilot.pause()
        svg = app.export_screenshot()
        await pilot.press("up")
        await pilot.pause()
        svg += app.export_screenshot()
    assert not RAW_CONTROL.search(svg)
    assert "[bold]Old[/]" in screen_text(svg) and "control characters (␛, ␇)" in screen_text(svg)


def test_routines_check_history_and_export_print_no_raw_escape(tmp_path):
    cfg, data = tmp_path / "config", tmp_path / "data"
    path = write_routine(cfg, f"evil{OSC0}", routine_toml(name=f"Evil{OSC52}"))
    write_history(data, [session_json(1, routine=f"R{OSC52}", kind="gym[/]", status="completed"),
                         session_json(2, sets=[{"exercise": f"E{OSC0}\x9b", "exercise_index": 0, "set_number": 1,
                                                "set_count": 1, "reps": 5, "notes": "n\x1b[2J"}])])
    env = {"RUNTRAINER_CONFIG_DIR": str(cfg), "RUNTRAINER_DATA_DIR": str(data)}
    outs = [run_command("routines", "check", str(path), env=env), run_command("routines", env=env),
            run_command("history", env=env)]
    outs += [run_command("export", "--format", fmt, env=env) for fmt in ("json", "strong-csv", "hevy-csv")]
    for out in outs:
        text = out.stdout.decode() + out.stderr.decode()
        assert "Traceback" not in text and not RAW_CONTROL.search(text), text
    exported = {s["id"]: s for s in json.loads(outs[3].stdout)["sessions"]}
    assert exported["s2"]["sets"][0]["exercise"] == f"E{OSC0}\x9b", "kept as stored"
    assert "E\\u001b]0;pwned\\u0007\\u009b" in outs[4].stdout.decode(), "CSV: visible \\u escapes"


# --- crashes -> one line ------------------------------------------------------------------------------------

def test_a_users_gym_toml_replaces_the_built_in_everywhere(tmp_path):
    cfg = tmp_path / "config"
    write_routine(cfg, "gym", routine_toml(name="My gym"))
    found = {e.id: e for e in catalog.entries(cfg)}
    assert [e.id for e in catalog.entries(cfg)] == ["gym", "post-run"]
    assert found["gym"].replaces_builtin and found["gym"].routine.name == "My gym"
    assert catalog.find("gym", cfg).name == "My gym"
    env = {"RUNTRAINER_CONFIG_DIR": str(cfg)}
    listed = run_command("routines", env=env, prefix=["env", "COLUMNS=200"])
    assert "My gym" in listed.stdout.decode() and "replaces the built-in" in listed.stdout.decode()
    assert "My gym" in run_command("routines", "show", "gym", env=env).stdout.decode()


async def test_home_says_a_users_file_replaces_the_built_in(tmp_path, clock):
    write_routine(tmp_path / "config", "gym", routine_toml(name="My gym"))
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "replaces the built-in gym" in str(app.screen.query_one("#home-detail").render())


def test_routines_show_gym_into_routines_gym_toml_the_natural_way(tmp_path):
    cfg = tmp_path / "config"
    (cfg / "routines").mkdir(parents=True)
    target = cfg / "routines" / "gym.toml"
    cmd = f'{sys.executable} -m runtrainer --config-dir "{cfg}" routines show gym > "{target}"'
    out = subprocess.run(cmd, shell=True, capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert load_routine(target).name == "Gym: strength for runners"
    assert run_command("--config-dir", str(cfg), "routines", "check").returncode == 0


@pytest.mark.parametrize("number", ["nan", "+nan", "-nan"])
@pytest.mark.parametrize("key", ["get_ready_seconds", "rest_seconds", "weight", "hold_seconds"])
def test_non_finite_numbers_are_refused_on_load(key, number):
    text = routine_toml()
    text = text.replace("reps = 5\n", "") + f"hold_seconds = {number}\n" if key == "hold_seconds" else \
        text.replace("kind", f"{key} = {number}\nkind") if key == "get_ready_seconds" else text + f"{key} = {number}\n"
    with pytest.raises(RoutineError) as caught:
        parse_routine(text, "n.toml")
    assert any(key in str(p) and "n.toml:" in str(p) for p in caught.value.problems), caught.value.problems


def test_markup_and_brackets_in_names_and_file_names_are_listed_whole(tmp_path):
    cfg = tmp_path / "config"
    write_routine(cfg, "gym [old]", routine_toml(name="Old [/] [bold]gym"))
    out = run_command("--config-dir", str(cfg), "routines", prefix=["env", "COLUMNS=200"])
    assert out.returncode == 0 and b"Traceback" not in out.stderr
    assert "gym [old]" in out.stdout.decode() and "Old [/] [bold]gym" in out.stdout.decode()


def test_odd_paths_and_names_are_one_line_and_exit_2(tmp_path):
    long = "a" * 300
    one_line_exit_2(run_command("--config-dir", str(tmp_path), "start", long))
    one_line_exit_2(run_command("--config-dir", str(tmp_path), "start", f"{tmp_path}/{long}.toml"))
    one_line_exit_2(run_command("--config-dir", str(tmp_path), "routines", "show", long))
    err = one_line_exit_2(run_command("history", env={"RUNTRAINER_DATA_DIR": "~nouser-runtrainer/x"}))
    assert "~nouser-runtrainer" in err
    one_line_exit_2(run_command("--data-dir", f"{tmp_path}/{long}/x", "history"))


def test_a_data_dir_nobody_may_read_is_one_line_and_exit_2(tmp_path):
    data = tmp_path / "data"
    write_history(data, [session_json(1)])
    data.chmod(0)
    try:
        for args in (("history",), ("export", "--format", "json")):
            err = one_line_exit_2(run_command("--data-dir", str(data), *args, prefix=unprivileged()))
            assert "Permission denied" in err
    finally:
        data.chmod(0o700)


def test_history_into_a_pipe_closed_early_exits_quietly(tmp_path):
    write_history(tmp_path / "data", [session_json(n) for n in range(3000)])  # more than a pipe holds
    for args in (("history",), ("sound-check", "--audio", "off")):
        cmd = f'{sys.executable} -m runtrainer --data-dir "{tmp_path / "data"}" {" ".join(args)} | head -c 1'
        out = subprocess.run(["bash", "-c", f"set -o pipefail; {cmd}"], capture_output=True, timeout=60)
        assert b"Traceback" not in out.stderr and b"Broken" not in out.stderr, out.stderr
        assert out.returncode in (0, 141)


def test_stdout_on_a_full_disk_is_one_line_and_exit_2(tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    write_history(tmp_path / "data", [session_json(1)])
    with open("/dev/full", "w") as full:
        for args in (("history",), ("routines",), ("export", "--format", "json")):
            out = subprocess.run([sys.executable, "-m", "runtrainer", "--data-dir", str(tmp_path / "data"), *args],
                                 stdout=full, stderr=subprocess.PIPE, timeout=60)
            assert out.returncode == 2 and b"No space left" in out.stderr and b"Traceback" not in out.stderr


def test_an_ascii_only_stdout_gets_escapes_not_a_crash(tmp_path):
    write_history(tmp_path / "data", [session_json(1, routine="Gym — ✔ 12–16")])
    env = {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"}
    for args in (("history",), ("routines",), ("routines", "show", "gym"), ("export", "--format", "strong-csv")):
        out = run_command("--data-dir", str(tmp_path / "data"), *args, env=env)
        assert out.returncode == 0 and b"Traceback" not in out.stderr, (args, out.stderr)


def test_a_history_with_garbage_values_is_listed_and_exported(tmp_path):
    data = tmp_path / "data"
    write_history(data, [session_json(1, ended="garbage"), session_json(2, active_seconds=1e308, paused_seconds=1e308)])
    for args in (("history",), *(("export", "--format", f) for f in ("json", "strong-csv", "hevy-csv"))):
        out = run_command("--data-dir", str(data), *args)
        assert out.returncode == 0 and b"Traceback" not in out.stderr, (args, out.stderr)
    assert "2 Nov 2026" in run_command("--data-dir", str(data), "export", "--format", "hevy-csv").stdout.decode()


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity"])
def test_a_history_with_non_finite_seconds_stays_set_aside_not_a_crash(tmp_path, bad):
    data = tmp_path / "data"
    data.mkdir()
    (data / "history.json").write_text(json.dumps({"schema_version": 2, "sessions": [session_json(1)]})
                                       .replace('"active_seconds": 1800', f'"active_seconds": {bad}'))
    out = run_command("--data-dir", str(data), "history")
    assert b"Traceback" not in out.stderr and b"finite" in out.stderr


# --- hangs and runaway cost ---------------------------------------------------------------------------------

def test_a_fifo_or_a_link_to_dev_zero_is_a_problem_not_a_hang(tmp_path):
    folder = tmp_path / "config" / "routines"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "fifo.toml")
    (folder / "zero.toml").symlink_to("/dev/zero")
    for name in ("fifo", "zero"):
        with pytest.raises(RoutineError, match="not a regular file"):
            load_routine(folder / f"{name}.toml")
    broken = {e.id for e in catalog.entries(tmp_path / "config") if e.routine is None}
    assert broken == {"fifo", "zero"}
    out = run_command("--config-dir", str(tmp_path / "config"), "routines", "check")
    assert out.returncode == 2 and out.stdout.decode().count("not a regular file") == 2


def test_a_file_growing_past_the_limit_is_read_only_to_the_limit(tmp_path):
    from runtrainer.reading import read_regular

    path = tmp_path / "big.toml"
    path.write_bytes(b"#" * 5000)
    assert len(read_regular(path, 1000)) == 1001


def test_a_megabyte_of_unknown_keys_loads_at_once_with_a_bounded_report():
    """Quadratic before: 10,000 unknown keys took 7.7 s; these 90,000 would take many minutes."""
    text = 'name = "x"\nkind = "gym"\n' + "".join(f"k{i} = 1\n" for i in range(90_000))
    assert len(text) < 1_000_000
    with pytest.raises(RoutineError) as caught:
        parse_routine(text, "keys.toml")
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS + 1 and str(problems[0]) == "keys.toml:3: k0: unknown field"
    assert "more problems not listed" in str(problems[-1])


def test_deep_nesting_and_huge_numbers_are_problems():
    for text in ("a = " + "[" * 50_000 + "]" * 50_000, "sets = " + "9" * 5000):
        with pytest.raises(RoutineError, match="not valid TOML"):
            parse_routine(text, "x.toml")


def test_tui_commands_without_a_terminal_say_so_and_exit_2(tmp_path):
    env = {"RUNTRAINER_DATA_DIR": str(tmp_path / "data"), "RUNTRAINER_CONFIG_DIR": str(tmp_path)}
    for args in ((), ("start", "gym")):
        err = one_line_exit_2(run_command(*args, env=env, stdin=subprocess.DEVNULL))
        assert "needs a terminal" in err
    assert not (tmp_path / "data").exists(), "no session recorded"


# --- writing where it should not ----------------------------------------------------------------------------

def test_nothing_created_is_readable_by_others_under_umask_000(tmp_path, monkeypatch):
    data = tmp_path / "deep" / "data"
    old = os.umask(0)
    try:
        store = Store(data)
        store.load()
        session = Session.new("Gym", "gym", 1, "gym")
        session.sets = [SetRecord("Squats", 0, 1, 1, reps=5)]
        store.begin(session)
        store.journal(session)
        session.status = "completed"
        store.save(session)
        store.release(session.id, remove=False)
        out = run_command("--data-dir", str(data), "export", "--format", "json", "-o", str(tmp_path / "e.json"))
        assert out.returncode == 0, out.stderr
        held = Session.new("Gym", "gym", 1, "gym")
        store.begin(held)  # a lock file and a journal, as in a workout in progress
        made = [p for p in tmp_path.rglob("*")] + [tmp_path / "deep"]
        for path in made:
            assert stat.S_IMODE(path.lstat().st_mode) & 0o077 == 0, (path, oct(path.lstat().st_mode))
        store.release(held.id, remove=True)
    finally:
        os.umask(old)


def test_dead_writers_temporaries_are_swept_at_start(tmp_path):
    journals = tmp_path / "data" / "in-progress"
    journals.mkdir(parents=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    tmp = journals / f".abc.json.{dead.stdout.strip()}.ffffff.tmp"
    tmp.write_text("{")
    Store(tmp_path / "data").load()
    assert not tmp.exists()


def test_export_names_every_session_it_leaves_out(tmp_path):
    data = tmp_path / "data"
    write_history(data, [session_json(1), session_json(2, sets=[{"exercise": "x"}]),
                         session_json(3, sets=[{"exercise": "y", "exercise_index": "z"}])])
    out = run_command("--data-dir", str(data), "export", "--format", "json")
    assert out.returncode == 0 and len(json.loads(out.stdout)["sessions"]) == 1
    lines = out.stderr.decode().strip().splitlines()
    assert len(lines) == 2 and all("left out the session" in line for line in lines)


def test_a_history_from_a_newer_version_exits_2(tmp_path):
    write_history(tmp_path / "data", [], version=99)
    for args in (("history",), ("export", "--format", "json")):
        err = one_line_exit_2(run_command("--data-dir", str(tmp_path / "data"), *args))
        assert "newer runtrainer" in err


def test_a_write_protected_history_is_shown_but_never_rewritten(tmp_path):
    data = tmp_path / "data"
    path = write_history(data, [session_json(1)])
    path.chmod(0o400)
    before = path.read_bytes()
    out = run_command("--data-dir", str(data), "history")
    assert out.returncode == 0 and b"Gym 1" in out.stdout and b"write-protected" in out.stderr
    store = Store(data)
    store.load()
    session = Session.new("Gym", "gym", 1, "gym")
    session.status = "completed"
    with pytest.raises(StoreError, match="write-protected"):
        store.save(session)
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o400
    assert (data / "in-progress" / f"{session.id}.json").exists(), "the session is kept"


async def test_the_app_says_the_history_is_write_protected(tmp_path, clock):
    path = write_history(tmp_path / "data", [session_json(1)])
    path.chmod(0o400)
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "write-protected" in str(app.screen.query_one("#home-notices").render())


# --- the command line -----------------------------------------------------------------------------------------

def test_global_options_work_after_the_subcommand(tmp_path):
    cfg = tmp_path / "elsewhere"
    write_routine(cfg, "mine", routine_toml(name="Only here"))
    out = run_command("routines", "--config-dir", str(cfg), prefix=["env", "COLUMNS=200"])
    assert "Only here" in out.stdout.decode()
    out = run_command("routines", "show", "mine", "--config-dir", str(cfg))
    assert out.returncode == 0 and "Only here" in out.stdout.decode()
    out = run_command("--config-dir", str(tmp_path), "sound-check", "--audio", "off")
    assert out.returncode == 0 and out.stdout.decode().startswith("Sound backend: off")
    out = run_command("start", "gym", "--mute", stdin=subprocess.DEVNULL)
    assert b"needs a terminal" in out.stderr, "the option was taken, the terminal was missing"


def test_routines_check_without_files_checks_your_folder_and_takes_ids(tmp_path):
    cfg = tmp_path / "config"
    write_routine(cfg, "start", routine_toml(name="Start"))
    write_routine(cfg, "show", routine_toml(name="Show", extra="sets = 0\n").replace("sets = 1\n", ""))
    out = run_command("--config-dir", str(cfg), "routines", "check")
    assert out.returncode == 2 and b"start.toml: ok" in out.stdout and b"show.toml:" in out.stdout
    assert run_command("--config-dir", str(cfg), "routines", "check", "start").returncode == 0
    empty = run_command("--config-dir", str(tmp_path / "none"), "routines", "check")
    one_line_exit_2(empty)


def test_every_subcommand_help_has_a_description():
    from runtrainer.cli import build_parser

    for args in (["start"], ["routines"], ["routines", "show"], ["routines", "check"], ["history"], ["export"],
                 ["sound-check"]):
        out = run_command(*args, "--help")
        text = out.stdout.decode()
        paragraphs = text.split("\n\n")
        description = paragraphs[1].splitlines()[0]
        assert out.returncode == 0 and not description.endswith(":"), (args, text)
    assert build_parser().description


def test_routines_check_prints_problems_in_line_order(tmp_path):
    text = ('zzz = 1\nname = ""\nkind = "yoga"\n[[exercises]]\nname = "A"\nsets = 99\nreps = 0\nbogus = 2\n'
            'weight = -1\n')
    path = tmp_path / "r.toml"
    path.write_text(text)
    out = run_command("routines", "check", str(path)).stdout.decode()
    lines = [int(line.split(":")[1]) for line in out.strip().splitlines() if line.split(":")[1].isdigit()]
    assert len(lines) >= 6 and lines == sorted(lines), out


def test_sound_check_with_sound_off_does_not_ask_about_the_volume():
    out = run_command("sound-check", "--audio", "off").stdout.decode()
    assert "check the volume" not in out and "Sound is off" in out


def test_routines_show_mentions_no_path_the_user_does_not_have():
    out = run_command("routines", "show", "gym").stdout.decode()
    assert "shared/" not in out


# --- any string at all ----------------------------------------------------------------------------------------

ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=["Cs"]), max_size=40) | st.sampled_from(
    [OSC52, OSC0, "\x1b[2J", "\x1b[?1049l", "\x9b2J", "[/]", "[bold]x", "[link=x]y[/link]", "\x00", "\t", "\r\n",
     "gym\u202elmot", "\u2066x\u2069", "a\u200fb\u061c"])
RAW_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
"""The bidi controls: loadable nowhere, shown as stand-ins (\\u202e) everywhere."""


@settings(derandomize=True, max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(name=ANY_TEXT, ex_name=ANY_TEXT, note=ANY_TEXT)
def test_any_string_loads_or_is_refused_in_one_line_and_lists_safely(tmp_path_factory, capsys, name, ex_name, note):
    from runtrainer.commands import routines_list
    from runtrainer.core.routine import to_toml

    cfg = tmp_path_factory.mktemp("cfg")
    path = write_routine(cfg, "any", routine_toml(name, ex_name, note))
    try:
        loaded = load_routine(path)
    except RoutineError as exc:
        for problem in exc.problems:
            assert "\n" not in str(problem) and not RAW_CONTROL.search(str(problem))
            assert not RAW_BIDI.search(str(problem))
    else:
        assert not RAW_BIDI.search(name + ex_name + note), "a bidi control is refused as a control character is"
        assert (loaded.name, loaded.exercises[0].name, loaded.exercises[0].note) == (name, ex_name, note)
        assert parse_routine(to_toml(loaded)) == loaded
    capsys.readouterr()
    assert routines_list(cfg) == 0
    out = capsys.readouterr().out
    assert not RAW_CONTROL.search(out) and not RAW_BIDI.search(out)


@settings(derandomize=True, max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                                  HealthCheck.function_scoped_fixture])
@given(texts=st.lists(ANY_TEXT, min_size=12, max_size=12))
async def test_any_string_on_every_screen_reaches_the_terminal_without_a_raw_escape(tmp_path, texts):
    from runtrainer.core.clock import FakeClock

    clock = FakeClock()
    names = [t or "x" for t in texts[:4]]
    evil = hostile_routine(names, texts[4:8], title=texts[8] or "t")
    app = app_for(tmp_path, clock, evil, routine_id="any")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shots = [app.export_screenshot()]
        for _ in names:
            if not isinstance(app.screen, WorkoutScreen):
                break
            clock.advance(2)
            app.screen.tick()
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            shots.append(app.export_screenshot())
            await pilot.press("enter")
        await pilot.pause()
        shots.append(app.export_screenshot())
        app.notify(texts[9])
        await pilot.press("h")
        await pilot.pause()
        shots.append(app.export_screenshot())
    for svg in shots:
        assert not RAW_CONTROL.search(svg)
