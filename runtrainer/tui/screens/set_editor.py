"""Change a set: weight, reps, how hard it felt (RPE) and a note. Enter saves; Escape leaves it as it was."""

from __future__ import annotations

import math
from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label

from runtrainer.session.records import Answer
from runtrainer.session.view import reps_text
from runtrainer.store import SetRecord
from runtrainer.text import safe
from runtrainer.tui.widgets.key_bar import KeyBar

RPE_RANGE = (6.0, 10.0)
"""RPE as lifters use it: 6 (easy) to 10 (nothing left), in halves."""


def parse_answer(weight: str, reps: str, rpe: str, note: str) -> Answer | str:
    """The fields as typed, checked: an Answer, or one sentence saying what is wrong."""
    try:
        w = float(weight) if weight.strip() else None
        r = int(reps) if reps.strip() else None
        e = float(rpe) if rpe.strip() else None
    except ValueError:
        return "Weight is a number, reps a whole number, RPE a number like 7.5 (or leave one empty)."
    if w is not None and not (math.isfinite(w) and 0 <= w <= 1000):
        return "Weight 0-1000."
    if r is not None and not 0 <= r <= 500:
        return "Reps 0-500."
    if e is not None and not (math.isfinite(e) and RPE_RANGE[0] <= e <= RPE_RANGE[1] and (e * 2).is_integer()):
        return "RPE 6 to 10, in halves (7.5)."
    if len(note) > 500:
        return "A note of 500 characters at most."
    return Answer(weight=w, reps=r, rpe=e, notes=note.strip() or None)


def set_cells(r: SetRecord) -> tuple[Text, str, str, str, str]:
    """A set as the summary and the history show it: exercise, set, reps, weight, RPE."""
    return (Text(safe(r.exercise)), f"{r.set_number}/{r.set_count}", safe(reps_text(r)),
            "" if r.weight is None else f"{r.weight:g} {r.unit}", "" if r.rpe is None else f"{r.rpe:g}")


def fill_sets(table: DataTable[object], records: list[SetRecord], time_cell: Callable[[SetRecord], str]) -> None:
    """(Re)fill a table of sets, keeping the cursor where it was: exercise, set, reps, weight, RPE, a time, the note."""
    row = table.cursor_row
    table.clear()
    for r in records:
        table.add_row(*set_cells(r), time_cell(r), Text(safe(r.notes)))
    if records:
        table.move_cursor(row=min(row, len(records) - 1))


SHORT_BELOW = 24
"""Rows under which the form drops its blank lines (60×20): the title and the four fields still all show."""


class SetEditor(ModalScreen[Answer]):
    """The form: its title says which set and what the fields are (wrapped, never cut); its key bar says Enter saves
    and Esc leaves the set as it was (the keys under it, the workout's, are not live while it is open)."""

    DEFAULT_CSS = """
    SetEditor { align: center middle; }
    SetEditor > Vertical {
        width: 60; max-width: 95%; height: auto; max-height: 100%; overflow-y: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    SetEditor #title { width: 1fr; margin: 0 0 1 0; }
    SetEditor Input { margin: 0 0 1 0; }
    SetEditor #error { color: $error; height: auto; }
    SetEditor.-short > Vertical { padding: 0 1; }
    SetEditor.-short Input, SetEditor.-short #title { margin: 0; }
    """
    BINDINGS = [
        Binding("enter", "save", "Save", id="save"),
        Binding("escape", "cancel", "Leave it", id="cancel"),
        Binding("tab", "app.focus_next", "Next field", id="next_field"),
    ]

    def __init__(self, record: SetRecord) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        r = self.record
        with Vertical():
            yield Label(safe(f"{r.exercise}, set {r.set_number}/{r.set_count}: weight ({r.unit}), reps, RPE, note"),
                        id="title", markup=False)
            yield Input("" if r.weight is None else f"{r.weight:g}", placeholder=f"weight in {r.unit}", id="weight",
                        type="number")
            yield Input("" if r.reps is None else str(r.reps), placeholder="reps" + (" per side" if r.sides else ""),
                        id="reps", type="integer")
            yield Input("" if r.rpe is None else f"{r.rpe:g}", placeholder="RPE 6-10 (how hard: 10 = nothing left)",
                        id="rpe", type="number")
            yield Input(r.notes, placeholder="note", id="note", max_length=500)
            yield Label("", id="error")
        yield KeyBar()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT_BELOW, "-short")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        """Enter in any field (the field's own Enter submits it, and comes here)."""
        values = [self.query_one(f"#{name}", Input).value for name in ("weight", "reps", "rpe", "note")]
        answer = parse_answer(*values)
        if isinstance(answer, str):
            self.query_one("#error", Label).update(answer)
            return
        self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(None)
