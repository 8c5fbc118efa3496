"""Our own JSON: an export (``"format": "runtrainer-export"``), an older export without a format name, a
``history.json`` from another computer, or one session saved from the summary screen (``e``). Sessions keep
their ids, so export -> import -> export gives the same bytes, and importing twice adds nothing. Never imports
textual."""

from __future__ import annotations

import json

from runtrainer.export_json import JSON_FORMAT
from runtrainer.importers import limits
from runtrainer.importers.common import Problems, Progress, Refused
from runtrainer.store import SCHEMA_VERSION, Session, history_file


def looks_like(text: str) -> bool:
    return text.lstrip().startswith("{")


def parse(text: str, name: str, progress: Progress | None = None) -> list[Session]:
    problems = Problems(name)
    lines = history_file.split(text)
    if lines and lines[0] in history_file.VERSIONS and history_file.in_lines(lines):
        return _by_line(lines, problems)
    data = _document(text, problems)
    raw = data.get("sessions")
    if not isinstance(raw, list):
        raise problems.whole("has no list of sessions")
    places: list[tuple[int, int]] = []
    sessions: list[Session] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        if progress is not None and i % 1000 == 0:
            progress(i, len(raw))
        session, said = _session(item, f"session {i + 1}")
        if session is not None and session.id in seen:
            said = [f"{_label(item, f'session {i + 1}')}: the id of an earlier session"]
        if said:
            places = places or _places(text, len(raw))  # found only when needed: it reads the file again
            for line in said:
                problems.at(places[i][0], line)
            continue
        assert session is not None
        seen.add(session.id)
        sessions.append(session)
    problems.check()
    return sessions


def _label(item: object, where: str) -> str:
    """"session 3 (id 5f0c…)": where a session is, and which (its id, when it has a readable one)."""
    ident = item.get("id") if isinstance(item, dict) else None
    return f"{where} (id {ident[:40]})" if isinstance(ident, str) and ident else where


def _session(item: object, where: str) -> tuple[Session | None, list[str]]:
    """The session, or every problem it has, each "session N (id X) > field: expected …, found …"."""
    label = _label(item, where)
    said = limits.session_problems(item)
    if said:
        return None, [f"{label} > {line}" if not line.startswith("expected") else f"{label}: {line}" for line in said]
    try:
        session = Session.from_json(item)
    except (ValueError, TypeError, KeyError) as exc:  # what the checks above do not know of: said as it is
        return None, [f"{label}: {exc}"]
    late = limits.order_problem(session.started, session.ended)
    return (None, [f"{label} > {late}"]) if late else (session, [])


def _by_line(lines: list[str], problems: Problems) -> list[Session]:
    """A file with history.json's header (a history.json, or the damaged lines kept from one, mended): read one
    session per line as history.json is read (a trailing comma on the last one is no matter); what is not a
    session line (the header, the closing line, what follows it) is passed over."""
    try:
        parsed = history_file.parse(None, lines)
    except history_file.Newer as exc:
        raise problems.whole(f"was written by a newer runtrainer (schema {exc.args[0]}; this one reads "
                             f"{SCHEMA_VERSION}); update runtrainer to import it") from None
    except history_file.Damaged as exc:
        raise problems.whole(str(exc)) from None
    for bad in parsed.bad:
        if bad.session:
            problems.add(bad.line, 1, bad.what)
    sessions: list[Session] = []
    for n, raw in enumerate(parsed.raws.values(), 1):
        try:
            session, said = _session(history_file.loads(raw), f"session {n}")
        except ValueError as exc:
            session, said = None, [f"session {n}: {exc}"]
        if session is not None:
            sessions.append(session)
            continue
        where = next((i + 1 for i, line in enumerate(lines) if history_file.body(line) == raw), 1)
        for line in said:
            problems.at(where, line)
    problems.check()
    return sessions


def _document(text: str, problems: Problems) -> dict[str, object]:
    """The file as an export (or a history.json, or one session saved from the summary), checked at the top."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.add(exc.lineno, exc.colno, f"not valid JSON ({exc.msg}); is the file cut short?")
        raise Refused(problems.lines) from None
    except RecursionError:
        raise problems.whole("is nested too deeply to be an export") from None
    if not isinstance(data, dict):
        raise problems.whole(f"holds a {type(data).__name__}, expected an object with sessions")
    if "sessions" not in data and "sets" in data and "id" in data:
        data = {"schema_version": SCHEMA_VERSION, "sessions": [data]}  # one session, saved from its summary screen
    fmt = data.get("format", JSON_FORMAT)
    if fmt != JSON_FORMAT:
        raise problems.whole(f"format is {fmt!r:.40}, expected {JSON_FORMAT!r}")
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise problems.whole(f"was written by a newer runtrainer (schema {version}; this one reads "
                             f"{SCHEMA_VERSION}); update runtrainer to import it")
    if version not in (1, 2, SCHEMA_VERSION) or isinstance(version, bool):  # an export is 2, a history.json 1-3
        raise problems.whole(f"schema_version is {version!r:.20}, expected {SCHEMA_VERSION}")
    return data


def _places(text: str, count: int) -> list[tuple[int, int]]:
    """(line, column) where each session of the list starts, so a problem names its place in the file
    (line 1, column 1 for all when the layout is too odd to follow)."""
    decoder = json.JSONDecoder()
    places: list[tuple[int, int]] = []
    try:
        at = text.index("[", text.index('"sessions"')) + 1
        line, counted = 1, 0
        for _ in range(count):
            while text[at] in " \t\r\n,":
                at += 1
            line += text.count("\n", counted, at)
            counted = at
            places.append((line, at - text.rfind("\n", 0, at)))
            _, at = decoder.raw_decode(text, at)
    except (ValueError, IndexError):
        return [(1, 1)] * count
    return places
