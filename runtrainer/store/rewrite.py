"""What a write of history.json does besides writing the sessions: an older schema is migrated once (the old file
kept), and lines that could not be read are kept in a file of their own, never dropped silently. Never imports
textual."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from runtrainer.store import history_file
from runtrainer.store.files import atomic_write
from runtrainer.store.model import Session
from runtrainer.text import plural

MAX_TOLD = 10
"""Damaged lines named one by one; more are counted in one more line."""


def free_name(folder: Path, name: str, sep: str = ".") -> Path:
    """``folder/name``, or ``name.1``, ``name.2``, ... (with ``sep``): never a file already there."""
    path, n = folder / name, 0
    while os.path.lexists(path):
        n += 1
        path = folder / f"{name}{sep}{n}"
    return path


def migrate(path: Path, version: int, raws: dict[str, str]) -> None:
    """Schema 1 or 2 -> 3, once: the old file is kept beside the new one (``history.json.schema2``; a backup
    already there is never overwritten: ``.schema2.1``, ...); a session whose sets cannot be read keeps its
    text as it was (it still shows in the list, and opening it says what is wrong). ``raws`` is changed in place."""
    shutil.copy2(path, free_name(path.parent, f"{path.name}.schema{version}"))
    for sid, raw in list(raws.items()):
        try:
            raws[sid] = history_file.dumps(Session.from_json(history_file.loads(raw)).to_json())
        except (ValueError, TypeError):
            continue


def told(path: Path, bad: Sequence[history_file.Bad]) -> list[str]:
    """One line per damaged line (the first ``MAX_TOLD``; the rest counted)."""
    lines = [b.describe(path) for b in bad[:MAX_TOLD]]
    if len(bad) > MAX_TOLD:
        lines.append(f"{path}: {len(bad) - MAX_TOLD} more lines are left out the same way")
    return lines


def keep_damaged(path: Path, header: str, bad: Sequence[history_file.Bad]) -> str | None:
    """Before history.json is written without them: its damaged lines, verbatim (trailing comma and all), in a
    file of their own beside it (``history.json.damaged-<time>``, between the history's header and footer:
    mended, it can be brought back with ``runtrainer import``). Returns what to tell the runner (None: nothing
    to keep)."""
    kept = [b for b in bad if b.text is not None]
    if not kept:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = free_name(path.parent, f"{path.name}.damaged-{stamp}", "-")
    atomic_write(target, "\n".join([header, *(b.text for b in kept if b.text is not None), history_file.FOOTER, ""]))
    where = ", ".join(str(b.line) for b in kept[:MAX_TOLD]) + (", ..." if len(kept) > MAX_TOLD else "")
    one = len(kept) == 1
    return (f"{plural(len(kept), 'damaged line')} of {path} (line{'' if one else 's'} {where}) "
            f"{'was' if one else 'were'} left out of it and kept as {target}: mend {'it' if one else 'them'} "
            f"there and `runtrainer import` that file to bring {'it' if one else 'them'} back.")
