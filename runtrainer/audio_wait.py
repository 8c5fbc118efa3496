"""The audio backend until one is chosen (``audio.CuePlayer.use``). Never imports textual."""

from __future__ import annotations

import time
from collections.abc import Callable


class WaitingBackend:
    """The backend until one is chosen: start-up shows its first frame before the probe (a child process, up to
    ``audio_probe.TIMEOUT``) has answered. Sounds asked for meanwhile are held; ``CuePlayer.use`` plays those
    still fresh (a "go" a moment late is a "go"; a count from seconds ago is noise) on the chosen backend."""

    name = "not chosen yet"
    FRESH = 0.5
    """Seconds a held sound stays worth playing."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.held: list[tuple[float, str]] = []

    def play(self, sound: str) -> None:
        self.held.append((self.clock(), sound))

    def fresh(self) -> list[str]:
        """The held sounds still worth playing, in order; the hold is emptied."""
        now = self.clock()
        held, self.held = self.held, []
        return [sound for at, sound in held if now - at <= self.FRESH]
