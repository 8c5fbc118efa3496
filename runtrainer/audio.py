"""Audio cues: which sound each engine cue makes, and the backends that play them. Never imports textual."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from runtrainer.core.engine import Cue, CueKind, Phase

SOUND_NAMES = (
    "tick", "hold", "count", "release", "pause", "rest", "rest_count", "go", "switch", "set_done",
    "next_exercise", "workout_done",
)
"""Every cue sound; each is ``sounds/<name>.wav``."""


def cue_sound(cue: Cue) -> str | None:
    """The sound an engine cue makes, or None for a cue that is silent."""
    if cue.kind is CueKind.COUNTDOWN:
        return "count" if cue.step.phase is Phase.HOLD else "rest_count"
    if cue.kind is CueKind.SET_DONE:
        return "set_done"
    if cue.kind is CueKind.EXERCISE_DONE:
        return "next_exercise"
    if cue.kind is CueKind.WORKOUT_DONE:
        return "workout_done"
    phase = cue.step.phase
    if phase is Phase.HOLD:
        return "hold"
    if phase is Phase.PAUSE:
        return "pause"
    if phase is Phase.REST:
        return "rest"
    if phase is Phase.SWITCH:
        return "switch"
    if phase in (Phase.LIFT, Phase.LOWER, Phase.WORK):
        if cue.after in (Phase.REST, Phase.GET_READY, Phase.SWITCH) or cue.after is None:
            return "go"
        if cue.after is Phase.HOLD:
            return "release"
        return "tick"
    return None


class Backend(Protocol):
    name: str

    def play(self, sound: str) -> None:
        """Start playing a sound and return at once; never raise."""


class NullBackend:
    name = "off"

    def play(self, sound: str) -> None:
        return None


class BellBackend:
    """The terminal bell: one ring for the cues that matter most (never for rep ticks)."""

    name = "bell"
    RINGS = frozenset({"go", "switch", "set_done", "rest", "workout_done", "next_exercise"})

    def __init__(self, ring: Callable[[], None]) -> None:
        self._ring = ring

    def play(self, sound: str) -> None:
        if sound in self.RINGS:
            self._ring()


class CuePlayer:
    """Turns engine cues into sounds on one backend; ``muted`` silences it without losing the backend."""

    def __init__(self, backend: Backend, muted: bool = False) -> None:
        self.backend = backend
        self.muted = muted

    def play(self, cue: Cue) -> str | None:
        sound = cue_sound(cue)
        if sound is not None and not self.muted:
            try:
                self.backend.play(sound)
            except Exception:  # noqa: BLE001 - a cue must never take the workout down
                return None
        return sound
