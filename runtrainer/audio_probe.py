"""The simpleaudio probe, in a child process that then stays as the player (``sound_child.py``): a crash in the C
library cannot take runtrainer down.

simpleaudio 1.0.4 (upstream, archived) frees memory without the GIL when a sound ends, and on Python 3.12+
that kills the interpreter (SIGSEGV). A native crash cannot be caught, so the probe plays the shipped
``silence.wav`` to its end in a child (``sys.executable``, the same environment); a child that dies leaves the
backend passed over with the reason, and the parent never loads the library. A child that says "ok" stays alive
as the player (``audio_child.SimpleaudioBackend``): every sound is played there, never in runtrainer's process.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from importlib.util import find_spec
from pathlib import Path

TIMEOUT = 5.0
"""Seconds a probe may take before its device counts as not working (a hung sound server)."""

CHILD = Path(__file__).with_name("sound_child.py")
"""The child's script: the probe, then the player."""

NOT_INSTALLED = "simpleaudio is not installed (pip install 'runtrainer[audio]'; needs libasound2-dev)"


class SimpleaudioProbe:
    """One probe of simpleaudio in a child process; ``result()`` waits for it (at most ``TIMEOUT``). Given the
    cues' ``folder``, a child that passes stays as the player, its stdin and stdout ours (``audio_child``)."""

    def __init__(self, silence: Path, folder: Path | None = None) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.error = ""
        self.rest = b""
        """What the child said after its first line (read with it): the player's, for its reader."""
        self._result: str | None = None
        spec = find_spec("simpleaudio")
        if spec is None or spec.origin is None:  # no child for nothing
            self.error = NOT_INSTALLED
            return
        where = Path(spec.origin).parent  # the folder holding the very simpleaudio runtrainer would import
        if spec.submodule_search_locations is not None:
            where = where.parent
        if not sys.executable:
            self.error = "simpleaudio cannot be probed (no Python executable to run the probe)"
            return
        # -I -S: no site, no environment (a third less of the child's CPU, which start-up shares); the child's
        # stderr (ALSA's own messages) never reaches the terminal.
        command = [sys.executable, "-I", "-S", str(CHILD), str(silence), str(where)]
        if folder is not None:
            command.append(str(folder))
        try:
            self.proc = subprocess.Popen(command, stdin=subprocess.PIPE if folder is not None else subprocess.DEVNULL,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)
        except OSError as exc:
            self.error = f"simpleaudio cannot be probed ({exc})"

    def _first_line(self) -> str | None:
        """The child's first line ("" at end of file: it exited), None when it took longer than ``TIMEOUT``."""
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        seen = b""
        end = time.monotonic() + TIMEOUT
        while b"\n" not in seen:
            left = end - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 4096)
            if not chunk:
                return seen.decode(errors="replace").strip()
            seen += chunk
        line, _, self.rest = seen.partition(b"\n")
        return line.decode(errors="replace").strip()

    def result(self) -> str:
        """"" when simpleaudio played the silence, else why it is passed over."""
        if self._result is None:
            self._result = self._read_result()
        return self._result

    def _read_result(self) -> str:
        if self.proc is None:
            return self.error
        last = self._first_line()
        if last == "ok":
            return ""
        if last is None:
            self.close()
            return f"simpleaudio did not finish its probe in {TIMEOUT:.0f} s"
        try:
            code = self.proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.close()
            code = self.proc.returncode
        return why_ended(code, last)

    def close(self) -> None:
        """End the child (a probe not wanted, or a player no longer wanted) and reap it."""
        if self.proc is None:
            return
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


def why_ended(code: int, last: str = "") -> str:
    """Why the child passed simpleaudio over: its exit ``code`` and the last line it said."""
    if code < 0:
        return f"simpleaudio crashed in the probe ({signal_name(code)})"
    if last.startswith("No module named"):
        return NOT_INSTALLED
    return f"simpleaudio found no sound device ({last or f'exit {code}'})"


def signal_name(code: int) -> str:
    """A child's exit code in words: "signal 9, SIGKILL" or "exit 1"."""
    if code >= 0:
        return f"exit {code}"
    try:
        return f"signal {-code}, {signal.Signals(-code).name}"
    except ValueError:
        return f"signal {-code}"
