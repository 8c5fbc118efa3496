"""Where routines come from: the built-ins shipped in the package, and the runner's own folder.

A file of the runner's with a built-in's id (``routines/gym.toml``, made with ``runtrainer routines show gym >
...``) replaces that built-in everywhere: on Home, in ``runtrainer routines``, ``start gym`` and ``routines show
gym``. Home and ``routines`` say so.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

from runtrainer.core.routine import Problem, Routine, RoutineError, load_routine, parse_routine

BUILTIN_IDS = ("gym", "post-run")


class Entry(NamedTuple):
    """One routine on the list: loaded, or broken with the reasons."""

    id: str
    """What `runtrainer start ID` takes: the file name without .toml."""
    origin: str
    """"built-in" or "yours"."""
    routine: Routine | None
    problems: tuple[Problem, ...] = ()
    replaces_builtin: bool = False
    """The runner's file has a built-in's id, and is used instead of it."""


BUILTIN_DIR = Path(__file__).resolve().parent.parent / "routines"
"""Shipped inside the package as plain files (a wheel is always unpacked; importlib.resources would cost start-up
2 ms of imports for nothing)."""


def builtin(routine_id: str) -> Routine:
    """The built-in routine; raises RoutineError (never a traceback) when its installed TOML cannot be used."""
    name = f"{routine_id}.toml (built-in)"
    try:
        text = (BUILTIN_DIR / f"{routine_id}.toml").read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise RoutineError([Problem(name, None, "", f"cannot read it: {why or exc}")]) from None
    parsed = shipped_parse(routine_id, text)
    if parsed is not None:
        try:
            return parse_routine(text, name, parsed=parsed)
        except RoutineError:
            pass  # the shipped parse was damaged since: it is ignored, and the TOML itself is parsed
    return parse_routine(text, name)


def shipped_parse(routine_id: str, text: str) -> dict[str, Any] | None:
    """The built-in's TOML as parsed when it was shipped (``routines/<id>.json``: its source and tomllib's
    result), if that source is this very text; else None, and the text is parsed. Home then needs no tomllib
    (~2.5 ms of start-up); the data is checked as any routine's is."""
    try:
        shipped = json.loads((BUILTIN_DIR / f"{routine_id}.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(shipped, dict) or shipped.get("source") != text or not isinstance(shipped.get("data"), dict):
        return None
    data: dict[str, Any] = shipped["data"]
    return data


def _builtin_entry(routine_id: str) -> Entry:
    try:
        return Entry(routine_id, "built-in", builtin(routine_id))
    except RoutineError as exc:  # an installation damaged by hand: listed as broken, with its reasons
        return Entry(routine_id, "built-in", None, tuple(exc.problems))


def user_files(config_dir: Path | None) -> list[Path]:
    """The runner's routine files, sorted (none when the folder is missing or cannot be read)."""
    if config_dir is None:
        return []
    try:
        return sorted((config_dir / "routines").glob("*.toml"))
    except OSError:
        return []


def entries(config_dir: Path | None = None) -> list[Entry]:
    """Built-ins first (each in its place even when the runner's file replaces it), then the runner's files in
    ``config_dir/routines`` (broken ones listed too)."""
    found = {rid: _builtin_entry(rid) for rid in BUILTIN_IDS}
    for path in user_files(config_dir):
        replaces = path.stem in found
        try:
            found[path.stem] = Entry(path.stem, "yours", load_routine(path), replaces_builtin=replaces)
        except RoutineError as exc:
            found[path.stem] = Entry(path.stem, "yours", None, tuple(exc.problems), replaces_builtin=replaces)
    return list(found.values())


class UnknownRoutine(LookupError):
    pass


def _on_disk(name: str) -> bool:
    try:
        return Path(name).exists()
    except (OSError, ValueError):  # a name too long for a path, a NUL in it: not a file
        return False


def find(name: str, config_dir: Path | None = None) -> Routine:
    """A routine by id ("gym"), by its full name, or a path to a .toml file.

    Raises RoutineError for a file with problems and UnknownRoutine when nothing matches.
    """
    if name.endswith(".toml") or "/" in name:
        return load_routine(Path(name))
    wanted = name.casefold()
    all_entries = entries(config_dir)
    exact = [e for e in all_entries if e.id == name]
    close = [e for e in all_entries if e.id.casefold() == wanted or (e.routine and e.routine.name.casefold() == wanted)]
    for entry in exact + close:
        if entry.routine is None:
            raise RoutineError(list(entry.problems))
        return entry.routine
    if _on_disk(name):  # not a routine's name, but something on disk (a file without .toml, a directory)
        return load_routine(Path(name))
    known = ", ".join(e.id for e in all_entries)
    raise UnknownRoutine(f'no routine called "{name}"; known: {known} (or give a path to a .toml file)')


def first_found(names: tuple[str, ...], config_dir: Path | None = None) -> Routine | None:
    """The routine of the first name that finds one (a session's routine id, then its name: what a resume
    looks for); None when none does, or its file is broken."""
    for name in names:
        if name:
            try:
                return find(name, config_dir)
            except Exception:  # noqa: BLE001 - unknown, or a broken file: cannot resume from it
                continue
    return None
