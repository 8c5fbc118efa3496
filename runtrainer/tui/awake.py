"""Keeping the laptop awake while a workout runs (and letting it sleep while paused), off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.app import App
from textual.dom import DOMNode

from runtrainer.inhibit import SleepInhibitor
from runtrainer.tui.from_thread import soon


class KeepAwake:
    def __init__(self, inhibitor: SleepInhibitor | None, tell: Callable[[str, str], None]) -> None:
        self.inhibitor = inhibitor
        self.tell = tell
        """Says a problem once, in the screen's own message line (no toast over the workout): in full, and in the
        short words of a small window."""
        self._awake = False
        self._told = False

    def want(self, awake: bool, node: DOMNode) -> None:
        """Called after every update: takes or lets go of the inhibitor (in a worker) only when the wish changes."""
        if self.inhibitor is None or awake == self._awake:
            return
        self._awake = awake
        node.run_worker(partial(self._set, awake, node.app), thread=True, group="inhibit", exit_on_error=False)

    def _set(self, awake: bool, app: App[object]) -> None:
        assert self.inhibitor is not None
        if not awake:
            self.inhibitor.release()
            return
        problem = self.inhibitor.acquire()
        if problem and not self._told:
            self._told = True
            soon(app, self.tell, f"Cannot keep the laptop awake ({problem.split(': ')[0]}): keep it plugged in.",
                 "Cannot keep the laptop awake: keep it plugged in.")
