"""Every message the screens send the app, in one place: a screen says what the runner asked for, and the app
decides which screen comes next."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from runtrainer.audio import Choice
    from runtrainer.core.engine import Cue
    from runtrainer.core.routine import Routine
    from runtrainer.session import WorkoutSession


@dataclass
class StartRoutine(Message):
    """Start a workout of this routine."""

    routine: Routine
    routine_id: str


@dataclass
class HistoryWritten(Message):
    """history.json was written (from a thread): what the write told the runner (damaged lines kept aside)."""

    told: list[str]


@dataclass
class SoundChosen(Message):
    """The sound backend, chosen on a thread after the first frame (its probe is a child process)."""

    choice: Choice


@dataclass
class SoundNews(Message):
    """What the runner should hear of the sound mid-workout (its player stopped), told from its reader thread."""

    text: str


class HistoryWanted(Message):
    """Open the history screen (from Home or the summary); the app owns the store."""


@dataclass
class WorkoutOver(Message):
    """The workout ended (finished, or ended early and kept): show its summary."""

    session: WorkoutSession
    by_itself: bool = False
    """Shown when its time came, not on a key: a key pressed as it comes was meant for the screen before."""


@dataclass
class QuitAsked(Message):
    """q (or Ctrl+C, Ctrl+Q) in a workout: the app asks what to do with it; the workout is paused meanwhile."""

    session: WorkoutSession
    was_running: bool


class WorkoutLeft(Message):
    """The workout was discarded: back to Home."""


@dataclass
class Cued(Message):
    """A cue was acted on (sound started, banner flashed); ``handled_at`` is the clock reading then.

    The benchmark compares it with the cue's ideal moment to measure timing error."""

    cue: Cue
    handled_at: float
    ideal_at: float
