"""What the routine loader says about a value, and the TOML parse behind it: the loader's words, apart so that
``routine_load`` stays one page of field checks. Never imports textual."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from runtrainer.core.routine_model import Problem, RoutineError
from runtrainer.reading import utf16_or_32


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a true/false)"
    if isinstance(value, str):
        return f'"{value}" (text)' if len(value) < 40 else "a text"
    if isinstance(value, int) and abs(value) > 10**15:
        return "a very large number"
    if isinstance(value, int | float):
        return f"{value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    return type(value).__name__


def did_you_mean(key: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key[:100], sorted(known), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def parse_toml(text: str, filename: str) -> dict[str, Any]:
    import tomllib  # here: Home's built-ins come parsed already (catalog.builtin), ~2 ms of start-up

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line = int(m.group(1)) if m else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg) if m else msg
        if m:
            reason += f" (column {m.group(2)})"
        raise RoutineError([Problem(filename, line, "", f"not valid TOML: {reason}")]) from None
    except RecursionError:
        raise RoutineError([Problem(filename, None, "", "not valid TOML: nested too deeply")]) from None
    except ValueError:  # int() refuses a number of more than 4,300 digits
        raise RoutineError([Problem(filename, None, "", "not valid TOML: a number of thousands of digits")]) \
            from None




def decode(raw: bytes, name: str) -> str:
    """A routine file's bytes as text: UTF-8, with or without the byte-order mark some Windows editors put first
    (TOML allows neither it nor UTF-16, but the mark is only a signature, so it is dropped); RoutineError else."""
    other = utf16_or_32(raw)
    if other:
        raise RoutineError([Problem(name, None, "", f"is {other} text; expected UTF-8 (save it again as UTF-8)")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RoutineError([Problem(name, None, "", f"not UTF-8 text (byte {exc.start})")]) from None
