"""The commands that print: routines, history, export, sound-check. Never imports textual.

Everything they print that came from a file (a routine's name, a history entry, a file name) goes through
``safe``: a control character in it is shown, never sent to the terminal; and Rich tables take it as plain text,
never as markup.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runtrainer.cli import EXIT_USAGE, UsageError, say
from runtrainer.text import plural, safe

if TYPE_CHECKING:
    from runtrainer.store import Session, Store, Summary


def sound_check(preference: str | None, count_aloud: bool = False) -> int:
    import time
    import wave

    from runtrainer.audio import DESCRIPTIONS, SPEECH_NAMES, TONE_NAMES, CuePlayer, choose_backend, sounds_dir
    from runtrainer.spoken_count import COUNT_NAMES, COUNT_WORDS

    choice = choose_backend(preference, terminal=sys.stdout.isatty())
    silent = choice.backend.name == "off"
    print(f"Sound backend: {choice.backend.name} ({choice.why})")
    for line in choice.passed_over:
        print(f"  passed over {line}")
    from runtrainer.voice import Voice

    print(safe(f"Spoken names: {Voice.find().describe()}"))
    folder = sounds_dir()
    missing = [name for name in COUNT_NAMES if not (folder / f"{name}.wav").is_file()]
    print(f"Counting aloud: {'on' if count_aloud else 'off (--count-aloud or RUNTRAINER_COUNT_ALOUD=1 turns it on)'}"
          f"; reps 1-{COUNT_WORDS} and a hold's 3-2-1 as words, the tick past {COUNT_WORDS}"
          + (f"; missing: {', '.join(f'{n}.wav' for n in missing)}" if missing else ""))
    player = CuePlayer(choice.backend, why=choice.why)
    for name in (*TONE_NAMES, *SPEECH_NAMES, COUNT_NAMES[6]):  # one number word ("seven") stands for the count
        path = folder / f"{name}.wav"
        with wave.open(str(path)) as w:
            seconds = w.getnframes() / w.getframerate()
        label = DESCRIPTIONS.get(name) or (f"spoken count: rep {name[4:]} (--count-aloud)" if name in COUNT_NAMES
                                           else f'spoken: "{name[4:].replace("_", " ")}"')
        print(f"  {name:30} {seconds:4.2f} s  {label}", flush=True)
        if not silent:
            player.play_sound(name)
            player.drain()
            time.sleep(seconds + 0.25)
    if silent:
        print("Done. Sound is off, so nothing was played; --audio simpleaudio, system or bell picks a backend.")
    else:
        print("Done. If you heard nothing, check the volume, or pick another backend with --audio.")
    return 1 if missing else 0


def routines_list(cfg: Path) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from runtrainer.core import catalog
    from runtrainer.core.plan import estimate_seconds

    table = Table("id", "name", "kind", "exercises", "time", "from", box=None, header_style="bold")
    for entry in catalog.entries(cfg):
        origin = "yours (replaces the built-in)" if entry.replaces_builtin else entry.origin
        if entry.routine is None:
            broken = f"broken: {plural(len(entry.problems), 'problem')}"
            table.add_row(Text(safe(entry.id)), broken, "", "", "", origin)
            continue
        low, high = estimate_seconds(entry.routine)
        span = f"~{round(high / 60)} min" if round(low / 60) == round(high / 60) else \
            f"{round(low / 60)}-{round(high / 60)} min"
        table.add_row(Text(safe(entry.id)), Text(safe(entry.routine.name)), Text(safe(entry.routine.kind)),
                      str(len(entry.routine.exercises)), span, origin)
    Console(highlight=False).print(table, markup=False)
    return 0


def routines_show(name: str, cfg: Path) -> int:
    from runtrainer.core import catalog
    from runtrainer.core.routine import RoutineError, to_toml

    try:
        routine = catalog.find(name, cfg)
    except catalog.UnknownRoutine as exc:
        raise UsageError(str(exc)) from None
    except RoutineError as exc:
        if name not in catalog.BUILTIN_IDS:
            for problem in exc.problems:
                say(str(problem))
            return EXIT_USAGE
        # `routines show gym > routines/gym.toml`: the shell has made the file empty before this reads it.
        try:
            routine = catalog.builtin(name)
        except RoutineError as broken:  # the installed built-in itself (its problems, not a traceback)
            for problem in broken.problems:
                say(str(problem))
            return EXIT_USAGE
        say(f"your routines/{name}.toml cannot be used ({exc.problems[0]}); here is the built-in {name}")
    # A loadable file has no control character in its strings, but TOML lets a comment hold a C1 control.
    sys.stdout.write(safe(routine.source or to_toml(routine), newlines=True))
    return 0


def _check_targets(names: list[str], cfg: Path) -> list[Path]:
    """Paths as given; a bare id of a file in the runner's routines/ folder; with none, that whole folder."""
    from runtrainer.core import catalog

    if not names:
        found = catalog.user_files(cfg)
        if not found:
            raise UsageError(f"no routine files in {cfg / 'routines'}; give a FILE to check")
        return found
    targets = []
    for name in names:
        mine = cfg / "routines" / f"{name}.toml"
        plain = "/" not in name and not name.endswith(".toml")
        targets.append(mine if plain and not Path(name).exists() and mine.is_file() else Path(name))
    return targets


def routines_check(names: list[str], cfg: Path) -> int:
    from runtrainer.core.routine import RoutineError, load_routine

    bad = 0
    for path in _check_targets(names, cfg):
        try:
            routine = load_routine(path)
        except RoutineError as exc:
            bad += 1
            for problem in exc.problems:  # in line order: the loader sorts them
                print(problem)
        else:
            print(safe(f"{path}: ok ({routine.name}, {plural(len(routine.exercises), 'exercise')})"))
    return EXIT_USAGE if bad else 0


def load_history(folder: Path) -> Store:
    """The history, for reading. A file that cannot be read, or that a newer runtrainer wrote, is an error
    (exit 2); a write-protected one is read, with a notice."""
    from runtrainer.store import Store

    store = Store(folder)
    store.load()
    return told(store)


def told(store: Store) -> Store:
    if store.read_only_reason and not store.write_protected:
        raise UsageError(store.notices[0].message if store.notices else f"cannot read {store.path}")
    for notice in store.notices:
        say(notice.message)
    store.notices.clear()
    return store


LATEST = 20
"""Rows `runtrainer history` shows in a terminal (a screenful); --all, or a pipe, gets every session."""
KIND_WIDTH = 8
"""The Kind column's width at most in a terminal: "post-run" whole; a longer kind (one's own, from an import) folds."""


def history(folder: Path, every: bool = False) -> int:
    from runtrainer.core.plan import format_clock
    from runtrainer.history import describe_status
    from runtrainer.store import Store, rewrite

    store = Store(folder)
    sessions = store.summaries()  # from index.json when it matches history.json: no session is parsed
    told(store)
    kept = rewrite.reminder(store.path)  # damaged lines an earlier write kept aside: where, how to bring them back
    if kept:
        say(kept)
    if not sys.stdout.isatty():
        out = ["date\troutine\tkind\tduration\tsets\tstatus\n"]
        for s in sessions:
            out.append(safe(f"{s.started}") + "\t" + safe(s.routine) + "\t" + safe(s.kind) + "\t"
                       f"{format_clock(s.active_seconds)}\t{s.sets_done}/{s.planned_sets}\t"
                       f"{safe(describe_status(s))}\n")
            if len(out) >= 1000:
                sys.stdout.write("".join(out))
                out.clear()
        sys.stdout.write("".join(out))
        return 0
    if not sessions:
        print(safe(f"No sessions yet in {folder}."))
        return 0
    from rich import box
    from rich.console import Console
    from rich.table import Table

    shown = sessions if every else sessions[:LATEST]
    # Fits 80 columns with every column whole and a session on one line (the built-in names are 25 characters): a
    # rule under the header instead of a frame, one space between columns, "Time" over the m:ss (the header was the
    # column's widest cell), the routine's name the cell that wraps (folded, never cut); the kind folds past KIND_WIDTH.
    table = Table(header_style="bold", box=box.SIMPLE_HEAD, show_edge=False, padding=0)
    table.add_column("Date", no_wrap=True)
    table.add_column("Routine", overflow="fold")
    table.add_column("Kind", overflow="fold", max_width=KIND_WIDTH)
    for name in ("Time", "Sets", "Status"):
        table.add_column(name, no_wrap=True)
    for s in shown:
        table.add_row(safe(s.started[:16].replace("T", " ")), safe(s.routine), safe(s.kind),
                      format_clock(s.active_seconds), f"{s.sets_done}/{s.planned_sets}", safe(describe_status(s)))
    console = Console(highlight=False)
    console.print(table, markup=False)
    if len(shown) < len(sessions):
        console.print(f"The latest {len(shown)} of {len(sessions):,} sessions; `runtrainer history --all` lists every "
                      "one.", markup=False)
    return 0


def readable_sessions(store: Store) -> list[Session]:
    """Every session whose sets can be read; one line on stderr for each that cannot (never left out silently)."""
    return list(each_readable(store))


def each_readable(store: Store, oldest_first: bool = False, set_times: bool = True,
                  quick: Callable[[str], Any] | None = None) -> Iterator[Session]:
    """``readable_sessions``, one at a time and none kept (an export of years holds one session at a time).
    ``set_times``: see ``Store.parse``. ``quick``: a session's stored text -> an object with every field of a
    ``Session`` to give instead (the JSON export's Structs), or None: then the session is parsed as ever."""
    summaries = store.sessions()
    texts = dict(store.raw_texts()) if quick is not None else {}
    for summary in sorted(summaries, key=lambda s: s.started) if oldest_first else summaries:
        if quick is not None:
            found = quick(texts.get(summary.id, ""))
            if found is not None:
                yield found
                continue
        try:
            yield store.parse(summary.id, set_times)
        except (ValueError, TypeError, KeyError) as exc:
            left_out(summary, exc)


def left_out(summary: Summary, exc: Exception) -> None:
    """One line on stderr for a session passed over because its sets cannot be read."""
    say(f"left out the session of {summary.started[:16]} ({summary.routine}): its sets cannot be read ({exc})")


def unit(value: str | None) -> str | None:
    from runtrainer.export import UNITS

    if value is None:
        return None
    unit = {"lbs": "lb", "kgs": "kg"}.get(value.strip().lower(), value.strip().lower())
    if unit not in UNITS:
        raise UsageError(f'--unit is "{value}"; expected kg or lb')
    return unit


def kind_map(pairs: list[str]) -> dict[str, str]:
    from runtrainer.core.routine_model import KINDS

    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, kind = pair.rpartition("=")
        if not sep or not name.strip() or not kind.strip():
            raise UsageError(f'--kind-map is "{pair}"; expected NAME=KIND, e.g. "Leg day=gym"')
        if kind.strip() not in KINDS:  # the weekly goals count these two; any other would count for nothing
            raise UsageError(f'--kind-map is "{pair}"; its kind is "{kind.strip()}", expected gym or post-run')
        out[name.strip()] = kind.strip()
    return out


@contextlib.contextmanager
def collector_off() -> Iterator[None]:
    """For a command that reads the history, prints and ends: its objects (a session's figures, the store's
    100,000 summaries at 100k) are next to no garbage and make no cycles, and the collector's passes over them were
    ~5% of `stats` and 0.1-0.2 s of an export at 100k. What it made is frozen, not walked once more at exit."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def export_history(folder: Path, fmt: str, output: str | None, to_unit: str | None = None) -> int:
    from runtrainer.export import FORMATS, write

    if fmt not in FORMATS:
        raise UsageError(f'--format is "{fmt}"; expected one of {", ".join(FORMATS)}')
    if output is not None and not output.strip():
        raise UsageError('--output is empty; expected a file name (or "-" for the screen)')
    store = load_history(folder)
    if fmt == "json":
        from runtrainer.store.decode import for_export

        sessions = each_readable(store, oldest_first=True, quick=for_export)
    else:  # the CSVs have no set times
        sessions = each_readable(store, oldest_first=True, set_times=False)
    if output is None or output == "-":
        write(sessions, fmt, sys.stdout, to_unit, ordered=True)
        return 0
    path = Path(output)
    try:  # a new file only, readable by its owner only: never over an existing file, never through a link
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            n = write(sessions, fmt, f, to_unit, ordered=True)
    except FileExistsError:
        raise UsageError(f"{path} already exists; choose another name (nothing was overwritten)") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a directory; expected a file name") from None
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    print(safe(f"Wrote {plural(n, 'session')} to {path}"), file=sys.stderr)
    return 0
