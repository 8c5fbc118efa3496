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


def unreadable(path: Path, what: str) -> str:
    """What a read says of a history that cannot be read at all (it leaves the file as it is)."""
    return (f"{path} could not be read: {what}. It is left as it is (no session is shown from it); the next save "
            f"keeps it whole as {path.name}.corrupt-<time> beside it and starts a new history.")


def keep_whole(path: Path, what: str) -> str:
    """Before a new history.json is written where one that could not be read is: that one kept whole beside it,
    byte for byte (``history.json.corrupt-<time>``; a directory is moved there: the name is needed). Returns what
    to tell the runner."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = free_name(path.parent, f"{path.name}.corrupt-{stamp}", "-")
    if path.is_dir() and not path.is_symlink():
        os.rename(path, target)
    else:
        shutil.copy2(path, target)
    return f"{path} could not be read ({what}): it was kept whole as {target}, and a new history started."


def told(path: Path, bad: Sequence[history_file.Bad]) -> list[str]:
    """One line per damaged line (the first ``MAX_TOLD``; the rest counted)."""
    lines = [b.describe(path) for b in bad[:MAX_TOLD]]
    if len(bad) > MAX_TOLD:
        lines.append(f"{path}: {len(bad) - MAX_TOLD} more lines are left out the same way")
    return lines


def keep_damaged(path: Path, header: str, bad: Sequence[history_file.Bad]) -> str | None:
    """Before history.json is written without them: its damaged lines, verbatim (trailing comma and all), in a
    file of their own beside it (``history.json.damaged-<time>``): the history's header, the session lines, the
    closing line, then any other line dropped (a damaged header or closing line, what was after it). Mended, the
    session lines can be brought back with ``runtrainer import`` (it reads that file line by line, as history.json
    is read, and passes over what follows the closing line). Returns what to tell the runner (None: nothing to
    keep)."""
    sessions = [b for b in bad if b.text is not None and b.session]
    others = [b for b in bad if b.text is not None and not b.session]
    if not sessions and not others:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = free_name(path.parent, f"{path.name}.damaged-{stamp}", "-")
    atomic_write(target, "\n".join([header, *(b.text or "" for b in sessions), history_file.FOOTER,
                                    *(b.text or "" for b in others), ""]))
    return _kept_message(path, target, sessions, others)


def kept_files(path: Path) -> list[Path]:
    """The files of damaged lines earlier writes kept beside ``path`` (``keep_damaged``), oldest first."""
    try:
        with os.scandir(path.parent) as entries:
            return sorted(Path(e.path) for e in entries if e.name.startswith(f"{path.name}.damaged-") and e.is_file())
    except OSError:
        return []


def _holds_sessions(kept: Path) -> bool:
    """A kept file's second line is a session unless only the closing line follows its header (then it holds only
    what was around the sessions: a damaged first or closing line, what followed it). Unreadable: assumed to."""
    try:
        with kept.open(encoding="utf-8", errors="replace") as f:
            f.readline()
            return f.readline().rstrip("\r\n") != history_file.FOOTER
    except OSError:
        return True


def reminder(path: Path) -> str | None:
    """While damaged lines an earlier write kept aside are still beside ``path``: one line saying where, and how to
    bring them back (said at every start, on Home, and by `runtrainer history`). The runner deals with a file by
    importing it and deleting it (or only deleting it): once none is left, nothing is said."""
    kept = kept_files(path)
    lines = [k for k in kept if _holds_sessions(k)]
    rest = [k for k in kept if k not in lines]
    told = []
    if lines:
        one = len(lines) == 1
        told.append(f"Damaged lines of {path} are still kept in {', '.join(map(str, lines))}: mend them there and "
                    f"`runtrainer import` {'that file' if one else 'each file'} to bring them back, then delete "
                    f"{'it' if one else 'them'} (said at every start until {'it is' if one else 'they are'} gone).")
    if rest:
        one = len(rest) == 1
        told.append(f"{', '.join(map(str, rest))} still {'keeps' if one else 'keep'} what was dropped from {path} "
                    f"around its sessions (no session was lost): delete {'it' if one else 'them'} once looked at.")
    return " ".join(told) or None


def _kept_message(path: Path, target: Path, sessions: Sequence[history_file.Bad],
                  others: Sequence[history_file.Bad]) -> str:
    told = []
    if sessions:
        one = len(sessions) == 1
        told.append(f"{plural(len(sessions), 'damaged line')} of {path} ({_where(sessions)}) "
                    f"{'was' if one else 'were'} left out of it and kept as {target}: mend {'it' if one else 'them'} "
                    f"there and `runtrainer import` that file to bring {'it' if one else 'them'} back.")
        twins = [b for b in sessions if b.what.startswith("the same id as line")]
        if twins:
            told.append(f"{_where(twins).capitalize()} had the id of another session: if it is a different session, "
                        "give it a new id there (any text no other session has) before you import it, or import "
                        "keeps the other and counts it as already there.")
    if others:
        told.append(f"{path} ({_where(others)}): what was not part of the history (a damaged first or closing line, "
                    f"or what followed the closing line) was dropped from it and kept as {target}" +
                    (", after its closing line." if sessions else "; no session was lost."))
    return " ".join(told)


def _where(bad: Sequence[history_file.Bad]) -> str:
    where = ", ".join(str(b.line) for b in bad[:MAX_TOLD]) + (", ..." if len(bad) > MAX_TOLD else "")
    return f"line{'' if len(bad) == 1 else 's'} {where}"


def news_after_write(path: Path, shown: list[str], told: list[str]) -> list[str]:
    """The notices to show once a write of history.json told ``told``: when it kept damaged lines aside, the
    lines that said a session is left out (``path:LINE: ...``) are no longer true and go, from both, as does what a
    read said of a file it could not read once the write kept that whole; what is shown already is not said twice."""
    if any((" kept as " in message or " kept whole as " in message) and str(path) in message for message in told):
        stale = (f"{path}:", f"{path} could not be read: ")
        shown = [m for m in shown if not m.startswith(stale)]
        told = [m for m in told if not m.startswith(stale)]
    return [*shown, *(m for m in told if m not in shown)]
