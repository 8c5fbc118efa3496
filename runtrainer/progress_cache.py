"""The progress figures of every session, kept between runs so the history screen need not read every set.

Working out the tracks (``progress.tracks``) needs each session's sets, and parsing 10,000 sessions' sets takes
seconds. This keeps, per session, the little that ``tracks`` takes from it: each exercise's name as written, how
many of its weighted sets were in kg and in lb, and its ``Point`` in the units its sets used (``figures``), and in
the unit of the exercise's track when that is another (worked out when first needed). A session is recomputed only
when its JSON text as stored changed (a hash of it is kept with the figures: a hand-edited history is seen); one
that cannot be read is remembered as such and passed over, as ``Store.recent`` does.

The cache is one JSON file in the user cache dir (``platformdirs``), one per data dir: read once (by msgspec, into
the figures' types: ``Figures``), written atomically (0600) when something changed. A file that is damaged, or was
written by another version, is ignored and made again. It is a cache only: when it cannot be written the figures
are still right, just slower next time. Never imports textual.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
from collections.abc import Callable, Collection, Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from runtrainer.figures import point_in, session_figures
from runtrainer.progress import Point, Side, Track
from runtrainer.store import SCHEMA_VERSION, Store, history_file
from runtrainer.store.decode import for_figures, session_from_text
from runtrainer.store.files import atomic_write, make_private_dir

CACHE_VERSION = 3
"""Bumped whenever what is kept, or how a point is worked out, changes (2: a converted weight is rounded to
``units.DECIMALS``, as the exports round it; 3: ``text_hash`` is SHA-1, not BLAKE2b)."""


def default_path(data_dir: Path) -> Path:
    """The cache file of ``data_dir``'s history: one per data dir, in the user cache dir."""
    import platformdirs

    where = hashlib.blake2b(str(data_dir.expanduser().resolve()).encode("utf-8", "surrogatepass"),
                            digest_size=8).hexdigest()
    return Path(platformdirs.user_cache_dir("runtrainer")) / "progress" / f"figures-{where}.json"


@cache
def version_tag() -> str:
    from runtrainer import get_version

    return f"{CACHE_VERSION}/{SCHEMA_VERSION}/{get_version()}"


def text_hash(raw: str) -> str:
    """Tells a session's stored text changed (a hand edit), nothing more: SHA-1 is about twice as fast as BLAKE2b
    here (OpenSSL's, with the CPU's SHA instructions where it has them; CPython's BLAKE2b has none), and hashing
    every session's text was a tenth of making the cache. Not a defence against anyone: whoever can write the
    cache can write the figures in it."""
    found = _SHA1.copy()  # a copy of a made hash: its set-up not paid again for each session (~0.5 µs of ~2.6)
    found.update(raw.encode("utf-8", "surrogatepass"))
    return found.hexdigest()


_SHA1 = hashlib.sha1(usedforsecurity=False)


def figures_of(session: Any) -> list[Any]:
    """What ``progress.tracks`` takes from one session (the same grouping, names and unit counts), as kept in
    the file: [started, day, [[key, name, kg sets, lb sets, {unit: point}], ...]], each exercise's point in the
    units its sets used (the other one added when its track turns out to be in it); an exercise none of whose sets
    had a weight has one point, for either unit (unit ""). Worked out by ``figures.session_figures``."""
    return session_figures(session)


Fill = Callable[[str, str, str], list[Any]]
"""(session id, exercise key, unit) -> the session's point of that exercise in that unit (``figures.point_in``)."""


Choose = Callable[[list[str]], Collection[str]]
"""The exercises' keys -> those whose points are wanted (`runtrainer stats EXERCISE` shows one)."""


def tracks_of(figures: list[tuple[str, Any]], fill: Fill | None = None,
              choose: Choose | None = None) -> dict[str, Track]:
    """``progress.tracks`` of the sessions these figures are of: (session id, ``figures_of`` it, or as ``read``
    gives it), in the store's order (newest first). A point missing in its track's unit is asked of ``fill`` and
    added to the figures (without ``fill``: KeyError). ``choose``: only the tracks it names get their points (the
    others are there with their names and no point). Raises ValueError, TypeError, KeyError or IndexError when a
    figure is malformed."""
    grouped: dict[str, list[tuple[Any, date, str]]] = {}
    names: dict[str, str] = {}
    kg: dict[str, int] = {}
    lb: dict[str, int] = {}
    days: dict[str, date] = {}
    for session_id, (started, day, exercises) in sorted(figures, key=lambda f: f[1][0]):
        if not isinstance(started, str):
            raise TypeError("started")
        when = days.get(day)
        if when is None:
            when = days[day] = date.fromisoformat(day)
        for key, name, n_kg, n_lb, points in exercises:
            found = grouped.get(key)
            if found is None:
                grouped[key] = [(points, when, session_id)]
                kg[key] = lb[key] = 0
            else:
                found.append((points, when, session_id))
            names[key] = name
            kg[key] += n_kg
            lb[key] += n_lb
    out: dict[str, Track] = {}
    wanted = None if choose is None else choose(list(grouped))
    for k, items in grouped.items():
        unit = "lb" if lb[k] > kg[k] else "kg"
        made: list[Point] = []
        for points, when, session_id in items if wanted is None or k in wanted else ():
            v = points.get(unit) or points.get("")
            if v is None:
                if fill is None:
                    raise KeyError(unit)
                v = points[unit] = fill(session_id, k, unit)
            made.append(point_from(v, when, session_id))
        out[str(k)] = Track(str(names[k]), unit, made)
    return out


def point_from(v: Any, day: date, session_id: str) -> Point:
    """A point as ``figures.session_figures`` makes it, or as ``read`` checked it."""
    sets, reps, volume, top, at_top, e1rm, e1rm_set, hold, by_weight, left, right = v
    if (top is None) is not (at_top is None) or (e1rm is None) is not (e1rm_set is None):
        raise ValueError("a figure is missing")  # a number past a float's range (a weight of 1e308) is written null
    return Point(day, session_id, sets, reps, volume, top, at_top, e1rm, e1rm_set, hold, by_weight,
                 None if left is None else Side(*left), None if right is None else Side(*right))


# --- the file ---------------------------------------------------------------------------------------------

SideFigures = tuple[int, float, float]
PointFigures = tuple[int, int, float, float | None, int | None, float | None, tuple[float, int] | None, float | None,
                     tuple[tuple[float, int], ...], SideFigures | None, SideFigures | None]
"""A point as the file keeps it: sets, reps, volume, top weight, reps at it, estimated 1RM, (its weight, reps), the
longest hold, ((weight, most reps), ...), left and right (reps, load, longest hold)."""
Figures = tuple[str, str, tuple[tuple[str, str, int, int, dict[str, PointFigures]], ...]]
"""One session's figures (``figures_of``)."""


@cache
def _file_decoder() -> Any:
    """msgspec's decoder of the whole file into the figures' types, every number checked in C (the figures were
    checked one by one in Python: two thirds of a warm read)."""
    import msgspec

    class File(msgspec.Struct, gc=False):
        version: str
        sessions: dict[str, tuple[str, Figures | None]]
        history: Any = None

    return msgspec.json.Decoder(File)


def _checked(sessions: Any) -> dict[str, Any]:
    """The file's sessions checked in Python, as ``_file_decoder`` checks them (when msgspec is missing)."""
    if not isinstance(sessions, dict):
        raise TypeError("sessions")
    out: dict[str, Any] = {}
    for session_id, (digest, found) in sessions.items():
        if found is not None:
            started, day, exercises = found
            found = (str(started), str(day), tuple(
                (str(key), str(name), int(n_kg), int(n_lb), {str(u): _checked_point(p) for u, p in points.items()})
                for key, name, n_kg, n_lb, points in exercises))
        out[str(session_id)] = (str(digest), found)
    return out


def _checked_side(s: Any) -> SideFigures | None:
    if s is None:
        return None
    reps, load, hold = s
    return int(reps), float(load), float(hold)


def _checked_point(v: Any) -> PointFigures:
    sets, reps, volume, top, at_top, e1rm, e1rm_set, hold, by_weight, left, right = v
    return (int(sets), int(reps), float(volume), _number(top), None if at_top is None else int(at_top), _number(e1rm),
            (float(e1rm_set[0]), int(e1rm_set[1])) if e1rm_set else None, _number(hold),
            tuple((float(w), int(r)) for w, r in by_weight), _checked_side(left), _checked_side(right))


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

    def read(self) -> dict[str, Any]:
        """Session id -> (hash, figures as stored (None: its sets cannot be read)); empty when unusable."""
        self.rebuilt = True
        try:
            text = self.path.read_bytes()
        except OSError:
            return {}
        try:
            decoder = _file_decoder()
        except ImportError:  # pragma: no cover - no msgspec: the standard library, and the figures checked in Python
            decoder = None
        try:
            if decoder is not None:
                data = decoder.decode(text)
                version, sessions, history = data.version, data.sessions, data.history
            else:  # pragma: no cover
                data = history_file.loads(text.decode("utf-8"))
                if not isinstance(data, dict) or data.get("version") != version_tag():
                    return {}
                version, sessions, history = data["version"], _checked(data.get("sessions")), data.get("history")
        except (UnicodeDecodeError, ValueError, TypeError, KeyError):  # msgspec's errors are ValueErrors
            return {}
        if version != version_tag():
            return {}
        self.rebuilt = False
        self.history = history
        kept: dict[str, Any] = sessions
        return kept

    def write(self, entries: dict[str, list[Any]], history: Any = None) -> None:
        try:
            make_private_dir(self.path.parent)
            atomic_write(self.path, _encoded({"version": version_tag(), "history": history, "sessions": entries}))
        except (OSError, ValueError):
            return  # a cache only: the figures are right without it

    def tracks(self, store: Store, history: Any = None, choose: Choose | None = None) -> dict[str, Track]:
        """Every exercise's track in ``store`` (as ``progress.tracks(store.recent())``), from the cache where a
        session's text is unchanged; sessions new or changed since are read and the file is written again. A
        cache whose figures turn out malformed is dropped and made again. ``history``: the signature of the
        history.json ``store`` read whole and cleanly, kept with the figures (see ``self.history``). ``choose``: see
        ``tracks_of``."""
        with gc_paused():
            old = self.read()
            try:
                return self._tracks(store, old, history, choose)
            except (ValueError, TypeError, KeyError, IndexError, AttributeError):
                self.rebuilt = True
                return self._tracks(store, {}, history, choose)

    def _tracks(self, store: Store, old: dict[str, list[Any]], history: Any = None,
                choose: Choose | None = None) -> dict[str, Track]:
        new: dict[str, list[Any]] = {}
        figures: list[tuple[str, list[Any]]] = []
        self.unreadable = []
        changed = False
        for session_id, raw in store.raw_texts():
            digest = text_hash(raw)
            kept = old.get(session_id)
            if kept is not None and kept[0] == digest:
                new[session_id] = kept
                if kept[1] is not None:  # None: its sets cannot be read, and it is still the same text
                    figures.append((session_id, kept[1]))
                else:
                    self.unreadable.append(session_id)
                continue
            changed = True
            try:
                found = figures_of(for_figures(raw) or session_from_text(raw, set_times=False))  # checked as the
                # store checks it (in C); the sets' own times are never looked at here
            except (ValueError, TypeError, KeyError):
                new[session_id] = [digest, None]
                self.unreadable.append(session_id)
                continue
            new[session_id] = [digest, found]
            figures.append((session_id, found))
        filled: list[str] = []

        def fill(session_id: str, key: str, unit: str) -> list[Any]:
            filled.append(session_id)
            return point_in(store.parse(session_id, set_times=False), key, unit)

        out = tracks_of(figures, fill, choose)
        history = history if history is not None and not self.unreadable else None
        if changed or filled or len(new) != len(old) or history != self.history:
            self.write(new, history)
        return out


def _encoded(data: dict[str, Any]) -> bytes:
    """The file's bytes: msgspec writes them in C (``json.dumps`` took 1.4 s of a first run at 100,000 sessions),
    the same JSON as ``json.dumps`` wrote, read back the same; ``json.dumps`` when msgspec is missing. Text UTF-8
    cannot hold (a lone surrogate from a hand-edited history) raises ValueError, and the file is not written, as
    before. msgspec writes a number past a float's range as null where ``json.dumps`` refused it: ``point_from`` sees
    the figure missing and the file is made again, as when it was never written."""
    try:
        import msgspec

        return msgspec.json.encode(data)
    except (ImportError, ValueError):
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


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
