"""The progress figures' cache (``runtrainer.progress_cache``): the same tracks as reading every set, a session
edited by hand recomputed, a damaged or foreign cache file ignored and made again, and the file private."""

from __future__ import annotations

import json
import os
import re
import stat
from datetime import date

import pytest
from helpers import months_of_training

from runtrainer import progress_cache
from runtrainer.progress import tracks
from runtrainer.progress_cache import FiguresCache, cached_tracks
from runtrainer.store import Part, Session, SetRecord, Store

TODAY = date(2026, 11, 25)


def mixed_units() -> list[Session]:
    """An exercise mostly in lb, with a kg-only session and a weightless one in it (the point in the track's unit)."""
    def one(day: str, *sets: SetRecord) -> Session:
        return Session(id=f"mixed-{day}", routine="Gym", kind="gym", started=f"{day}T18:00:00", status="completed",
                       sets=list(sets))
    return [one("2026-01-05", SetRecord("Bench", 0, 1, 2, reps=5, weight=60.0, unit="kg")),
            one("2026-01-08", SetRecord("Bench", 0, 1, 2, reps=5, weight=135.0, unit="lb"),
                SetRecord("bench ", 0, 2, 2, reps=3, weight=140.0, unit="lb", set_type="warmup")),
            one("2026-01-12", SetRecord("Bench", 0, 1, 1, reps=12)),
            one("2026-01-15", SetRecord("Bench", 0, 1, 1, reps=5, weight=137.5, unit="lb"),
                SetRecord("Side plank", 1, 1, 1, hold_seconds=30.0,
                          sides=[Part("left", hold_seconds=30.0), Part("right", hold_seconds=25.5)]))]


@pytest.fixture
def store(tmp_path) -> Store:
    s = Store(tmp_path / "data")
    s.save_many(months_of_training(TODAY) + mixed_units())
    return s


def fresh(store: Store) -> Store:
    """The history as the next start reads it: nothing parsed yet."""
    s = Store(store.dir)
    s.load()
    return s


def reference(store: Store) -> dict:
    return tracks(fresh(store).recent())


def test_the_cache_gives_the_same_tracks_as_reading_every_set(store, tmp_path):
    cache = FiguresCache(tmp_path / "cache" / "figures.json")
    cold = cache.tracks(fresh(store))
    assert cache.rebuilt and cache.path.exists()
    warm_cache = FiguresCache(cache.path)
    warm = warm_cache.tracks(fresh(store))
    assert not warm_cache.rebuilt
    expected = reference(store)
    assert cold == expected and warm == expected
    assert list(warm) == list(expected)
    assert warm["bench"].unit == "lb" and warm["leg press"].unit == "kg"


def test_only_new_or_changed_sessions_are_read(store, tmp_path, monkeypatch):
    path = tmp_path / "figures.json"
    cached_tracks(fresh(store), path)
    read: list[str] = []
    real = progress_cache.figures_of

    def counting(session: Session) -> list:
        read.append(session.id)
        return real(session)

    monkeypatch.setattr(progress_cache, "figures_of", counting)
    cached_tracks(fresh(store), path)
    assert read == []
    extra = Session(id="new-one", routine="Gym", kind="gym", started="2026-11-26T07:00:00", status="completed",
                    sets=[SetRecord("Calf raises", 0, 1, 1, reps=20, weight=40.0)])
    store.save(extra)
    found = cached_tracks(fresh(store), path)
    assert read == ["new-one"]
    assert found == reference(store) and found["calf raises"].points[-1].top_weight == 40.0


def test_a_session_edited_by_hand_is_recomputed(store, tmp_path):
    path = tmp_path / "figures.json"
    before = cached_tracks(fresh(store), path)
    history = store.dir / "history.json"
    lines = history.read_text("utf-8").split("\n")
    [n] = [i for i, line in enumerate(lines) if '"id":"mixed-2026-01-15"' in line]
    lines[n] = re.sub(r'"weight":137\.5', '"weight":150.0', lines[n], count=1)
    history.write_text("\n".join(lines), "utf-8")
    after = cached_tracks(fresh(store), path)
    assert after == reference(store) != before
    assert after["bench"].points[-1].top_weight == 150.0


@pytest.mark.parametrize("damage", [
    b"", b"{not json", b"[]", b'{"version": "0/0/0", "sessions": {}}', b"\x00\xff garbage", b'{"sessions": 1}',
])
def test_a_damaged_or_foreign_cache_file_is_ignored_and_made_again(store, tmp_path, damage):
    path = tmp_path / "figures.json"
    path.write_bytes(damage.replace(b"0/0/0", b"0/0/0" if b"0/0/0" not in damage else b"0/2/0.0.1"))
    cache = FiguresCache(path)
    assert cache.tracks(fresh(store)) == reference(store)
    assert cache.rebuilt
    assert json.loads(path.read_text("utf-8"))["version"] == progress_cache.version_tag()


def test_malformed_figures_under_the_right_hashes_are_dropped(store, tmp_path):
    """Figures that parse as JSON but not as figures (a hand-edited cache) make the whole file be made again."""
    path = tmp_path / "figures.json"
    cached_tracks(fresh(store), path)
    data = json.loads(path.read_text("utf-8"))
    for entry in data["sessions"].values():
        if entry[1] is not None:
            entry[1][2] = [["bench", "Bench", 0, 0, {"kg": [1, 2]}]]
    path.write_text(json.dumps(data), "utf-8")
    cache = FiguresCache(path)
    assert cache.tracks(fresh(store)) == reference(store)
    assert cache.rebuilt


def test_a_session_whose_sets_cannot_be_read_is_passed_over(store, tmp_path):
    path = tmp_path / "figures.json"
    history = store.dir / "history.json"
    lines = history.read_text("utf-8").split("\n")
    [n] = [i for i, line in enumerate(lines) if '"id":"mixed-2026-01-08"' in line]
    lines[n] = re.sub(r'"reps":5', '"reps":"five"', lines[n], count=1)
    history.write_text("\n".join(lines), "utf-8")
    expected = reference(store)
    assert len(fresh(store).sessions()) == len(months_of_training(TODAY)) + 4  # listed, but its sets unreadable
    assert [p.session_id for p in expected["bench"].points] == ["mixed-2026-01-05", "mixed-2026-01-12",
                                                                 "mixed-2026-01-15"]
    assert cached_tracks(fresh(store), path) == expected
    assert json.loads(path.read_text("utf-8"))["sessions"]["mixed-2026-01-08"][1] is None
    assert cached_tracks(fresh(store), path) == expected  # remembered as unreadable, still passed over


def test_the_cache_file_is_private(store, tmp_path):
    path = tmp_path / "cache" / "progress" / "figures.json"
    old = os.umask(0)
    try:
        cached_tracks(fresh(store), path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_the_default_cache_is_in_the_user_cache_dir_one_per_history(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    a, b = progress_cache.default_path(tmp_path / "a"), progress_cache.default_path(tmp_path / "b")
    assert a.parent == tmp_path / "xdg" / "runtrainer" / "progress" and a != b
