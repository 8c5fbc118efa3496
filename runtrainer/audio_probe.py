"""The simpleaudio probe, in a child process: a crash in the C library cannot take runtrainer down.

simpleaudio 1.0.4 (upstream, archived) frees memory without the GIL when a sound ends, and on Python 3.12+
that kills the interpreter (SIGSEGV). A native crash cannot be caught, so the probe plays the shipped
``silence.wav`` to its end in a child (``sys.executable``, the same environment); a child that dies leaves the
backend passed over with the reason, and the parent never loads the library. Started early, the child runs
beside the UI's imports (its own process, so it does not trade the GIL with them): start-up does not wait for it.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import Any

TIMEOUT = 5.0
"""Seconds a probe may take before its device counts as not working (a hung sound server)."""

CHILD = """
import sys, time
sys.path.insert(0, sys.argv[2])
try:
    import simpleaudio
    play = simpleaudio.WaveObject.from_wave_file(sys.argv[1]).play()
    while play.is_playing():  # wait_done() would poll every 50 ms
        time.sleep(0.005)
except Exception as exc:
    print(str(exc).split(" -- ")[0].strip() or type(exc).__name__, flush=True)
    sys.exit(1)
time.sleep(0.01)  # the broken release frees its memory just after the sound leaves the play list
print("ok", flush=True)
"""
"""Plays the silence to its end (where the broken release crashes) and says "ok", or why not."""

NOT_INSTALLED = "simpleaudio is not installed (pip install 'runtrainer[audio]'; needs libasound2-dev)"


class SimpleaudioProbe:
    """One probe of simpleaudio in a child process; ``result()`` waits for it (at most ``TIMEOUT``)."""

    def __init__(self, silence: Path) -> None:
        self.proc: subprocess.Popen[str] | None = None
        self.error = ""
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
        command = [sys.executable, "-I", "-S", "-c", CHILD, str(silence), str(where)]
        try:
            self.proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL, text=True)
        except OSError as exc:
            self.error = f"simpleaudio cannot be probed ({exc})"

    def result(self) -> str:
        """"" when simpleaudio played the silence, else why it is passed over."""
        if self.proc is None:
            return self.error
        try:
            out, _ = self.proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.communicate()
            return f"simpleaudio did not finish its probe in {TIMEOUT:.0f} s"
        code = self.proc.returncode
        if code < 0:
            try:
                name = f", {signal.Signals(-code).name}"
            except ValueError:
                name = ""
            return f"simpleaudio crashed in the probe (signal {-code}{name})"
        last = (out.strip().splitlines() or [""])[-1]
        if code == 0 and last == "ok":
            return ""
        if last.startswith("No module named"):
            return NOT_INSTALLED
        return f"simpleaudio found no sound device ({last or f'exit {code}'})"


_ALSA_HANDLER: Any = None


def silence_alsa() -> bool:
    """Point ALSA's error printer at a no-op, so a missing device never writes over the TUI.

    ALSA's C library prints to file descriptor 2 on its own; simpleaudio cannot stop it. Returns whether the
    handler is installed (there is nothing to do where there is no libasound).
    """
    global _ALSA_HANDLER
    if _ALSA_HANDLER is not None:
        return True
    import ctypes

    try:  # the soname libasound has had since 2002; find_library runs ldconfig (~4 ms of start-up), so only after
        asound = ctypes.CDLL("libasound.so.2")
    except OSError:
        import ctypes.util

        lib = ctypes.util.find_library("asound")
        if not lib:
            return False
        try:
            asound = ctypes.CDLL(lib)
        except OSError:
            return False
    try:
        handler_type = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int,
                                        ctypes.c_char_p)
        _ALSA_HANDLER = handler_type(lambda *args: None)
        asound.snd_lib_error_set_handler(_ALSA_HANDLER)
    except (OSError, AttributeError):
        return False
    return True
