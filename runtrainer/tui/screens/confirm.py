"""Yes/no questions as typed modals."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from runtrainer.text import safe


class Confirm(ModalScreen[bool]):
    """Ask once; Enter or y answers yes, Escape or n answers no."""

    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > Grid {
        grid-size: 2; grid-gutter: 1 2; grid-rows: auto 3;
        width: 60; max-width: 95%; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    Confirm #question { column-span: 2; width: 1fr; content-align: center middle; text-style: bold; }
    Confirm Button { width: 1fr; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="yes"),
        Binding("n,escape", "answer(False)", "No", id="no"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Grid():
            yield Label(safe(self.question), id="question", markup=False)
            yield Button(self.yes_label, variant="warning", id="yes")
            yield Button(self.no_label, variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class QuitDialog(ModalScreen[str]):
    """Quit mid-session: keep it as ended early (the default), discard it (asked again), or keep going."""

    DEFAULT_CSS = """
    QuitDialog { align: center middle; }
    QuitDialog > Vertical {
        width: 64; max-width: 95%; height: auto; padding: 1 2; border: thick $warning; background: $surface;
    }
    QuitDialog Label { width: 1fr; margin: 0 0 1 0; }
    QuitDialog Button { width: 1fr; margin: 0 0 0 0; }
    """
    BINDINGS = [
        Binding("s", "choose('save')", "Save", id="save"),
        Binding("d", "choose('discard')", "Discard", id="discard"),
        Binding("n,escape", "choose('continue')", "Keep going", id="continue"),
    ]

    def __init__(self, sets_done: int, planned: int) -> None:
        super().__init__()
        self.sets_done = sets_done
        self.planned = planned

    def compose(self) -> ComposeResult:
        with Vertical():
            if self.sets_done:
                yield Label(f"Quit this workout? {self.sets_done} of {self.planned} sets done so far.", markup=False)
                yield Button("Save it as ended early (s)", variant="warning", id="save")
                yield Button("Discard it (d)", variant="error", id="discard")
            else:
                yield Label("Quit this workout? No set is done yet, so there is nothing to keep.", markup=False)
                yield Button("Leave without saving (d)", variant="warning", id="discard")
                yield Button("Save it anyway, as ended early (s)", variant="default", id="save")
            yield Button("Keep going (Esc)", variant="primary", id="continue")

    def on_mount(self) -> None:
        self.query_one("#save" if self.sets_done else "#discard", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "continue")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class SetPrompt(ModalScreen[tuple[float | None, int | None]]):
    """Change the weight and reps of the set just done. Enter saves; Escape leaves them as they were."""

    DEFAULT_CSS = """
    SetPrompt { align: center middle; }
    SetPrompt > Vertical {
        width: 50; max-width: 95%; height: auto; padding: 1 2; border: thick $primary; background: $surface;
    }
    SetPrompt Input { margin: 0 0 1 0; }
    SetPrompt #error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, exercise: str, weight: float | None, unit: str, reps: int | None) -> None:
        super().__init__()
        self.exercise, self.weight, self.unit, self.reps = exercise, weight, unit, reps

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(safe(f"{self.exercise}: weight ({self.unit}) and reps"), markup=False)
            yield Input("" if self.weight is None else f"{self.weight:g}", placeholder=f"weight in {self.unit}",
                        id="weight", type="number")
            yield Input("" if self.reps is None else str(self.reps), placeholder="reps", id="reps", type="integer")
            yield Label("", id="error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        weight_text = self.query_one("#weight", Input).value.strip()
        reps_text = self.query_one("#reps", Input).value.strip()
        try:
            weight = float(weight_text) if weight_text else None
            reps = int(reps_text) if reps_text else None
        except ValueError:
            self.query_one("#error", Label).update("Weight is a number (or empty), reps a whole number.")
            return
        if (weight is not None and not 0 <= weight <= 1000) or (reps is not None and not 0 <= reps <= 500):
            self.query_one("#error", Label).update("Weight 0-1000, reps 0-500.")
            return
        self.dismiss((weight, reps))

    def action_cancel(self) -> None:
        self.dismiss(None)
