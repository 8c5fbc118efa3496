"""index.json: what start-up and the history list need, without reading history.json's sets. Never imports textual.

history.json stays the one source of truth. The index names the file it was made from (inode, size, mtime) and is
used only while history.json is exactly that file, one of ours, writable; otherwise (missing, damaged, stale,
another index version) it is ignored, and made again from history.json the next time that is read whole. It is
rewritten at every write of history.json. Its layout is plain JSON whose first line can be read alone:

    {"head": {"index_version": 1, "history": [inode, size, mtime_ns], "sessions": N,
              "last_done": {"<routine>": "YYYY-MM-DD"}, "counts": {"<routine>": n}},
    "summaries": [
    ["<id>", "<routine>", "<kind>", "<started>", "<status>", active_seconds, planned_sets, sets_done, "<routine_id>"],
    ...
    ]}

One summary per line, in history.json's order: session i of the index is line i of the history, and each history
line is checked to begin with its session's id before the index's summary stands in for parsing it.
"""

from __future__ import annotations

import contextlib
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from runtrainer.store.files import atomic_write
from runtrainer.store.history_file import VERSIONS, body, dumps, loads, plain_loads
from runtrainer.store.model import STATUSES, Summary

INDEX_FILE = "index.json"
INDEX_VERSION = 1
MAX_HEAD_CHARS = 1_000_000
"""The first line holds one entry per routine; anything longer is not ours."""

Signature = tuple[int, int, int]


@dataclass(frozen=True)
class Head:
    """What Home shows without reading history.json: how many sessions, and per routine its last day and count."""

    sessions: int
    last_done: dict[str, str]
    """Routine name -> the day (YYYY-MM-DD) of its latest session in history.json."""
    counts: dict[str, int]


def signature(history: Path) -> Signature | None:
    """(inode, size, mtime) of history.json when the index may stand in for it: a regular file its owner may
    write (a symbolic link, a write-protected or a missing file is always read itself, with its notices)."""
    try:
        st = history.lstat()
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode) or not st.st_mode & stat.S_IWUSR:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _head(data: Any, sig: Signature) -> Head | None:
    head = data.get("head") if isinstance(data, dict) else None
    if not isinstance(head, dict) or head.get("index_version") != INDEX_VERSION or head.get("history") != list(sig):
        return None
    n, last, counts = head.get("sessions"), head.get("last_done"), head.get("counts")
    if type(n) is not int or not isinstance(last, dict) or not isinstance(counts, dict):
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in last.items()):
        return None
    if not all(isinstance(k, str) and type(v) is int for k, v in counts.items()):
        return None
    return Head(n, last, counts)


def head(folder: Path, history: Path) -> Head | None:
    """The index's first line, if it describes history.json as it is now (None: read history.json instead)."""
    sig = signature(history)
    if sig is None:
        return None
    try:
        with open(folder / INDEX_FILE, encoding="utf-8") as f:
            first = f.readline(MAX_HEAD_CHARS).rstrip("\n")
        return _head(plain_loads(first.removesuffix(",") + "}"), sig)
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def _summary(row: Any) -> Summary:
    if not isinstance(row, list) or len(row) != 9:
        raise ValueError("not a summary")
    sid, routine, kind, started, status, active, planned, done, routine_id = row
    if not (type(sid) is str and type(routine) is str and type(kind) is str and type(started) is str
            and type(routine_id) is str) or status not in STATUSES \
            or type(active) not in (int, float) or type(planned) is not int or type(done) is not int:
        raise ValueError("not a summary")
    return Summary(sid, routine, kind, started, status, float(active), planned, done, routine_id)


Row = tuple[str, str, str, str, str, float, int, int, str]
_typed: list[Any] = []


def _typed_summaries(text: str, sig: Signature) -> list[Summary] | None:
    """The summaries of an index that msgspec reads with every field's type checked in C (the History screen
    opens ~10 ms sooner at 10,000 sessions); None: read it the usual way (anything this refuses is, or is not,
    accepted there as before)."""
    if not _typed:
        try:
            import msgspec
        except ImportError:  # pragma: no cover - no msgspec wheel here
            return None
        _typed.append(msgspec.json.Decoder(msgspec.defstruct("Index", [("head", Any), ("summaries", list[Row])])))
    try:
        data = _typed[0].decode(text)
    except ValueError:
        return None
    found = _head({"head": data.head}, sig)
    if found is None or len(data.summaries) != found.sessions or any(r[4] not in STATUSES for r in data.summaries):
        return None
    return [Summary(*row) for row in data.summaries]


def summaries(folder: Path, history: Path) -> list[Summary] | None:
    """Every session's summary, in history.json's order, if the index describes history.json as it is now."""
    sig = signature(history)
    if sig is None:
        return None
    try:
        text = (folder / INDEX_FILE).read_text("utf-8")
        fast = _typed_summaries(text, sig)
        if fast is not None:
            return fast
        data = loads(text)
        found = _head(data, sig)
        rows = data["summaries"]
        if found is None or not isinstance(rows, list) or len(rows) != found.sessions:
            return None
        return [_summary(row) for row in rows]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None


def prefix(session_id: str) -> str:
    """How a session's line in history.json begins (its id is the first field we write)."""
    if session_id.isascii() and session_id.isalnum():  # as dumps writes it (our ids are hex), without its cost
        return '{"id":"' + session_id + '",'
    return '{"id":' + dumps(session_id) + ","


def match(found: list[Summary], lines: list[str]) -> dict[str, str] | None:
    """id -> the session's JSON text, when ``lines`` (history.json split into lines, in our layout) are the
    sessions ``found`` describes, line by line; None as soon as one is not. When they are, each session's line
    in ``lines`` is emptied as its text is taken (at 100,000 sessions the lines are 300 MB)."""
    if not lines or lines[0] not in VERSIONS or len(lines) - 2 != len(found):
        return None
    seen: set[str] = set()
    for summary, line in zip(found, lines[1:-1], strict=True):
        if not line.startswith(prefix(summary.id)) or summary.id in seen:
            return None
        seen.add(summary.id)
    raws: dict[str, str] = {}
    for n, summary in enumerate(found, 1):  # each line taken as its text is kept: the file never in memory twice
        raws[summary.id] = body(lines[n])
        lines[n] = ""
    return raws


def render(sig: Signature, ordered: Iterable[Summary]) -> str:
    rows: list[str] = []
    last: dict[str, str] = {}
    counts: dict[str, int] = {}
    for s in ordered:
        rows.append(dumps([s.id, s.routine, s.kind, s.started, s.status, s.active_seconds, s.planned_sets,
                           s.sets_done, s.routine_id]))
        day = s.started[:10]
        if day > last.get(s.routine, ""):
            last[s.routine] = day
        counts[s.routine] = counts.get(s.routine, 0) + 1
    head = {"index_version": INDEX_VERSION, "history": list(sig), "sessions": len(rows), "last_done": last,
            "counts": counts}
    joined = ",\n".join(rows)
    return f'{{"head": {dumps(head)},\n"summaries": [\n{joined}\n]}}\n' if rows else \
        f'{{"head": {dumps(head)},\n"summaries": [\n]}}\n'


def write(folder: Path, history: Path, ordered: Iterable[Summary]) -> None:
    """Rewrite the index for history.json as it is now (best effort: an index that cannot be written is only
    a slower next start)."""
    sig = signature(history)
    if sig is None:
        return
    with contextlib.suppress(OSError, ValueError):
        atomic_write(folder / INDEX_FILE, render(sig, ordered))
