"""A screen's width and height classes, set before it is first styled."""

from __future__ import annotations

from typing import Any, TypeVar

from textual.app import App
from textual.screen import Screen

S = TypeVar("S", bound=Screen[Any])


def sized(app: App[Any], screen: S) -> S:
    """The screen with the classes of the app's ``HORIZONTAL_BREAKPOINTS`` and ``VERTICAL_BREAKPOINTS`` that
    Textual's first Resize would give it: that Resize then changes no class, and the screen is not styled a
    second time just after its first (~2 ms of start-up)."""
    width, height = app.size
    for breakpoints, length in ((app.HORIZONTAL_BREAKPOINTS, width), (app.VERTICAL_BREAKPOINTS, height)):
        reached = [name for at, name in sorted(breakpoints or []) if length >= at]
        if reached:
            screen.add_class(reached[-1], update=False)  # styled when it is mounted
    return screen
