"""The JSON export (our own schema, ``runtrainer/schema/export-v2.json``): every field of every set, one session
per line, streamed. Never imports textual. What it shares with the CSVs (units, routine ids, control characters,
the streaming writer) is in ``runtrainer/export.py``, which calls it for ``--format json``."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any, TextIO

from runtrainer.export import _escaped, _finished, _Lines, convert, export, routine_id
from runtrainer.store import Part, Session, SetRecord

JSON_FORMAT = "runtrainer-export"
EXPORT_VERSION = 2
"""The JSON export's own version (runtrainer/schema/export-v2.json): every time whole, whatever history.json's
schema (3 writes set times short; an export is for other programs too)."""


def exported_at() -> str:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention), so an export can be
    made byte for byte again."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).isoformat(timespec="seconds")
    return datetime.now().astimezone().isoformat(timespec="seconds")


_RAW_IN_JSON = re.compile(r"[\x7f-\x9f\ud800-\udfff]")
"""What json.dumps(ensure_ascii=False) leaves raw: DEL, C1 and lone surrogates (it escapes C0 itself)."""


def _json(data: Any) -> str:
    return _RAW_IN_JSON.sub(_escaped, json.dumps(data, ensure_ascii=False, allow_nan=False))


def write_json(sessions: Iterable[Session], out: TextIO, unit: str | None = None, when: str | None = None,
               ordered: bool = False) -> int:
    """Every field of every set, one session per line (so it streams, and a problem's line names a session)."""
    head = {"format": JSON_FORMAT, "schema_version": EXPORT_VERSION, "app_version": _version(),
            "exported_at": when or exported_at(), "unit": unit}
    out.write(_json(head)[:-1] + ', "sessions": [\n')
    n = 0
    lines = _Lines(out, ",\n", batch=50)
    for session in _finished(sessions, ordered):
        lines.add(_session_json(session, unit))
        n += 1
    lines.flush()
    out.write("\n]}\n")
    return n


def _session_json(session: Session, unit: str | None) -> str:
    """One session as the export writes it: msgspec turns the dataclasses into JSON in C (see pyproject.toml);
    what it cannot write (a lone surrogate, read by the standard library's json) goes the slow way. A session
    read for the export as a Struct (``store.decode.for_export``: every field its own) is written as it is."""
    if not isinstance(session, Session):
        session.routine_id = routine_id(session.routine_id)
        for record in session.sets if unit is not None else ():
            record.weight, record.unit = convert(record.weight, record.unit, unit), unit
        return _checked(_encode(session))
    try:
        data = _to_builtins(session)
    except (ImportError, TypeError, ValueError):  # pragma: no cover - no msgspec here
        data = session.to_json(full=True)
    data["routine_id"] = routine_id(session.routine_id)
    if unit is not None:
        for record in data["sets"]:
            record["weight"], record["unit"] = convert(record["weight"], record["unit"], unit), unit
    try:
        text = _encode(data)
    except (ImportError, TypeError, ValueError):  # UnicodeEncodeError is a ValueError
        return _json(data)
    return _checked(text)


def _checked(text: str) -> str:
    """No raw DEL, C1 control or lone surrogate (JSON escapes, as ``_json`` writes them)."""
    if text.isascii() and "\x7f" not in text:
        return text
    return _RAW_IN_JSON.sub(_escaped, text)


def _to_builtins(session: Session) -> dict[str, Any]:
    """Every field, in the dataclasses' order. msgspec writes only what an object holds itself, and a record
    msgspec decoded holds only the fields its text gave (the defaults stay on the class): they are put back."""
    from msgspec import to_builtins

    data: dict[str, Any] = {**_FULL[Session], **to_builtins(session)}
    data["sets"] = sets = [{**_FULL[SetRecord], **record} for record in data["sets"]]
    for record in sets:
        if record["sides"]:
            record["sides"] = [{**_FULL[Part], **part} for part in record["sides"]]
    return data


_FULL = {cls: {f.name: f.default for f in fields(cls)} for cls in (Session, SetRecord, Part)}
"""Each field's default (the list fields' are always given), in the order the export writes them."""


def _encode(data: Any) -> str:
    """As ``json.dumps(data, ensure_ascii=False)`` writes it (", " and ": "); exponents as 1e16, not 1e+16."""
    from msgspec import json as mjson

    return mjson.format(mjson.encode(data), indent=0).decode("utf-8")


def to_json(sessions: Iterable[Session], unit: str | None = None) -> str:
    return export(sessions, "json", unit)


def _version() -> str:
    from runtrainer import get_version

    return get_version()


def schema() -> dict[str, Any]:
    """The JSON Schema of our JSON export (shipped inside the package: runtrainer/schema/export-v2.json)."""
    from importlib.resources import files

    return dict(json.loads(files("runtrainer").joinpath("schema", f"export-v{EXPORT_VERSION}.json").read_text("utf-8")))
