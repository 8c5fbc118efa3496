"""What a screen shows instead of itself below runtrainer's minimum size (app.tcss: `.too-small`), and a dialog the
keys that still work there: its box is hidden (`.dialog`), never drawn cut off."""

from __future__ import annotations

from textual.widgets import Static

MESSAGE = "Make the window bigger: runtrainer needs at least 40×12."


def too_small(keys: str = "") -> Static:
    """The message, and under it ``keys`` ("Esc leaves the set as it was"): what still works with nothing else
    shown (the key bar is hidden too)."""
    return Static(f"{MESSAGE}\n{keys}" if keys else MESSAGE, classes="too-small", markup=False)
