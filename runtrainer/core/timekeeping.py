"""Active time: the injected clock minus banked pauses, and the step's deadline against it. The engine's half that
keeps time (the other half, ``engine.Engine``, walks the plan)."""

from __future__ import annotations

import math

from runtrainer.core.clock import Clock
from runtrainer.core.events import State


class Timekeeping:
    """Pausing, resuming and reading the time. Every figure derives from the clock; nothing counts ticks."""

    _clock: Clock
    state: State
    _origin: float
    _paused_total: float
    _paused_at: float | None
    _ended_at: float | None
    _last_seen: float
    _step_start: float
    _step_seconds: float | None

    def tick_into_pending(self) -> None:
        """Process every deadline that has passed (the engine's)."""
        raise NotImplementedError

    @property
    def waiting(self) -> bool:
        """Held past a deadline until released (the engine's): nothing changes on the clock meanwhile."""
        raise NotImplementedError

    # --- time -------------------------------------------------------------------------------------

    def active(self) -> float:
        """Active seconds since start: the clock minus banked pauses; frozen while paused or ended."""
        if self.state is State.READY:
            return 0.0
        if self._ended_at is not None:
            return self._ended_at
        now = self._paused_at if self._paused_at is not None else self._clock()
        return now - self._origin - self._paused_total

    @property
    def paused_seconds(self) -> float:
        extra = self._clock() - self._paused_at if self._paused_at is not None else 0.0
        return self._paused_total + extra

    def clock_time_of(self, active_at: float) -> float:
        """The clock reading at which active time ``active_at`` falls, with the pauses banked so far (for latency
        measurement, and to stamp an instant when it happens)."""
        return self._origin + self._paused_total + active_at

    @property
    def origin(self) -> float:
        """The clock reading at start()."""
        return self._origin

    @property
    def deadline(self) -> float | None:
        return None if self._step_seconds is None else self._step_start + self._step_seconds

    def remaining(self) -> float | None:
        d = self.deadline
        return None if d is None else max(0.0, d - self.active())

    def next_change_in(self) -> float | None:
        """Seconds until what the screen shows changes (a whole second ticks over, or the step ends)."""
        if self.state is not State.RUNNING or self.waiting:
            return None
        rem = self.remaining()
        if rem is None:
            elapsed = self.active() - self._step_start
            return 1.0 - (elapsed % 1.0)
        frac = rem - math.floor(rem)
        return frac if frac > 1e-9 else min(1.0, rem) if rem > 0 else 0.0

    def pause(self) -> None:
        if self.state is State.RUNNING:
            self.tick_into_pending()
            self._paused_at = self._clock()
            self.state = State.PAUSED

    def resume(self) -> None:
        if self.state is State.PAUSED and self._paused_at is not None:
            self._paused_total += self._clock() - self._paused_at
            self._paused_at = None
            self.state = State.RUNNING
            self._last_seen = self._clock()

    def pause_if_gap(self, limit: float) -> float:
        """If the clock jumped more than ``limit`` seconds since the engine last looked (the laptop slept,
        the process was stopped), pause as of that last look, so the lost time is not raced through.
        Returns the gap (0.0 when there was none)."""
        if self.state is not State.RUNNING:
            return 0.0
        now = self._clock()
        gap = now - self._last_seen
        if gap <= limit:
            return 0.0
        self._paused_at = self._last_seen
        self.state = State.PAUSED
        return gap

    def toggle_pause(self) -> None:
        if self.state is State.PAUSED:
            self.resume()
        else:
            self.pause()
