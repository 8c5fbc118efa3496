"""What was done, once the workout ends (complete or early): every set as recorded, and whether it was saved."""

from __future__ import annotations

import json
import os
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from runtrainer.core.clock import Clock, monotonic
from runtrainer.core.engine import State
from runtrainer.core.plan import format_clock
from runtrainer.session import Answer, WorkoutSession
from runtrainer.text import safe
from runtrainer.tui.from_thread import soon
from runtrainer.tui.messages import HistoryWanted
from runtrainer.tui.screens.set_editor import SetEditor, SetsTable
from runtrainer.tui.widgets.key_bar import KeyBar
from runtrainer.tui.widgets.new_bests import NewBests

SETTLE_SECONDS = 0.5
"""A summary that came by itself takes no key for this long (a default we chose: a reaction's time): `q` on
"WORKOUT COMPLETE" said "Summary", and pressed as the summary came it quit the app."""


class SummaryScreen(Screen[None]):
    CSS_PATH = "summary.tcss"
    AUTO_FOCUS = None  # the sets table is focused once the summary has settled (its Enter changes a set)
    BINDINGS = [
        Binding("enter", "edit_set", "Change set", id="edit_set"),
        Binding("escape", "home", "Home", id="home"),
        Binding("h", "history", "History", id="history"),
        Binding("e", "export", "Export this session", id="export"),
        Binding("k", "keep", "Keep it anyway", id="keep"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, session: WorkoutSession, clock: Clock = monotonic, settling: bool = False) -> None:
        super().__init__()
        self.workout = session
        self.clock = clock
        self.settled_at = clock() + SETTLE_SECONDS if settling else None
        """While it settles (None: settled), every key is off and the key bar shows none."""

    def compose(self) -> ComposeResult:
        w = self.workout
        finished = w.engine.state is State.FINISHED
        with Vertical(id="summary"):
            yield Static("Workout complete" if finished else "Ended early", id="summary-title",
                         classes="-done" if finished else "-early")
            yield Static(
                # the times as stored (to a tenth), as History and `runtrainer history` show them
                f"{safe(w.routine.name)}\nTime {format_clock(w.session.active_seconds)} active"
                f" · paused {format_clock(w.session.paused_seconds)} · {w.sets_done} of {w.planned} sets done",
                id="summary-stats", markup=False,
            )
            yield Static("", id="summary-saved", markup=False)
            yield NewBests(w.store, w.session)
            yield SetsTable("Time", lambda r: "" if r.skipped and not r.reps else format_clock(r.duration_seconds),
                            table_id="summary-sets")
        yield KeyBar()

    def on_mount(self) -> None:
        self._fill()
        self._wait_for_save()
        if self.settled_at is None:
            self.query_one(SetsTable).focus()
        else:
            self.set_timer(SETTLE_SECONDS, self.settles)

    def settles(self) -> bool:
        """Settled by now (on the app's clock): the keys are on, the bar says them, the sets table has the focus."""
        if self.settled_at is not None and self.clock() >= self.settled_at:
            self.settled_at = None
            self.query_one(SetsTable).focus()
            self.refresh_bindings()
        elif self.settled_at is not None:
            self.set_timer(max(0.01, self.settled_at - self.clock()), self.settles)
        return self.settled_at is None

    def _fill(self) -> None:
        self.query_one(SetsTable).fill(self.workout.records)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.settles():  # the table's own Enter, held as the screen's is while it settles
            self.action_edit_set()

    def action_edit_set(self) -> None:
        """Enter on a set: change its reps and weight, add RPE and a note; saved at once."""
        records = self.workout.records
        row = self.query_one(DataTable).cursor_row
        if not 0 <= row < len(records):
            return
        record = records[row]

        def edited(answer: Answer | None) -> None:
            if answer is not None:
                self.workout.answer(record.key, answer)
                self._fill()
                self._wait_for_save()

        self.app.push_screen(SetEditor(record), edited)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.settles():
            return False
        if action == "keep":
            return not self.workout.saved and self.workout.engine.state is State.FINISHED
        return True

    def action_quit(self) -> None:
        """The screen's own (not the app's quit): its check_action holds it while the summary settles."""
        self.app.exit()

    def action_keep(self) -> None:
        self.workout.keep_anyway()
        self.refresh_bindings()
        self._wait_for_save()

    def show_saved(self, text: str) -> None:
        self.query_one("#summary-saved", Static).update(text)

    @work(thread=True, exit_on_error=False, group="save", exclusive=True)
    def _wait_for_save(self) -> None:
        w = self.workout
        if w.store is None:
            text = "Not saved: no history folder."
        elif not w.saved:
            text = "Not saved: no set was done (k keeps it anyway)."
        else:
            w.recorder.wait()
            text = f"Not saved: {w.recorder.problem}. Press e to export it somewhere else." if w.recorder.problem \
                else f"Saved to your history in {w.store.dir}"
        soon(self, self.show_saved, text)

    def action_export(self) -> None:
        session = self.workout.session
        name = f"runtrainer-session-{session.started[:10]}-{session.id[:6]}.json"
        from runtrainer.export import routine_id

        data = session.to_json(full=True)
        data["routine_id"] = routine_id(session.routine_id)  # never the path of the runner's routine file
        text = json.dumps(data, indent=1, ensure_ascii=False)
        done = next((f / name for f in (Path.cwd(), Path.home()) if (f / name).is_file()), None)
        if done is not None:  # e pressed again: one copy, not another in the next folder
            self.notify(f"Already exported to {done}", timeout=10, markup=False)
            return
        for folder in (Path.cwd(), Path.home()):
            path = folder / name
            try:  # a new file only: never follows a link planted at this name, never overwrites
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(text)
            except OSError:
                continue
            self.notify(f"Exported to {path}", timeout=10, markup=False)
            return
        self.notify("Could not write a new export file in this folder or your home folder.", severity="error",
                    markup=False)

    def action_history(self) -> None:
        self.post_message(HistoryWanted())

    def action_home(self) -> None:
        self.dismiss()
