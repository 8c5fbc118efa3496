"""The history store on the real file system: atomic, merged, never losing a session, honest about damage."""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys

import pytest
from helpers import make_session

from runtrainer.advice import last_time, last_weight, overload_suggestion
from runtrainer.store import SCHEMA_VERSION, Part, SetRecord, Store, StoreError


def test_round_trip_keeps_every_field(tmp_path):
    store = Store(tmp_path)
    s = make_session()
    s.sets.append(SetRecord("Single-leg deadlift", 1, 1, 5, target_low=8, target_high=8, reps=8,
                            rest_seconds=61.5, rpe=7, notes="wobbly [bold]", duration_seconds=40,
                            started="2026-11-01T07:10:00+01:00", ended="2026-11-01T07:10:40+01:00",
                            sides=[Part("left", 8, started="2026-11-01T07:10:00+01:00"), Part("right", 8)]))
    store.save(s)
    again = Store(tmp_path)
    [summary] = again.load()
    assert (summary.id, summary.sets_done, summary.planned_sets) == (s.id, 6, 5)
    assert again.session(s.id) == s
    mode = stat.S_IMODE(os.stat(tmp_path / "history.json").st_mode)
    assert mode == 0o600, "history is readable by its owner only"
    data = json.loads((tmp_path / "history.json").read_text())
    assert data["schema_version"] == SCHEMA_VERSION


WRITER = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from helpers import make_session
from runtrainer.store import Store
store = Store(Path(sys.argv[1]))
n = 0
while True:
    s = make_session(n)
    store.save(s)
    print(s.id, flush=True)
    n += 1
"""


def test_a_writer_killed_at_random_moments_never_leaves_a_broken_file_or_loses_a_saved_session(tmp_path):
    rng = random.Random(1)
    reported: set[str] = set()
    tests_dir = os.path.dirname(__file__)
    kills = 0
    while kills < 100:
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), tests_dir], stdout=subprocess.PIPE,
                                text=True)
        # Let it save a random number of sessions, then kill it at a random moment inside the next save.
        for _ in range(rng.randint(1, 3)):
            line = proc.stdout.readline()
            if line:
                reported.add(line.strip())
        for _ in range(rng.randint(0, 30000)):  # a random kill moment (fault injection, not a timing check)
            pass
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        reported.update(x for x in rest.split() if x)
        kills += 1
        store = Store(tmp_path)
        ids = {s.id for s in store.load()}
        assert store.notices == [], store.notices
        assert reported <= ids, "a session reported saved is missing"
    Store(tmp_path).save(make_session(999))
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == [], "dead writers' temporaries swept"


def test_two_processes_saving_at_once_keep_each_others_sessions(tmp_path):
    code = ("import sys; sys.path.insert(0, sys.argv[3]); from pathlib import Path;"
            "from helpers import make_session; from runtrainer.store import Store; st = Store(Path(sys.argv[1]))\n"
            "for i in range(25): st.save(make_session(int(sys.argv[2]) * 100 + i))")
    tests_dir = os.path.dirname(__file__)
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path), str(k), tests_dir]) for k in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert len(Store(tmp_path).load()) == 50


@pytest.mark.parametrize("content, says", [
    ('{"schema_version": 1, "sessions": [{"id": "a", "rou', "not valid JSON"),
    ("hello, I am not JSON", "not valid JSON"),
    ('{"schema_version": 1, "sessions": {"id": 1}}', "sessions is missing or not a list"),
    ('{"schema_version": 1, "sessions": [{"id": 7, "routine": "x", "kind": "gym", "started": "2026-01-01"}]}',
     "id is int"),
    ('{"schema_version": 1, "sessions": [{"id": "a", "routine": "x", "kind": "gym", "started": "2026-01-01", '
     '"sets": 5}]}', "sets is not a list of objects"),  # one line per session: see test_damaged_lines.py
    ('["a", "list"]', "holds a list"),
    ("", "it is empty"),
    ('{"sessions": []}', "schema_version is None"),
])
def test_a_damaged_file_is_left_as_it_is_by_a_read_and_kept_whole_by_the_next_write(tmp_path, content, says):
    path = tmp_path / "history.json"
    path.write_text(content)
    before = path.read_bytes()
    for _ in range(2):  # every read says it, in one line, and leaves the file as it was
        store = Store(tmp_path)
        assert store.load() == []
        [notice] = store.notices
        assert says in notice.message and str(path) in notice.message and "left as it is" in notice.message
        assert "\n" not in notice.message
        assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["history.json"]
    store.notices.clear()
    store.save(make_session())  # the write keeps the old bytes beside it first, says where, and a new history starts
    [backup] = tmp_path.glob("history.json.corrupt-*")
    assert backup.read_bytes() == before
    [told] = [n.message for n in store.notices]
    assert says in told and f"kept whole as {backup}" in told
    assert len(Store(tmp_path).load()) == 1


def test_a_directory_where_the_file_should_be_is_left_by_a_read_and_moved_aside_by_a_write(tmp_path):
    (tmp_path / "history.json").mkdir()
    (tmp_path / "history.json" / "keep.txt").write_text("mine")
    store = Store(tmp_path)
    store.load()
    assert "it is a directory" in store.notices[0].message
    assert (tmp_path / "history.json" / "keep.txt").read_text() == "mine" and not list(tmp_path.glob("*.corrupt-*"))
    store.save(make_session())
    [backup] = tmp_path.glob("history.json.corrupt-*")
    assert (backup / "keep.txt").read_text() == "mine" and len(Store(tmp_path).load()) == 1


def test_a_newer_schema_is_left_alone_and_sessions_wait_in_their_journal(tmp_path):
    newer = '{"schema_version": 99, "sessions": [], "future": true}'
    (tmp_path / "history.json").write_text(newer)
    store = Store(tmp_path)
    assert store.load() == []
    assert "newer runtrainer" in store.notices[0].message
    s = make_session()
    with pytest.raises(StoreError, match="is not written"):
        store.save(s)
    assert (tmp_path / "history.json").read_text() == newer
    assert (tmp_path / "in-progress" / f"{s.id}.json").exists()


HOLDER = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from helpers import make_session
from runtrainer.store import Store
store = Store(Path(sys.argv[1]))
s = make_session(3)
s.status = "in_progress"
s.sets = s.sets[:2]
store.begin(s)
print(s.id, flush=True)
time.sleep(60)
"""


def test_a_session_cut_off_by_kill_9_is_found_for_resuming_but_not_while_its_process_lives(tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path), os.path.dirname(__file__)],
                            stdout=subprocess.PIPE, text=True)
    session_id = proc.stdout.readline().strip()
    assert Store(tmp_path).orphans() == [], "its process is alive: not an orphan"
    proc.kill()
    proc.wait()
    [orphan] = Store(tmp_path).orphans()
    assert orphan.id == session_id and len(orphan.sets) == 2


def test_finish_is_quick_and_durable_then_merge_folds_it_in(tmp_path):
    store = Store(tmp_path)
    s = make_session()
    store.begin(s)
    assert (tmp_path / "in-progress" / f"{s.id}.json").exists()
    store.finish(s)
    assert not (tmp_path / "history.json").exists(), "finishing writes only the small journal"
    assert [x.id for x in Store(tmp_path).load()] == [s.id], "but it is in the history at once"
    assert Store(tmp_path).orphans() == [], "a finished session is not offered for resuming"
    assert Store(tmp_path).merge_pending() == 1
    assert not (tmp_path / "in-progress" / f"{s.id}.json").exists()
    assert Store(tmp_path).all_sessions() == [s]
    assert Store(tmp_path).merge_pending() == 0


def test_two_processes_merging_at_once_lose_nothing(tmp_path):
    store = Store(tmp_path)
    ids = set()
    for i in range(30):
        s = make_session(i)
        store.begin(s)
        store.finish(s)
        ids.add(s.id)
    code = ("import sys; from pathlib import Path; from runtrainer.store import Store;"
            "Store(Path(sys.argv[1])).merge_pending()")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)]) for _ in range(3)]
    assert [p.wait(timeout=60) for p in procs] == [0, 0, 0]
    assert {x.id for x in Store(tmp_path).load()} == ids
    assert not list((tmp_path / "in-progress").glob("*.json"))


def test_progressive_overload_after_two_full_sessions_at_one_weight(tmp_path):
    store = Store(tmp_path)
    store.save(make_session(1, weight=12))
    assert overload_suggestion(store, "Calf raises") is None
    store.save(make_session(2, weight=12))
    assert overload_suggestion(store, "Calf raises") == (14.5, "kg")
    store.save(make_session(3, weight=14.5, reps=13))
    assert overload_suggestion(store, "Calf raises") is None
    assert last_weight(store, "Calf raises") == (14.5, "kg")
    assert last_time(store, "Calf raises") == "13 × 14.5 kg"


def test_a_read_only_directory_is_a_clear_error_not_a_crash(tmp_path):
    if os.geteuid() == 0:
        target = tmp_path / "file-not-dir"
        target.write_text("x")
        store = Store(target / "data")  # a path through a file: cannot be created, even by root
    else:
        tmp_path.chmod(0o500)
        store = Store(tmp_path / "data")
    with pytest.raises(StoreError, match="cannot"):
        store.save(make_session())


def test_a_finished_journal_that_cannot_be_folded_in_is_kept_as_a_backup_and_the_runner_told(tmp_path):
    good = make_session(1)
    Store(tmp_path).journal(good)
    bad = make_session(2)
    Store(tmp_path).journal(bad)
    path = tmp_path / "in-progress" / f"{bad.id}.json"
    data = json.loads(path.read_text())
    data["started"] = "last tuesday"
    path.write_text(json.dumps(data))
    store = Store(tmp_path)
    assert store.merge_pending() == 1
    assert [s.id for s in Store(tmp_path).load()] == [good.id]
    [backup] = (tmp_path / "in-progress").glob(f"{bad.id}.json.corrupt-*")
    assert json.loads(backup.read_text())["started"] == "last tuesday", "kept byte for byte, not deleted"
    assert any("could not be read" in n.message and str(backup) in n.message for n in store.notices)


@pytest.mark.parametrize("content", ["[]", "null", "5", '"text"'])
def test_a_journal_that_is_json_but_not_a_session_is_set_aside_not_a_crash(tmp_path, content):
    (tmp_path / "in-progress").mkdir()
    (tmp_path / "in-progress" / "abc.json").write_text(content)
    store = Store(tmp_path)
    assert store.orphans() == [] and store.load() == []
    assert list((tmp_path / "in-progress").glob("abc.json.corrupt-*"))
    assert store.notices


@pytest.mark.parametrize("field, value", [("active_seconds", "NaN"), ("active_seconds", "Infinity"),
                                          ("weight", "NaN")])
def test_non_finite_numbers_are_refused_on_load(tmp_path, field, value):
    s = make_session(1)
    text = json.dumps(s.to_json())
    if field == "weight":
        text = text.replace('"weight": 12.0', f'"weight": {value}', 1)
    else:
        text = text.replace('"active_seconds": 0.0', f'"active_seconds": {value}')
    (tmp_path / "history.json").write_text('{"schema_version": 2, "sessions": [' + text + "]}")
    store = Store(tmp_path)
    assert store.load() == []
    assert any("not a finite number" in n.message and "corrupt-" in n.message for n in store.notices), \
        "the file is set aside whole (kept as a backup) and the runner told"


def test_a_schema_1_history_loads_and_is_migrated_once_keeping_the_old_file(tmp_path):
    old = {"id": "a1", "routine": "Gym", "kind": "gym", "started": "2026-11-01T07:00:00+01:00",
           "status": "completed", "planned_sets": 13, "sets": [
               {"exercise": "Calf raises", "set_number": 1, "set_count": 5, "reps": 16, "weight": 12.0,
                "ended": "2026-11-01T07:30:00+01:00"},
               {"exercise": "Single-leg deadlift", "set_number": 1, "set_count": 5, "side": "left", "reps": 8},
               {"exercise": "Single-leg deadlift", "set_number": 1, "set_count": 5, "side": "right", "reps": 7}]}
    text = '{"schema_version": 1, "sessions": [\n' + json.dumps(old) + "\n]}\n"
    (tmp_path / "history.json").write_text(text)
    store = Store(tmp_path)
    [summary] = store.load()
    assert summary.sets_done == 2, "the two sides of a one-legged set are one set"
    session = store.session("a1")
    assert [(r.exercise_index, r.set_number, [p.side for p in r.sides]) for r in session.sets] == [
        (0, 1, []), (1, 1, ["left", "right"])]
    store.save(make_session(3))
    assert (tmp_path / "history.json.schema1").read_text() == text, "the old file is kept as it was"
    data = json.loads((tmp_path / "history.json").read_text())
    assert data["schema_version"] == SCHEMA_VERSION == 3
    assert Store(tmp_path).session("a1") == session


async def test_a_damaged_unfinished_journal_is_told_on_home_at_start(tmp_path):
    """Set aside (kept as a backup) and told on Home, in the start-up news."""
    from helpers import app_for

    from runtrainer.core.clock import FakeClock

    (tmp_path / "data" / "in-progress").mkdir(parents=True)
    (tmp_path / "data" / "in-progress" / "abc.json").write_text('{"id": "abc", "routine": "Gym", "kind": "gym"}')
    app = app_for(tmp_path, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        said = str(app.screen.query_one("#home-notices").render())
        assert "could not be read" in said and "corrupt-" in said


def test_a_history_saved_with_windows_line_ends_is_read_whole(tmp_path):
    """history.json is read as bytes (faster than text mode for years of lines): line ends an editor made \\r\\n
    (or \\r) are read as text mode reads them, every session kept."""
    Store(tmp_path).save_many([make_session(n) for n in range(3)])
    path = tmp_path / "history.json"
    plain = path.read_bytes()
    for ending in (b"\r\n", b"\r"):
        path.write_bytes(plain.replace(b"\n", ending))
        (tmp_path / "index.json").unlink(missing_ok=True)
        store = Store(tmp_path)
        assert len(store.load()) == 3 and not store.notices, ending
        assert [len(store.session(s.id).sets) for s in store.sessions()] == [5, 5, 5]


def test_a_session_another_runtrainer_finished_shows_in_the_history_and_last_done_of_one_already_read(tmp_path):
    """Two terminals: A has read the history (History opened once); B finishes a workout, which waits in its
    journal until a next start folds it in. A's History and Home's "Last done" must show it (they did not: A's
    list was the one it read, as history.json had not changed)."""
    a = Store(tmp_path)
    a.save(make_session(1))
    assert len(a.reload_if_changed()) == 1
    b = Store(tmp_path)
    done = make_session(20, kind="post-run")
    done.routine = "Post-run: 10-20 minutes"
    b.begin(done)
    b.finish(done)
    assert done.id in {s.id for s in a.reload_if_changed()}
    assert a.last_done()["Post-run: 10-20 minutes"] == done.started[:10]
