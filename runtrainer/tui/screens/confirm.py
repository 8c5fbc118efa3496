"""Questions as typed modals: yes or no, and what to do with a workout being quit. Each has its own key bar: while
it is open, its keys are the live ones (the screen's under it are not)."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Label

from runtrainer.text import safe
from runtrainer.tui.widgets.key_bar import KeyBar
from runtrainer.tui.widgets.too_small import KeepsFocus, too_small

DIALOG_WIDTH = 72
"""The question's box at most (95% of a narrower window), border and padding included."""
BUTTON_ROOM = 2 + 2 + 2 * 2 + 2
"""Columns of the box that are not the buttons': border, padding, the gap between the two."""


def pressed_word(screen: Screen[Any]) -> str | None:
    """What Enter does on a question: presses the focused button, whose label (without its key) says what."""
    focused = screen.focused
    if isinstance(focused, Button):
        return str(focused.label).rsplit(" (", 1)[0]
    return None


class Confirm(KeepsFocus, ModalScreen[bool]):
    """Ask once: y answers yes, n or Escape no, Enter the focused button (the safe, likely answer; ``default_yes``
    says which that is). Each button shows its key. Side by side when both labels fit on one row; one above the
    other when not (a narrow window): the two buttons are always the same height."""

    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > Vertical {
        width: 72; max-width: 95%; height: auto; max-height: 100%; overflow-y: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    Confirm #question { width: 1fr; content-align: center middle; text-style: bold; margin: 0 0 1 0; }
    Confirm #answers { height: auto; }
    Confirm Button { width: 1fr; height: 3; }
    Confirm #yes { margin: 0 2 0 0; }
    Confirm.-stacked #answers { layout: vertical; }
    Confirm.-stacked #yes { margin: 0; }
    Confirm.-h-normal.-stacked > Vertical { padding: 0 1; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="yes"),
        Binding("n,escape", "answer(False)", "No", id="no"),
        Binding("enter", "press_focused", "Choose", id="choose"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No", default_yes: bool = False) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no
        self.yes_label = f"{yes} (y)"
        self.no_label = f"{no} (n)"
        self.default_yes = default_yes

    def compose(self) -> ComposeResult:
        yield too_small(f"y: {self.yes} · n or Esc: {self.no}")
        with Vertical(classes="dialog"):
            yield Label(safe(self.question), id="question", markup=False)
            with Horizontal(id="answers"):
                yield Button(self.yes_label, variant="warning", id="yes")
                yield Button(self.no_label, variant="primary", id="no")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default_yes else "#no", Button).focus()

    def on_resize(self, event: events.Resize) -> None:
        """One above the other when a label would wrap side by side (a wrapped one is taller than the other)."""
        box = min(DIALOG_WIDTH, event.size.width * 95 // 100)
        each = (box - BUTTON_ROOM) // 2
        widest = max(cell_len(label) for label in (self.yes_label, self.no_label)) + 2  # the button's padding
        self.set_class(widest > each, "-stacked")

    def describe_key(self, binding: Binding) -> str | None:
        """The key bar says each answer in the question's own words."""
        return {"yes": self.yes, "no": self.no}.get(binding.id or "") or (
            pressed_word(self) if binding.id == "choose" else None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_press_focused(self) -> None:
        if isinstance(self.focused, Button):
            self.focused.press()


class QuitDialog(KeepsFocus, ModalScreen[str]):
    """Quit mid-session: keep it as ended early (the default), discard it (asked again), or keep going."""

    DEFAULT_CSS = """
    QuitDialog { align: center middle; }
    QuitDialog > Vertical {
        width: 64; max-width: 95%; height: auto; max-height: 100%; padding: 1 2; border: thick $warning;
        background: $surface;
    }
    QuitDialog Label { width: 1fr; margin: 0 0 1 0; }
    QuitDialog Button { width: 1fr; margin: 0 0 0 0; }
    """
    BINDINGS = [
        Binding("s", "choose('save')", "Save", id="save"),
        Binding("d", "choose('discard')", "Discard", id="discard"),
        Binding("escape,n", "choose('continue')", "Keep going", id="continue"),
        Binding("enter", "press_focused", "Choose", id="choose"),
    ]

    def __init__(self, sets_done: int, planned: int) -> None:
        super().__init__()
        self.sets_done = sets_done
        self.planned = planned

    def compose(self) -> ComposeResult:
        yield too_small("Esc: keep going · s: save it as ended early" + (" · d: discard it" if self.sets_done else
                                                                          " · d: leave without saving"))
        with Vertical(classes="dialog"):
            if self.sets_done:
                yield Label(f"Quit this workout? {self.sets_done} of {self.planned} sets done so far.", markup=False)
                yield Button("Save it as ended early (s)", variant="warning", id="save")
                yield Button("Discard it (d)", variant="error", id="discard")
            else:
                yield Label("Quit this workout? No set is done yet, so there is nothing to keep.", markup=False)
                yield Button("Leave without saving (d)", variant="warning", id="discard")
                yield Button("Save it anyway, as ended early (s)", variant="default", id="save")
            yield Button("Keep going (Esc)", variant="primary", id="continue")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#save" if self.sets_done else "#discard", Button).focus()

    def describe_key(self, binding: Binding) -> str | None:
        """Enter's word is the focused answer's; s and d say what they keep or leave."""
        if binding.id == "choose":
            return pressed_word(self)
        if binding.id == "discard" and not self.sets_done:
            return "Leave"
        return None

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "continue")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    def action_press_focused(self) -> None:
        if isinstance(self.focused, Button):
            self.focused.press()
