"""The summary's line about progress: each personal best set in the session just done, and a left/right gap over
10% in it. Worked out in a thread from the history (``runtrainer.progress``), so the summary never waits for it."""

from __future__ import annotations

from textual import work
from textual.widgets import Static

from runtrainer.progress import new_bests, session_gaps
from runtrainer.store import Session, Store
from runtrainer.text import safe
from runtrainer.tui.from_thread import soon


class NewBests(Static):
    DEFAULT_CSS = """
    NewBests { height: auto; color: $success; text-style: bold; }
    NewBests.-empty { display: none; }
    """

    def __init__(self, store: Store | None, session: Session) -> None:
        super().__init__("", id="new-bests", classes="-empty", markup=False)
        self.store = store
        self.session = session

    def on_mount(self) -> None:
        self._find()

    @work(thread=True, exit_on_error=False, group="new-bests", exclusive=True)
    def _find(self) -> None:
        history = list(self.store.recent()) if self.store is not None else []
        lines = [f"New best: {line}" for line in new_bests(history, self.session)] + session_gaps(self.session)
        soon(self, self.show, lines)

    def show(self, lines: list[str]) -> None:
        self.update(safe("\n".join(lines), newlines=True))
        self.set_class(not lines, "-empty")
