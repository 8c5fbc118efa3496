"""Which sounds each engine cue makes (names of the WAVs in ``sounds/``), and where those WAVs are. Never imports
textual; the players are in audio.py."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from runtrainer.core.plan import Phase
from runtrainer.spoken_count import COUNT_NAMES, apart, counted
from runtrainer.voice import SPOKEN

if TYPE_CHECKING:
    from runtrainer.core.engine import Cue
    from runtrainer.core.routine import Routine

TONE_NAMES = (
    "tick", "hold", "count", "release", "pause", "rest", "rest_count", "go", "switch", "set_done",
    "next_exercise", "workout_done",
)
SPEECH_NAMES = (
    "say_switch_sides", "say_rest", "say_last_set", "say_workout_complete", "say_next_calf_raises",
    "say_next_leg_press", "say_next_single_leg_deadlift", "say_next_jumps", "say_next_squats", "say_next_lunges",
)
SOUND_NAMES = TONE_NAMES + SPEECH_NAMES + COUNT_NAMES
"""Every cue sound; each is ``sounds/<name>.wav``."""

DESCRIPTIONS = {
    "tick": "a rep phase starts (lift, lower)",
    "hold": "hold at the top starts",
    "count": "3-2-1 of a hold",
    "release": "the hold ends: lower",
    "pause": "pause at the bottom",
    "rest": "rest starts",
    "rest_count": "last three seconds of a rest, get-ready or switch",
    "go": "go: a set starts",
    "switch": "switch sides",
    "set_done": "set done",
    "next_exercise": "next exercise (one of your own)",
    "workout_done": "workout complete",
}

def sounds_dir() -> Path:
    """The cue WAVs: inside the installed package, or the repository's sounds/ in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "sounds", here.parent / "sounds"):
        if (candidate / "go.wav").is_file():
            return candidate
    return here / "sounds"


WORD_SECONDS = 1.0
"""The length taken for a sound whose WAV cannot be read (a name rendered with espeak-ng: "Next: <name>")."""


@functools.cache
def seconds_of(name: str) -> float:
    """How long the sound ``name`` plays: its WAV's frames over its rate (read from its header once)."""
    import wave  # here: Home's first frame does without it

    try:
        with wave.open(str(sounds_dir() / f"{name}.wav"), "rb") as w:
            frames: int = w.getnframes()
            rate: int = w.getframerate()
        return frames / rate
    except (OSError, EOFError, wave.Error):
        return WORD_SECONDS


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def sounds_of(cues: Sequence[Cue], routine: Routine | None = None, count_aloud: bool = False) -> tuple[str, ...]:
    """The sounds of cues that come together (one update's), in order: each cue's, and counted aloud, kept apart
    (``spoken_count.apart``)."""
    each = [cue_sounds(cue, routine, count_aloud) for cue in cues]
    return tuple(name for said in (apart(cues, each) if count_aloud else each) for name in said)


def cue_sounds(cue: Cue, routine: Routine | None = None, count_aloud: bool = False) -> list[str]:
    """The sounds an engine cue makes, in order (empty for a silent cue); ``count_aloud``: spoken_count.counted."""
    from runtrainer.core.engine import CueKind  # here: Home's first frame does without the engine's import

    if count_aloud:
        return counted(cue, cue_sounds(cue, routine))
    step = cue.step
    if cue.kind is CueKind.COUNTDOWN:
        return ["count" if step.phase is Phase.HOLD else "rest_count"]
    if cue.kind is CueKind.SET_DONE:
        return ["set_done"]
    if cue.kind is CueKind.EXERCISE_DONE:
        return []  # the rest that follows names the next exercise
    if cue.kind is CueKind.WORKOUT_DONE:
        return ["workout_done", "say_workout_complete"]
    phase = step.phase
    if phase is Phase.HOLD:
        return ["hold"]
    if phase is Phase.PAUSE:
        return ["pause"]
    if phase is Phase.SWITCH:
        return ["switch", "say_switch_sides"]
    if phase is Phase.REST:
        sounds = ["rest"]
        if routine is not None:
            ex = routine.exercises[step.exercise]
            if step.set_index == ex.sets - 1 and step.exercise + 1 < len(routine.exercises):
                name = routine.exercises[step.exercise + 1].name
                nxt = f"say_next_{slug(name)}"
                return sounds + [nxt if nxt in SPEECH_NAMES else f"{SPOKEN}Next: {name}"]
            sounds.append("say_rest")
            if step.set_index + 1 == ex.sets - 1:
                sounds.append("say_last_set")
            return sounds
        return sounds + ["say_rest"]
    if phase in (Phase.LIFT, Phase.LOWER, Phase.WORK):
        if cue.after in (Phase.REST, Phase.GET_READY, Phase.SWITCH) or cue.after is None:
            return ["go"]
        if cue.after is Phase.HOLD:
            return ["release"]
        return ["tick"]
    return []
