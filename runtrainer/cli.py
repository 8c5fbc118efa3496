"""The command line. Errors are one line each and exit 2; nothing here prints a traceback for bad input."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from runtrainer.store import Store

from runtrainer import get_version

EXIT_USAGE = 2
SLEEP_GAP_SECONDS = 10.0
"""The screen looks at the clock at least once a second; a jump longer than this means the laptop slept."""


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (try: {self.prog} --help)\n")


class _VersionAction(argparse.Action):
    """--version, with the package metadata read only when asked (importing importlib.metadata costs start-up
    ~12 ms)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str = "show the version and exit") -> None:  # noqa: A002
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> NoReturn:
        print(f"runtrainer {get_version()}")
        parser.exit(0)


def _dir_option(value: str | None, env: str, default: str) -> Path:
    if value is not None:
        if not value.strip():
            raise UsageError(f"{env.lower().replace('runtrainer_', '--').replace('_', '-')} is empty; expected a "
                             "directory path")
        return Path(value).expanduser()
    from_env = os.environ.get(env)
    if from_env is not None:
        if not from_env.strip():
            raise UsageError(f"{env} is set but empty; expected a directory path (or unset it)")
        return Path(from_env).expanduser()
    return Path(default)


def check_data_dir(path: Path) -> None:
    """A data dir that exists but is not a directory is a usage error; one that is missing is made later."""
    if path.exists() and not path.is_dir():
        raise UsageError(f"the data directory {path} is a file, not a directory (--data-dir / RUNTRAINER_DATA_DIR)")


def config_dir(args: argparse.Namespace) -> Path:
    import platformdirs

    return _dir_option(args.config_dir, "RUNTRAINER_CONFIG_DIR", platformdirs.user_config_dir("runtrainer"))


def data_dir(args: argparse.Namespace) -> Path:
    import platformdirs

    return _dir_option(args.data_dir, "RUNTRAINER_DATA_DIR", platformdirs.user_data_dir("runtrainer"))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="runtrainer",
        description="A terminal workout timer for runners who strength-train. With no command, opens Home.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument("--config-dir", metavar="DIR", help="where your routines/ folder lives "
                        "(default: the user config dir; env RUNTRAINER_CONFIG_DIR)")
    parser.add_argument("--data-dir", metavar="DIR", help="where history is kept (env RUNTRAINER_DATA_DIR)")
    parser.add_argument("--mute", action="store_true", help="start with sound off (m toggles it)")
    parser.add_argument("--no-inhibit", action="store_true", help="do not keep the laptop awake during a workout")
    parser.add_argument("--after-rest", choices=("start", "wait"), help="after a rest, start the count-in by "
                        "itself (start) or wait for Enter (wait); default: the routine's after_rest "
                        "(env RUNTRAINER_AFTER_REST)")
    parser.add_argument("--audio", metavar="BACKEND", help="simpleaudio, system, bell or off (env RUNTRAINER_AUDIO;"
                        " default: the first that works, in that order)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    start = sub.add_parser("start", help="start a workout at once", description="Start a workout at once.")
    start.add_argument("routine", metavar="NAME|FILE.toml", help='a routine id ("gym", "post-run"), its full '
                       "name, or a path to a routine file")
    routines = sub.add_parser("routines", help="list routines, show one as TOML, check files",
                              description="List routines (with no subcommand), show one, or check files.")
    rsub = routines.add_subparsers(dest="routines_command", metavar="SUBCOMMAND", parser_class=_Parser)
    show = rsub.add_parser("show", help="print a routine as TOML (a starting point for your own)")
    show.add_argument("routine", metavar="NAME")
    check = rsub.add_parser("check", help="validate routine files: one line per problem, exit 2 if any")
    check.add_argument("files", metavar="FILE", nargs="+")
    sub.add_parser("history", help="list past sessions (a table; plain text when not a terminal)",
                   description="List past sessions, newest first.")
    exp = sub.add_parser("export", help="export the history as JSON or CSV for Strong or Hevy",
                         description="Export the history: json, strong-csv (Strong's columns), hevy-csv (Hevy's).")
    exp.add_argument("--format", required=True, metavar="FORMAT", help="json, strong-csv or hevy-csv")
    exp.add_argument("--unit", metavar="UNIT", help="kg or lb: every weight converted to it (CSV default kg; "
                     "JSON default: each set as recorded)")
    exp.add_argument("-o", "--output", metavar="FILE", help="write here instead of to the screen (never over "
                     "an existing file)")
    imp = sub.add_parser("import", help="bring in a history from Strong, Hevy or a runtrainer JSON export",
                         description="Import sessions from a Strong CSV, a Hevy CSV or a runtrainer JSON export. "
                         "All or nothing; sessions already there are left as they are.")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--format", default="auto", metavar="FORMAT", help="auto (default), strong-csv, hevy-csv "
                     "or json")
    imp.add_argument("--unit", metavar="UNIT", help="kg or lb: the unit of a Strong file that does not say, and "
                     "the unit every imported weight is converted to")
    imp.add_argument("--dry-run", action="store_true", help="show what would be added; change nothing")
    imp.add_argument("--kind-map", metavar="NAME=KIND", action="append", default=[],
                     help='the kind of sessions of a workout name, e.g. "Leg day=gym" (repeatable; default gym)')
    sub.add_parser("sound-check", help="play every cue with its name, and say which sound backend is used and why",
                   description="Play every cue with its name; print the backend chosen and why others were not.")
    return parser


def after_rest(args: argparse.Namespace) -> str | None:
    """The runner's own choice (flag, then environment) over the routine's; None leaves it to the routine."""
    if args.after_rest:
        return str(args.after_rest)
    value = os.environ.get("RUNTRAINER_AFTER_REST", "").strip().lower()
    if value and value not in ("start", "wait"):
        raise UsageError(f'RUNTRAINER_AFTER_REST is "{value}"; expected start or wait')
    return value or None


def audio_preference(args: argparse.Namespace) -> str | None:
    from runtrainer.audio import BACKEND_NAMES

    value: str
    if args.audio is not None:
        value, source = str(args.audio), "--audio"
    elif "RUNTRAINER_AUDIO" in os.environ:
        value, source = os.environ["RUNTRAINER_AUDIO"], "RUNTRAINER_AUDIO"
    else:
        return None
    if value.strip().lower() not in (*BACKEND_NAMES, "auto"):
        raise UsageError(f'{source} is "{value}"; expected one of {", ".join(BACKEND_NAMES)} (or auto)')
    return value.strip().lower()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except UsageError as exc:
        print(f"runtrainer: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace) -> int:
    from runtrainer.core import catalog
    from runtrainer.core.routine import RoutineError

    cfg = config_dir(args)
    preference = audio_preference(args)
    if args.command == "sound-check":
        return _sound_check(preference)
    if args.command == "history":
        check_data_dir(data_dir(args))
        return _history(data_dir(args))
    if args.command == "export":
        check_data_dir(data_dir(args))
        return _export(data_dir(args), args.format, args.output, args.unit)
    if args.command == "import":
        check_data_dir(data_dir(args))
        from runtrainer.importers.command import run_import

        return run_import(_load_history(data_dir(args)), args.file, args.format, _unit(args.unit), args.dry_run,
                          _kind_map(args.kind_map))
    if args.command == "routines":
        if args.routines_command == "show":
            return _routines_show(args.routine, cfg)
        if args.routines_command == "check":
            return _routines_check(args.files)
        return _routines_list(cfg)

    routine = None
    if args.command == "start":
        try:
            routine = catalog.find(args.routine, cfg)
        except catalog.UnknownRoutine as exc:
            raise UsageError(str(exc)) from None
        except RoutineError as exc:
            for problem in exc.problems:
                print(f"runtrainer: {problem}", file=sys.stderr)
            return EXIT_USAGE

    data = data_dir(args)
    check_data_dir(data)
    from runtrainer.audio import CuePlayer, choose_backend, start_probe

    # simpleaudio is probed in a child process (a native crash there only passes it over), started here to run
    # beside the UI's imports (a thread measured slower: the two only traded the GIL); the choice is read before
    # the TUI owns the terminal, so a failing probe cannot write over the screen.
    probe = start_probe(preference)
    from runtrainer.inhibit import SleepInhibitor
    from runtrainer.tui.app import make_app

    choice = choose_backend(preference, probe=probe)

    # Said on screen only when it is not what the runner would expect: a backend was passed over. Sound working,
    # or turned off on purpose, needs no notice (`runtrainer sound-check` tells the whole story).
    audio = CuePlayer(choice.backend, muted=args.mute, why=choice.explain())
    app = make_app(config_dir=cfg, data_dir=data, start=routine, start_id=args.routine
                   if args.command == "start" else "", audio=audio, inhibitor=SleepInhibitor(not args.no_inhibit),
                   sleep_gap=SLEEP_GAP_SECONDS, after_rest=after_rest(args))
    app.run()
    if app.return_code:
        return app.return_code
    return 0



def _sound_check(preference: str | None) -> int:
    import time
    import wave

    from runtrainer.audio import DESCRIPTIONS, SOUND_NAMES, CuePlayer, choose_backend, sounds_dir

    choice = choose_backend(preference, terminal=sys.stdout.isatty())
    print(f"Sound backend: {choice.backend.name} ({choice.why})")
    for line in choice.passed_over:
        print(f"  passed over {line}")
    player = CuePlayer(choice.backend, why=choice.why)
    folder = sounds_dir()
    for name in SOUND_NAMES:
        path = folder / f"{name}.wav"
        with wave.open(str(path)) as w:
            seconds = w.getnframes() / w.getframerate()
        label = DESCRIPTIONS.get(name) or f'spoken: "{name[4:].replace("_", " ")}"'
        print(f"  {name:30} {seconds:4.2f} s  {label}", flush=True)
        if choice.backend.name != "off":
            player.play_sound(name)
            player.drain()
            time.sleep(seconds + 0.25)
    print("Done. If you heard nothing, check the volume, or pick another backend with --audio.")
    return 0


def _routines_list(cfg: Path) -> int:
    from rich.console import Console
    from rich.table import Table

    from runtrainer.core import catalog
    from runtrainer.core.plan import estimate_seconds

    table = Table("id", "name", "kind", "exercises", "time", "from", box=None, header_style="bold")
    for entry in catalog.entries(cfg):
        if entry.routine is None:
            table.add_row(entry.id, f"broken: {len(entry.problems)} problem(s)", "", "", "", "yours")
            continue
        low, high = estimate_seconds(entry.routine)
        span = f"~{round(high / 60)} min" if round(low / 60) == round(high / 60) else \
            f"{round(low / 60)}-{round(high / 60)} min"
        table.add_row(entry.id, entry.routine.name, entry.routine.kind, str(len(entry.routine.exercises)), span,
                      entry.origin, )
    Console(highlight=False).print(table)
    return 0


def _routines_show(name: str, cfg: Path) -> int:
    from runtrainer.core import catalog
    from runtrainer.core.routine import RoutineError, to_toml

    try:
        routine = catalog.find(name, cfg)
    except catalog.UnknownRoutine as exc:
        raise UsageError(str(exc)) from None
    except RoutineError as exc:
        for problem in exc.problems:
            print(f"runtrainer: {problem}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(routine.source or to_toml(routine))
    return 0


def _routines_check(files: list[str]) -> int:
    from runtrainer.core.routine import RoutineError, load_routine

    bad = 0
    for name in files:
        try:
            routine = load_routine(Path(name))
        except RoutineError as exc:
            bad += 1
            for problem in exc.problems:
                print(problem)
        else:
            print(f"{name}: ok ({routine.name}, {len(routine.exercises)} exercises)")
    return EXIT_USAGE if bad else 0


def _load_history(folder: Path) -> Store:
    from runtrainer.store import Store

    store = Store(folder)
    store.load()
    if store.read_only_reason and "newer" not in store.read_only_reason:
        raise UsageError(store.notices[0].message if store.notices else f"cannot read {store.path}")
    for notice in store.notices:
        print(f"runtrainer: {notice.message}", file=sys.stderr)
    return store


def _history(folder: Path) -> int:
    from rich.console import Console
    from rich.table import Table

    from runtrainer.core.plan import format_clock
    from runtrainer.history import describe_status
    sessions = _load_history(folder).sessions()
    if not sys.stdout.isatty():
        print("date\troutine\tkind\tduration\tsets\tstatus")
        for s in sessions:
            print(f"{s.started}\t{s.routine}\t{s.kind}\t{format_clock(s.active_seconds)}\t"
                  f"{s.sets_done}/{s.planned_sets}\t{describe_status(s)}")
        return 0
    if not sessions:
        print(f"No sessions yet in {folder}.")
        return 0
    table = Table("Date", "Routine", "Duration", "Sets", "Status", header_style="bold")
    for s in sessions:
        table.add_row(s.started[:16].replace("T", " "), s.routine, format_clock(s.active_seconds),
                      f"{s.sets_done}/{s.planned_sets}", describe_status(s))
    Console(highlight=False).print(table, markup=False)
    return 0


def _unit(value: str | None) -> str | None:
    from runtrainer.export import UNITS

    if value is None:
        return None
    unit = {"lbs": "lb", "kgs": "kg"}.get(value.strip().lower(), value.strip().lower())
    if unit not in UNITS:
        raise UsageError(f'--unit is "{value}"; expected kg or lb')
    return unit


def _kind_map(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, kind = pair.rpartition("=")
        if not sep or not name.strip() or not kind.strip():
            raise UsageError(f'--kind-map is "{pair}"; expected NAME=KIND, e.g. "Leg day=gym"')
        out[name.strip()] = kind.strip()
    return out


def _export(folder: Path, fmt: str, output: str | None, unit: str | None = None) -> int:
    from runtrainer.export import FORMATS, write

    if fmt not in FORMATS:
        raise UsageError(f'--format is "{fmt}"; expected one of {", ".join(FORMATS)}')
    unit = _unit(unit)
    sessions = _load_history(folder).all_sessions()
    if output is None or output == "-":
        write(sessions, fmt, sys.stdout, unit)
        return 0
    path = Path(output)
    try:
        with open(path, "x", encoding="utf-8", newline="") as f:
            count = write(sessions, fmt, f, unit)
    except FileExistsError:
        raise UsageError(f"{path} already exists; choose another name (nothing was overwritten)") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a directory; expected a file name") from None
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    print(f"Wrote {count} session(s) to {path}", file=sys.stderr)
    return 0
