#!/usr/bin/env python3
"""Make every cue WAV in this folder: 16-bit mono PCM at 22,050 Hz, small and distinct.

Run from anywhere: `python sounds/make_sounds.py` (`--out DIR` writes them elsewhere). Tones need only the standard
library; the spoken cues (`say_*.wav`) need espeak-ng (`apt-get install espeak-ng`) and are skipped, with a message,
without it. The count words (`say_1.wav` ... `say_30.wav`, for `--count-aloud`) are spoken a little faster than the
other cues and cut to the word (espeak ends each with ~0.4 s of silence), so a number fits inside a one-second rep.
"""

from __future__ import annotations

import argparse
import math
import shutil
import struct
import subprocess
import wave
from pathlib import Path

RATE = 22050
HERE = Path(__file__).resolve().parent

# name: list of (frequency Hz or 0 for silence, seconds). Pitches rise for "go", fall for "rest".
TONES: dict[str, list[tuple[float, float]]] = {
    "tick": [(1200, 0.04)],
    "hold": [(660, 0.12), (0, 0.03), (880, 0.12)],
    "count": [(880, 0.08)],
    "release": [(880, 0.08), (0, 0.02), (660, 0.10)],
    "pause": [(440, 0.15)],
    "rest": [(784, 0.15), (0, 0.03), (523, 0.15), (0, 0.03), (392, 0.25)],
    "rest_count": [(988, 0.10)],
    "go": [(523, 0.10), (0, 0.02), (784, 0.10), (0, 0.02), (1047, 0.20)],
    "switch": [(660, 0.10), (0, 0.05), (990, 0.10), (0, 0.05), (660, 0.10), (0, 0.05), (990, 0.10)],
    "set_done": [(1047, 0.12), (0, 0.04), (1319, 0.25)],
    "next_exercise": [(523, 0.12), (659, 0.12), (784, 0.12), (1047, 0.25)],
    "workout_done": [(523, 0.15), (659, 0.15), (784, 0.15), (1047, 0.15), (0, 0.05), (1047, 0.4)],
}


# Spoken cues, where a beep would be ambiguous. The "next" ones name the built-in routines' exercises;
# an exercise of the runner's own gets the "next exercise" tone instead.
SPEECH: dict[str, str] = {
    "say_switch_sides": "Switch sides",
    "say_rest": "Rest",
    "say_last_set": "Last set",
    "say_workout_complete": "Workout complete",
    "say_next_calf_raises": "Next: calf raises",
    "say_next_leg_press": "Next: leg press",
    "say_next_single_leg_deadlift": "Next: single leg deadlift",
    "say_next_jumps": "Next: jumps",
    "say_next_squats": "Next: squats",
    "say_next_lunges": "Next: lunges",
}


COUNT_TO = 30
"""Rep numbers spoken with --count-aloud: 1 to 30 (runtrainer.audio.COUNT_WORDS); a rep past 30 gets the tick."""
COUNT_SPEED = "175"
"""Words a minute for the count words (the other cues: 150): "twenty-seven" takes 0.8 s instead of 0.95 s."""
QUIET = 200
"""Samples at or below this (of 32,767) at either end of a count word are silence, and are cut."""


def speak(name: str, words: str, out: Path = HERE, speed: str = "150") -> Path | None:
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        print(f"skipped {name}.wav: espeak-ng is not installed")
        return None
    path = out / f"{name}.wav"
    subprocess.run([espeak, "-v", "en", "-s", speed, "-a", "160", "-w", str(path), words], check=True)
    return path


def trim(path: Path) -> Path:
    """Cut the silence before and after the word (a 10 ms margin kept), so the count is heard on time and the next
    number is not kept waiting behind silence. espeak-ng writes 22,050 Hz mono 16-bit, like the tones."""
    with wave.open(str(path)) as w:
        if (w.getframerate(), w.getnchannels(), w.getsampwidth()) != (RATE, 1, 2):
            raise SystemExit(f"{path}: expected {RATE} Hz mono 16-bit from espeak-ng")
        frames = w.readframes(w.getnframes())
    samples = struct.unpack(f"<{len(frames) // 2}h", frames)
    loud = [i for i, x in enumerate(samples) if abs(x) > QUIET]
    margin = int(RATE * 0.01)
    if loud:
        samples = samples[max(0, loud[0] - margin):loud[-1] + 1 + margin]
    return write(path.stem, struct.pack(f"<{len(samples)}h", *samples), path.parent)


def render(parts: list[tuple[float, float]], volume: float = 0.5) -> bytes:
    frames = bytearray()
    for freq, seconds in parts:
        n = int(RATE * seconds)
        fade = min(int(RATE * 0.008), n // 2)  # short fades: no clicks
        for i in range(n):
            env = min(1.0, i / fade if fade else 1.0, (n - i) / fade if fade else 1.0)
            sample = volume * env * math.sin(2 * math.pi * freq * i / RATE) if freq else 0.0
            frames += struct.pack("<h", int(sample * 32767))
    return bytes(frames)


def write(name: str, frames: bytes, out: Path = HERE) -> Path:
    path = out / f"{name}.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Make every cue WAV.")
    parser.add_argument("--out", type=Path, default=HERE, help="where to write them (default: beside this script)")
    out: Path = parser.parse_args(argv).out
    for name, parts in TONES.items():
        print(write(name, render(parts), out))
    print(write("silence", render([(0.0, 0.02)]), out))  # what the sound probe plays through the system player
    for name, words in SPEECH.items():
        made = speak(name, words, out)
        if made:
            print(made)
    for n in range(1, COUNT_TO + 1):  # "1" is given as digits: espeak-ng says "one", "twenty-seven"
        made = speak(f"say_{n}", str(n), out, COUNT_SPEED)
        if made:
            print(trim(made))


if __name__ == "__main__":
    main()
