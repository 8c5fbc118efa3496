"""Bring a history in: Strong's CSV (both layouts), Hevy's CSV, or our own JSON. Never imports textual.

Reading a file either gives every session in it or refuses the whole file with one line per problem (file,
line, column, what); nothing is half imported. The sessions are then merged into the store in one locked, atomic
write (``Store.save_many``), skipping those already there, so an import can be run again safely.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from runtrainer.importers import hevy, ours, strong
from runtrainer.importers.common import MAX_BYTES, Progress, Refused, read_text, to_session
from runtrainer.store import Session

FORMATS = ("auto", "strong-csv", "hevy-csv", "json")
NAMES = {"strong-csv": "Strong CSV", "hevy-csv": "Hevy CSV", "json": "runtrainer JSON"}

__all__ = ["FORMATS", "MAX_BYTES", "NAMES", "Imported", "Refused", "detect", "parse", "read"]


@dataclass
class Imported:
    format: str
    sessions: list[Session]


def detect(text: str, name: str) -> str:
    """Which export this is, from its first line."""
    if ours.looks_like(text):
        return "json"
    header = text.lstrip().split("\n", 1)[0]
    if hevy.looks_like(header):
        return "hevy-csv"
    if strong.looks_like(header):
        return "strong-csv"
    raise Refused([f"{name}: is not a Strong, Hevy or runtrainer export (its first line is {header[:60]!r}); "
                   "pass --format if it is one"])


def read(path: Path, fmt: str = "auto", unit: str | None = None, kind_map: dict[str, str] | None = None,
         max_bytes: int = MAX_BYTES, progress: Progress | None = None) -> Imported:
    """Every session in the file at ``path`` (raises Refused). ``unit``: convert every weight to it (and the
    unit of a Strong file whose header does not say). ``kind_map``: workout name -> kind (default gym)."""
    return parse(read_text(path, max_bytes), str(path), fmt, unit, kind_map, progress)


def parse(text: str, name: str, fmt: str = "auto", unit: str | None = None, kind_map: dict[str, str] | None = None,
          progress: Progress | None = None) -> Imported:
    """Every session in ``text`` (read from the file ``name``); raises Refused."""
    if fmt == "auto":
        fmt = detect(text, name)
    if fmt == "json":
        if unit is not None:
            raise Refused([f"{name}: --unit does not apply to runtrainer JSON (each set keeps the unit it was "
                           "recorded in)"])
        if kind_map:
            raise Refused([f"{name}: --kind-map does not apply to runtrainer JSON (each session keeps its kind)"])
        return Imported(fmt, ours.parse(text, name, progress))
    if fmt == "strong-csv":
        workouts, source = strong.parse(text, name, unit, progress), "strong"
    elif fmt == "hevy-csv":
        workouts, source = hevy.parse(text, name, progress), "hevy"
    else:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    kinds = kind_map or {}
    names = {w.name for w in workouts}
    unknown = [n for n in kinds if n not in names]
    if unknown:  # a typo would otherwise import that workout as gym, for good (importing again adds nothing)
        some = ", ".join(f'"{n[:40]}"' for n in sorted(names)[:5]) + (", …" if len(names) > 5 else "")
        raise Refused([f'{name}: --kind-map names "{n[:60]}", but no workout in the file is called that (its '
                       f"workouts: {some or 'none'})" for n in unknown])
    return Imported(fmt, [to_session(source, w, kinds, unit) for w in workouts])
