"""index.json: start-up and the history list read it instead of history.json, and only while it describes
history.json exactly; a stale, damaged or lying index is ignored and made again. And older files load unchanged."""

from __future__ import annotations

import json
import os

import pytest
from helpers import make_session, run_cli

from runtrainer.store import Part, Session, SetRecord, Store, history_file, index


def _saved(tmp_path, days=(0, 1, 2)) -> list[Session]:
    store = Store(tmp_path)
    sessions = [make_session(n) for n in days]
    store.save_many(sessions)
    return sessions


def _no_parsing(monkeypatch) -> None:
    def refuse(*_args, **_kwargs):
        raise AssertionError("history.json was parsed")

    monkeypatch.setattr(history_file, "parse", refuse)


def test_a_save_writes_the_index_and_start_up_reads_it_instead_of_the_history(tmp_path, monkeypatch):
    _saved(tmp_path)
    assert (tmp_path / index.INDEX_FILE).exists()
    _no_parsing(monkeypatch)
    store = Store(tmp_path)
    assert store.last_done() == {"Gym: strength for runners": "2026-11-03"}
    assert [s.started[:10] for s in store.summaries()] == ["2026-11-03", "2026-11-02", "2026-11-01"]
    assert [s.started[:10] for s in store.load()] == ["2026-11-03", "2026-11-02", "2026-11-01"], \
        "a full load takes the summaries from the index and the sessions' texts from history.json by line"
    assert store.session(store.sessions()[0].id).sets[0].reps == 16


def test_a_finished_journal_counts_before_it_is_folded_in(tmp_path):
    _saved(tmp_path)
    late = make_session(20)
    store = Store(tmp_path)
    store.begin(late)
    store.finish(late)
    assert Store(tmp_path).last_done() == {"Gym: strength for runners": "2026-11-21"}
    assert Store(tmp_path).summaries()[0].id == late.id


def test_a_stale_index_is_not_used_and_is_made_again(tmp_path):
    _saved(tmp_path)
    stale = (tmp_path / index.INDEX_FILE).read_text()
    other = Store(tmp_path)  # another runtrainer (or an older one, which knows no index) adds a session...
    other.load()
    other.save(make_session(9))
    (tmp_path / index.INDEX_FILE).write_text(stale)  # ...and the index left behind is the old one
    store = Store(tmp_path)
    assert store.last_done() == {"Gym: strength for runners": "2026-11-10"}
    assert len(store.summaries()) == 4
    assert len(store.load()) == 4
    head = json.loads((tmp_path / index.INDEX_FILE).read_text())["head"]
    assert head["sessions"] == 4, "the full read made the index again"
    assert index.head(tmp_path, tmp_path / "history.json") is not None


def test_the_index_is_never_trusted_over_history_json(tmp_path):
    _saved(tmp_path)
    path = tmp_path / "history.json"
    lines = path.read_text().split("\n")
    edited = "\n".join([lines[0], lines[1].replace("Gym: strength for runners", "Hand edited"), *lines[2:]])
    st = path.stat()
    path.write_text(edited)
    assert len(edited) != st.st_size
    assert Store(tmp_path).last_done() == {"Hand edited": "2026-11-01", "Gym: strength for runners": "2026-11-03"}
    path.unlink()
    assert Store(tmp_path).last_done() == {}, "no history.json, no history, whatever the index says"
    assert Store(tmp_path).summaries() == []


def test_an_index_whose_rows_do_not_match_the_lines_is_not_used(tmp_path):
    """Same size and time (as forged here), but the rows name other sessions: every line is checked."""
    _saved(tmp_path)
    path = tmp_path / "history.json"
    sig = index.signature(path)
    assert sig is not None
    wrong = [s for s in Store(tmp_path).load()]  # newest first: the file holds them oldest first
    (tmp_path / index.INDEX_FILE).write_text(index.render(sig, [s for s in wrong]))
    os.utime(path, ns=(sig[2], sig[2]))
    store = Store(tmp_path)
    assert [s.started[:10] for s in store.load()] == ["2026-11-03", "2026-11-02", "2026-11-01"]
    first = store.sessions()[-1]
    assert store.session(first.id).started.startswith("2026-11-01")


@pytest.mark.parametrize("damage", [
    b"", b"\x00\xff garbage", b'{"head": {"index_version": 1,', b'{"head": [1, 2, 3]},\n"summaries": []}',
    b'{"head": {"index_version": 99}},\n"summaries": []}',
])
def test_a_damaged_index_is_ignored_and_made_again(tmp_path, damage):
    _saved(tmp_path)
    (tmp_path / index.INDEX_FILE).write_bytes(damage)
    store = Store(tmp_path)
    assert store.last_done() == {"Gym: strength for runners": "2026-11-03"}
    assert not store.notices, "an index is ours to rebuild: nothing to tell the runner"
    assert index.head(tmp_path, tmp_path / "history.json") is not None, "made again"


def test_a_damaged_index_with_the_right_signature_is_ignored(tmp_path):
    _saved(tmp_path)
    text = (tmp_path / index.INDEX_FILE).read_text()
    (tmp_path / index.INDEX_FILE).write_text(text.replace('"completed",', '"exploded",', 1))
    store = Store(tmp_path)
    assert len(store.summaries()) == 3
    assert len(store.load()) == 3


def test_history_and_export_read_the_index_and_agree_with_the_file(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    _saved(data, days=range(25))
    table = run_cli("history", tmp_path=tmp_path)
    assert table.returncode == 0 and len(table.stdout.splitlines()) == 26, "a pipe gets every session"
    assert table.stdout.splitlines()[1].startswith("2026-11-25T")
    csv = run_cli("export", "--format", "strong-csv", tmp_path=tmp_path)
    assert csv.returncode == 0 and len(csv.stdout.splitlines()) == 1 + 25 * 5
    assert csv.stdout.splitlines()[1].split(";")[1].startswith("2026-11-01"), "oldest first, as before"


OLD_SETS = [  # schema 1 as the code before "one session, one record" wrote it: one row per side
    {"exercise": "Calf raises", "set_number": 1, "set_count": 2, "target_low": 12, "target_high": 16, "reps": 16,
     "weight": 12.5, "unit": "kg", "rest_seconds": 61.5, "duration_seconds": 40.0, "rpe": 8, "notes": "heavy",
     "ended": "2026-11-01T07:05:00+01:00"},
    {"exercise": "Calf raises", "set_number": 2, "set_count": 2, "reps": 14, "weight": 12.5, "skipped": False,
     "ended": "2026-11-01T07:07:00+01:00"},
    {"exercise": "Single-leg deadlift", "set_number": 1, "set_count": 1, "side": "left", "reps": 8, "weight": 6.0},
    {"exercise": "Single-leg deadlift", "set_number": 1, "set_count": 1, "side": "right", "reps": 7, "weight": 6.0,
     "completed": False},
    {"exercise": "Side plank", "set_number": 1, "set_count": 1, "hold_seconds": 30.5},
]


def test_a_schema_1_file_in_lines_loads_unchanged_after_its_migration(tmp_path):
    old = [{"id": f"s{n}", "routine": "Gym", "kind": "gym", "started": f"2026-11-0{n + 1}T07:00:00+01:00",
            "ended": f"2026-11-0{n + 1}T07:40:00+01:00", "status": "completed", "active_seconds": 1900.5,
            "paused_seconds": 12.0, "planned_sets": 4, "routine_id": "gym", "notes": "ok", "sets": OLD_SETS}
           for n in range(3)]
    text = '{"schema_version": 1, "sessions": [\n' + ",\n".join(json.dumps(s) for s in old) + "\n]}\n"
    (tmp_path / "history.json").write_text(text)
    before = Store(tmp_path)
    read = {s.id: before.session(s.id).to_json(full=True) for s in before.load()}
    assert read["s0"]["sets"][2]["sides"][1] == {"side": "right", "reps": 7, "hold_seconds": None,
                                                "completed": False, "skipped": False, "started": "", "ended": ""}
    before.save(make_session(20))  # the first write migrates
    assert (tmp_path / "history.json.schema1").read_text() == text, "the old file is kept byte for byte"
    after = Store(tmp_path)
    assert json.loads((tmp_path / "history.json").read_text())["schema_version"] == 3
    assert {s.id: after.session(s.id).to_json(full=True) for s in after.load() if s.id in read} == read
    after.save(make_session(21))
    assert (tmp_path / "history.json.schema1").read_text() == text, "migrated once: the backup is not redone"


def test_a_schema_2_file_written_by_the_previous_release_loads_unchanged(tmp_path):
    """The layout before the index (history.json alone): read, indexed, and its sessions are what they were."""
    session = make_session(4)
    session.sets.append(SetRecord("Single-leg deadlift", 1, 1, 1, reps=8, weight=6.0,
                                  started="2026-11-05T07:10:00+01:00", ended="2026-11-05T07:11:00+01:00",
                                  sides=[Part("left", 8), Part("right", 8)]))
    (tmp_path / "history.json").write_text(history_file.render([history_file.dumps(session.to_json())]))
    store = Store(tmp_path)
    [summary] = store.load()
    assert store.session(summary.id) == session
    assert (tmp_path / index.INDEX_FILE).exists()
    assert Store(tmp_path).session(summary.id) == session


def test_matching_the_index_takes_each_line_once_and_leaves_lines_it_refuses_whole(tmp_path):
    """The lines the index describes are taken as the sessions' texts (the file is not kept twice in memory:
    300 MB more at 100,000 sessions); lines it does not describe are left for the full read."""
    store = Store(tmp_path)
    store.save_many([make_session(n) for n in range(3)])
    found = index.summaries(tmp_path, tmp_path / "history.json")
    lines = history_file.read_lines(tmp_path / "history.json")
    whole = list(lines)
    raws = index.match(found, lines)
    assert raws == {s.id: history_file.body(line) for s, line in zip(found, whole[1:-1], strict=True)}
    assert lines == [whole[0], "", "", "", whole[-1]]
    other = list(whole)
    other[2] = other[2].replace('"id":"', '"id":"x', 1)
    refused = list(other)
    assert index.match(found, refused) is None and refused == other
