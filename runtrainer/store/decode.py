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

from dataclasses import MISSING, fields
from datetime import datetime
from functools import cache
from types import GenericAlias
from typing import Any, Literal, get_type_hints

from runtrainer.store.history_file import loads
from runtrainer.store.model import SET_TYPES, STATUSES, Part, Session, SetRecord, expand_times

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
    session: Session | None = checked(_decoder, text, set_times)
    return session


def checked(decoder: Any, text: str, set_times: bool | None = True, values_checked: bool = False) -> Any:
    """``text`` decoded by ``decoder`` (into the dataclasses, or ``for_export``'s Structs), with what msgspec does
    not check looked at, and its times made whole (``set_times`` None: left as stored, the session's end too); None
    when anything is wrong (then the full checker says what). ``values_checked``: the decoder checked ``status``
    and ``set_type`` against their allowed values itself (``for_export``'s)."""
    try:
        session = decoder.decode(text)
    except ValueError:  # msgspec's DecodeError and ValidationError are ValueErrors
        return None
    if not values_checked:
        if session.status not in STATUSES:
            return None
        for record in session.sets:
            if record.set_type not in SET_TYPES:
                return None
    try:
        datetime.fromisoformat(session.started)
    except ValueError:
        return None
    if set_times is not None:
        expand_times(session, set_times)
    return session


@cache
def _export_decoder() -> Any:
    """A decoder into Structs made from the dataclasses field for field (names, annotations, defaults: the same
    checks): a Struct holds every field, its defaults filled in C, and msgspec writes it whole in C, where a
    decoded dataclass holds only what its text gave (the export filled in the rest in Python: a third of its time)."""
    import msgspec

    def struct(cls: type, inner: dict[str, Any]) -> Any:
        hints = {**get_type_hints(cls), **ALLOWED}
        spec: list[Any] = []
        for f in fields(cls):
            kind = GenericAlias(list, (inner[f.name],)) if f.name in inner else hints[f.name]
            if f.default is not MISSING:
                spec.append((f.name, kind, f.default))
            elif f.default_factory is not MISSING:
                spec.append((f.name, kind, msgspec.field(default_factory=f.default_factory)))
            else:
                spec.append((f.name, kind))
        return msgspec.defstruct(cls.__name__, spec, gc=False)

    sets = struct(SetRecord, {"sides": struct(Part, {})})
    return msgspec.json.Decoder(struct(Session, {"sets": sets}))


ALLOWED: dict[str, Any] = {"status": Literal[STATUSES], "set_type": Literal[SET_TYPES]}
"""The Structs' ``status`` and ``set_type``: only the allowed values, checked by msgspec in C as it reads them (a
loop over every set in Python was ~0.7 us a session); what it refuses goes to the full checker, as before."""


def for_export(text: str) -> Any:
    """The stored session as an object with every field of ``Session`` (a msgspec Struct: see ``_export_decoder``),
    checked as the store checks it and its times whole; None when msgspec is missing or refuses it, or a check
    fails (then read it with ``session_from_text``, which says what is wrong)."""
    try:
        decoder = _export_decoder()
    except ImportError:  # pragma: no cover - no msgspec here
        return None
    return checked(decoder, text, values_checked=True)


def for_figures(text: str) -> Any:
    """``for_export``'s Struct with its times as stored (the progress figures never look at them: making them whole
    was a fifth of reading a session), or None (then ``session_from_text`` reads it or says what is wrong): every
    field checked as the store checks it."""
    try:
        decoder = _export_decoder()
    except ImportError:  # pragma: no cover - no msgspec here
        return None
    return checked(decoder, text, set_times=None, values_checked=True)


def session_from_text(text: str, set_times: bool = True) -> Session:
    """The session stored as ``text``; raises ValueError (or TypeError) naming what is wrong. ``set_times``
    False: its sets' and sides' times may stay as stored (see ``expand_times``)."""
    return _typed(text, set_times) or Session.from_json(loads(text))
