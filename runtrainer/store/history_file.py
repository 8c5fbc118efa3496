"""history.json: one session per line between a fixed header and footer, so a save joins texts already in
memory instead of re-serialising ten years of sets. Reading checks each session's own fields cheaply; its sets
are checked when the session is opened. Never imports textual."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from runtrainer.store.model import SCHEMA_VERSION, Summary, summary_of


@cache
def _fast_loads() -> Callable[[str], Any] | None:
    """msgspec's parser (see pyproject.toml), imported at the first read of a history, not at start-up (~6 ms);
    None on a platform without a msgspec wheel: the standard library then reads the same files."""
    try:
        from msgspec.json import decode
    except ImportError:  # pragma: no cover
        return None
    return decode


HEADER = f'{{"schema_version": {SCHEMA_VERSION}, "sessions": ['
FOOTER = "]}"
OLDER_HEADERS = ('{"schema_version": 2, "sessions": [', '{"schema_version": 1, "sessions": [')
"""Files in an older layout that are read (and migrated once, the old file kept as a backup, on the next write)."""
VERSIONS = {HEADER: SCHEMA_VERSION, OLDER_HEADERS[0]: 2, OLDER_HEADERS[1]: 1}


class Damaged(Exception):
    """The file cannot be read as a history: the message says where and why."""


class Newer(Exception):
    """The file was written by a newer runtrainer (its schema version is the argument)."""


@dataclass(frozen=True)
class Bad:
    """A line of history.json that is not a session this runtrainer can show: only that session is left out."""

    line: int
    """Its number in the file (the header is line 1)."""
    text: str | None
    """The line as it is in the file (None: a missing closing line)."""
    what: str
    session: bool = True
    """False: the header, the closing line or something after it (no session is lost; ``what`` says it all)."""

    def describe(self, path: object) -> str:
        """One line naming the file, the line, the session (its id and day, when they can be made out) and why."""
        if not self.session:
            return f"{path}:{self.line}: {self.what}"
        session = ""
        if self.text is not None:
            sid = _ID.match(self.text)
            day = _DAY.search(self.text)
            session = " ".join(x for x in (sid and f"id {sid.group(1)[:40]}", day and day.group(1)) if x)
            session = f" (session {session})" if session else ""
        return f"{path}:{self.line}: a session is left out{session}: {self.what}"


_ID = re.compile(r'\{"id": ?"([^"\\]*)"')
_DAY = re.compile(r'"started": ?"(\d{4}-\d\d-\d\d)')


@dataclass
class Parsed:
    """history.json as read: each session's summary and line by id, the file's schema version, the lines left out."""

    summaries: dict[str, Summary] = field(default_factory=dict)
    raws: dict[str, str] = field(default_factory=dict)
    version: int = SCHEMA_VERSION
    bad: list[Bad] = field(default_factory=list)
    """Lines that are not sessions (damaged, or a second line with an id already seen: the first is kept)."""


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _no_constants(name: str) -> float:
    raise ValueError(f"{name} is not a finite number")


def loads(text: str) -> Any:
    """JSON as runtrainer reads it: NaN and Infinity are refused (one saved NaN would poison every later screen).
    msgspec when it is installed; anything it refuses is read again by the standard library, which either accepts
    it (a lone surrogate escape) or says what is wrong in its own words."""
    fast = _fast_loads()
    if fast is not None:
        try:
            return fast(text)
        except ValueError:  # msgspec's DecodeError is one
            pass
    return plain_loads(text)


def plain_loads(text: str) -> Any:
    """``loads`` by the standard library alone: for a line read at start-up (no msgspec import for it)."""
    return json.loads(text, parse_constant=_no_constants)


def split(text: str) -> list[str]:
    """The file's lines, without a UTF-8 byte order mark (what Notepad writes) and without the whitespace and
    NUL bytes a crash can leave at its end."""
    lines = text.removeprefix("\ufeff").rstrip(_TRAILING).split("\n")
    return lines if lines != [""] else []


_TRAILING = "\x00 \t\r\n\x0b\x0c"


def read_lines(path: Path) -> list[str]:
    """``split`` of the file's text, read line by line: the file is never held whole beside its lines (at 100,000
    sessions that was 600 MB more at the peak, and slower). Line ends as text mode reads them (\r\n and \r too)."""
    with open(path, encoding="utf-8") as f:
        lines = [line[:-1] if line.endswith("\n") else line for line in f]
    if lines:
        lines[0] = lines[0].removeprefix("\ufeff")
    while lines and not lines[-1].rstrip(_TRAILING):
        lines.pop()
    if lines:
        lines[-1] = lines[-1].rstrip(_TRAILING)
    return lines


def in_lines(lines: list[str]) -> bool:
    """The file is in our own layout (one session per line between the header and the footer): its header is
    ours, or (a damaged header) a line after the first is a session's. A file cut short, or with a damaged
    closing line, is too: its sessions are read line by line, what is wrong reported."""
    return len(lines) >= 2 and (lines[0] in VERSIONS or any(_ID.match(line) for line in lines[1:]))


def body(line: str) -> str:
    return line[:-1] if line.endswith(",") else line


def parse(text: str | None, lines: list[str] | None = None) -> Parsed:
    """``lines``: ``split(text)`` when the caller has it already (``text`` may then be None)."""
    lines = split(text or "") if lines is None else lines
    if not lines:
        raise Damaged("it is empty")
    if in_lines(lines):
        return _parse_lines(lines)
    text = "\n".join(lines) if text is None else text
    try:
        data = loads(text)
    except json.JSONDecodeError as exc:
        raise Damaged(f"it is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}; "
                      "perhaps cut short)") from None
    except ValueError as exc:
        raise Damaged(str(exc)) from None
    if not isinstance(data, dict):
        raise Damaged(f"it holds a {type(data).__name__}, expected an object with schema_version")
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise Newer(version)
    if version not in (1, 2, SCHEMA_VERSION) or isinstance(version, bool):
        raise Damaged(f"schema_version is {version!r}, expected {SCHEMA_VERSION}")
    raw_sessions = data.get("sessions")
    if not isinstance(raw_sessions, list):
        raise Damaged("sessions is missing or not a list")
    out = Parsed(version=version)
    for i, raw in enumerate(raw_sessions):
        _take(out, raw, f"session {i + 1}")
        out.raws[raw["id"]] = dumps(raw)
    return out


def _header(line: str) -> tuple[int, Bad | None]:
    """The schema version of a first line, and what is wrong with it (None: it is one of ours). A damaged one
    is read as the version it names (a newer one: ``Newer``), else as this runtrainer's."""
    if line in VERSIONS:
        return VERSIONS[line], None
    if _ID.match(line):  # read as a session
        return SCHEMA_VERSION, Bad(1, None, f"the header {HEADER} is missing: every session line is read (as schema "
                                            f"{SCHEMA_VERSION}) and no session is lost", session=False)
    found = re.search(r'"schema_[a-z]*": ?(\d+)', line) or re.match(r'\{"[a-z_]*": ?(\d+)', line)
    version = int(found.group(1)) if found else SCHEMA_VERSION
    if version > SCHEMA_VERSION:
        raise Newer(version)
    version = version if version in VERSIONS.values() else SCHEMA_VERSION
    shown = line[:60].encode("unicode_escape").decode("ascii")
    return version, Bad(1, line, f"the first line is not the header {HEADER} but {shown!r}: every session line "
                                 f"after it is read (as schema {version}) and no session is lost", session=False)


def _end(lines: list[str]) -> tuple[int, list[Bad]]:
    """Where the sessions end (the closing line, or the end of the file) and what is wrong there."""
    n = len(lines)
    closing = next((i for i in range(n - 1, 0, -1) if lines[i] == FOOTER), None)
    if closing is not None:
        return closing, [Bad(i + 1, lines[i], f"after the closing line {FOOTER}: not part of the history; no "
                                              "session is lost", session=False) for i in range(closing + 1, n)]
    last = lines[-1]
    if n > 1 and not last.lstrip().startswith("{") and len(last) <= 8 and set(last) <= set("[]{} \t\r,"):
        return n - 1, [Bad(n, last, f"the closing line is {last!r} instead of {FOOTER!r}: every session line "
                                    "before it is read and no session is lost", session=False)]
    return n, [Bad(n + 1, None, f"the closing line {FOOTER} is missing after line {n}: the file may have been cut "
                                "short; every whole session line before that is read", session=False)]


def _parse_lines(lines: list[str]) -> Parsed:
    """One session per line: a line that is not one (damaged, or an id seen on an earlier line) is left out and
    listed in ``bad``, and every other session is read. A damaged header or closing line is listed too."""
    version, wrong = _header(lines[0])
    end, after = _end(lines)
    out = Parsed(version=version, bad=[wrong] if wrong else [])
    first_line: dict[str, int] = {}
    start = 0 if _ID.match(lines[0]) else 1
    for n, line in enumerate(lines[start:end], start=start + 1):
        text = body(line)
        try:
            summary = summary_of(loads(text))
        except json.JSONDecodeError as exc:
            out.bad.append(Bad(n, line, f"not valid JSON (column {exc.colno}: {exc.msg}; perhaps cut short)"))
            continue
        except (ValueError, TypeError) as exc:
            out.bad.append(Bad(n, line, str(exc)))
            continue
        if summary.id in out.summaries:
            out.bad.append(Bad(n, line, f"the same id as line {first_line[summary.id]}, which is kept"))
            continue
        first_line[summary.id] = n
        out.summaries[summary.id] = summary
        out.raws[summary.id] = text
    out.bad += after
    return out


def _take(out: Parsed, data: Any, where: str) -> None:
    try:
        summary = summary_of(data)
    except (ValueError, TypeError) as exc:
        raise Damaged(f"{where} is not right: {exc}") from None
    if summary.id in out.summaries:
        raise Damaged(f"{where} has the id {summary.id[:40]!r} of an earlier session")
    out.summaries[summary.id] = summary


def header_of(version: int) -> str:
    return next(h for h, v in VERSIONS.items() if v == version)


def render(raws: list[str]) -> str:
    joined = ",\n".join(raws)
    return f"{HEADER}\n{joined}\n{FOOTER}\n" if joined else f"{HEADER}\n{FOOTER}\n"
