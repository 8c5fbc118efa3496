"""The command line as a user types it: real processes, real exit codes, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

from runtrainer.core.routine import parse_routine


def run(*args: str, env: dict | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "runtrainer", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=60)


def test_version_and_help():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"runtrainer {version('runtrainer')}"
    helped = run("--help")
    assert helped.returncode == 0 and "start" in helped.stdout and "routines" in helped.stdout


def test_routines_lists_the_built_ins_with_their_length(tmp_path):
    out = run("--config-dir", str(tmp_path), "routines")
    assert out.returncode == 0
    assert "Gym: strength for runners" in out.stdout and "32-34 min" in out.stdout
    assert "Post-run: 10-20 minutes" in out.stdout


def test_routines_show_prints_toml_that_loads_back(tmp_path):
    out = run("--config-dir", str(tmp_path), "routines", "show", "gym")
    assert out.returncode == 0
    r = parse_routine(out.stdout)
    assert r.name == "Gym: strength for runners" and "# article" in out.stdout


def test_wrong_names_and_arguments_are_one_line_and_exit_2(tmp_path):
    for args in (("start", "yoga"), ("bogus",), ("routines", "show", "nope"), ("start",), ("--frobnicate",)):
        out = run("--config-dir", str(tmp_path), *args)
        assert out.returncode == 2, args
        assert len(out.stderr.strip().splitlines()) == 1, (args, out.stderr)
        assert "Traceback" not in out.stderr
    out = run("--config-dir", str(tmp_path), "start", "yoga")
    assert 'no routine called "yoga"' in out.stderr


def test_start_a_broken_file_lists_its_problems_and_exits_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "B"\nkind = "gym"\n[[exercises]]\nname = "X"\nsets = 99\nreps = 10\n')
    out = run("start", str(bad))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert f"{bad}:5: exercise 1 \"X\" > sets: expected a whole number from 1 to 50, found 99" in out.stderr


def test_check_reports_ok_and_problems(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text(run("routines", "show", "post-run").stdout)
    assert run("routines", "check", str(good)).returncode == 0
    missing = run("routines", "check", str(tmp_path / "missing.toml"))
    assert missing.returncode == 2 and "no such file" in missing.stdout


def test_home_s_short_parse_reads_the_options_as_the_whole_parser_does(capsys):
    import pytest

    from runtrainer.cli import build_parser, parse_args

    for argv in ([], ["--data-dir", "x", "--no-inhibit"], ["--mute", "--audio", "off", "--after-rest", "wait"],
                 ["--data", "x"], ["--config-dir=c"], ["--data-dir", "start"], ["--mute", "start", "gym"],
                 ["history", "--all"], ["routines", "show", "gym"]):
        assert vars(parse_args(argv)) == vars(build_parser().parse_args(argv)), argv
    for argv, said in ((["--bogus"], "unrecognized arguments: --bogus"), (["gym"], "invalid choice: 'gym'"),
                       (["--audio"], "--audio: expected one argument")):
        with pytest.raises(SystemExit) as exc:
            parse_args(argv)
        assert exc.value.code == 2 and said in capsys.readouterr().err
    with pytest.raises(SystemExit):
        parse_args(["--he"])  # help, however abbreviated, lists the commands
    assert "sound-check" in capsys.readouterr().out


def test_a_command_s_parse_builds_its_own_parser_only_and_reads_as_the_whole_parser_does(capsys, monkeypatch):
    """Found profiling `start gym`: every command's parser was built to read `start gym` (~2 ms of its start-up)."""
    import pytest

    from runtrainer import cli

    built: list[str] = []
    make = cli._Parser.__init__

    def counted(self, *args, **kwargs):
        make(self, *args, **kwargs)
        built.append(self.prog)

    for argv in (["start", "gym"], ["--mute", "start", "gym", "--audio", "off"], ["start", "--data-dir=d", "x.toml"],
                 ["history", "--all"], ["routines"], ["routines", "check", "a.toml", "b.toml"], ["stats", "calf",
                 "--since", "2026-01-01"], ["export", "--format", "json", "-o", "f"], ["sound-check"],
                 ["import", "f.csv", "--kind-map", "Leg day=gym", "--dry-run"]):
        whole = vars(cli.build_parser().parse_args(argv))
        monkeypatch.setattr(cli._Parser, "__init__", counted)
        built.clear()
        assert vars(cli.parse_args(argv)) == whole, argv
        monkeypatch.undo()
        commands = {prog.split()[1] for prog in built if len(prog.split()) > 1}
        assert commands == {whole["command"]}, f"{argv}: parsers built for {sorted(commands)}"
    for argv, said in ((["start"], "required: NAME|FILE.toml"), (["start", "gym", "x"], "unrecognized arguments: x"),
                       (["export"], "required: --format"), (["routines", "shoe"], "invalid choice: 'shoe'")):
        with pytest.raises(SystemExit) as exc:
            cli.parse_args(argv)
        assert exc.value.code == 2 and said in capsys.readouterr().err, argv


def test_a_word_too_many_points_at_its_command_s_help_and_a_quoted_escape_never_reaches_the_terminal(capsys):
    """Found by a tryout: `start gym extra` said "try: runtrainer --help" (which lists commands, not start's
    arguments); and argparse's error quoted the word raw: a file name from a glob holding OSC 52 wrote the
    terminal's clipboard."""
    import pytest

    from runtrainer.cli import parse_args

    for argv, helped in ((["start", "gym", "extra"], "try: runtrainer start --help"),
                         (["routines", "show", "gym", "x"], "try: runtrainer routines show --help"),
                         (["history", "x"], "try: runtrainer history --help"),
                         (["--mute", "x"], "try: runtrainer --help")):
        with pytest.raises(SystemExit) as exc:
            parse_args(argv)
        err = capsys.readouterr().err
        assert exc.value.code == 2 and helped in err and err.count("\n") == 1, (argv, err)
    for argv in (["import", "a.csv", "\x1b]52;c;aGVsbG8=\x07"], ["start", "\x1b]52;c;aGVsbG8=\x07", "x"],
                 ["\x1b[2J"], ["routines", "\x1b]0;title\x07"]):
        with pytest.raises(SystemExit):
            parse_args(argv)
        err = capsys.readouterr().err
        assert "runtrainer" in err and not any(c in err for c in "\x1b\x07"), (argv, err)
