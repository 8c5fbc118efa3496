"""The sound player's own process: run as a script (``python -I -S sound_child.py SILENCE WHERE [FOLDER]``) by
``audio_probe.SimpleaudioProbe``; it imports nothing of runtrainer.

First the probe: it plays ``SILENCE`` to its end (where upstream simpleaudio 1.0.4 crashes natively on Python 3.12+)
and says "ok" on stdout, or why not, and exits. Then, given a FOLDER, it stays as the player: every WAV there is
loaded once, and each line on stdin, ``<key> <path>``, plays that WAV (loaded the first time it is asked for); it
says ``d <key>`` when the sound has finished, or ``x <key> <reason>`` when it could not play it. Opening the ALSA
device (in C, holding the GIL: 0.4-3 ms per sound, more through a sound server) happens here, never on the app's
UI thread. It ends when its stdin ends: when runtrainer exits, however it exits (even SIGKILL closes the pipe).
Its stderr (ALSA's own messages) is /dev/null: nothing it prints reaches the terminal.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import time
from typing import Any

POLL = 0.005
"""Seconds between looks at the sounds playing, while any is (to say when each has finished)."""
NICENESS = 10
"""How much the player gives way to runtrainer's own process for the CPU: a cue and the phase change's frame are
due at the same moment, and on a two-core machine the player (and what ALSA starts for it) took the core the
frame needed (a phase change's frame 7-8 ms after its moment with sound on, 5 ms with it off). Given way, the
frame is not held, and the cue's first byte in ALSA is no later (measured through ALSA's file plugin: the
README's benchmark). Only the player: the probe at start-up is not held back."""


def probe(silence: str) -> Any:
    """simpleaudio, once it has played the silence to its end; None (the reason said) if it cannot."""
    try:
        import simpleaudio

        play = simpleaudio.WaveObject.from_wave_file(silence).play()
        while play.is_playing():  # wait_done() would poll every 50 ms
            time.sleep(POLL)
    except Exception as exc:  # noqa: BLE001 - every failure is a reason to pass simpleaudio over
        say(str(exc).split(" -- ")[0].strip() or type(exc).__name__)
        return None
    time.sleep(0.01)  # the broken release frees its memory just after the sound leaves the play list
    say("ok")
    return simpleaudio


def say(line: str) -> None:
    try:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    except OSError:  # runtrainer is gone: so is the reason to play
        os._exit(0)


def serve(simpleaudio: Any, folder: str) -> None:
    if hasattr(os, "nice"):
        os.nice(NICENESS)
    waves: dict[str, Any] = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".wav"):
            try:
                waves[os.path.join(folder, name)] = simpleaudio.WaveObject.from_wave_file(os.path.join(folder, name))
            except Exception:  # noqa: BLE001,S112 - said when it is asked for
                continue
    playing: dict[str, Any] = {}
    stdin = sys.stdin.fileno()
    rest = b""
    while True:
        ready, _, _ = select.select([stdin], [], [], POLL if playing else None)
        if ready:
            data = os.read(stdin, 65536)
            if not data:
                break  # runtrainer has exited
            *lines, rest = (rest + data).split(b"\n")
            for line in lines:
                key, _, path = os.fsdecode(line).partition(" ")
                try:
                    wave = waves.get(path)
                    if wave is None:
                        wave = waves[path] = simpleaudio.WaveObject.from_wave_file(path)
                    playing[key] = wave.play()
                except Exception as exc:  # noqa: BLE001 - told, and the next sound plays
                    say(f"x {key} {str(exc).split(' -- ')[0].strip() or type(exc).__name__}")
        for key, play in list(playing.items()):
            if not play.is_playing():
                del playing[key]
                say(f"d {key}")
    stop = getattr(simpleaudio, "stop_all", None)
    if stop is not None:
        stop()


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is runtrainer's to answer; this ends when it does
    sys.path.insert(0, argv[2])  # the folder holding the very simpleaudio runtrainer would import
    simpleaudio = probe(argv[1])
    if simpleaudio is None:
        return 1
    if len(argv) > 3:
        serve(simpleaudio, argv[3])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
