"""Work that can wait for the frame: done just after it has been handed to the terminal, not before."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.css.query import NoMatches
from textual.widget import Widget

if TYPE_CHECKING:
    from runtrainer.audio import CuePlayer

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


class SoundsAfterFrame:
    """The sounds of an on-time phase change go to the player as soon as its frame is drawn: the player and what
    ALSA starts for a sound took the CPU that frame needed (the sound ~1 ms later; README, Benchmarks). Any still
    waiting go before a later update's (a key read before the frame): in the order their phases came."""

    def __init__(self, audio: CuePlayer) -> None:
        self.audio = audio
        self.waiting: tuple[str, ...] = ()

    def play(self, sounds: tuple[str, ...]) -> None:
        """``sounds`` now (unless muted), after any still waiting for a frame."""
        sounds, self.waiting = (*self.waiting, *sounds), ()
        if not self.audio.muted:
            for name in sounds:
                self.audio.play_sound(name)

    def after_frame(self, widget: Widget, sounds: tuple[str, ...]) -> None:
        """``sounds`` once the frame ``widget`` is drawn in is (asked through a widget: see ``after_frame``)."""
        self.play(())
        self.waiting = sounds
        widget.call_after_refresh(self.play, ())
