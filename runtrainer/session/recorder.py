"""Keeps the session on disk as it happens: journalled after every set on one background thread (in order),
merged into the history when the session ends. No textual.

Write failures never stop the workout: the session stays in memory, and ``on_error`` is told (once per distinct
problem) so the screen can say where it could not be written. ``problem`` is read by the UI thread and written
by the writer thread: a plain str assignment, read whole.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from runtrainer.store import Session, Store, StoreError


class Recorder:
    def __init__(self, store: Store | None, on_error: Callable[[str], None] | None = None,
                 background: bool = True) -> None:
        self.store = store
        self.on_error = on_error
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="runtrainer-save") if background else None
        self._last_error = ""
        self.problem = ""
        """The last write's failure, or "" once a write succeeds."""
        self.last_future: Future[None] | None = None

    def begin(self, session: Session) -> None:
        self._submit("begin", session)

    def journal(self, session: Session) -> None:
        """Journal the session as it stands (after a set, or an answer)."""
        self._submit("journal", session)

    def finish(self, session: Session) -> None:
        """The session is over (its status says how): merged into the history."""
        self._submit("finish", session)

    def discard(self, session: Session) -> None:
        """Forget the session: its journal and lock go."""
        self._submit("discard", session)

    def _submit(self, what: str, session: Session) -> None:
        store = self.store
        if store is None:
            return
        frozen = Session.from_json(session.to_json())  # the writer's own copy: the UI goes on editing its own

        def run() -> None:
            try:
                if what == "discard":
                    store.release(frozen.id, remove=True)
                else:
                    getattr(store, what)(frozen)
            except StoreError as exc:
                self._report(str(exc))
            except OSError as exc:
                self._report(f"cannot save: {exc.strerror or exc}")
            else:
                self._last_error = ""
                self.problem = ""

        if self._pool is None:
            run()
        else:
            self.last_future = self._pool.submit(run)

    def _report(self, message: str) -> None:
        self.problem = message
        if message != self._last_error:
            self._last_error = message
            if self.on_error is not None:
                self.on_error(message)

    def wait(self) -> None:
        """Wait for every write so far (before exit, or before saying "Saved")."""
        if self.last_future is not None:
            self.last_future.result()

