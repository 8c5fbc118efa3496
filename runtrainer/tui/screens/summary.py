"""What was done, once the workout ends (complete or early)."""

from __future__ import annotations

import json
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from runtrainer.core.engine import Engine, State, format_clock
from runtrainer.recorder import SessionRecorder
from runtrainer.tui.screens.home import HistoryWanted
from runtrainer.tui.widgets.key_bar import KeyBar


def reps_text(rec_reps: int | None, target: str, completed: bool, skipped: bool) -> str:
    if skipped:
        return "skipped" if not rec_reps else f"{rec_reps} (skipped the rest)"
    if rec_reps is None:
        return "done" if completed else "stopped"
    return f"{rec_reps} of {target}"


class SummaryScreen(Screen[None]):
    CSS_PATH = "summary.tcss"
    BINDINGS = [
        Binding("escape", "home", "Home", id="home"),
        Binding("h", "history", "History", id="history"),
        Binding("e", "export", "Export this session", id="export"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, engine: Engine, recorder: SessionRecorder | None = None) -> None:
        super().__init__()
        self.engine = engine
        self.recorder = recorder

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
            yield Static("", id="summary-saved", markup=False)
            yield DataTable(id="summary-sets", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Exercise", "Set", "Side", "Reps", "Weight", "Time")
        # What was saved (the runner's answers to the end-of-set question included), set by set.
        entries = self.recorder.entries() if self.recorder is not None else []
        weights = {(e.exercise, e.set_number, e.side): e for e in entries}
        for r in self.engine.records:
            target = r.target.label if r.target else ""
            entry = weights.get((r.exercise, r.set_number, r.side))
            reps_done = entry.reps if entry is not None else r.reps
            reps = f"hold {r.hold_seconds:g} s" if r.hold_seconds else reps_text(reps_done, target, r.completed,
                                                                                   r.skipped)
            weight = entry.weight if entry is not None else r.weight
            unit = entry.unit if entry is not None else r.unit
            table.add_row(Text(r.exercise), f"{r.set_number}/{r.set_count}", r.side or "", reps,
                          "" if weight is None else f"{weight:g} {unit}",
                          "" if r.skipped and not r.reps else format_clock(r.ended_at - r.started_at))

        self._wait_for_save()

    @work(thread=True, exit_on_error=False)
    def _wait_for_save(self) -> None:
        recorder = self.recorder
        if recorder is None or recorder.store is None:
            self.app.call_from_thread(self._saved, "Not saved: no history folder.")
            return
        if recorder.last_future is not None:
            recorder.last_future.result()
        store = recorder.store
        if recorder.save_problem:
            text = f"Not saved: {recorder.save_problem}. Press e to export it somewhere else."
        else:
            text = f"Saved to your history in {store.dir}"
        self.app.call_from_thread(self._saved, text)

    def _saved(self, text: str) -> None:
        self.query_one("#summary-saved", Static).update(text)

    def action_export(self) -> None:
        if self.recorder is None:
            return
        session = self.recorder.session
        name = f"runtrainer-session-{session.started[:10]}-{session.id[:6]}.json"
        for folder in (Path.cwd(), Path.home()):
            path = folder / name
            try:
                path.write_text(json.dumps(session.to_json(), indent=1, ensure_ascii=False), "utf-8")
            except OSError:
                continue
            self.notify(f"Exported to {path}", timeout=10, markup=False)
            return
        self.notify("Could not write the export in this folder or your home folder.", severity="error", markup=False)

    def action_history(self) -> None:
        self.post_message(HistoryWanted())

    def action_home(self) -> None:
        self.dismiss()
