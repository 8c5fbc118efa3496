"""Clocks. Every timer in runtrainer derives from one injected monotonic clock."""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]
"""A monotonic clock: seconds as a float, never going backwards."""

monotonic: Clock = time.monotonic


class FakeClock:
    """A clock the tests move by hand, so a 45-minute routine runs in a second."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
