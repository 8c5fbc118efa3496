"""Counting aloud (``--count-aloud``): rep numbers and a timed hold's "three, two, one" as words, for a runner who
cannot look at the screen. Never imports textual.

The words are ``sounds/say_1.wav`` to ``say_30.wav`` (sounds/make_sounds.py). The player speaks them on the same
thread as the other words, so two never overlap; a number still waiting its turn (a rep shorter than the word before
it) is replaced by the newer one, so the count is never more than one word behind (``audio.CuePlayer``).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from runtrainer.core.events import Cue, CueKind
from runtrainer.core.plan import Phase
from runtrainer.voice import SPOKEN

COUNT_WORDS = 30
"""Reps 1 to 30 are spoken; a rep past 30 gets the tick, as without counting aloud."""
COUNT_NAMES = tuple(f"say_{n}" for n in range(1, COUNT_WORDS + 1))
"""The number words' sound names (each is ``sounds/<name>.wav``)."""


def count_word(n: int | None) -> str | None:
    """The spoken number ``say_<n>``; None past the words shipped (the caller keeps its tone)."""
    return f"say_{n}" if n is not None and 1 <= n <= COUNT_WORDS else None


def counted(cue: Cue, tones: list[str]) -> list[str]:
    """The sounds of ``cue`` when counting aloud, given the ones it makes without (``tones``).

    Each rep after the first ("go" starts the set, and is its one) says its number in place of its first phase's
    tone (tick, release, or a hold's or pause's: a word and a tone started together mix into neither). A timed hold's
    last three seconds say "three, two, one"; a hold inside a rep's tempo keeps its count tone, where numbers would
    pass for reps."""
    step = cue.step
    if cue.kind is CueKind.COUNTDOWN:
        word = count_word(cue.number) if step.phase is Phase.HOLD and step.rep is None else None
    elif cue.kind is CueKind.PHASE_STARTED and step.first_of_rep and step.rep is not None and step.rep >= 2:
        word = count_word(step.rep)
    else:
        word = None
    if word is None:
        return tones
    return [word]


def apart(cues: Sequence[Cue], sounds: list[list[str]]) -> list[list[str]]:
    """The sounds of cues that come together (``sounds[i]`` is ``cues[i]``'s), when counting aloud: one sound starts
    at each moment (two started together mix into neither, and a runner who cannot look must tell them apart).

    At a moment where several cues fall, one leads and the others' tones give way (their words stay: the session
    starts those once the tones have finished, session/words.py):

    * a timed hold's first number (a hold of three seconds or less starts with its count): it is the hold's start
      signal, in place of the hold's tone;
    * else the newest phase's own sound: a rep's number takes the place of the pip of a hold that starts the rep
      ("hold 1, lower 1, lift 1"), a hold's or a rest's tone that of its first pip (a phase of 3 s or less), the
      rest's, the go's or the fanfare's that of the set-done notes (the rest's word, the go or the fanfare tells the
      set is done)."""
    out = [list(said) for said in sounds]
    moments: dict[float, list[int]] = {}
    for i, cue in enumerate(cues):
        moments.setdefault(round(cue.at, 6), []).append(i)
    for together in moments.values():
        if len(together) < 2:
            continue
        lead = next((i for i in together if cues[i].kind is CueKind.COUNTDOWN
                     and any(name in COUNT_NAMES for name in out[i])), None)
        if lead is None:
            lead = next((i for i in reversed(together)
                         if cues[i].kind in (CueKind.PHASE_STARTED, CueKind.WORKOUT_DONE)
                         and any(not held_word(name) for name in out[i])), None)
        if lead is None:
            continue
        for i in together:
            if i != lead:
                out[i] = [name for name in out[i] if held_word(name)]
    return out


def held_word(name: str) -> bool:
    """A spoken cue other than a number ("Rest", "Switch sides", "Next: ..."): it waits for the tones before it."""
    return name.startswith(("say_", SPOKEN)) and name not in COUNT_NAMES


class CountWaiting:
    """The one spoken number waiting its turn in the player's speech queue: a newer number takes its place, so the
    count never falls more than one word behind (the word being spoken is never cut off)."""

    MARK = "say_count"
    """What stands in the queue for the number; which number it is, is read when its turn comes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._name: str | None = None

    def offer(self, name: str) -> bool:
        """Hold ``name`` for its turn; True when it needs a place in the queue (no number was waiting)."""
        with self._lock:
            waiting, self._name = self._name, name
        return waiting is None

    def take(self) -> str:
        """The number whose turn it is, and the place is free again."""
        with self._lock:
            name, self._name = self._name or "", None
        return name
