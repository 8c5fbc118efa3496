"""Counting aloud (--count-aloud): rep numbers and a timed hold's "three, two, one" as words, on the fake clock;
the words never overlap; mute silences them; the option and its environment variable; the WAVs and their maker."""

from __future__ import annotations

import json
import os
import runpy
import stat
import sys
import threading
import wave
from pathlib import Path

import pytest
from helpers import RecordingBackend, advance, routine, run_cli, session_sounds

from runtrainer.audio import SOUND_NAMES, CuePlayer, sounds_dir
from runtrainer.cli import UsageError, build_parser
from runtrainer.core.clock import FakeClock
from runtrainer.core.routine import Routine
from runtrainer.options import count_aloud
from runtrainer.spoken_count import COUNT_NAMES, COUNT_WORDS
from runtrainer.tui.app import make_app

ROOT = Path(__file__).resolve().parents[1]

COUNTED = routine("""
name = "Count"
kind = "gym"
get_ready_seconds = 3
count_in_seconds = 0

[[exercises]]
name = "Squats"
sets = 1
reps = 3
tempo = "lower 1, lift 1, hold 1"
rest_after_seconds = 5

[[exercises]]
name = "Plank"
sets = 1
hold_seconds = 5
""")


def sounds_of(r, count_aloud: bool) -> list[tuple[float, str]]:
    return session_sounds(r, count_aloud)


def test_reps_say_their_number_and_a_timed_hold_says_three_two_one():
    plain = sounds_of(COUNTED, False)
    aloud = sounds_of(COUNTED, True)
    # Rep 1 starts with "go"; reps 2 and 3 say their number where the tick (here: the release after the tempo's
    # hold) was; the hold inside a rep keeps its tone (its one pip started with it: the tone stands for it), the
    # plank's last three seconds are words. One sound starts at each moment: the rest's tone says the set is done,
    # the fanfare the workout; a word starts when the tone before it has finished (rest.wav 0.61 s, the fanfare's
    # 1.05 s).
    assert aloud == [
        (0.0, "rest_count"), (1.0, "rest_count"), (2.0, "rest_count"),
        (3.0, "go"), (4.0, "tick"), (5.0, "hold"),
        (6.0, "say_2"), (7.0, "tick"), (8.0, "hold"),
        (9.0, "say_3"), (10.0, "tick"), (11.0, "hold"),
        (12.0, "rest"), (12.61, "say:Next: Plank"),
        (14.0, "rest_count"), (15.0, "rest_count"), (16.0, "rest_count"),
        (17.0, "hold"), (19.0, "say_3"), (20.0, "say_2"), (21.0, "say_1"),
        (22.0, "workout_done"), (23.05, "say_workout_complete")]
    # Off (the default): the same moments, tones only, some together as before.
    assert sorted({t for t, _ in plain}) == sorted({t for t, _ in aloud})
    assert not [s for _, s in plain if s in COUNT_NAMES]
    assert [s for t, s in plain if t in (6.0, 9.0)] == ["release", "release"]
    assert [s for t, s in plain if 19.0 <= t <= 21.0] == ["count", "count", "count"]
    assert [s for t, s in plain if t in (12.0, 22.0)] == ["set_done", "rest", "set_done", "workout_done"]


def test_a_tick_gives_way_to_the_number_and_past_the_last_word_the_tick_stays():
    r = routine(f"""
name = "Many"
kind = "gym"
get_ready_seconds = 0

[[exercises]]
name = "Calf raises"
sets = 1
reps = {COUNT_WORDS + 2}
tempo = "lift 1, lower 1"
""")
    aloud = [s for _, s in sounds_of(r, True)]
    assert aloud[0] == "go"  # rep 1's lift; then each rep's lower (a tick) and the next rep's lift (its number)
    assert aloud[2::2][:COUNT_WORDS + 1] == [f"say_{n}" for n in range(2, COUNT_WORDS + 1)] + ["tick", "tick"]
    assert aloud[1::2][:COUNT_WORDS + 2] == ["tick"] * (COUNT_WORDS + 2)


async def test_mute_silences_the_spoken_count_too(tmp_path):
    clock = FakeClock(0.0)
    backend = RecordingBackend(clock)
    app = make_app(config_dir=tmp_path / "config", data_dir=tmp_path / "data", clock=clock,
                   audio=CuePlayer(backend, threaded=False), start=COUNTED, flash_seconds=0, count_aloud=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 6.5)
        assert [s for t, s in backend.played if t == 6.0] == ["say_2"]
        await pilot.press("m")
        before = len(backend.played)
        await advance(pilot, screen, clock, 15)  # rep 3's number and the plank's three, two, one
        assert len(backend.played) == before
        await pilot.press("m")
        await pilot.press("question_mark")
        assert "the spoken count too" in str(app.screen.query_one("#help-keys").render())


class Handle:
    def __init__(self) -> None:
        self.done = threading.Event()

    def wait_done(self) -> None:
        assert self.done.wait(5)


class SlowBackend:
    """Each sound lasts until the test says it ended."""

    name = "slow"

    def __init__(self) -> None:
        self.started: list[str] = []
        self.handles: dict[str, Handle] = {}
        self.began = threading.Semaphore(0)

    def play(self, sound: str) -> Handle:
        self.started.append(sound)
        self.handles[sound] = handle = Handle()
        self.began.release()
        return handle


def test_numbers_never_overlap_and_one_waiting_gives_way_to_the_next():
    backend = SlowBackend()
    player = CuePlayer(backend)
    player.play_sound("say_2")
    assert backend.began.acquire(timeout=5)
    player.play_sound("say_3")  # "two" is still being said: "three" waits ...
    player.play_sound("say_4")  # ... and gives its place to "four" (a rep shorter than the word)
    assert backend.started == ["say_2"], "never two words at once"
    backend.handles["say_2"].done.set()
    assert backend.began.acquire(timeout=5)
    backend.handles["say_4"].done.set()
    player.drain()
    assert backend.started == ["say_2", "say_4"]
    player.play_sound("say_5")  # nothing waiting now: said in turn
    assert backend.began.acquire(timeout=5)
    backend.handles["say_5"].done.set()
    player.drain()
    assert backend.started == ["say_2", "say_4", "say_5"]


def test_the_option_before_or_after_the_command_and_the_environment(monkeypatch):
    monkeypatch.delenv("RUNTRAINER_COUNT_ALOUD", raising=False)
    parser = build_parser()
    assert count_aloud(parser.parse_args(["--count-aloud", "start", "gym"]))
    assert count_aloud(parser.parse_args(["start", "gym", "--count-aloud"]))
    assert not count_aloud(parser.parse_args(["start", "gym"]))
    for value, on in (("1", True), ("true", True), ("On", True), ("0", False), ("no", False), ("", False)):
        monkeypatch.setenv("RUNTRAINER_COUNT_ALOUD", value)
        assert count_aloud(parser.parse_args([])) is on, value
    monkeypatch.setenv("RUNTRAINER_COUNT_ALOUD", "loud")
    with pytest.raises(UsageError):
        count_aloud(parser.parse_args([]))


def test_a_bad_environment_value_is_one_line_and_exit_2_and_sound_check_says_whether_it_is_on(tmp_path):
    bad = run_cli("sound-check", tmp_path=tmp_path, env={"RUNTRAINER_COUNT_ALOUD": "loud", "RUNTRAINER_AUDIO": "off"})
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.strip() == ('runtrainer: RUNTRAINER_COUNT_ALOUD is "loud"; expected 1 or 0 '
                                  "(or true/false, yes/no, on/off)")
    on = run_cli("--count-aloud", "sound-check", tmp_path=tmp_path, env={"RUNTRAINER_AUDIO": "off"})
    assert on.returncode == 0, on.stderr
    assert f"Counting aloud: on; reps 1-{COUNT_WORDS}" in on.stdout
    assert "say_7 " in on.stdout and "say_8 " not in on.stdout, "one number word stands for the count"
    off = run_cli("sound-check", tmp_path=tmp_path, env={"RUNTRAINER_AUDIO": "off", "RUNTRAINER_COUNT_ALOUD": "0"})
    assert "Counting aloud: off" in off.stdout


def test_every_number_word_ships_small_and_like_the_other_cues():
    assert set(COUNT_NAMES) <= set(SOUND_NAMES)
    for name in COUNT_NAMES:
        with wave.open(str(sounds_dir() / f"{name}.wav")) as w:
            assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (22050, 1, 2), name
            assert w.getnframes() / w.getframerate() < 0.9, f"{name} must fit inside a one-second rep"


def make_wav(path: Path, frames: list[int]) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(b"".join(x.to_bytes(2, "little", signed=True) for x in frames))


FAKE_ESPEAK = """#!{python}
import json, sys, wave
open({log!r}, "a").write(json.dumps(sys.argv[1:]) + "\\n")
with wave.open(sys.argv[sys.argv.index("-w") + 1], "wb") as w:  # 0.5 s of silence, 0.1 s of sound, 0.5 s silence
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(22050)
    w.writeframes(bytes(44100) + (4000).to_bytes(2, "little", signed=True) * 2205 + bytes(44100))
"""


def test_make_sounds_speaks_every_number_and_cuts_the_silence(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "espeak.log"
    fake = bin_dir / "espeak-ng"
    fake.write_text(FAKE_ESPEAK.format(python=sys.executable, log=str(log)))
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    out = tmp_path / "out"
    out.mkdir()
    maker = runpy.run_path(str(ROOT / "sounds" / "make_sounds.py"))
    maker["main"](["--out", str(out)])
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    numbers = [argv for argv in calls if argv[-1].isdigit()]
    assert [argv[-1] for argv in numbers] == [str(n) for n in range(1, COUNT_WORDS + 1)]
    assert all(argv[argv.index("-w") + 1] == str(out / f"say_{argv[-1]}.wav") for argv in numbers)
    assert {p.stem for p in out.glob("say_*.wav")} >= set(COUNT_NAMES)
    with wave.open(str(out / "say_7.wav")) as w:  # 0.1 s of sound and a 10 ms margin each side
        assert w.getnframes() == 2205 + 2 * 220 and w.getframerate() == 22050
    with wave.open(str(out / "say_rest.wav")) as w:  # the other spoken cues are left as espeak-ng made them
        assert w.getnframes() == 22050 + 2205 + 22050


def short_holds(seconds: str) -> Routine:
    return routine(f"""
name = "Short holds"
kind = "gym"
get_ready_seconds = 3
count_in_seconds = 3

[[exercises]]
name = "Wall sit"
sets = 2
hold_seconds = {seconds}
rest_seconds = 4

[[exercises]]
name = "Side plank"
sets = 1
hold_seconds = {seconds}
per_side = true
switch_seconds = 2

[[exercises]]
name = "Squats"
sets = 1
reps = 3
tempo = "pause 1, lower 1, lift 1"
""")


@pytest.mark.parametrize("seconds", ["1", "2", "3", "2.5", "3.5"])
def test_counted_aloud_no_number_starts_at_the_same_moment_as_another_sound(seconds):
    """A timed hold of 3 s or less starts with its count: the first number is its start signal, in place of the
    hold's tone (the two started together mix on a real device). A rep whose tempo starts with a pause says its
    number in place of the pause's tone."""
    aloud = sounds_of(short_holds(seconds), True)
    at: dict[float, list[str]] = {}
    for t, name in aloud:
        at.setdefault(t, []).append(name)
    together = {t: names for t, names in at.items() if len(names) > 1 and set(names) & set(COUNT_NAMES)}
    assert not together, together
    plain = sounds_of(short_holds(seconds), False)
    holds = [t for t, name in plain if name == "hold"]
    assert len(holds) == 4  # two wall sits, each side of the plank: every hold still has a start signal
    for t in holds:
        first = at[t]
        whole = float(seconds) == int(float(seconds))
        assert first == ([f"say_{min(3, int(float(seconds)))}"] if whole else ["hold"]), (t, first)
    assert [s for _, s in plain].count("pause") == 3 and [s for _, s in aloud].count("pause") == 1  # reps 2, 3: numbers


async def test_counted_aloud_the_player_starts_no_two_sounds_of_a_short_hold_at_once(tmp_path):
    """Through the app and the player: a 3 s hold's sounds, as the backend was asked for them on the fake clock."""
    clock = FakeClock(0.0)
    backend = RecordingBackend(clock)
    app = make_app(config_dir=tmp_path / "config", data_dir=tmp_path / "data", clock=clock,
                   audio=CuePlayer(backend, threaded=False), start=short_holds("3"), flash_seconds=0,
                   count_aloud=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, app.screen, clock, 3 + 3 + 1)  # the get-ready, the first wall sit
    during = [(t, s) for t, s in backend.played if 3.0 <= t < 6.0]
    assert during == [(3.0, "say_3"), (4.0, "say_2"), (5.0, "say_1")]


ISO_SQUAT = """
name = "Iso"
kind = "gym"

[[exercises]]
name = "Iso squat"
sets = 2
reps = 4
tempo = "hold 1, lower 1, lift 1"
rest_seconds = 3
"""


def tempos() -> list[str]:
    from runtrainer.core import catalog
    from runtrainer.core.routine_model import format_tempo

    shapes = {format_tempo(ex.tempo) for rid in catalog.BUILTIN_IDS for ex in catalog.builtin(rid).exercises
              if ex.tempo}
    return sorted(shapes | {"hold 1, lower 1, lift 1", "hold 2, lower 1, lift 1", "pause 1, lower 1, lift 1",
                            "lower 1, lift 1, hold 1"})


def too_close(played: list[tuple[float, str]], within: float = 0.05) -> list[tuple[float, str, float, str]]:
    """Pairs of sounds that start less than ``within`` seconds apart."""
    ordered = sorted(played)
    return [(t1, a, t2, b) for (t1, a), (t2, b) in zip(ordered, ordered[1:], strict=False) if t2 - t1 < within]


def test_counted_aloud_a_tempo_that_starts_with_a_hold_says_the_number_in_place_of_its_pip():
    """The tester's routine: each rep from 2 on started its number together with the hold's count pip."""
    aloud = sounds_of(routine(ISO_SQUAT), True)
    rep_starts = [t for t, name in sounds_of(routine(ISO_SQUAT), False) if name == "hold"]
    assert len(rep_starts) == 8
    for t in rep_starts:
        at_t = [name for when, name in aloud if when == t]
        assert len(at_t) == 1 and at_t[0] in ("hold", "say_2", "say_3", "say_4"), (t, at_t)
    assert [name for _, name in aloud].count("say_2") == 2 and "count" not in [name for _, name in aloud]


@pytest.mark.parametrize("tempo", tempos())
def test_counted_aloud_no_two_sounds_start_within_50_ms_for_any_tempo(tempo):
    r = routine(ISO_SQUAT.replace('"hold 1, lower 1, lift 1"', f'"{tempo}"')
                + '\n[[exercises]]\nname = "Squats"\nsets = 1\nreps = 3\ntempo = "lift 1, lower 1"\n'
                + 'per_side = true\nswitch_seconds = 3\n')
    aloud = sounds_of(r, True)
    assert not too_close(aloud), too_close(aloud)
    assert any(name in COUNT_NAMES for _, name in aloud)


@pytest.mark.parametrize("routine_id", ["gym", "post-run"])
def test_counted_aloud_no_two_sounds_of_a_built_in_routine_start_within_50_ms(routine_id):
    from runtrainer.core import catalog

    aloud = sounds_of(catalog.builtin(routine_id), True)
    assert not too_close(aloud), too_close(aloud)
