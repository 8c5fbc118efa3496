"""Questions as typed modals: yes or no, and what to do with a workout being quit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from runtrainer.text import safe


class Confirm(ModalScreen[bool]):
    """Ask once: y answers yes, n or Escape no, Enter the focused button (the safe, likely answer; ``default_yes``
    says which that is). Each button shows its key."""

    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > Grid {
        grid-size: 2; grid-gutter: 1 2; grid-rows: auto auto;
        width: 72; max-width: 95%; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    Confirm #question { column-span: 2; width: 1fr; content-align: center middle; text-style: bold; }
    Confirm Button { width: 1fr; height: auto; min-height: 3; }  /* a long answer wraps: its key stays seen */
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="yes"),
        Binding("n,escape", "answer(False)", "No", id="no"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No", default_yes: bool = False) -> None:
        super().__init__()
        self.question = question
        self.yes_label = f"{yes} (y)"
        self.no_label = f"{no} (n)"
        self.default_yes = default_yes

    def compose(self) -> ComposeResult:
        with Grid():
            yield Label(safe(self.question), id="question", markup=False)
            yield Button(self.yes_label, variant="warning", id="yes")
            yield Button(self.no_label, variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default_yes else "#no", Button).focus()

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
