"""simpleaudio, played in a child process of its own (``sound_child.py``, started as the probe). Never imports
textual, nor simpleaudio: the library lives in the child only.

Why a child: ``WaveObject.play()`` opens the ALSA device in C holding the GIL (0.4-3 ms a sound through ALSA's file
plugin, more through a sound server), and a thread cannot hide that from the UI; and a native crash of the library
(upstream 1.0.4 on Python 3.12+) would take the workout down. Here the UI thread only writes one short line to the
child's pipe, which never blocks: a full pipe or a dead child drops that sound (``SoundLost``, counted by the
player as a failure), never the workout. The child says when each sound has finished (the speech thread waits
for it before the next word).

A child that dies mid-workout is started again, once, and the runner is told (``lost``); if the new one dies
too, the player falls back to the system player or the bell (``audio.CuePlayer``). The child ends when its
stdin closes: when runtrainer exits, however it exits.
"""

from __future__ import annotations

import itertools
import os
import select
import threading
from collections.abc import Callable
from pathlib import Path

from runtrainer.audio_probe import SimpleaudioProbe, signal_name
from runtrainer.cue_sounds import SOUND_NAMES, sounds_dir

WAIT_LIMIT = 10.0
"""Seconds the speech thread waits at most for a sound to finish (a child that stopped answering)."""


class SoundLost(OSError):
    """A sound not handed to the player: it has stopped, or it is so far behind that its pipe is full."""


class Done:
    """A sound handed to the child: ``wait_done`` returns once it has finished (or the child is gone)."""

    __slots__ = ("event",)

    def __init__(self) -> None:
        self.event = threading.Event()

    def wait_done(self) -> None:
        self.event.wait(WAIT_LIMIT)


class SimpleaudioBackend:
    """The cue WAVs played by simpleaudio in the child (each loaded there once); ``play()`` writes a line."""

    name = "simpleaudio"

    def __init__(self, folder: Path | None = None, probe: SimpleaudioProbe | None = None) -> None:
        """``probe``: one that passed (its child becomes the player); without one, a child is started here and
        its probe waited for (``RuntimeError`` with the reason when it fails)."""
        self.folder = folder or sounds_dir()
        self.paths = {name: str(self.folder / f"{name}.wav") for name in SOUND_NAMES
                      if (self.folder / f"{name}.wav").is_file()}
        self.lost: Callable[[str, bool], None] = lambda why, fall_back: None
        """Told from the reader thread when the child dies: why, and whether to give up on it (it died again)."""
        self.failed: Callable[[], None] = lambda: None
        """Told when the child could not play a sound it was asked for."""
        self.deaths = 0
        self._keys = itertools.count()
        self._lock = threading.Lock()
        self._pending: dict[str, Done] = {}
        self._closed = False
        self._probe: SimpleaudioProbe | None = None
        self._fd: int | None = None
        probe = probe or self._start()
        reason = probe.result()
        if reason:
            probe.close()
            raise RuntimeError(reason)
        self._adopt(probe)

    def _start(self) -> SimpleaudioProbe:
        return SimpleaudioProbe(sounds_dir() / "silence.wav", self.folder)

    @property
    def pid(self) -> int | None:
        """The child's process id (None once it is gone for good)."""
        probe = self._probe
        return probe.proc.pid if probe is not None and probe.proc is not None else None

    def _adopt(self, probe: SimpleaudioProbe) -> None:
        proc = probe.proc
        if proc is None or proc.stdin is None or proc.stdout is None:
            raise RuntimeError(probe.error or "simpleaudio's player has no pipe")
        fd = proc.stdin.fileno()
        os.set_blocking(fd, False)  # a full pipe drops the sound; it never stalls the UI thread
        with self._lock:
            self._probe, self._fd = probe, fd
        threading.Thread(target=self._read, args=(probe,), name="runtrainer-sound-child", daemon=True).start()

    # --- the UI thread's side: one write, never blocking -----------------------------------------------

    def play(self, sound: str) -> Done | None:
        path = self.paths.get(sound)
        return self._send(path) if path is not None else None

    def play_file(self, path: Path) -> Done | None:
        return self._send(str(path))

    def _send(self, path: str) -> Done:
        key = str(next(self._keys))
        data = os.fsencode(f"{key} {path}") + b"\n"
        if data.count(b"\n") > 1 or len(data) > select.PIPE_BUF:  # one line, written whole or not at all
            raise SoundLost(f"cannot ask the player for {path!r}")
        done = Done()
        with self._lock:
            if self._fd is None:
                raise SoundLost("simpleaudio's player has stopped")
            self._pending[key] = done
            try:
                os.write(self._fd, data)
            except BlockingIOError:
                del self._pending[key]
                raise SoundLost("simpleaudio's player is behind (its pipe is full)") from None
            except OSError as exc:
                del self._pending[key]
                raise SoundLost(f"simpleaudio's player has stopped ({exc})") from None
        return done

    # --- the reader thread: sounds finished, and the child's death -------------------------------------

    def _read(self, probe: SimpleaudioProbe) -> None:
        assert probe.proc is not None and probe.proc.stdout is not None
        fd = probe.proc.stdout.fileno()
        rest = probe.rest
        while True:
            *lines, rest = rest.split(b"\n")
            for line in lines:
                self._heard(line.decode(errors="replace"))
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                break
            rest += chunk
        self._ended(probe)

    def _heard(self, line: str) -> None:
        what, _, rest = line.partition(" ")
        key = rest.partition(" ")[0]
        with self._lock:
            done = self._pending.pop(key, None) if what in ("d", "x") else None
        if done is not None:
            done.event.set()
        if what == "x":
            self.failed()

    def _ended(self, probe: SimpleaudioProbe) -> None:
        assert probe.proc is not None
        with self._lock:
            if self._probe is not probe:
                return
            self._fd, pending, self._pending = None, self._pending, {}
        for done in pending.values():
            done.event.set()
        probe.close()
        if self._closed:
            return
        self.deaths += 1
        why = signal_name(probe.proc.returncode)
        if self.deaths > 1:
            with self._lock:
                self._probe = None
            self.lost(f"simpleaudio's player stopped again ({why})", True)
            return
        again = self._start()
        reason = again.result()
        if reason:
            again.close()
            with self._lock:
                self._probe = None
            self.lost(f"simpleaudio's player stopped ({why}) and cannot start again ({reason})", True)
            return
        self._adopt(again)
        self.lost(f"simpleaudio's player stopped ({why}); started again", False)

    def close(self) -> None:
        """End the child now (it ends by itself when runtrainer exits)."""
        self._closed = True
        with self._lock:
            probe, self._probe, self._fd = self._probe, None, None
        if probe is not None:
            probe.close()
