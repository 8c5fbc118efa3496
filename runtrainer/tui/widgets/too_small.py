"""What a screen shows instead of itself below runtrainer's minimum size (app.tcss: `.too-small`), and a dialog the
keys that still work there: its box is hidden (`.dialog`), never drawn cut off."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

MIN_SIZE = (40, 12)
"""Columns and rows below which a screen shows only the message (app.py's breakpoints: -w-tiny, -h-tiny)."""
MESSAGE = f"Make the window bigger: runtrainer needs at least {MIN_SIZE[0]}×{MIN_SIZE[1]}."


def too_small(keys: str = "") -> Static:
    """The message, and under it ``keys`` ("Esc leaves the set as it was"): what still works with nothing else
    shown (the key bar is hidden too)."""
    return Static(f"{MESSAGE}\n{keys}" if keys else MESSAGE, classes="too-small", markup=False)


class KeepsFocus(Screen[Any]):
    """A dialog whose focused field or button comes back when the window is big enough again: below 40×12 its box
    is hidden, which takes the focus away (Enter would press nothing, typed digits go nowhere)."""

    focus_kept: Widget | None = None

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.focus_kept = event.widget

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        kept = self.focus_kept
        if width >= MIN_SIZE[0] and height >= MIN_SIZE[1] and kept is not None and kept.is_attached:
            self.call_after_refresh(self.refocus, kept)

    def refocus(self, kept: Widget) -> None:
        if self.focused is None and kept.is_attached:
            kept.focus()
