"""Work that can wait for the frame: done just after it has been handed to the terminal, not before."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.css.query import NoMatches
from textual.widget import Widget

SETTLE = 0.002
"""Seconds the event loop sleeps between handing a frame over and the work after it. Textual's writer thread sends
the frame, and needs the GIL to: work straight after it (a layout pass, opening the sound device, which holds the
GIL in C) kept the frame's bytes from the terminal for up to 5 ms (the interpreter's switch interval)."""


def after_frame(widget: Widget, callback: Callable[[], None]) -> None:
    """``callback`` once the next frame has been written. Asked through ``widget``, never the screen itself: the
    screen runs "after refresh" callbacks when it is next idle, and asked on the screen's own task (as a tick is)
    that came before the changed widgets had told it they need a repaint, so before the frame, which then waited
    for the callback's work. A widget's request is queued behind theirs."""
    widget.call_after_refresh(asyncio.get_running_loop().call_later, SETTLE, _unless_gone, widget, callback)


def _unless_gone(widget: Widget, callback: Callable[[], None]) -> None:
    """``callback``, unless its screen is being taken down meanwhile (the workout ending as a phase change's frame
    went out): its widgets go one by one, and a line looked up then is gone (a benchmark's run ended in a
    traceback from that)."""
    if not widget.is_attached:
        return
    try:
        callback()
    except NoMatches:
        return
