"""The simpleaudio probe runs in a child process: a library that crashes natively is passed over, with the
reason, and runtrainer carries on (simpleaudio 1.0.4 dies with SIGSEGV on Python 3.12+)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CRASHING_SIMPLEAUDIO = """
import os, signal

class WaveObject:
    @classmethod
    def from_wave_file(cls, path):
        return cls()

    def play(self):
        os.kill(os.getpid(), signal.SIGSEGV)  # what upstream 1.0.4 does on 3.12+ when a sound ends

def play_buffer(*args):
    os.kill(os.getpid(), signal.SIGSEGV)
"""

NO_DEVICE_SIMPLEAUDIO = """
class SimpleaudioError(Exception):
    pass

class WaveObject:
    @classmethod
    def from_wave_file(cls, path):
        return cls()

    def play(self):
        raise SimpleaudioError("Error opening PCM device. -- CODE: -2 -- MSG: No such file or directory")

def play_buffer(*args):
    WaveObject().play()
"""


def _run_with(tmp_path: Path, fake: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run runtrainer with a fake simpleaudio first on the path (the probe's child inherits it), no system
    player (an empty PATH) and no terminal, so the choice falls through to off without playing anything."""
    (tmp_path / "fake").mkdir()
    (tmp_path / "fake" / "simpleaudio.py").write_text(fake)
    (tmp_path / "bin").mkdir()
    env = {**os.environ, "HOME": str(tmp_path), "PATH": str(tmp_path / "bin"),
           "PYTHONPATH": os.pathsep.join([str(tmp_path / "fake"), str(ROOT)])}
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, timeout=60)


def test_a_simpleaudio_that_crashes_is_passed_over_and_sound_check_says_why(tmp_path):
    result = _run_with(tmp_path, CRASHING_SIMPLEAUDIO, "-m", "runtrainer", "sound-check")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Sound backend: off (nothing can play sound here)"
    assert lines[1] == "  passed over simpleaudio: simpleaudio crashed in the probe (signal 11, SIGSEGV)"
    assert result.stderr == ""


def test_the_start_notice_names_the_crash_in_a_few_words(tmp_path):
    code = ("from runtrainer.audio import choose_backend, start_probe\n"
            "probe = start_probe(None)\n"
            "c = choose_backend(None, terminal=True, probe=probe)\n"
            "print(c.backend.name); print(c.explain())\n")
    result = _run_with(tmp_path, CRASHING_SIMPLEAUDIO, "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "bell", "simpleaudio crashed in the probe; no system player found. `runtrainer sound-check` tells more."]


def test_no_device_in_the_probe_is_reported_as_before(tmp_path):
    result = _run_with(tmp_path, NO_DEVICE_SIMPLEAUDIO, "-m", "runtrainer", "sound-check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == \
        "  passed over simpleaudio: simpleaudio found no sound device (Error opening PCM device.)"


def test_a_backend_asked_for_by_name_starts_no_probe():
    from runtrainer.audio import start_probe

    assert start_probe("system") is None and start_probe("bell") is None and start_probe("off") is None
