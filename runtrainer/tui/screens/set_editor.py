"""Change a set: weight, reps, how hard it felt (RPE) and a note. Enter saves; Escape leaves it as it was."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from rich.cells import cell_len
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
from runtrainer.tui.widgets.too_small import KeepsFocus, too_small

RPE_RANGE = (6.0, 10.0)
"""RPE as lifters use it: 6 (easy) to 10 (nothing left), in halves."""


_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")
"""A number as a runner types it: digits, with a decimal point or a decimal comma (12,5 is 12.5, as much of Europe
writes it). Nothing else: no exponent, no "nan", no digit groups, so no typo is ever read as some other number."""
_WHOLE = re.compile(r"[+-]?[0-9]+")


def _number(typed: str) -> float | None:
    """``typed`` as a number (None when empty); ValueError when it is not a plain decimal number."""
    text = typed.strip()
    if not text:
        return None
    if not _DECIMAL.fullmatch(text):
        raise ValueError(typed)
    return float(text.replace(",", "."))


def _shown(typed: str) -> str:
    """What was typed, quoted for a message (its start, if long)."""
    text = safe(typed.strip())
    return f'"{text}"' if len(text) <= 20 else f'"{text[:19]}…"'


def parse_answer(weight: str, reps: str, rpe: str, note: str) -> Answer | str:
    """The fields as typed, checked: an Answer, or one sentence saying what is wrong. Each field is read whole as
    typed (the form's inputs take any key), so a typo is refused with a message, never silently changed."""
    try:
        w = _number(weight)
    except ValueError:
        return f"Weight: {_shown(weight)} is not a number (12.5 or 12,5; or leave it empty)."
    digits = reps.strip()
    if digits and not _WHOLE.fullmatch(digits):
        return f"Reps: {_shown(reps)} is not a whole number (or leave it empty)."
    # (thousands of digits are no int at all; past the range either way, and said so below)
    r = None if not digits else int(digits) if len(digits) <= 6 else 10**6
    try:
        e = _number(rpe)
    except ValueError:
        return f"RPE: {_shown(rpe)} is not a number (7.5 or 7,5; or leave it empty)."
    if w is not None and not (math.isfinite(w) and 0 <= w <= 1000):
        return "Weight 0-1000."
    if r is not None and not 0 <= r <= 500:
        return "Reps 0-500."
    if e is not None and not (math.isfinite(e) and RPE_RANGE[0] <= e <= RPE_RANGE[1] and (e * 2).is_integer()):
        return "RPE 6 to 10, in halves (7.5)."
    if len(note) > 500:
        return "A note of 500 characters at most."
    return Answer(weight=w, reps=r, rpe=e, notes=note.strip() or None)


def cell(text: str, width: int | None = None) -> Text:
    """A table cell of the runner's text (a hand-edited history can hold anything): shown literally, never as
    markup, with control characters made visible; cut to ``width`` with "…" if given (no space before it)."""
    shown = Text(safe(text))
    if width is not None and shown.cell_len > width:
        shown.truncate(width, overflow="ellipsis")
        if shown.plain.endswith(" …"):
            shown = Text(shown.plain[:-1].rstrip() + "…")
    return shown


def set_cells(r: SetRecord) -> tuple[Text, str, str, str, str]:
    """A set as the summary and the history show it: exercise, set, reps, weight, RPE."""
    return (Text(safe(r.exercise)), f"{r.set_number}/{r.set_count}", safe(reps_text(r)),
            "" if r.weight is None else f"{r.weight:g} {r.unit}", "" if r.rpe is None else f"{r.rpe:g}")


NOTE_AT_LEAST, NAME_AT_LEAST = 8, 8
"""The set table's note and exercise columns are cut to what is left of the window, down to these widths."""


class SetsTable(DataTable[object]):
    """A session's sets, one row each (the summary's and the history's): exercise, set, reps, weight, RPE, a time, the
    note. The note takes what the other columns leave of the table's width and ends in "…" when cut (the form shows
    it whole), so a column is never cut at the table's edge with no sign that there is more."""

    def __init__(self, time_label: str, time_cell: Callable[[SetRecord], str], *, table_id: str) -> None:
        super().__init__(id=table_id, cursor_type="row", zebra_stripes=True)
        self.time_label, self.time_cell = time_label, time_cell
        self.records: list[SetRecord] = []

    def fill(self, records: list[SetRecord]) -> None:
        """(Re)fill the table, keeping the cursor where it was."""
        self.records = records
        rows = [(*set_cells(r), self.time_cell(r)) for r in records]
        labels = ("Exercise", "Set", "Reps", "Weight", "RPE", self.time_label)
        widths = [max([cell_len(label)] + [cell_len(str(row[i])) for row in rows]) for i, label in enumerate(labels)]
        region = self.content_region
        scrolls = len(records) + 1 > region.height  # a long session: the scrollbar's columns are kept free
        room = region.width - (self.styles.scrollbar_size_vertical if scrolls else 0)
        room -= sum(widths[1:]) + 2 * self.cell_padding * (len(widths) + 1)
        # The note first, then the exercise's name, give way: each ends in "…" (not laid out yet: filled again
        # once it is, in on_resize).
        notes = max([len("Note")] + [cell_len(safe(r.notes)) for r in records])
        name_width = max(NAME_AT_LEAST, min(widths[0], room - min(notes, NOTE_AT_LEAST))) if room > 0 else None
        note_width = max(NOTE_AT_LEAST, room - (name_width or 0)) if room > 0 else None
        # Both at their least and still too wide (one-sided sets' reps, "left 8 · right 7 (stopped)"): the reps
        # give way too, else the table ran past its edge with the note's header cut ("Rest  N").
        over = (name_width or 0) + (note_width or 0) - room if room > 0 else 0
        reps_width = max(len("Reps"), widths[2] - over) if over > 0 else None
        row = self.cursor_row
        self.clear(columns=True)  # and the columns' widths, which only grow while rows are added
        self.add_columns(*labels, "Note")
        for r, cells in zip(records, rows, strict=True):
            self.add_row(cell(r.exercise, name_width), cells[1], cell(cells[2], reps_width), *cells[3:],
                         cell(r.notes, note_width))
        if records:
            self.move_cursor(row=min(row, len(records) - 1))

    def on_resize(self) -> None:
        self.fill(self.records)


SHORT_BELOW = 26
"""Rows under which the form drops its blank lines (60×20, 80×24): the title (two lines for a long exercise's name),
the four fields and a two-line error still all show, never scrolled out of the box or cut."""


class SetEditor(KeepsFocus, ModalScreen[Answer]):
    """The form: its title says which set and what the fields are (wrapped, never cut); its key bar says Enter saves
    and Esc leaves the set as it was (the keys under it, the workout's, are not live while it is open)."""

    DEFAULT_CSS = """
    SetEditor { align: center middle; }
    SetEditor > Vertical {
        width: 60; max-width: 95%; height: auto; max-height: 100%; overflow-y: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    SetEditor #set-title { width: 1fr; margin: 0 0 1 0; text-wrap: wrap; }
    SetEditor Input { margin: 0 0 1 0; }
    SetEditor #error { color: $error; width: 1fr; height: auto; }
    SetEditor.-short > Vertical { padding: 0 1; }
    SetEditor.-short Input, SetEditor.-short #set-title { margin: 0; }
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
        yield too_small("Esc leaves the set as it was.")
        with Vertical(classes="dialog"):
            # its own id: the workout's #title (one line, cut with "…") must not style it once that screen's CSS is in
            reps = "reps per side" if r.sides else "reps"
            yield Label(safe(f"{r.exercise}, set {r.set_number}/{r.set_count}: weight ({r.unit}), {reps}, RPE, note"),
                        id="set-title", markup=False)
            yield Input("" if r.weight is None else f"{r.weight:g}", placeholder=f"weight in {r.unit}", id="weight")
            yield Input("" if r.reps is None else str(r.reps), placeholder="reps" + (" per side" if r.sides else ""),
                        id="reps")
            yield Input("" if r.rpe is None else f"{r.rpe:g}", placeholder="RPE 6-10 (how hard: 10 = nothing left)",
                        id="rpe")
            yield Input(r.notes, placeholder="note", id="note", max_length=500)
            yield Label("", id="error", markup=False)
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
