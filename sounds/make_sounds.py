#!/usr/bin/env python3
"""Make every cue WAV in this folder: 16-bit mono PCM at 22,050 Hz, small and distinct.

Run from anywhere: `python sounds/make_sounds.py`. Tones need only the standard library; the spoken cues
(`say_*.wav`) need espeak-ng (`apt-get install espeak-ng`) and are skipped, with a message, without it.
"""

from __future__ import annotations

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


def speak(name: str, words: str) -> Path | None:
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        print(f"skipped {name}.wav: espeak-ng is not installed")
        return None
    path = HERE / f"{name}.wav"
    subprocess.run([espeak, "-v", "en", "-s", "150", "-a", "160", "-w", str(path), words], check=True)
    return path


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


def write(name: str, frames: bytes) -> Path:
    path = HERE / f"{name}.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames)
    return path


def main() -> None:
    for name, parts in TONES.items():
        print(write(name, render(parts)))
    print(write("silence", render([(0.0, 0.02)])))  # what the sound probe plays through the system player
    for name, words in SPEECH.items():
        made = speak(name, words)
        if made:
            print(made)


if __name__ == "__main__":
    main()
