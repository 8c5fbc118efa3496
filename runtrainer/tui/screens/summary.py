"""What was done, once the workout ends (complete or early)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from runtrainer.core.engine import Engine, State, format_clock


def reps_text(rec_reps: int | None, target: str, completed: bool, skipped: bool) -> str:
    if skipped:
        return "skipped" if not rec_reps else f"{rec_reps} (skipped the rest)"
    if rec_reps is None:
        return "done" if completed else "stopped"
    return f"{rec_reps} of {target}"


class SummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,h", "home", "Home", id="home"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine

    def compose(self) -> ComposeResult:
        e = self.engine
        records = e.records
        done = sum(1 for r in records if r.completed and not r.skipped)
        planned = sum(ex.sets * (2 if ex.per_side else 1) for ex in e.routine.exercises)
        title = "Workout complete" if e.state is State.FINISHED else "Ended early"
        with Vertical(id="summary"):
            yield Static(title, id="summary-title", classes="-done" if e.state is State.FINISHED else "-early")
            yield Static(
                f"{e.routine.name}\nTime {format_clock(e.active())} active"
                f" · paused {format_clock(e.paused_seconds)} · {done} of {planned} sets done",
                id="summary-stats", markup=False,
            )
            yield DataTable(id="summary-sets", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Exercise", "Set", "Side", "Reps", "Time")
        for r in self.engine.records:
            target = r.target.label if r.target else ""
            reps = f"hold {r.hold_seconds:g} s" if r.hold_seconds else reps_text(r.reps, target, r.completed,
                                                                                   r.skipped)
            table.add_row(r.exercise, f"{r.set_number}/{r.set_count}", r.side or "", reps,
                          format_clock(r.ended_at - r.started_at))

    def action_home(self) -> None:
        self.dismiss()
