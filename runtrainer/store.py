"""History on disk: one JSON file of finished sessions, plus a small journal file per session in progress.

Never imports textual. Nothing the runner recorded is overwritten or dropped silently:

* Every write is atomic: a temporary file in the same directory, flushed and fsynced, ``os.replace``d over
  the old one, then the directory fsynced. A crash leaves the old file or the new one, never half of one.
* Writers take an exclusive lock (``history.lock``), re-read the file, merge their sessions in by id and write;
  two instances open at once keep each other's sessions.
* The session in progress is journalled after every set to ``in-progress/<id>.json`` (small, so fast), under
  a lock its process holds for the session's life. A journal whose lock is free belongs to a process that
  died (crash, kill -9, power loss): the next start offers to resume it or keep it as ended early.
* A history file that cannot be read is moved aside to a timestamped backup, and the runner is told which
  file, what was wrong and where the backup is. A file from a newer runtrainer is left alone: sessions then
  stay in their journals until a version that understands the file merges them.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: locking falls back to O_EXCL lock files
    fcntl = None  # type: ignore[assignment]

SCHEMA_VERSION = 1
HISTORY_FILE = "history.json"
JOURNAL_DIR = "in-progress"


class StoreError(Exception):
    """The store cannot be written where it is (read-only, full disk, not a directory...)."""


@dataclass
class SetEntry:
    exercise: str
    set_number: int
    set_count: int
    side: str | None = None
    target_low: int | None = None
    target_high: int | None = None
    reps: int | None = None
    hold_seconds: float | None = None
    weight: float | None = None
    unit: str = "kg"
    rest_seconds: float | None = None
    """Rest actually taken after this set (filled in when the next set starts)."""
    duration_seconds: float = 0.0
    completed: bool = True
    skipped: bool = False
    rpe: float | None = None
    notes: str = ""
    ended: str = ""
    """Local time with UTC offset, ISO 8601."""

    def to_json(self) -> dict[str, Any]:
        """Only what differs from the defaults: ten years of sets stay small on disk."""
        out: dict[str, Any] = {}
        for k, v in self.__dict__.items():
            if v is None or v == "" or (k == "unit" and v == "kg") or (k == "completed" and v is True) \
                    or (k == "skipped" and v is False) or (k == "duration_seconds" and v == 0):
                continue
            out[k] = v
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SetEntry:
        entry = cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})
        _check_types(entry)
        return entry


@dataclass
class Session:
    id: str
    routine: str
    kind: str
    started: str
    ended: str = ""
    status: str = "in_progress"
    """"completed", "ended_early" or "in_progress"."""
    active_seconds: float = 0.0
    paused_seconds: float = 0.0
    planned_sets: int = 0
    routine_id: str = ""
    notes: str = ""
    sets: list[SetEntry] = field(default_factory=list)

    @classmethod
    def new(cls, routine: str, kind: str, planned_sets: int, routine_id: str = "") -> Session:
        import uuid  # here, not at the top: it costs start-up 2 ms and only a workout needs it

        return cls(id=uuid.uuid4().hex, routine=routine, kind=kind, started=now_iso(), planned_sets=planned_sets,
                   routine_id=routine_id)

    @property
    def started_at(self) -> datetime:
        return datetime.fromisoformat(self.started)

    @property
    def sets_done(self) -> int:
        return sum(1 for s in self.sets if s.completed and not s.skipped)

    def to_json(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "sets"}
        data["sets"] = [s.to_json() for s in self.sets]
        return data

    @classmethod
    def from_json(cls, data: Any) -> Session:
        if not isinstance(data, dict):
            raise ValueError(f"a session is {type(data).__name__}, expected an object")
        missing = [k for k in ("id", "routine", "kind", "started") if k not in data]
        if missing:
            raise ValueError(f"a session has no {', '.join(missing)}")
        raw_sets = data.get("sets", [])
        if not isinstance(raw_sets, list) or not all(isinstance(s, dict) for s in raw_sets):
            raise ValueError(f"session {data.get('id')}: sets is not a list of objects")
        fields = {k: data[k] for k in cls.__dataclass_fields__ if k in data and k != "sets"}
        session = cls(**fields, sets=[SetEntry.from_json(s) for s in raw_sets])
        _check_types(session)
        datetime.fromisoformat(session.started)
        return session


_TYPES: dict[str, tuple[type, ...]] = {
    "exercise": (str,), "set_number": (int,), "set_count": (int,), "side": (str, type(None)),
    "target_low": (int, type(None)), "target_high": (int, type(None)), "reps": (int, type(None)),
    "hold_seconds": (int, float, type(None)), "weight": (int, float, type(None)), "unit": (str,),
    "rest_seconds": (int, float, type(None)), "duration_seconds": (int, float), "completed": (bool,),
    "skipped": (bool,), "rpe": (int, float, type(None)), "notes": (str,), "ended": (str,), "id": (str,),
    "routine": (str,), "kind": (str,), "started": (str,), "status": (str,), "active_seconds": (int, float),
    "paused_seconds": (int, float), "planned_sets": (int,), "routine_id": (str,),
}


def _check_types(obj: Any) -> None:
    for name, kinds in _TYPES.items():
        if hasattr(obj, name):
            value = getattr(obj, name)
            if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
                raise ValueError(f"{name} is {type(value).__name__} ({value!r:.30}), expected "
                                 f"{' or '.join(k.__name__ for k in kinds)}")


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


# --- the file system, carefully -------------------------------------------------------------------------

def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash at any moment leaves the old file or the new one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(3).hex()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path`` (created if needed), held for the block."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the flock


@dataclass
class Notice:
    """Something the runner must be told about their history (shown once, plainly)."""

    message: str


@dataclass(frozen=True)
class Summary:
    """One line of the history list: what the list, the goals and the charts need, without the sets."""

    id: str
    routine: str
    kind: str
    started: str
    status: str
    active_seconds: float
    planned_sets: int
    sets_done: int
    routine_id: str = ""


def _summary(data: dict[str, Any]) -> Summary:
    """Check a session's own fields (cheaply: its sets are checked when the session is opened)."""
    if not isinstance(data, dict):
        raise ValueError(f"a session is {type(data).__name__}, expected an object")
    for key in ("id", "routine", "kind", "started"):
        if key not in data:
            raise ValueError(f"a session has no {key}")
        if not isinstance(data[key], str):
            raise ValueError(f"{key} is {type(data[key]).__name__} ({data[key]!r:.30}), expected str")
    checks: tuple[tuple[str, tuple[type, ...]], ...] = (
        ("active_seconds", (int, float)), ("planned_sets", (int,)), ("status", (str,)))
    for key, kinds in checks:
        if key in data and (not isinstance(data[key], kinds) or isinstance(data[key], bool)):
            raise ValueError(f"{key} is {type(data[key]).__name__}, expected {kinds[0].__name__}")
    sets = data.get("sets", [])
    if not isinstance(sets, list) or not all(isinstance(x, dict) for x in sets):
        raise ValueError(f"session {data['id']}: sets is not a list of objects")
    datetime.fromisoformat(data["started"])
    done = sum(1 for x in sets if x.get("completed", True) is True and not x.get("skipped", False))
    return Summary(data["id"], data["routine"], data["kind"], data["started"], data.get("status", "completed"),
                   float(data.get("active_seconds", 0.0)), data.get("planned_sets", 0), done,
                   data.get("routine_id", ""))


_HEADER = f'{{"schema_version": {SCHEMA_VERSION}, "sessions": ['
_FOOTER = "]}"


class Store:
    """The history of sessions in ``data_dir``.

    For ten years of training (thousands of sessions) it keeps each session's JSON text and a small summary;
    a session's sets are parsed only when it is opened. The file holds one session per line, so a save is a
    join of the texts already in memory plus the new one, not a re-serialisation of everything.
    """

    def __init__(self, data_dir: Path) -> None:
        self.dir = data_dir
        self.path = data_dir / HISTORY_FILE
        self.journal_dir = data_dir / JOURNAL_DIR
        self.notices: list[Notice] = []
        self.read_only_reason = ""
        """Set when history.json must not be written (a newer schema, a symlink): sessions stay in journals."""
        self._summaries: dict[str, Summary] = {}
        self._raw: dict[str, str] = {}
        self._parsed: dict[str, Session] = {}
        self._seen: tuple[int, int, int] | None = None
        """(inode, size, mtime) of the file as last read or written: unchanged means no need to re-read."""
        self._held: dict[str, IO[bytes]] = {}
        self._loaded = False

    # --- reading ----------------------------------------------------------------------------------

    def load(self) -> list[Summary]:
        """Read the history (moving an unreadable file aside, with a notice); summaries newest first."""
        self._summaries, self._raw = self._read()
        self._parsed.clear()
        self._loaded = True
        for _, data in self.pending():
            if data.get("id") not in self._summaries:
                with contextlib.suppress(ValueError, TypeError):
                    self._add(data)
        return self.sessions()

    def reload_if_changed(self) -> list[Summary]:
        if self._signature() != self._seen:
            return self.load()
        return self.sessions()

    def sessions(self) -> list[Summary]:
        if not self._loaded:
            self.load()
        return sorted(self._summaries.values(), key=lambda s: s.started, reverse=True)

    def session(self, session_id: str) -> Session:
        """The whole session, sets and all (parsed now; raises ValueError if its sets are damaged)."""
        if session_id not in self._parsed:
            self._parsed[session_id] = Session.from_json(json.loads(self._raw[session_id]))
        return self._parsed[session_id]

    def recent(self, limit: int | None = None) -> Iterator[Session]:
        """Whole sessions, newest first, parsed as they are asked for (damaged ones are passed over)."""
        for n, summary in enumerate(self.sessions()):
            if limit is not None and n >= limit:
                return
            try:
                yield self.session(summary.id)
            except (ValueError, TypeError, KeyError):
                continue

    def all_sessions(self) -> list[Session]:
        return list(self.recent())

    def _signature(self) -> tuple[int, int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _read(self) -> tuple[dict[str, Summary], dict[str, str]]:
        self.read_only_reason = ""
        try:
            st = self.path.lstat()
        except FileNotFoundError:
            self._seen = None
            return {}, {}
        except OSError as exc:
            self.notices.append(Notice(f"Cannot read {self.path}: {exc.strerror}. History is not shown."))
            self.read_only_reason = f"{self.path} cannot be read"
            return {}, {}
        import stat

        if stat.S_ISLNK(st.st_mode):
            target = os.readlink(self.path)
            self.notices.append(Notice(f"{self.path} is a symbolic link (to {target}); runtrainer does not follow "
                                       "it. Replace it with the file itself. History is not shown."))
            self.read_only_reason = f"{self.path} is a symbolic link"
            return {}, {}
        if stat.S_ISDIR(st.st_mode):
            return self._set_aside("it is a directory, not a file")
        signature = (st.st_ino, st.st_size, st.st_mtime_ns)
        try:
            text = self.path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            return self._set_aside(f"it cannot be read as text ({exc})")
        if not text.strip():
            return self._set_aside("it is empty")
        lines = text.split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        summaries: dict[str, Summary] = {}
        raws: dict[str, str] = {}
        if len(lines) >= 2 and lines[0] == _HEADER and lines[-1] == _FOOTER:
            # Our own layout: one session per line. Parse line by line and keep each line's text.
            for i, line in enumerate(lines[1:-1]):
                body = line[:-1] if line.endswith(",") else line
                try:
                    data = json.loads(body)
                    summary = _summary(data)
                except json.JSONDecodeError as exc:
                    return self._set_aside(f"it is not valid JSON (line {i + 2}, column {exc.colno}: {exc.msg}; "
                                           "perhaps cut short)")
                except (ValueError, TypeError) as exc:
                    return self._set_aside(f"session {i + 1} is not right: {exc}")
                summaries[summary.id] = summary
                raws[summary.id] = body
            self._seen = signature
            return summaries, raws
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return self._set_aside(f"it is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}; "
                                   "perhaps cut short)")
        if not isinstance(data, dict):
            return self._set_aside(f"it holds a {type(data).__name__}, expected an object with schema_version")
        version = data.get("schema_version")
        if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
            self.notices.append(Notice(
                f"{self.path} was written by a newer runtrainer (schema {version}; this one reads {SCHEMA_VERSION}). "
                "It is left untouched; new sessions are kept in "
                f"{self.journal_dir} until a newer runtrainer merges them."))
            self.read_only_reason = "written by a newer runtrainer"
            return {}, {}
        if version != SCHEMA_VERSION:
            return self._set_aside(f"schema_version is {version!r}, expected {SCHEMA_VERSION}")
        raw_sessions = data.get("sessions")
        if not isinstance(raw_sessions, list):
            return self._set_aside("sessions is missing or not a list")
        for i, raw in enumerate(raw_sessions):
            try:
                summary = _summary(raw)
            except (ValueError, TypeError) as exc:
                return self._set_aside(f"session {i + 1} is not right: {exc}")
            summaries[summary.id] = summary
            raws[summary.id] = json.dumps(raw, ensure_ascii=False, separators=(",", ":"))
        self._seen = signature
        return summaries, raws

    def _set_aside(self, what: str) -> tuple[dict[str, Summary], dict[str, str]]:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while backup.exists():
            n += 1
            backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        try:
            os.rename(self.path, backup)
        except OSError as exc:
            self.notices.append(Notice(f"{self.path} is damaged ({what}) and could not be moved aside "
                                       f"({exc.strerror}); it is left as it is and nothing will be written over it."))
            self.read_only_reason = f"{self.path} is damaged"
            return {}, {}
        self._seen = None
        self.notices.append(Notice(f"{self.path} could not be read: {what}. It was kept as {backup}; "
                                   "a new history starts now."))
        return {}, {}

    # --- writing ----------------------------------------------------------------------------------

    def _ensure_dir(self) -> None:
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(_why(exc, self.dir)) from None

    def _write(self) -> None:
        ordered = sorted(self._summaries.values(), key=lambda x: x.started)
        body = ",\n".join(self._raw[x.id] for x in ordered)
        atomic_write(self.path, f"{_HEADER}\n{body}\n{_FOOTER}\n" if body else f"{_HEADER}\n{_FOOTER}\n")
        self._seen = self._signature()

    def _catch_up(self) -> bool:
        """Under the lock, before writing: sweep dead writers' temporaries and re-read the file if another
        process wrote it since we last did. False when the file must not be written."""
        self._sweep_temporaries()
        if self._signature() != self._seen:
            summaries, raws = self._read()
            if self.read_only_reason:
                return False
            self._summaries, self._raw = summaries, raws
        return True

    def save(self, session: Session) -> None:
        """Merge one finished session into history.json (under the lock; re-read first if another process
        wrote since)."""
        if self.read_only_reason:
            self.journal(session)
            raise StoreError(f"{self.path} is not written ({self.read_only_reason}); the session is kept in "
                             f"{self._journal_path(session.id)}")
        self._ensure_dir()
        try:
            with locked(self.dir / "history.lock"):
                if not self._catch_up():
                    self.journal(session)
                    raise StoreError(f"{self.path}: {self.read_only_reason}")
                data = session.to_json()
                self._raw[session.id] = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
                self._summaries[session.id] = _summary(data)
                self._parsed.pop(session.id, None)
                self._write()
        except OSError as exc:
            raise StoreError(_why(exc, self.path)) from None

    def _sweep_temporaries(self) -> None:
        """Remove half-written temporaries left by a writer that died (its process is gone)."""
        for tmp in self.dir.glob(f".{HISTORY_FILE}.*.tmp"):
            parts = tmp.name.split(".")
            try:
                pid = int(parts[3])
            except (IndexError, ValueError):
                continue
            if pid != os.getpid() and not _alive(pid):
                with contextlib.suppress(OSError):
                    tmp.unlink()

    def delete(self, session_id: str) -> None:
        """Remove one session (the runner asked to discard it, twice)."""
        self._ensure_dir()
        with locked(self.dir / "history.lock"):
            if not self._catch_up():
                raise StoreError(f"{self.path}: {self.read_only_reason}")
            self._summaries.pop(session_id, None)
            self._raw.pop(session_id, None)
            self._write()

    # --- the session in progress ------------------------------------------------------------------

    def _journal_path(self, session_id: str) -> Path:
        return self.journal_dir / f"{session_id}.json"

    def begin(self, session: Session) -> None:
        """Hold the session's lock for as long as this process lives, and journal it."""
        if session.id in self._held:  # already ours (resumed: adopted first, then begun by the recorder)
            self.journal(session)
            return
        try:
            self.journal_dir.mkdir(parents=True, exist_ok=True)
            lock = open(self.journal_dir / f"{session.id}.lock", "wb")  # noqa: SIM115 - held for the session
        except OSError as exc:
            raise StoreError(_why(exc, self.journal_dir)) from None
        if fcntl is not None:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        self._held[session.id] = lock
        self.journal(session)

    def journal(self, session: Session) -> None:
        """Save the session in progress (after every set): small and atomic."""
        try:
            self.journal_dir.mkdir(parents=True, exist_ok=True)
            data = session.to_json()
            data["host"] = socket.gethostname()
            data["pid"] = os.getpid()
            atomic_write(self._journal_path(session.id), json.dumps(data, ensure_ascii=False))
        except OSError as exc:
            raise StoreError(_why(exc, self.journal_dir)) from None

    def finish(self, session: Session) -> None:
        """The session is over: journal it with its final status (a small fsynced write, a couple of ms),
        and let go of it. It is part of the history from now on (``load`` reads finished journals too) and is
        folded into history.json by ``merge_pending``, off the runner's path (the app does it at start)."""
        self.journal(session)
        self.release(session.id, remove=False)
        with contextlib.suppress(OSError):
            (self.journal_dir / f"{session.id}.lock").unlink()
        self._add(session.to_json())

    def _add(self, data: dict[str, Any]) -> None:
        summary = _summary(data)
        self._summaries[summary.id] = summary
        self._raw[summary.id] = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        self._parsed.pop(summary.id, None)

    def _journals(self) -> Iterator[tuple[Path, dict[str, Any]]]:
        if not self.journal_dir.is_dir():
            return
        for path in sorted(self.journal_dir.glob("*.json")):
            try:
                data = json.loads(path.read_text("utf-8"))
                if not isinstance(data, dict):
                    raise ValueError("not an object")
            except (OSError, ValueError) as exc:
                self.notices.append(Notice(f"{path}: a session journal could not be read ({exc}); "
                                           "the file is left where it is."))
                continue
            data.pop("host", None)
            data.pop("pid", None)
            yield path, data

    def pending(self) -> list[tuple[Path, dict[str, Any]]]:
        """Finished sessions still in their journals, waiting to be folded into history.json."""
        return [(p, d) for p, d in self._journals() if d.get("status") in ("completed", "ended_early")]

    def merge_pending(self) -> int:
        """Fold finished journals into history.json (under the lock), then remove them. Returns how many."""
        waiting = self.pending()
        if not waiting or self.read_only_reason:
            return 0
        self._ensure_dir()
        try:
            with locked(self.dir / "history.lock"):
                if not self._catch_up():
                    return 0
                for _, data in waiting:
                    try:
                        self._add(data)
                    except (ValueError, TypeError) as exc:
                        self.notices.append(Notice(f"A finished session could not be added: {exc}"))
                self._write()
        except OSError as exc:
            raise StoreError(_why(exc, self.path)) from None
        for path, _ in waiting:
            with contextlib.suppress(OSError):
                path.unlink()
        return len(waiting)

    def release(self, session_id: str, remove: bool) -> None:
        if remove:
            for path in (self._journal_path(session_id), self.journal_dir / f"{session_id}.lock"):
                with contextlib.suppress(OSError):
                    path.unlink()
        lock = self._held.pop(session_id, None)
        if lock is not None:
            lock.close()

    def orphans(self) -> list[Session]:
        """Sessions in progress whose process is gone (crash, kill -9, closed lid that never woke)."""
        found: list[Session] = []
        if not self.journal_dir.is_dir():
            return found
        for path in sorted(self.journal_dir.glob("*.json")):
            session_id = path.stem
            if session_id in self._held:
                continue
            try:
                if json.loads(path.read_text("utf-8")).get("status", "in_progress") != "in_progress":
                    continue  # finished, waiting to be merged: not something to resume
            except (OSError, ValueError, AttributeError):
                pass
            lock_path = self.journal_dir / f"{session_id}.lock"
            if fcntl is not None and lock_path.exists():
                try:
                    with open(lock_path, "rb") as probe:
                        fcntl.flock(probe.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError as exc:
                    if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                        continue  # another runtrainer is running this session right now
            try:
                data = json.loads(path.read_text("utf-8"))
                found.append(Session.from_json({k: v for k, v in data.items() if k not in ("host", "pid")}))
            except (OSError, ValueError, TypeError) as exc:
                self.notices.append(Notice(f"{path}: an unfinished session could not be read ({exc}); "
                                           "the file is left where it is."))
        return found

    def adopt(self, session: Session) -> None:
        """Take over an orphaned session (to resume it) by holding its lock."""
        self.begin(session)

    def last_weight(self, exercise: str) -> tuple[float, str] | None:
        for session in self.recent(limit=200):
            for entry in reversed(session.sets):
                if entry.exercise == exercise and entry.weight is not None:
                    return entry.weight, entry.unit
        return None

    def overload_suggestion(self, exercise: str) -> tuple[float, str] | None:
        """If all target reps were done at the same weight the last two times, the next step up."""
        times: list[tuple[float, str, bool]] = []
        for session in self.recent(limit=200):
            sets = [s for s in session.sets if s.exercise == exercise and not s.skipped]
            if not sets or any(s.weight is None for s in sets):
                continue
            weight = sets[-1].weight
            assert weight is not None
            full = all(s.reps is not None and s.target_high is not None and s.reps >= s.target_high for s in sets)
            times.append((weight, sets[-1].unit, full))
            if len(times) == 2:
                break
        if len(times) == 2 and times[0][2] and times[1][2] and times[0][0] == times[1][0]:
            weight, unit = times[0][0], times[0][1]
            return weight + (2.5 if unit == "kg" else 5.0), unit
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _why(exc: OSError, where: Path) -> str:
    reasons = {errno.ENOSPC: "the disk is full", errno.EROFS: "the file system is read-only",
               errno.EACCES: "permission denied", errno.EPERM: "permission denied",
               errno.ENOTDIR: "a part of the path is not a directory", errno.EDQUOT: "over the disk quota"}
    return f"cannot write {where}: {reasons.get(exc.errno or 0, exc.strerror or str(exc))}"
