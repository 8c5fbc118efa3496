"""`runtrainer stats` answered from the figures cache alone while history.json is as the cache last saw it whole
and clean: the history is not read at all then (at 10,000 sessions: ~0.15 s and ~45 MB less), and any change, a
finished session waiting in a journal, or a session that cannot be read sends it back to reading the history."""

from __future__ import annotations

import json
from datetime import date

import pytest
from helpers import months_of_training
from test_stats import outputs, reference_tracks

import runtrainer.stats
from runtrainer.store import Session, SetRecord, Store


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "data"
    Store(folder).save_many(months_of_training(date(2026, 11, 25)))
    return folder


def no_history_read(monkeypatch):
    def refuse(self):
        raise AssertionError("history.json was read")

    monkeypatch.setattr(Store, "load", refuse)


def expected(capsys, folder, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(runtrainer.stats, "every_track", reference_tracks)
        return outputs(capsys, folder)


def test_a_second_run_on_an_unchanged_history_does_not_read_it_and_prints_the_same(folder, capsys, monkeypatch):
    first = outputs(capsys, folder)
    with monkeypatch.context() as m:
        no_history_read(m)
        again = outputs(capsys, folder)
    assert first == again == expected(capsys, folder, monkeypatch)


def test_a_session_added_since_is_counted(folder, capsys, monkeypatch):
    before = outputs(capsys, folder)
    Store(folder).save_many([Session(id="new", routine="x", kind="gym", started="2026-11-24T07:00:00+01:00",
                                     status="completed", planned_sets=1,
                                     sets=[SetRecord("Leg press", 1, 1, 1, reps=8, weight=150.0)])])
    after = outputs(capsys, folder)
    assert after != before and "150 kg" in after[0][0]
    assert after == expected(capsys, folder, monkeypatch)


def test_a_finished_session_waiting_in_a_journal_is_counted(folder, capsys, monkeypatch):
    outputs(capsys, folder)
    waiting = Session(id="journalled", routine="x", kind="gym", started="2026-11-24T07:00:00+01:00",
                      status="completed", planned_sets=1, sets=[SetRecord("Leg press", 1, 1, 1, reps=8, weight=160.0)])
    journal = folder / "in-progress" / "journalled.json"
    journal.parent.mkdir(exist_ok=True)
    journal.write_text(json.dumps(waiting.to_json(full=True)))
    after = outputs(capsys, folder)
    assert "160 kg" in after[0][0]
    assert after == expected(capsys, folder, monkeypatch)
    journal.unlink()  # gone without history.json changing (as a journal that cannot be folded in is set aside)
    gone = outputs(capsys, folder)
    assert "160 kg" not in gone[0][0] and gone == expected(capsys, folder, monkeypatch)


def test_a_session_that_cannot_be_read_is_said_at_every_run(folder, capsys, monkeypatch):
    history = folder / "history.json"
    history.write_text(history.read_text().replace('"reps":16,', '"reps":"x",', 1))
    runs = [outputs(capsys, folder) for _ in range(2)]
    assert runs[0] == runs[1] == expected(capsys, folder, monkeypatch)
    assert "its sets cannot be read" in runs[1][0][1]
