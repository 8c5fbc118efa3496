"""The command line. Errors are one line each and exit 2; nothing here prints a traceback for bad input."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from runtrainer import get_version
from runtrainer.options import UsageError as UsageError
from runtrainer.options import after_rest, audio_preference, check_data_dir, config_dir, count_aloud, data_dir
from runtrainer.text import safe

if TYPE_CHECKING:
    from runtrainer.core.routine import Routine
    from runtrainer.tui.app import RuntrainerApp

EXIT_USAGE = 2
SLEEP_GAP_SECONDS = 10.0
"""The screen looks at the clock at least once a second; a jump longer than this means the laptop slept."""



class _Parser(argparse.ArgumentParser):
    def error(self, message: str, helped: str | None = None) -> NoReturn:
        """One line, made safe: it quotes the command line (a file name from a glob can hold an escape)."""
        self.exit(EXIT_USAGE, safe(f"{self.prog}: {message} (try: {helped or self.prog} --help)") + "\n")

    def parse_args(self, args: Sequence[str] | None = None, namespace: Any = None) -> Any:  # type: ignore[override]
        """As argparse's, but words left over point at the help of the command they followed, not the top's."""
        parsed, rest = self.parse_known_args(args, namespace)
        if rest:
            words = [self.prog, getattr(parsed, "command", None), getattr(parsed, "routines_command", None)]
            self.error(f"unrecognized arguments: {' '.join(rest)}", " ".join(w for w in words if w))
        return parsed


class _VersionAction(argparse.Action):
    """--version, with the package metadata read only when asked (importing importlib.metadata costs start-up
    ~12 ms)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str = "show the version and exit") -> None:  # noqa: A002
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> NoReturn:
        print(safe(f"runtrainer {get_version()}"))
        parser.exit(0)



def _global_options(parser: argparse.ArgumentParser, suppress: bool = False) -> None:
    """The options every command takes, before or after its name (``runtrainer start gym --mute``). A command's
    own copy has no defaults, so an option given before the command is not reset by it."""
    default: dict[str, Any] = {"default": argparse.SUPPRESS} if suppress else {}
    parser.add_argument("--config-dir", metavar="DIR", help="where your routines/ folder lives "
                        "(default: the user config dir; env RUNTRAINER_CONFIG_DIR)", **default)
    parser.add_argument("--data-dir", metavar="DIR", help="where history is kept (env RUNTRAINER_DATA_DIR)",
                        **default)
    parser.add_argument("--mute", action="store_true", help="start with sound off (m toggles it)",
                        **default)
    parser.add_argument("--no-inhibit", action="store_true", help="do not keep the laptop awake during a workout",
                        **default)
    parser.add_argument("--audio", metavar="BACKEND", help="simpleaudio, system, bell or off (env RUNTRAINER_AUDIO;"
                        " default: the first that works, in that order)", **default)
    parser.add_argument("--after-rest", choices=("start", "wait"), help="after a rest, start the count-in by "
                        "itself (start) or wait for Enter (wait); default: the routine's after_rest "
                        "(env RUNTRAINER_AFTER_REST)", **default)
    parser.add_argument("--count-aloud", action="store_true", help="speak rep numbers and a hold's last three "
                        "seconds as words (env RUNTRAINER_COUNT_ALOUD=1)", **default)


def _top_parser() -> _Parser:
    parser = _Parser(
        prog="runtrainer",
        description="A terminal workout timer for runners who strength-train. With no command, opens Home.",
    )
    parser.add_argument("--version", action=_VersionAction)
    _global_options(parser)
    return parser


COMMANDS = ("start", "routines", "history", "export", "import", "stats", "sound-check")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The command line, parsed. Home (no command, the usual start) needs only the options every command takes:
    then the commands' parsers are not built (~1.5 ms of start-up: argparse looks up translations for each); a
    command gets its own parser only (`start gym`: ~2 ms). A word that is no command, and help (which lists the
    commands), go to the whole parser, as before."""
    if not any(word.startswith(("-h", "--h")) for word in argv):
        args, rest = _top_parser().parse_known_args(argv)
        if not rest:
            args.command = None
            return args
        if rest[0] in COMMANDS:
            return build_parser(only=rest[0]).parse_args(argv)
    return build_parser().parse_args(argv)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Every command's parser, or (``only``) that one command's."""
    parser = _top_parser()
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, suppress=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(subs: Any, name: str, help: str, description: str) -> _Parser:  # noqa: A002
        parser: _Parser = subs.add_parser(name, help=help, description=description, parents=[common])
        return parser

    def wanted(name: str) -> bool:
        return only in (None, name)

    if wanted("start"):
        start = command(sub, "start", "start a workout at once", "Start a workout at once (it needs a terminal).")
        start.add_argument("routine", metavar="NAME|FILE.toml", help='a routine id ("gym", "post-run"), its full '
                           "name, or a path to a routine file")
    if wanted("routines"):
        routines = command(sub, "routines", "list routines, show one as TOML, check files",
                           "List routines (with no subcommand), show one, or check files.")
        rsub = routines.add_subparsers(dest="routines_command", metavar="SUBCOMMAND", parser_class=_Parser)
        show = command(rsub, "show", "print a routine as TOML (a starting point for your own)",
                       "Print a routine as TOML, comments and all: save it in your routines/ folder and change it.")
        show.add_argument("routine", metavar="NAME")
        check = command(rsub, "check", "validate routine files: one line per problem, exit 2 if any",
                        "Validate routine files (paths, or ids of files in your routines/ folder; with none, "
                        "every file in that folder): one line per problem, in line order; exit 2 if any.")
        check.add_argument("files", metavar="FILE", nargs="*")
    if wanted("history"):
        hist = command(sub, "history", "list past sessions (a table of the latest 20; plain text when not a "
                       "terminal)", "List past sessions, newest first: in a terminal the latest 20 as a table "
                       "(--all: every one); into a pipe or a file, every session as tab-separated text.")
        hist.add_argument("--all", action="store_true", dest="every", help="every session, not only the latest 20")
    if wanted("export"):
        exp = command(sub, "export", "export the history as JSON or CSV for Strong or Hevy",
                      "Export the history: json, strong-csv (Strong's columns), hevy-csv (Hevy's). Files are "
                      "created readable by you only (0600).")
        exp.add_argument("--format", required=True, metavar="FORMAT", help="json, strong-csv or hevy-csv")
        exp.add_argument("-o", "--output", metavar="FILE", help="write here instead of to the screen (never over "
                         "an existing file)")
        exp.add_argument("--unit", metavar="UNIT", help="kg or lb: every weight converted to it (CSV default kg; "
                         "JSON default: each set as recorded)")
    if wanted("import"):
        imp = command(sub, "import", "bring in a history from Strong, Hevy or a runtrainer JSON export",
                      "Import sessions from a Strong CSV, a Hevy CSV or a runtrainer JSON export. All or nothing; "
                      "sessions already there are left as they are.")
        imp.add_argument("file", metavar="FILE")
        imp.add_argument("--format", default="auto", metavar="FORMAT", help="auto (default), strong-csv, "
                         "hevy-csv or json")
        imp.add_argument("--unit", metavar="UNIT", help="kg or lb: the unit of a Strong file that does not say, "
                         "and the unit every imported weight is converted to")
        imp.add_argument("--dry-run", action="store_true", help="show what would be added; change nothing")
        imp.add_argument("--kind-map", metavar="NAME=KIND", action="append", default=[],
                         help='the kind of sessions of a workout name, e.g. "Leg day=gym" (repeatable; default '
                         "gym)")
    if wanted("stats"):
        stats = command(sub, "stats", "personal bests, and an exercise's progress as a chart",
                        "Print every exercise's personal bests; with EXERCISE, its bests, left/right balance and a "
                        "chart of its top set weight and weekly volume (tab-separated numbers when not a terminal).")
        stats.add_argument("exercise", metavar="EXERCISE", nargs="?", help="its name, any case, or a part of it")
        stats.add_argument("--since", metavar="DATE", help="only sessions on or after this date (2026-01-31)")
    if wanted("sound-check"):
        command(sub, "sound-check", "play every cue with its name, and say which sound backend is used and why",
                "Play every cue with its name; print the backend chosen and why others were not.")
    return parser



EXIT_BROKEN_PIPE = 141
"""Output cut off by the reader (``runtrainer history | head -1``): quiet, with the status a shell gives a program
killed by SIGPIPE."""


def say(message: str) -> None:
    """One line on stderr, made safe (it may quote a file's name or contents); never raises."""
    with contextlib.suppress(OSError, ValueError):
        print(f"runtrainer: {safe(message)}", file=sys.stderr, flush=True)


def _tolerant_streams() -> None:
    """A stdout that cannot encode everything (``PYTHONIOENCODING=ascii``, an old locale) shows what it cannot
    as escapes instead of failing mid-line."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if stream is not None and encoding != "utf8" and hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")


def _drop_stdout() -> None:
    """After a failed write, point stdout at /dev/null so Python's own flush at exit has nothing to fail on."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_streams()
    if sys.stdout is None:  # started with file descriptor 1 closed (`>&-`): whatever it would print is lost
        say("standard output is closed; nothing was done (give it a file, a pipe or /dev/null)")
        return EXIT_USAGE
    try:
        try:
            code = _run(parse_args(sys.argv[1:] if argv is None else argv))
        except SystemExit as exc:  # --help, --version and argparse's own errors
            code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else EXIT_USAGE
        if sys.stdout is not None:
            sys.stdout.flush()
        return code
    except UsageError as exc:
        say(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as exc:  # stdout on a full disk (/dev/full), a closed terminal
        _drop_stdout()
        say(f"cannot write the output: {exc.strerror or exc}")
        return EXIT_USAGE


def terminal_problem() -> str:
    """Why the workout screen cannot be drawn here ("" when it can). Drawn into a pipe, a Textual app spins a core
    forever and a workout would record sets nobody did."""
    for name, stream in (("standard input", sys.stdin), ("standard output", sys.stdout)):
        if stream is None or not stream.isatty():
            return (f"the workout screen needs a terminal, and {name} is not one (for plain output try "
                    "`runtrainer routines` or `runtrainer history`)")
    return ""


def _run(args: argparse.Namespace) -> int:
    from runtrainer import commands

    preference = audio_preference(args)
    counting = count_aloud(args)
    if args.command == "sound-check":
        return commands.sound_check(preference, counting)
    if args.command in ("history", "export", "import", "stats"):
        data = data_dir(args)
        check_data_dir(data)
        if args.command in ("stats", "history", "export"):
            with commands.collector_off():
                if args.command == "stats":
                    from runtrainer.stats import stats

                    return stats(data, args.exercise, args.since)
                if args.command == "history":
                    return commands.history(data, args.every)
                return commands.export_history(data, args.format, args.output, commands.unit(args.unit))
        from runtrainer.importers.command import run_import

        return run_import(commands.load_history(data), args.file, args.format, commands.unit(args.unit),
                          args.dry_run, commands.kind_map(args.kind_map))
    cfg = config_dir(args)  # here: the commands above read no routine (and need not import platformdirs)
    if args.command == "routines":
        if args.routines_command == "show":
            return commands.routines_show(args.routine, cfg)
        if args.routines_command == "check":
            return commands.routines_check(args.files, cfg)
        return commands.routines_list(cfg)

    routine = None
    if args.command == "start":
        from runtrainer.core import catalog  # here: the commands that print history need no routine
        from runtrainer.core.routine import RoutineError

        try:
            routine = catalog.find(args.routine, cfg)
        except catalog.UnknownRoutine as exc:
            raise UsageError(str(exc)) from None
        except RoutineError as exc:
            for problem in exc.problems:
                say(str(problem))
            return EXIT_USAGE

    no_terminal = terminal_problem()
    if no_terminal:
        raise UsageError(no_terminal)
    data = data_dir(args)
    check_data_dir(data)
    import gc

    # Importing Textual and the screens and drawing the first frame make ~40,000 objects and next to no garbage, yet
    # the collector would walk them ~100 times (~10-15 ms of start-up): it is off until the first frame is out
    # (the app turns it back on then, freezing what start-up made; or here, if the app never got that far).
    gc.disable()
    try:
        app = _tui_app(args, cfg, data, routine, preference, counting)
        app.run()
    finally:
        gc.enable()
    if app.return_code:
        return app.return_code
    return 0


def _tui_app(args: argparse.Namespace, cfg: Path, data: Path, routine: Routine | None,
             preference: str | None, counting: bool) -> RuntrainerApp:
    from runtrainer.audio import CuePlayer, choose_backend
    from runtrainer.audio_wait import WaitingBackend
    from runtrainer.inhibit import SleepInhibitor
    from runtrainer.tui.app import make_app
    from runtrainer.voice import Voice

    # The sound backend is chosen after the first frame, on a thread (simpleaudio is probed in a child process,
    # whose ALSA messages never reach the terminal; a native crash there only passes it over): start-up does not
    # wait for it. Cues asked for meanwhile wait for it (WaitingBackend). The choice is said on screen only when
    # it is not what the runner would expect: a backend was passed over (`runtrainer sound-check` tells all).
    audio = CuePlayer(WaitingBackend(), muted=args.mute, voice=Voice.find())
    return make_app(config_dir=cfg, data_dir=data, start=routine, start_id=args.routine
                    if args.command == "start" else "", audio=audio, inhibitor=SleepInhibitor(not args.no_inhibit),
                    sleep_gap=SLEEP_GAP_SECONDS, after_rest=after_rest(args), count_aloud=counting,
                    choose_sound=lambda: choose_backend(preference))
