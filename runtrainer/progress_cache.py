"""The progress figures of every session, kept between runs so the history screen need not read every set.

Working out the tracks (``progress.tracks``) needs each session's sets, and parsing 10,000 sessions' sets takes
seconds. This keeps, per session, the little that ``tracks`` takes from it: each exercise's name as written, how
many of its weighted sets were in kg and in lb, and its ``Point`` in kg and in lb. A session is recomputed only
when its JSON text as stored changed (a hash of it is kept with the figures: a hand-edited history is seen); one
that cannot be read is remembered as such and passed over, as ``Store.recent`` does.

The cache is one JSON file in the user cache dir (``platformdirs``), one per data dir: read once, written
atomically (0600) when something changed. A file that is damaged, or was written by another version, is ignored
and made again. It is a cache only: when it cannot be written the figures are still right, just slower next time.
Never imports textual.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from runtrainer.history import session_day
from runtrainer.progress import Point, Side, Track, group_done, point_of
from runtrainer.store import SCHEMA_VERSION, Session, Store, history_file
from runtrainer.store.decode import session_from_text
from runtrainer.store.files import atomic_write, make_private_dir
from runtrainer.units import UNITS

CACHE_VERSION = 2
"""Bumped whenever what is kept, or how a point is worked out, changes (2: a converted weight is rounded to
``units.DECIMALS``, as the exports round it)."""


def default_path(data_dir: Path) -> Path:
    """The cache file of ``data_dir``'s history: one per data dir, in the user cache dir."""
    import platformdirs

    where = hashlib.blake2b(str(data_dir.expanduser().resolve()).encode("utf-8", "surrogatepass"),
                            digest_size=8).hexdigest()
    return Path(platformdirs.user_cache_dir("runtrainer")) / "progress" / f"figures-{where}.json"


def version_tag() -> str:
    from runtrainer import get_version

    return f"{CACHE_VERSION}/{SCHEMA_VERSION}/{get_version()}"


def text_hash(raw: str) -> str:
    return hashlib.blake2b(raw.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def figures_of(session: Session) -> list[Any]:
    """What ``progress.tracks`` takes from one session (the same grouping, names and unit counts), as kept in
    the file: [started, day, [[key, name, kg sets, lb sets, {unit: point}], ...]]. An exercise none of whose sets
    had a weight has one point, for either unit (unit "")."""
    names: dict[str, str] = {}
    units: dict[str, Counter[str]] = {}
    by_exercise = group_done(session, names, units)
    out = []
    for k, sets in by_exercise.items():
        counts = units.get(k, Counter())
        weighted = any(entry.weight for entry in sets)
        points = {u: point_of(session, sets, u) for u in UNITS} if weighted else {"": point_of(session, sets, "kg")}
        out.append([k, names[k], counts["kg"], counts["lb"], {u: _encode_point(p) for u, p in points.items()}])
    return [session.started, session_day(session).isoformat(), out]


def tracks_of(figures: list[tuple[str, list[Any]]]) -> dict[str, Track]:
    """``progress.tracks`` of the sessions these figures are of: (session id, ``figures_of`` it), in the store's
    order (newest first). Raises ValueError, TypeError, KeyError or IndexError when a figure is malformed."""
    grouped: dict[str, list[tuple[dict[str, Any], date, str]]] = {}
    names: dict[str, str] = {}
    kg: Counter[str] = Counter()
    lb: Counter[str] = Counter()
    for session_id, (started, day, exercises) in sorted(figures, key=lambda f: f[1][0]):
        if not isinstance(started, str):
            raise TypeError("started")
        when = date.fromisoformat(day)
        for key, name, n_kg, n_lb, points in exercises:
            grouped.setdefault(key, []).append((points, when, session_id))
            names[key] = str(name)
            kg[key] += int(n_kg)
            lb[key] += int(n_lb)
    out: dict[str, Track] = {}
    for k, items in grouped.items():
        unit = "lb" if lb[k] > kg[k] else "kg"
        out[str(k)] = Track(names[k], unit, [_decode_point(points[unit] if unit in points else points[""], when, sid)
                                             for points, when, sid in items])
    return out


# --- the file ---------------------------------------------------------------------------------------------

def _side(s: Side | None) -> list[float] | None:
    return None if s is None else [s.reps, s.load, s.hold]


def _encode_point(p: Point) -> list[Any]:
    return [p.sets, p.reps, p.volume, p.top_weight, p.reps_at_top, p.e1rm,
            list(p.e1rm_set) if p.e1rm_set else None, p.hold, [list(x) for x in p.reps_by_weight],
            _side(p.left), _side(p.right)]


def _decode_side(s: Any) -> Side | None:
    if s is None:
        return None
    reps, load, hold = s
    return Side(int(reps), float(load), float(hold))


def _decode_point(v: list[Any], day: date, session_id: str) -> Point:
    sets, reps, volume, top, at_top, e1rm, e1rm_set, hold, by_weight, left, right = v
    return Point(day=day, session_id=session_id, sets=int(sets), reps=int(reps), volume=float(volume),
                 top_weight=_number(top), reps_at_top=None if at_top is None else int(at_top), e1rm=_number(e1rm),
                 e1rm_set=(float(e1rm_set[0]), int(e1rm_set[1])) if e1rm_set else None, hold=_number(hold),
                 reps_by_weight=tuple((float(w), int(r)) for w, r in by_weight),
                 left=_decode_side(left), right=_decode_side(right))


def _number(x: Any) -> float | None:
    if x is None:
        return None
    if not isinstance(x, int | float):
        raise TypeError("not a number")
    return float(x)


class FiguresCache:
    """The cache file of one history. ``tracks(store)`` is the whole use: read, bring up to date, write back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.rebuilt = False
        """The file was missing, damaged or from another version (for tests and the benchmark)."""
        self.unreadable: list[str] = []
        """Sessions whose sets cannot be read, passed over (`runtrainer stats` says so, one line each)."""
        self.history: Any = None
        """history.json's ``index.signature`` the file was written for when it was read whole and cleanly (None:
        not known); then `runtrainer stats` may answer from the file alone while history.json is unchanged."""

    def read(self) -> dict[str, list[Any]]:
        """Session id -> [hash, figures as stored (None: its sets cannot be read)]; empty when unusable."""
        self.rebuilt = True
        try:
            data = history_file.loads(self.path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != version_tag():
            return {}
        sessions = data.get("sessions")
        if not isinstance(sessions, dict):
            return {}
        self.rebuilt = False
        self.history = data.get("history")
        return sessions

    def write(self, entries: dict[str, list[Any]], history: Any = None) -> None:
        text = json.dumps({"version": version_tag(), "history": history, "sessions": entries}, ensure_ascii=False,
                          separators=(",", ":"), allow_nan=False)
        try:
            make_private_dir(self.path.parent)
            atomic_write(self.path, text)
        except (OSError, ValueError):
            return  # a cache only: the figures are right without it

    def tracks(self, store: Store, history: Any = None) -> dict[str, Track]:
        """Every exercise's track in ``store`` (as ``progress.tracks(store.recent())``), from the cache where a
        session's text is unchanged; sessions new or changed since are read and the file is written again. A
        cache whose figures turn out malformed is dropped and made again. ``history``: the signature of the
        history.json ``store`` read whole and cleanly, kept with the figures (see ``self.history``)."""
        with gc_paused():
            old = self.read()
            try:
                return self._tracks(store, old, history)
            except (ValueError, TypeError, KeyError, IndexError, AttributeError):
                self.rebuilt = True
                return self._tracks(store, {}, history)

    def _tracks(self, store: Store, old: dict[str, list[Any]], history: Any = None) -> dict[str, Track]:
        new: dict[str, list[Any]] = {}
        figures: list[tuple[str, list[Any]]] = []
        self.unreadable = []
        changed = False
        for session_id, raw in store.raw_texts():
            digest = text_hash(raw)
            kept = old.get(session_id)
            if isinstance(kept, list) and len(kept) == 2 and kept[0] == digest:
                new[session_id] = kept
                if kept[1] is not None:  # None: its sets cannot be read, and it is still the same text
                    figures.append((session_id, kept[1]))
                else:
                    self.unreadable.append(session_id)
                continue
            changed = True
            try:
                found = figures_of(session_from_text(raw, set_times=False))  # checked as the store checks it (in C);
                # the sets' own times are never looked at here
            except (ValueError, TypeError, KeyError):
                new[session_id] = [digest, None]
                self.unreadable.append(session_id)
                continue
            new[session_id] = [digest, found]
            figures.append((session_id, found))
        out = tracks_of(figures)
        history = history if history is not None and not self.unreadable else None
        if changed or len(new) != len(old) or history != self.history:
            self.write(new, history)
        return out


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic collector off while the figures are read: they are many small objects and no cycles, and
    its passes over them took most of the time (1.3 s of 1.5 s with 10,000 sessions)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def cached_tracks(store: Store, path: Path | None = None) -> dict[str, Track]:
    """``progress.tracks`` of every readable session in ``store``, through the figures cache."""
    return FiguresCache(path or default_path(store.dir)).tracks(store)
