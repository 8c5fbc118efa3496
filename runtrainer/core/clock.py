"""Clocks. Every timer in runtrainer derives from one injected monotonic clock."""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]
"""A monotonic clock: seconds as a float, never going backwards."""

def _boottime() -> float:
    return time.clock_gettime(time.CLOCK_BOOTTIME)


monotonic: Clock = _boottime if hasattr(time, "CLOCK_BOOTTIME") else time.monotonic
"""The default clock. On Linux it is CLOCK_BOOTTIME: monotonic like time.monotonic (wall-clock changes, DST and
NTP steps never move it) but it keeps counting while the laptop sleeps, so a sleep shows up as a gap the
workout can notice and pause for, instead of being silently skipped over."""


class FakeClock:
    """A clock the tests move by hand, so a 45-minute routine runs in a second."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
