"""Writes runtrainer/routines/<id>.json for each built-in: its TOML text and tomllib's parse of it, which start-up
uses instead of parsing (catalog.shipped_parse). Run after changing a built-in: `python tests/make_builtin_parses.py`
(tests/test_routines.py fails until then; the app itself falls back to parsing the TOML)."""

from __future__ import annotations

import json
import tomllib

from runtrainer.core.catalog import BUILTIN_DIR, BUILTIN_IDS


def expected(routine_id: str) -> str:
    text = (BUILTIN_DIR / f"{routine_id}.toml").read_text("utf-8")
    return json.dumps({"source": text, "data": tomllib.loads(text)}, ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    for rid in BUILTIN_IDS:
        (BUILTIN_DIR / f"{rid}.json").write_text(expected(rid), "utf-8")
