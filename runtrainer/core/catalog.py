"""Where routines come from: the built-ins shipped in the package, and the runner's own folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from runtrainer.core.routine import Problem, Routine, RoutineError, load_routine, parse_routine

BUILTIN_IDS = ("gym", "post-run")


@dataclass(frozen=True)
class Entry:
    """One routine on the list: loaded, or broken with the reasons."""

    id: str
    """What `runtrainer start ID` takes: the file name without .toml."""
    origin: str
    """"built-in" or "yours"."""
    routine: Routine | None
    problems: tuple[Problem, ...] = ()


BUILTIN_DIR = Path(__file__).resolve().parent.parent / "routines"
"""Shipped inside the package as plain files (a wheel is always unpacked; importlib.resources would cost start-up
2 ms of imports for nothing)."""


def builtin(routine_id: str) -> Routine:
    text = (BUILTIN_DIR / f"{routine_id}.toml").read_text("utf-8")
    return parse_routine(text, f"{routine_id}.toml (built-in)")


def entries(config_dir: Path | None = None) -> list[Entry]:
    """Built-ins first, then the runner's files in ``config_dir/routines`` (broken ones listed too)."""
    found = [Entry(rid, "built-in", builtin(rid)) for rid in BUILTIN_IDS]
    folder = config_dir / "routines" if config_dir else None
    if folder and folder.is_dir():
        for path in sorted(folder.glob("*.toml")):
            try:
                found.append(Entry(path.stem, "yours", load_routine(path)))
            except RoutineError as exc:
                found.append(Entry(path.stem, "yours", None, tuple(exc.problems)))
    return found


class UnknownRoutine(LookupError):
    pass


def find(name: str, config_dir: Path | None = None) -> Routine:
    """A routine by id ("gym"), by its full name, or a path to a .toml file.

    Raises RoutineError for a file with problems and UnknownRoutine when nothing matches.
    """
    if name.endswith(".toml") or "/" in name or Path(name).is_file():
        return load_routine(Path(name))
    wanted = name.casefold()
    all_entries = entries(config_dir)
    for entry in all_entries:
        if entry.id.casefold() == wanted or (entry.routine and entry.routine.name.casefold() == wanted):
            if entry.routine is None:
                raise RoutineError(list(entry.problems))
            return entry.routine
    if Path(name).exists():  # not a routine's name, but something on disk (a directory, say): say what it is
        return load_routine(Path(name))
    known = ", ".join(e.id for e in all_entries)
    raise UnknownRoutine(f'no routine called "{name}"; known: {known} (or give a path to a .toml file)')
