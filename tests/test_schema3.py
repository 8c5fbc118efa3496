"""Schema 3 (issue 16): a session smaller on disk, still plain JSON; schema 2 files are read as they are and
migrated once, at the next write, the old file kept and never overwritten."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from helpers import make_session
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runtrainer.store import Part, Session, SetRecord, Store, history_file
from runtrainer.store.decode import session_from_text

FIXTURE = Path(__file__).parent / "fixtures" / "schema2"


def line(text: str, session_id: str) -> str:
    return next(x for x in text.split("\n") if x.startswith('{"id":"' + session_id))


def records(store: Store, ids: list[str]) -> list[dict]:
    return [store.session(i).to_json(full=True) for i in ids]


def test_a_schema_2_file_is_migrated_once_at_the_next_write_keeping_the_old_file(tmp_path):
    expected = json.loads((FIXTURE / "records.json").read_text("utf-8"))
    ids = [r["id"] for r in expected]
    shutil.copy(FIXTURE / "history.json", tmp_path / "history.json")
    store = Store(tmp_path)
    assert records(store, ids) == expected
    store.save(make_session(3))
    backup = tmp_path / "history.json.schema2"
    assert backup.read_bytes() == (FIXTURE / "history.json").read_bytes()
    text = (tmp_path / "history.json").read_text("utf-8")
    assert text.startswith('{"schema_version": 3, "sessions": [\n') and json.loads(text)["schema_version"] == 3
    old = (FIXTURE / "history.json").read_text("utf-8")
    assert all(len(line(text, i)) < len(line(old, i)) for i in ids)  # each session smaller
    for again in (Store(tmp_path), store):
        assert records(again, ids) == expected
    Store(tmp_path).save(make_session(4))  # a second write: nothing to migrate, no second backup
    assert sorted(p.name for p in tmp_path.glob("history.json.*")) == ["history.json.schema2"]
    assert backup.read_bytes() == (FIXTURE / "history.json").read_bytes()


def test_a_backup_already_there_is_never_overwritten(tmp_path):
    shutil.copy(FIXTURE / "history.json", tmp_path / "history.json")
    (tmp_path / "history.json.schema2").write_text("a backup from an earlier upgrade")
    Store(tmp_path).save(make_session(3))
    assert (tmp_path / "history.json.schema2").read_text() == "a backup from an earlier upgrade"
    assert (tmp_path / "history.json.schema2.1").read_bytes() == (FIXTURE / "history.json").read_bytes()


def test_reading_commands_never_migrate_but_use_the_index(tmp_path):
    shutil.copy(FIXTURE / "history.json", tmp_path / "history.json")
    Store(tmp_path).load()
    assert (tmp_path / "history.json").read_bytes() == (FIXTURE / "history.json").read_bytes()
    assert (tmp_path / "index.json").exists() and not list(tmp_path.glob("history.json.*"))
    assert Store(tmp_path).summaries()[0].id == "b" * 32


def test_schema_3_writes_times_on_the_sessions_day_short_and_leaves_defaults_out():
    s = Session("x", "Gym", "gym", "2026-03-29T01:30:00+01:00", "2026-03-29T01:50:00+01:00", "completed", 1200)
    s.sets = [SetRecord("Squats", 0, 1, 2, reps=5, started="2026-03-29T01:31:00+01:00",
                        ended="2026-03-29T03:01:00+02:00",  # after the clocks went forward: whole
                        sides=[Part("left", 5, started="2026-03-29T01:31:00+01:00",
                                    ended="2026-03-30T00:00:00+01:00")])]
    data = s.to_json()
    assert data["ended"] == "01:50:00" and "paused_seconds" not in data and "notes" not in data
    assert data["status"] == "completed"
    assert (data["sets"][0]["started"], data["sets"][0]["ended"]) == ("01:31:00", "2026-03-29T03:01:00+02:00")
    assert data["sets"][0]["sides"][0]["ended"] == "2026-03-30T00:00:00+01:00"  # the next day: whole
    assert s.to_json(full=True)["sets"][0]["started"] == "2026-03-29T01:31:00+01:00"  # exports: whole
    text = history_file.dumps(data)
    for back in (Session.from_json(json.loads(text)), session_from_text(text)):
        assert back == s


def test_a_time_written_by_hand_as_hh_mm_ss_is_read_as_that_time_on_the_sessions_day():
    """Schema 3's one ambiguity: runtrainer always wrote times whole, so only a hand edit can hold "07:00:00"."""
    data = {"id": "x", "routine": "Gym", "kind": "gym", "started": "2026-01-01T06:00:00+01:00", "ended": "07:00:00",
            "sets": []}
    assert Session.from_json(data).ended == session_from_text(json.dumps(data)).ended == "2026-01-01T07:00:00+01:00"


OFFSETS = st.sampled_from([UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5)),
                           timezone(timedelta(hours=5, minutes=30))])


@st.composite
def timed_session(draw) -> Session:
    tz = draw(OFFSETS)
    start = draw(st.datetimes(datetime(2000, 1, 1), datetime(2035, 12, 31))).replace(microsecond=0, tzinfo=tz)
    def at() -> str:
        moment = start + timedelta(seconds=draw(st.integers(0, 30 * 3600)))
        return moment.astimezone(draw(OFFSETS) if draw(st.booleans()) else tz).isoformat(timespec="seconds")
    s = Session(draw(st.uuids()).hex, "Gym", "gym", start.isoformat(timespec="seconds"),
                draw(st.sampled_from(["", "garbage", "7:00"])) or at(), draw(st.sampled_from(["completed",
                                                                                                 "ended_early"])),
                draw(st.sampled_from([0, 0.0, 1800.5])), draw(st.sampled_from([0, 0.0, 12.0])),
                notes=draw(st.sampled_from(["", "n"])))
    for n in range(draw(st.integers(0, 3))):
        sides = [Part(side, 5, started=at(), ended=at()) for side in ("left", "right")] if draw(st.booleans()) else []
        s.sets.append(SetRecord("Squats", 0, n + 1, 3, reps=5, started=draw(st.just("")) or at(), ended=at(),
                                sides=sides))
    return s


@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timed_session())
def test_any_session_reads_back_the_same_from_schema_3(session):
    text = history_file.dumps(session.to_json())
    assert Session.from_json(json.loads(text)) == session
    back = session_from_text(text)
    assert back == session and back.to_json(full=True) == session.to_json(full=True)
    assert history_file.dumps(back.to_json()) == text
