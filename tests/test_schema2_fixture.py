"""A schema-2 history written by the code before issue 16 (tests/fixtures/schema2: history.json, every session's
records as that code read them, and its exports), read and exported by today's code: the same records, the same
bytes. Made by saving three sessions (a DST change mid-session, a one-legged set, a hold, skipped, cut-short,
warm-up, drop and failure sets, lb and kg, a control character in a note) with that code's Store.save_many."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import pytest

from runtrainer.cli import main
from runtrainer.store import Store

FIXTURE = Path(__file__).parent / "fixtures" / "schema2"


@pytest.fixture
def data(tmp_path):
    shutil.copy(FIXTURE / "history.json", tmp_path / "history.json")
    return tmp_path


def test_a_schema_2_history_loads_to_the_same_records(data):
    expected = json.loads((FIXTURE / "records.json").read_text("utf-8"))
    store = Store(data)
    assert [s.id for s in store.sessions()] == ["b" * 32, "a" * 32, "c" * 32]
    assert [store.session(r["id"]).to_json(full=True) for r in expected] == expected
    assert (data / "history.json").read_bytes() == (FIXTURE / "history.json").read_bytes()  # read, not rewritten


@pytest.mark.parametrize(("fmt", "unit"), [("json", None), ("json", "kg"), ("json", "lb"), ("strong-csv", "kg"),
                                           ("strong-csv", "lb"), ("hevy-csv", "kg"), ("hevy-csv", "lb")])
def test_its_exports_are_the_bytes_the_code_before_wrote(data, monkeypatch, fmt, unit):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--data-dir", str(data), "export", "--format", fmt, *(["--unit", unit] if unit else [])]) == 0
    assert out.getvalue() == (FIXTURE / f"export-{fmt}-{unit or 'none'}.txt").read_text("utf-8")
