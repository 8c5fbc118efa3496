"""The session in progress: a small journal file per session, under a lock its process holds for the
session's life. A journal whose lock is free belongs to a process that died (crash, kill -9, power loss): the
next start offers to resume it or keep it as ended early. Never imports textual.

Nothing a journal holds is deleted unread: one that cannot be read or folded in is renamed to
``<id>.json.corrupt-<time>`` and the runner is told.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks; a journal is then never "in use elsewhere"
    fcntl = None  # type: ignore[assignment]

from runtrainer.reading import read_regular
from runtrainer.store.files import StoreError, alive, atomic_write, make_private_dir, open_private, set_aside, why
from runtrainer.store.history_file import dumps, loads
from runtrainer.store.model import Session

JOURNAL_DIR = "in-progress"
MAX_JOURNAL_BYTES = 50_000_000
"""A journal holds one session (a few kB); anything bigger is not one of ours, and is not read whole."""
FINISHED = ("completed", "ended_early")


class Journals:
    def __init__(self, folder: Path, tell: Any) -> None:
        self.dir = folder
        self._tell = tell
        """Called with one plain sentence for the runner (a journal set aside, say)."""
        self._held: dict[str, IO[bytes]] = {}

    def path(self, session_id: str) -> Path:
        return self.dir / f"{session_id}.json"

    def holds(self, session_id: str) -> bool:
        return session_id in self._held

    def begin(self, session: Session) -> None:
        """Hold the session's lock for as long as this process lives, and journal it."""
        if session.id not in self._held:
            try:
                make_private_dir(self.dir)
                lock = os.fdopen(open_private(self.dir / f"{session.id}.lock", os.O_WRONLY | os.O_CREAT), "wb")
            except OSError as exc:
                raise StoreError(why(exc, self.dir)) from None
            if fcntl is not None:
                try:
                    fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    lock.close()
                    raise StoreError(f"the session {session.id[:8]} is open in another runtrainer") from None
            self._held[session.id] = lock
        self.write(session)

    def write(self, session: Session) -> None:
        """Save the session in progress (after every set): small and atomic."""
        try:
            make_private_dir(self.dir)
            data = session.to_json()
            import socket  # here: reading a history need not import it

            data["host"] = socket.gethostname()
            data["pid"] = os.getpid()
            atomic_write(self.path(session.id), dumps(data))
        except (OSError, ValueError) as exc:
            raise StoreError(why(exc, self.dir) if isinstance(exc, OSError) else str(exc)) from None

    def release(self, session_id: str, remove: bool) -> None:
        if remove:
            for path in (self.path(session_id), self.dir / f"{session_id}.lock"):
                with contextlib.suppress(OSError):
                    path.unlink()
        lock = self._held.pop(session_id, None)
        if lock is not None:
            lock.close()
        if not remove:
            with contextlib.suppress(OSError):
                (self.dir / f"{session_id}.lock").unlink()

    def set_aside(self, path: Path, what: str) -> None:
        """Keep a journal that cannot be used under a backup name, and say so (never delete it unread)."""
        try:
            backup = set_aside(path)
        except OSError as exc:
            self._tell(f"{path}: {what}; it could not be moved aside ({exc.strerror}) and is left where it is.")
            return
        self._tell(f"A saved workout could not be read ({what}). It was kept as {backup}.")

    def read_all(self) -> Iterator[tuple[Path, dict[str, Any]]]:
        """Every journal that reads as a session object (the others are set aside, with a notice)."""
        try:
            if not self.dir.is_dir():
                return
            paths = sorted(self.dir.glob("*.json"))
        except OSError as exc:
            self._tell(f"{self.dir}: unfinished workouts cannot be looked for ({exc.strerror}).")
            return
        for path in paths:
            try:
                data = loads(read_regular(path, MAX_JOURNAL_BYTES).decode("utf-8"))
                if not isinstance(data, dict):
                    raise ValueError(f"it holds {type(data).__name__}, not a session")
                Session.from_json({k: v for k, v in data.items() if k not in ("host", "pid")})
            except (OSError, UnicodeDecodeError) as exc:
                self._tell(f"{path}: a session journal could not be read ({exc}); the file is left where it is.")
                continue
            except (ValueError, TypeError) as exc:
                self.set_aside(path, str(exc))
                continue
            data.pop("host", None)
            data.pop("pid", None)
            yield path, data

    def pending(self) -> list[tuple[Path, dict[str, Any]]]:
        """Finished sessions still in their journals, waiting to be folded into history.json."""
        return [(p, d) for p, d in self.read_all() if d.get("status") in FINISHED]

    def orphans(self) -> list[Session]:
        """Sessions in progress whose process is gone (crash, kill -9, closed lid that never woke)."""
        found: list[Session] = []
        for path, data in self.read_all():
            if data.get("status", "in_progress") != "in_progress" or path.stem in self._held:
                continue
            if self._locked_elsewhere(path.stem):
                continue  # another runtrainer is running this session right now
            found.append(Session.from_json(data))
        return found

    def _locked_elsewhere(self, session_id: str) -> bool:
        lock_path = self.dir / f"{session_id}.lock"
        if fcntl is None or not lock_path.exists():
            return False
        try:
            with open(lock_path, "rb") as probe:
                fcntl.flock(probe.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            return exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES)
        return False

    def sweep(self) -> None:
        """Remove half-written temporaries left by writers that died (their process is gone)."""
        sweep_temporaries(self.dir, "*.json")


def sweep_temporaries(folder: Path, pattern: str) -> None:
    for tmp in folder.glob(f".{pattern}.*.tmp"):
        parts = tmp.name.rsplit(".", 3)  # .<name>.<pid>.<random>.tmp
        try:
            pid = int(parts[1])
        except (IndexError, ValueError):
            continue
        if pid != os.getpid() and not alive(pid):
            with contextlib.suppress(OSError):
                tmp.unlink()
