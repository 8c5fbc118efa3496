"""Words after tones: a spoken cue ("Rest", "Last set", "Switch sides", "Workout complete", "Next: leg press")
starts once the tones it follows have finished playing, and the next word once that word has. Tones (and the
counted numbers, which stand in place of a tone) are never delayed: they mark the moments. No textual.

The lengths are the WAVs' own (``cue_sounds.seconds_of``). A word that would start too late to mean anything is
dropped, never kept waiting: when the phase it belongs to is over (the runner skipped on, the rest ran out) or
more than ``LATE_SECONDS`` after its cue (a pause, a laptop that slept), so words never pile up behind the workout.
A countdown's pip closer than ``PIP_GAP_SECONDS`` after the one before is not played: `-` cutting a rest as its
3-second pip sounded began the count-in with its own pip 4 ms later, two pips heard as one garbled click.
"""

from __future__ import annotations

from collections.abc import Callable

from runtrainer.spoken_count import held_word

APART_SECONDS = 0.05
"""A word never starts this close before the engine's next moment (where a tone may start): it waits for it."""
PIP_GAP_SECONDS = 0.3
"""Countdown pips are a second apart; one closer than this to the last (a key cut the step it counted) is left out
(a default we chose: well under the second between pips, well over a key press's few milliseconds)."""
PIPS = ("count", "rest_count")
LATE_SECONDS = 2.0
"""A word that would start more than this after its cue is dropped. The longest wait in the built-in cues is
"Last set" after the set-done notes, the rest's and "Rest": 1.4 s."""


class WordsAfterTones:
    """Holds the words of an update until the sounds started before them have finished."""

    def __init__(self, seconds_of: Callable[[str], float]) -> None:
        self._seconds_of = seconds_of
        self._busy_until = float("-inf")
        """When the last sound started (a tone, a number, a word) finishes playing, on the session's clock."""
        self._waiting: list[str] = []
        self._pip_at = float("-inf")
        self._since = 0.0
        self._step = -1

    def place(self, sounds: tuple[str, ...], now: float, step: int, next_change: float | None,
              paused: bool = False) -> tuple[str, ...]:
        """The sounds to start now, of ``sounds`` (this update's, in order) and the words waiting. ``step``: the
        engine's step now (words of a step that is over are dropped); ``next_change``: seconds until the engine's
        next moment (None: none booked); ``paused``: the runner paused (the words waiting are dropped)."""
        if self._waiting and (step != self._step or paused):
            self._waiting.clear()  # the phase the words belonged to is over, or paused: said now, they would mislead
        start: list[str] = []
        for name in sounds:
            if name in PIPS:
                if now - self._pip_at < PIP_GAP_SECONDS:
                    continue  # the last pip still sounds: a second now would garble it
                self._pip_at = now
            if held_word(name):
                if not self._waiting:
                    self._since, self._step = now, step
                self._waiting.append(name)
            else:
                start.append(name)
                self._busy_until = max(self._busy_until, now + self._seconds_of(name))
        if self._waiting and now - self._since > LATE_SECONDS:
            self._waiting.clear()  # too late to mean anything: dropped, so words never pile up late
        if self._waiting and now >= self._busy_until - 1e-9 and (next_change is None or next_change >= APART_SECONDS):
            word = self._waiting.pop(0)
            start.append(word)
            self._busy_until = now + self._seconds_of(word)
        return tuple(start)

    def due_in(self, now: float) -> float | None:
        """Seconds until the next waiting word may start (None: no word waits)."""
        return max(0.0, self._busy_until - now) if self._waiting else None
