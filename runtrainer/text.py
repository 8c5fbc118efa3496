"""Text from a file, made safe to show: no byte of it can steer the terminal. Never imports textual.

Routine names, notes and history entries come from files a runner downloads or edits by hand. Written to a
terminal as they are, an ESC starts a control sequence (OSC 52 writes the clipboard, OSC 0 the window title,
``ESC [ 2 J`` clears the screen). ``safe`` shows every control character as a visible stand-in instead, and
so it does the Unicode bidi controls (a right-to-left override makes ``gym.toml`` read as ``lmot.myg``, and can
reorder a whole line the runner reads): ``\\u202e``, and the line and paragraph separators (U+2028, U+2029), which
break a line on screen.
"""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
"""The bidi controls: the Arabic letter mark, LRM and RLM, the embeddings and overrides, the isolates."""
_SEPARATORS = "\u2028\u2029"
"""The Unicode line and paragraph separators: a terminal (or the widget drawing the text) may break the line there,
so one name would read as two lines."""
_CONTROL = re.compile(f"[\\x00-\\x08\\x0a-\\x1f\\x7f-\\x9f\\ud800-\\udfff{_BIDI}{_SEPARATORS}]")
_CONTROL_KEEP_NEWLINES = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\ud800-\\udfff{_BIDI}{_SEPARATORS}]")


def _stand_in(match: re.Match[str]) -> str:
    return stand_in(match.group())


def stand_in(char: str) -> str:
    """How one control character is shown."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures: ESC -> "␛", BEL -> "␇", LF -> "␊"
    if code == 0x7F:
        return "\u2421"  # "␡"
    if code <= 0xFF:
        return f"\\x{code:02x}"  # C1 controls (CSI is 0x9b) have no picture
    return f"\\u{code:04x}"  # a bidi control, a line or paragraph separator, a lone surrogate (cannot be encoded)


def safe(text: str, newlines: bool = False) -> str:
    """``text`` with no control character left: each shown as a visible stand-in (ESC as "␛", a C1 control as
    "\\x9b", a bidi control as "\\u202e", a line separator as "\\u2028"), a tab as a space. With ``newlines`` line
    feeds and tabs stay (a multi-line note, a file's text)."""
    if text.isprintable():  # the common case, at C speed
        return text
    if newlines:
        text = text.replace("\r\n", "\n")
    else:
        text = text.replace("\t", " ")
    return (_CONTROL_KEEP_NEWLINES if newlines else _CONTROL).sub(_stand_in, text)


def controls_in(text: str, allow_newlines: bool = False) -> str:
    """The control characters (other than tab, and line feed if allowed) in ``text``, as they are shown; empty
    if none. For messages that say what was refused."""
    pattern = _CONTROL_KEEP_NEWLINES if allow_newlines else _CONTROL
    found = dict.fromkeys(m.group() for m in pattern.finditer(text))
    return ", ".join(stand_in(c) for c in found)


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 exercise``, ``2 exercises`` (``many``: a plural that is not ``word`` + s)."""
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"
