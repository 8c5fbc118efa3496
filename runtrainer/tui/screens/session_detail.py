"""One past session, set by set, from the history: Enter on a set changes it (reps, weight, RPE, note), saved."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from runtrainer.core.plan import format_clock
from runtrainer.history import describe_status
from runtrainer.session.records import Answer, apply
from runtrainer.store import Session, Store, StoreError
from runtrainer.text import safe
from runtrainer.tui.from_thread import soon
from runtrainer.tui.messages import HistoryWritten
from runtrainer.tui.screens.set_editor import SetEditor, SetsTable
from runtrainer.tui.widgets.key_bar import KeyBar


class SessionDetail(ModalScreen[None]):
    DEFAULT_CSS = """
    SessionDetail { align: center middle; }
    SessionDetail > Vertical { width: 90%; height: 80%; border: thick $primary; background: $surface; padding: 0 1; }
    SessionDetail DataTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("enter", "edit_set", "Change set", id="edit_set"),
        Binding("escape,q", "dismiss", "Close", id="close"),
    ]

    def __init__(self, session: Session, store: Store | None = None) -> None:
        super().__init__()
        self.session = session
        self.store = store

    def compose(self) -> ComposeResult:
        s = self.session
        with Vertical():
            yield Static(safe(f"{s.routine} · {s.started[:16].replace('T', ' ')} · {describe_status(s)} · "
                              f"{format_clock(s.active_seconds)} active"), id="detail-title", markup=False)
            yield SetsTable("Rest", lambda r: f"{r.rest_seconds:g} s" if r.rest_seconds is not None else "",
                            table_id="detail-sets")
            yield Static("", id="detail-saved", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._fill()
        self.query_one(SetsTable).focus()

    def _fill(self) -> None:
        self.query_one(SetsTable).fill(self.session.sets)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_set()

    def action_edit_set(self) -> None:
        row = self.query_one(DataTable).cursor_row
        if self.store is None or not 0 <= row < len(self.session.sets):
            return

        def edited(answer: Answer | None) -> None:
            if answer is not None:
                self.session.sets[row] = apply(self.session.sets[row], answer)
                self._fill()
                self._save()

        self.app.push_screen(SetEditor(self.session.sets[row]), edited)

    def show_saved(self, said: str) -> None:
        self.query_one("#detail-saved", Static).update(said)

    @work(thread=True, exit_on_error=False, group="save", exclusive=False)
    def _save(self) -> None:
        assert self.store is not None
        try:
            self.store.save(self.session)
            said = "Saved."
        except StoreError as exc:
            said = f"Not saved: {exc}"
        told = [n.message for n in self.store.notices]  # what the write told (damaged lines kept aside, and where)
        self.store.notices.clear()
        kept = [m for m in told if " kept as " in m]
        soon(self, self.show_saved, safe(" ".join([said, *kept])))
        if told:  # and on Home, in place of the lines it made stale
            self.app.post_message(HistoryWritten(told))
