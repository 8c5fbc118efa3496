"""History on disk: one JSON file of finished sessions, plus a small journal file per session in progress.

Never imports textual. Nothing the runner recorded is overwritten or dropped silently:

* Every write is atomic (``files.atomic_write``): a crash leaves the old file or the new one, never half of one.
* Writers take an exclusive lock (``history.lock``), re-read the file, merge their sessions in by id and write;
  two instances open at once keep each other's sessions.
* The session in progress is journalled after every set (``journal.Journals``).
* ``index.json`` (``index``) keeps every session's summary and each routine's last day: start-up reads its first
  line, the history list its summaries, and a full read takes sessions' texts from history.json by line without
  parsing them. It is used only while history.json is the very file it was made from.
* history.json holds one session per line: a line that cannot be read (cut short, a bad field, an id seen on
  an earlier line: the first is kept) costs that session alone, named (file, line, why) at every read. Reads
  never move or rewrite the file; the next write keeps those lines verbatim in ``history.json.damaged-<time>``
  and says so (``rewrite``). A file not in that layout that cannot be read is left as it is by a read (one line says
  what is wrong); the next write first keeps it whole beside it (``history.json.corrupt-<time>``), saying so. A file
  from a newer runtrainer is left alone (sessions wait in their journals). Schema 1 and 2 files are read, and migrated
  at the next write with the old file kept as ``history.json.schema1`` (``.schema2``).

The store is used from two threads (the UI reads, the recorder's writer thread finishes sessions): the
in-memory maps are guarded by one lock.
"""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from runtrainer.store import history_file, index, rewrite
from runtrainer.store.decode import session_from_text
from runtrainer.store.files import Notice, StoreError, atomic_write, locked, make_private_dir, why
from runtrainer.store.journal import JOURNAL_DIR, Journals, sweep_temporaries
from runtrainer.store.model import SCHEMA_VERSION, Part, Session, SetRecord, Summary, now_iso, summary_of

HISTORY_FILE = "history.json"

__all__ = ["HISTORY_FILE", "JOURNAL_DIR", "SCHEMA_VERSION", "Notice", "Part", "Session", "SetRecord", "Store",
           "StoreError", "Summary", "now_iso"]


class Store:
    """The history of sessions in ``data_dir``: each session's JSON text and a small summary kept; a session's
    sets are parsed only when it is opened."""

    def __init__(self, data_dir: Path) -> None:
        self.dir = data_dir
        self.path = data_dir / HISTORY_FILE
        self.journals = Journals(data_dir / JOURNAL_DIR, self._tell)
        self.journal_dir = self.journals.dir
        self.notices: list[Notice] = []
        self.read_only_reason = ""
        """Set when history.json must not be written (a newer schema, a symlink): sessions stay in journals."""
        self.write_protected = False
        """history.json can be read but its owner took away the write permission (chmod 0400): it is shown, never
        written (an atomic replace would quietly undo the chmod)."""
        self._lock = threading.RLock()
        self._summaries: dict[str, Summary] = {}
        self._raw: dict[str, str] = {}
        self._parsed: dict[str, Session] = {}
        self._sorted: list[Summary] | None = None
        self._seen: tuple[int, int, int] | None = None
        """(inode, size, mtime) of the file as last read or written: unchanged means no need to re-read."""
        self._version = SCHEMA_VERSION
        self._header = history_file.HEADER
        self._bad: list[history_file.Bad] = []
        """Lines of history.json as last read that are not sessions: kept aside at the next write."""
        self._unreadable = ""
        """Why history.json as last read could not be read at all ("": it could): kept whole at the next write."""
        self.loaded = False
        """history.json has been read (start-up reads only index.json's first line: ``last_done``)."""

    def _tell(self, message: str) -> None:
        self.notices.append(Notice(message))

    # --- reading ----------------------------------------------------------------------------------

    def load(self) -> list[Summary]:
        """Read the history (moving an unreadable file aside, with a notice); summaries newest first."""
        summaries, raws = self._read()
        self.journals.sweep()  # half-written temporaries of writers that died
        with self._lock:
            self._summaries, self._raw = summaries, raws
            self._parsed.clear()
            self._sorted = None
            self.loaded = True
            self._take_pending()
        return self.sessions()

    def reload_if_changed(self) -> list[Summary]:
        """Read again if another runtrainer wrote history.json since; the sessions it finished since and left in
        their journals (folded in at a next start) are taken either way."""
        if self._signature() != self._seen:
            return self.load()
        self._take_pending()
        return self.sessions()

    def _take_pending(self) -> None:
        with self._lock:
            for _, data in self.journals.pending():
                if data.get("id") not in self._summaries:
                    self._add(data)

    def last_done(self) -> dict[str, str]:
        """Routine name -> the day it was last done. Before the history is loaded, from the first line of
        index.json when it describes history.json as it is (start-up reads no session), plus finished journals."""
        if not self.loaded:
            head = index.head(self.dir, self.path)
            if head is not None:
                out = dict(head.last_done)
                with self._lock:
                    extra = [(str(d.get("routine")), str(d.get("started", ""))) for _, d in self.journals.pending()]
                    extra += [(s.routine, s.started) for s in self._summaries.values()]  # finished since
                for routine, started in extra:
                    if started[:10] > out.get(routine, ""):
                        out[routine] = started[:10]
                return out
        last: dict[str, str] = {}
        for summary in self.reload_if_changed():  # another runtrainer may have finished one since
            last.setdefault(summary.routine, summary.started[:10])
        return last

    def summaries(self) -> list[Summary]:
        """Summaries, newest first, without reading history.json when index.json describes it (the history
        list); else ``sessions()``."""
        if not self.loaded:  # the journals first: one folded in meanwhile is then in the index (or it is stale)
            waiting, found = self.journals.pending(), index.summaries(self.dir, self.path)
            if found is not None:
                merged = {s.id: s for s in found}
                for _, data in waiting:
                    with contextlib.suppress(ValueError, TypeError):
                        merged.setdefault(str(data.get("id")), summary_of(data))
                return sorted(merged.values(), key=lambda s: s.started, reverse=True)
        return self.sessions()

    def sessions(self) -> list[Summary]:
        """Summaries, newest first (sorted once, again only after a change)."""
        with self._lock:
            if not self.loaded:  # read by one thread (History's figures read it on theirs); another waits for it
                self.load()
            if self._sorted is None:
                self._sorted = sorted(self._summaries.values(), key=lambda s: s.started, reverse=True)
            return self._sorted

    def session(self, session_id: str) -> Session:
        """The whole session, sets and all (parsed now; raises ValueError if its sets are damaged)."""
        with self._lock:
            if not self.loaded:
                self.load()
            if session_id not in self._parsed:
                self._parsed[session_id] = session_from_text(self._raw[session_id])
            return self._parsed[session_id]

    def parse(self, session_id: str, set_times: bool = True) -> Session:
        """The whole session, parsed and not kept (an export reads each once: keeping them all would hold
        the whole history in memory). ``set_times`` False: its sets' times may stay as stored, "HH:MM:SS" (a
        CSV export never reads them; expanding them was an eighth of its time)."""
        with self._lock:
            kept = self._parsed.get(session_id)
            raw = self._raw[session_id]
        return kept if kept is not None else session_from_text(raw, set_times)

    def recent(self, limit: int | None = None) -> Iterator[Session]:
        """Whole sessions, newest first, parsed as they are asked for (damaged ones are passed over)."""
        for n, summary in enumerate(self.sessions()):
            if limit is not None and n >= limit:
                return
            try:
                yield self.session(summary.id)
            except (ValueError, TypeError, KeyError):
                continue

    def raw_texts(self) -> list[tuple[str, str]]:
        """(id, the session's JSON text as stored), newest first, none parsed (the progress figures' cache)."""
        summaries = self.sessions()
        with self._lock:
            return [(s.id, self._raw[s.id]) for s in summaries if s.id in self._raw]

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
        self.write_protected = False
        self._bad, self._unreadable = [], ""
        try:
            st = self.path.lstat()
        except FileNotFoundError:
            self._seen = None
            return {}, {}
        except OSError as exc:
            return self._refuse(f"Cannot read {self.path}: {exc.strerror}. History is not shown.", "cannot be read")
        if stat.S_ISLNK(st.st_mode):
            return self._refuse(f"{self.path} is a symbolic link (to {os.readlink(self.path)}); runtrainer does not "
                                "follow it. Replace it with the file itself. History is not shown.",
                                "is a symbolic link")
        signature = (st.st_ino, st.st_size, st.st_mtime_ns)
        if stat.S_ISDIR(st.st_mode):
            return self._left_alone("it is a directory, not a file", signature)
        if not stat.S_ISREG(st.st_mode):
            return self._refuse(f"{self.path} is not a regular file. History is not shown.", "is not a file")
        try:
            lines = history_file.read_lines(self.path)
        except (OSError, UnicodeDecodeError) as exc:
            return self._left_alone(f"it cannot be read as text ({exc})", signature)
        parsed = self._from_index(lines)
        try:
            if parsed is None:
                parsed = history_file.parse(None, lines)
                if history_file.in_lines(lines) and st.st_mode & stat.S_IWUSR and not parsed.bad:
                    index.write(self.dir, self.path, parsed.summaries.values())  # stale or missing: made again
        except history_file.Damaged as exc:
            return self._left_alone(str(exc), signature)
        except history_file.Newer as exc:
            return self._refuse(
                f"{self.path} was written by a newer runtrainer (schema {exc.args[0]}; this one reads "
                f"{SCHEMA_VERSION}). It is left untouched; new sessions are kept in {self.journal_dir} until a newer "
                "runtrainer merges them.", "written by a newer runtrainer")
        self._seen = signature
        self._version = parsed.version
        self._header, self._bad = history_file.header_of(parsed.version), parsed.bad
        for message in rewrite.told(self.path, parsed.bad):
            self._tell(message)
        self.write_protected = not st.st_mode & stat.S_IWUSR
        if self.write_protected:
            self._tell(f"{self.path} is write-protected (mode {stat.S_IMODE(st.st_mode):04o}): it is shown but not "
                       f"written; new sessions are kept in {self.journal_dir} until you make it writable again.")
            self.read_only_reason = f"{self.path} is write-protected"
        return parsed.summaries, parsed.raws

    def _from_index(self, lines: list[str]) -> history_file.Parsed | None:
        """The sessions of ``lines`` with their summaries from index.json, if it describes exactly this file."""
        found = index.summaries(self.dir, self.path) if lines and lines[0] in history_file.VERSIONS else None
        raws = index.match(found, lines) if found is not None else None
        if found is None or raws is None:
            return None
        return history_file.Parsed({s.id: s for s in found}, raws, history_file.VERSIONS[lines[0]])

    def _refuse(self, message: str, reason: str) -> tuple[dict[str, Summary], dict[str, str]]:
        self._tell(message)
        self.read_only_reason = f"{self.path} {reason}"
        return {}, {}

    def _left_alone(self, what: str, signature: tuple[int, int, int]) -> tuple[dict[str, Summary], dict[str, str]]:
        """A file that cannot be read at all: a read leaves it as it is; the next write keeps it whole first."""
        self._unreadable, self._seen, self._version = what, signature, SCHEMA_VERSION
        self._tell(rewrite.unreadable(self.path, what))
        return {}, {}

    # --- writing ----------------------------------------------------------------------------------

    def _ensure_dir(self) -> None:
        try:
            make_private_dir(self.dir)
        except OSError as exc:
            raise StoreError(why(exc, self.dir)) from None

    def _write(self) -> None:
        if self._unreadable:  # kept whole before a new history is written over it (a failure here writes nothing)
            self._tell(rewrite.keep_whole(self.path, self._unreadable))
            self._unreadable = ""
        if self._bad:  # kept before the file is written without them (a failure here writes nothing)
            told = rewrite.keep_damaged(self.path, self._header, self._bad)
            self._bad = []
            if told:
                self._tell(told)
        if self._version != SCHEMA_VERSION and self.path.exists():
            rewrite.migrate(self.path, self._version, self._raw)
            self._version = SCHEMA_VERSION
        ordered = sorted(self._summaries.values(), key=lambda x: x.started)
        atomic_write(self.path, history_file.render([self._raw[x.id] for x in ordered]))
        self._seen = self._signature()
        index.write(self.dir, self.path, ordered)

    def _catch_up(self) -> bool:
        """Under the lock, before writing: sweep dead writers' temporaries and re-read the file if another
        process wrote it since we last did. False when the file must not be written."""
        sweep_temporaries(self.dir, HISTORY_FILE)
        sweep_temporaries(self.dir, index.INDEX_FILE)
        if self._signature() != self._seen:
            summaries, raws = self._read()
            if self.read_only_reason:
                return False
            self._summaries, self._raw, self._sorted = summaries, raws, None
        return True

    def save(self, session: Session) -> None:
        """Merge one finished session into history.json (under the lock; re-read first if another process
        wrote since)."""
        if self.read_only_reason:
            self.journals.write(session)
            raise StoreError(f"{self.path} is not written ({self.read_only_reason}); the session is kept in "
                             f"{self.journals.path(session.id)}")
        self._ensure_dir()
        try:
            with locked(self.dir / "history.lock"), self._lock:
                if not self._catch_up():
                    self.journals.write(session)
                    raise StoreError(f"{self.path}: {self.read_only_reason}")
                self._add(session.to_json())
                self._write()
        except OSError as exc:
            raise StoreError(why(exc, self.path)) from None

    def save_many(self, sessions: list[Session]) -> int:
        """Merge many sessions (an import) in one locked, atomic write; a session whose id is already there is
        left as it is. Returns how many were added (0: nothing written)."""
        if self.read_only_reason:
            raise StoreError(f"{self.path} is not written ({self.read_only_reason})")
        self._ensure_dir()
        try:
            with locked(self.dir / "history.lock"), self._lock:
                if not self._catch_up():
                    raise StoreError(f"{self.path}: {self.read_only_reason}")
                new = [s for s in sessions if s.id not in self._summaries]
                for session in new:
                    self._add(session.to_json())
                if new:
                    self._write()
        except OSError as exc:
            raise StoreError(why(exc, self.path)) from None
        return len(new)

    def _add(self, data: dict[str, Any]) -> None:
        summary = summary_of(data)
        with self._lock:
            self._summaries[summary.id] = summary
            self._raw[summary.id] = history_file.dumps(data)
            self._parsed.pop(summary.id, None)
            self._sorted = None

    # --- the session in progress ------------------------------------------------------------------

    def begin(self, session: Session) -> None:
        self.journals.begin(session)

    def journal(self, session: Session) -> None:
        self.journals.write(session)

    def finish(self, session: Session) -> None:
        """The session is over: journal it with its final status (a small fsynced write, a couple of ms),
        and let go of it. It is part of the history from now on (``load`` reads finished journals too) and is
        folded into history.json by ``merge_pending``, off the runner's path (the app does it at start)."""
        self.journals.write(session)
        self.journals.release(session.id, remove=False)
        self._add(session.to_json())

    def release(self, session_id: str, remove: bool) -> None:
        self.journals.release(session_id, remove)

    def pending(self) -> list[tuple[Path, dict[str, Any]]]:
        return self.journals.pending()

    def orphans(self) -> list[Session]:
        return self.journals.orphans()

    def adopt(self, session: Session) -> None:
        """Take over an orphaned session (to resume it, or to keep it as ended early) by holding its lock."""
        self.journals.begin(session)

    def merge_pending(self) -> int:
        """Fold finished journals into history.json (under the lock), then remove them. A journal that cannot
        be added is kept under a backup name, and the runner told. Returns how many were folded in."""
        waiting = self.pending()
        if not waiting or self.read_only_reason:
            return 0
        self._ensure_dir()
        added: list[Path] = []
        try:
            with locked(self.dir / "history.lock"), self._lock:
                if not self._catch_up():
                    return 0
                for path, data in waiting:
                    try:
                        self._add(data)
                    except (ValueError, TypeError) as exc:
                        self.journals.set_aside(path, f"a finished session could not be added: {exc}")
                        continue
                    added.append(path)
                self._write()
        except OSError as exc:
            raise StoreError(why(exc, self.path)) from None
        for path in added:
            try:
                path.unlink()
            except OSError:
                continue
        return len(added)
