"""Home: the routines, their estimated length, and Enter to start one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from runtrainer.core import catalog
from runtrainer.core.engine import estimate_seconds
from runtrainer.core.routine import Routine
from runtrainer.store import Store


def _minutes(low: float, high: float) -> str:
    lo, hi = round(low / 60), round(high / 60)
    return f"~{hi} min" if lo == hi else f"{lo}–{hi} min"


class HistoryWanted(Message):
    """Open the history screen (from Home or the summary); the app owns the store."""


class HomeScreen(Screen[None]):
    @dataclass
    class StartRoutine(Message):
        """Start a workout of this routine; the app builds the workout screen."""

        routine: Routine
        routine_id: str

    BINDINGS = [
        Binding("enter", "start", "Start", id="start", priority=True),
        Binding("h", "history", "History", id="history"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, config_dir: Path | None, store: Store | None = None) -> None:
        super().__init__()
        self.config_dir = config_dir
        self.store = store
        self.entries = catalog.entries(config_dir)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static("Pick a routine and press [b]Enter[/b] to start.", id="home-hint")
            yield DataTable(id="routines", cursor_type="row", zebra_stripes=True)
            yield Static("", id="home-detail")
        yield Static("Make the window bigger: runtrainer needs at least 40×12.", classes="too-small")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Routine", "Kind", "Exer.", "Time", "Last done", "From")
        table.focus()  # the rows come in on_screen_resume, which also runs when Home is first shown
        self._show_detail(0)

    def on_screen_resume(self) -> None:
        self.refresh_rows()

    def refresh_rows(self) -> None:
        """(Re)fill the table: "last done" changes after every workout."""
        last: dict[str, str] = {}
        if self.store is not None:
            for session in self.store.sessions():
                last.setdefault(session.routine, session.started[:10])
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for entry in self.entries:
            if entry.routine is None:
                table.add_row(Text(entry.id), "—", "—", "—", "—", "yours: broken", key=entry.id)
                continue
            r = entry.routine
            table.add_row(Text(r.name), r.kind, str(len(r.exercises)), _minutes(*estimate_seconds(r)),
                          last.get(r.name, "—"), entry.origin, key=entry.id)
        if 0 <= row < table.row_count:
            table.move_cursor(row=row)

    def action_history(self) -> None:
        self.post_message(HistoryWanted())

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def _show_detail(self, row: int) -> None:
        if not 0 <= row < len(self.entries):
            return
        entry = self.entries[row]
        detail = self.query_one("#home-detail", Static)
        if entry.routine is None:
            detail.update(Text("\n".join(str(p) for p in entry.problems)))
            return
        lines = [entry.routine.description] if entry.routine.description else []
        for ex in entry.routine.exercises:
            what = f"{ex.reps.label} reps" if ex.reps else f"hold {ex.hold_seconds:g} s"
            side = " each side" if ex.per_side else ""
            lines.append(f"• {ex.name}: {ex.sets} × {what}{side}")
        detail.update(Text("\n".join(lines)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_start()

    def action_start(self) -> None:
        row = self.query_one(DataTable).cursor_row
        if not 0 <= row < len(self.entries):
            return
        entry = self.entries[row]
        if entry.routine is None:
            self.notify(f"{entry.id}.toml has problems; run: runtrainer routines check", severity="error", markup=False)
            return
        self.post_message(self.StartRoutine(entry.routine, entry.id))
