"""A voice for every exercise: "Next: <name>" rendered by espeak-ng (a fake one on PATH that writes down its
arguments, and the real one where installed), cached by words and voice, the cache kept under its limit."""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import wave
from pathlib import Path

import pytest
from helpers import routine

from runtrainer.audio import CuePlayer, cue_sounds
from runtrainer.core.clock import FakeClock
from runtrainer.core.engine import Engine
from runtrainer.voice import Voice, spoken

HOSTILE = 'Bulgarian split squat; rm -rf ~ $(touch pwned) `id` "q" \'s\' | \x1b[31m\x07 -w /tmp/x\nnext'


@pytest.fixture
def fake_espeak(tmp_path, monkeypatch):
    """An espeak-ng on PATH that logs its argv as one JSON line and writes a WAV of 1,000 bytes to -w."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "espeak.log"
    script = bin_dir / "espeak-ng"
    script.write_text(f"#!{sys.executable}\nimport json, sys\n"
                      f"open({str(log)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n"
                      "out = sys.argv[sys.argv.index('-w') + 1]\nopen(out, 'wb').write(b'R' * 1000)\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    return log


def calls(log: Path) -> list[list[str]]:
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def test_a_name_with_shell_and_control_characters_is_one_argument_never_a_shell(tmp_path, fake_espeak):
    voice = Voice.find(tmp_path / "cache")
    assert voice.available and voice.espeak == str(tmp_path / "bin" / "espeak-ng")
    path = voice.render(f"Next: {HOSTILE}")
    assert path is not None and path.read_bytes() == b"R" * 1000
    [argv] = calls(fake_espeak)
    words = argv[-1]
    assert argv[:-1] == ["-v", "en", "-s", "150", "-a", "160", "-w", argv[-2]]
    assert words == spoken(f"Next: {HOSTILE}")
    assert words.startswith("Next: Bulgarian split squat; rm -rf ~ $(touch pwned) `id`")  # kept whole, not run
    assert not any(ch in words for ch in "\x1b\x07\n")  # controls spoken as spaces
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()
    assert voice.render(f"Next: {HOSTILE}") == path and len(calls(fake_espeak)) == 1  # cached: not rendered again


def test_the_cache_is_keyed_by_words_and_voice(tmp_path, fake_espeak):
    a = Voice.find(tmp_path / "cache")
    b = Voice(tmp_path / "cache", a.espeak, voice="en-gb")
    assert a.path("Next: Lunges") != a.path("Next: Squats")
    assert a.path("Next: Lunges") != b.path("Next: Lunges")


def test_the_cache_never_grows_past_its_limit_the_least_recently_used_go_first(tmp_path, fake_espeak):
    voice = Voice.find(tmp_path / "cache")
    voice.limit = 3000  # three of the fake's 1,000-byte WAVs
    paths = []
    for n, name in enumerate(("A", "B", "C", "D", "E")):
        path = voice.render(f"Next: {name}")
        assert path is not None
        os.utime(path, ns=(n * 10**9, n * 10**9))  # rendered one second apart, without waiting for it
        paths.append(path)
        if name == "C":
            os.utime(paths[0], ns=(3 * 10**9 - 1, 3 * 10**9 - 1))  # A was used again: B is now the oldest
    kept = sorted(p.name for p in (tmp_path / "cache").glob("*.wav"))
    assert sum(p.stat().st_size for p in (tmp_path / "cache").glob("*.wav")) <= 3000
    assert kept == sorted(p.name for p in (paths[0], paths[3], paths[4]))  # B and C were dropped


class FileBackend:
    name = "files"

    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, sound: str) -> None:
        self.played.append(sound)

    def play_file(self, path: Path) -> None:
        self.played.append(f"file {path.name}")


MINE = routine('name = "Mine"\nkind = "gym"\nget_ready_seconds = 1\n'
               '[[exercises]]\nname = "Calf raises"\nsets = 1\nreps = 1\nrest_after_seconds = 5\n'
               '[[exercises]]\nname = "Bulgarian split squat"\nsets = 1\nreps = 1\n')


def test_the_rest_before_an_exercise_of_your_own_says_its_name_or_plays_the_tone(tmp_path, fake_espeak):
    voice = Voice.find(tmp_path / "cache")
    player = CuePlayer(FileBackend(), threaded=False, voice=voice)
    player.play_sound("say:Next: Bulgarian split squat")  # not rendered yet: the tone, never silence
    thread = player.prepare(MINE)
    assert thread is not None
    thread.join()
    assert [a[-1] for a in calls(fake_espeak)] == ["Next: Bulgarian split squat"]  # the built-in name is shipped
    player.play_sound("say:Next: Bulgarian split squat")
    backend = player.backend
    assert isinstance(backend, FileBackend)
    assert backend.played == ["next_exercise", f"file {voice.path('Next: Bulgarian split squat').name}"]
    silent = CuePlayer(FileBackend(), threaded=False, voice=Voice(tmp_path / "none", None))
    assert silent.prepare(MINE) is None
    silent.play_sound("say:Next: Bulgarian split squat")
    assert isinstance(silent.backend, FileBackend) and silent.backend.played == ["next_exercise"]


def test_the_cue_policy_asks_for_the_name_of_an_exercise_of_your_own():
    from runtrainer.core.engine import Cue, CueKind
    from runtrainer.core.plan import Phase

    step = next(s for s in Engine(MINE, FakeClock(0.0)).steps if s.phase is Phase.REST)
    assert cue_sounds(Cue(CueKind.PHASE_STARTED, 0.0, step), MINE) == ["rest", "say:Next: Bulgarian split squat"]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_the_real_espeak_renders_a_wav(tmp_path):
    path = Voice.find(tmp_path / "cache").render("Next: Bulgarian split squat")
    assert path is not None
    with wave.open(str(path)) as w:
        assert w.getnframes() / w.getframerate() > 0.8  # a second or so of speech
