"""A stored session's text to a ``Session``, checked, fast: msgspec decodes it straight into the dataclasses,
checking every field's type in C (see pyproject.toml). Never imports textual.

The checks are those of ``Session.from_json`` (``model.TYPES``): msgspec refuses a wrong type, a missing field,
a bool where a number belongs and any number beyond a float's range (JSON has no NaN or Infinity), and keeps an
integer wider than 64 bits an integer (``int | float``), as the full checker does; what it does
not know, the allowed values of ``status`` and ``set_type`` and a readable start time, is looked at here. Anything
it refuses goes to ``Session.from_json``, which either reads it (a schema-1 session, a lone surrogate escape) or
says what is wrong in the same words as ever: the fast path never accepts what the full checker would refuse.

A dataclass msgspec decoded holds in its ``__dict__`` only the fields its text gave; the others are read from the
class's defaults. Read fields as attributes (``to_json`` does), never through ``vars()`` or ``__dict__``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from runtrainer.store.history_file import loads
from runtrainer.store.model import SET_TYPES, STATUSES, Session, expand_times

_decoder: Any = None

def _typed(text: str, set_times: bool = True) -> Session | None:
    global _decoder
    if _decoder is None:
        try:
            import msgspec
        except ImportError:  # pragma: no cover - an interpreter without msgspec: the full checker alone
            _decoder = False
            return None
        _decoder = msgspec.json.Decoder(Session)
    if _decoder is False:  # pragma: no cover
        return None
    try:
        session: Session = _decoder.decode(text)
    except ValueError:  # msgspec's DecodeError and ValidationError are ValueErrors
        return None
    if session.status not in STATUSES:
        return None
    for record in session.sets:
        if record.set_type not in SET_TYPES:
            return None
    try:
        datetime.fromisoformat(session.started)
    except ValueError:
        return None
    expand_times(session, set_times)
    return session


def session_from_text(text: str, set_times: bool = True) -> Session:
    """The session stored as ``text``; raises ValueError (or TypeError) naming what is wrong. ``set_times``
    False: its sets' and sides' times may stay as stored (see ``expand_times``)."""
    return _typed(text, set_times) or Session.from_json(loads(text))
