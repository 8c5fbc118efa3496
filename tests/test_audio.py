"""Audio cues: the right sound at the right (fake) moment, the priorities, and the real simpleaudio."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import wave
from pathlib import Path

import pytest
from helpers import RecordingBackend

from runtrainer.audio import SOUND_NAMES, CuePlayer, cue_sounds, sounds_dir
from runtrainer.core import catalog
from runtrainer.core.clock import FakeClock
from runtrainer.core.engine import Engine, State
from runtrainer.core.plan import COUNTDOWN_PHASES, Phase

START_SOUNDS = {
    Phase.LIFT: {"go", "tick"}, Phase.LOWER: {"go", "tick", "release"}, Phase.HOLD: {"hold"},
    Phase.PAUSE: {"pause"}, Phase.REST: {"rest"}, Phase.SWITCH: {"switch"}, Phase.WORK: {"go"},
}


@pytest.mark.parametrize("routine_id", ["gym", "post-run"])
def test_cues_for_a_whole_routine_match_the_phases_one_for_one_at_the_right_times(routine_id):
    routine = catalog.builtin(routine_id)
    clock = FakeClock(0.0)
    backend = RecordingBackend(clock)
    player = CuePlayer(backend, threaded=False)
    engine = Engine(routine, clock)
    for cue in engine.start():
        player.play(cue, routine)
    while engine.state is State.RUNNING:
        clock.advance(engine.next_change_in())  # tick exactly on each boundary, as the screen's timer does
        for cue in engine.tick():
            player.play(cue, routine)
    played = backend.played
    # Walk the compiled steps independently and check each phase's sounds, in order, at its start time.
    t = 0.0
    i = 0
    for step in engine.steps:
        if step.phase in START_SOUNDS:
            while played[i][0] < t - 1e-6:
                i += 1
            assert played[i][0] == pytest.approx(t), step
            at_t = [s for when, s in played if abs(when - t) < 1e-6]
            assert START_SOUNDS[step.phase] & set(at_t), (step, at_t)
        if step.phase in COUNTDOWN_PHASES and step.seconds and step.seconds >= 3:
            counts = [when for when, s in played
                      if s in ("count", "rest_count") and t - 1e-6 <= when < t + step.seconds]
            assert counts == pytest.approx([t + step.seconds - 3, t + step.seconds - 2, t + step.seconds - 1]), step
        t += step.seconds or 0
    sounds = [s for _, s in played]
    assert sounds[-2:] == ["workout_done", "say_workout_complete"]
    reps = sum(ex.sets * (2 if ex.per_side else 1) * ex.reps.high for ex in routine.exercises)
    assert sounds.count("tick") + sounds.count("go") + sounds.count("release") >= reps
    assert sounds.count("set_done") == sum(ex.sets for ex in routine.exercises)


def test_rests_say_rest_last_set_and_the_next_exercise(gym):
    clock = FakeClock(0.0)
    engine = Engine(gym, clock)
    said = []
    for cue in engine.start():
        said += cue_sounds(cue, gym)
    while engine.state is State.RUNNING:
        clock.advance(engine.next_change_in())
        for cue in engine.tick():
            said += [s for s in cue_sounds(cue, gym) if s.startswith("say_")]
    assert said.count("say_last_set") == 3  # before the last set of each exercise
    assert "say_next_leg_press" in said and "say_next_single_leg_deadlift" in said
    assert said.count("say_switch_sides") == 5


class Handle:
    def __init__(self, log, name):
        self.log, self.name, self.done = log, name, threading.Event()

    def wait_done(self):
        assert self.done.wait(5)
        self.log.append(("end", self.name))


class SlowBackend:
    name = "slow"

    def __init__(self):
        self.log, self.handles, self.started = [], {}, threading.Event()

    def play(self, sound):
        self.log.append(("start", sound))
        handle = Handle(self.log, sound)
        self.handles[sound] = handle
        if sound.startswith("say_"):
            self.started.set()
        return handle


def test_speech_is_never_cut_off_and_ticks_give_way_to_it():
    backend = SlowBackend()
    player = CuePlayer(backend)
    player.play_sound("say_switch_sides")
    player.play_sound("say_rest")
    assert backend.started.wait(5)
    player.play_sound("tick")       # dropped: someone is speaking
    player.play_sound("rest_count")  # a tone plays at once, mixed with the speech
    assert ("start", "rest_count") in backend.log and ("start", "tick") not in backend.log
    assert ("start", "say_rest") not in backend.log, "the second word waits for the first"
    backend.handles["say_switch_sides"].done.set()
    for _ in range(500):
        if "say_rest" in backend.handles:
            break
        threading.Event().wait(0.01)
    backend.handles["say_rest"].done.set()
    player.drain()
    order = [e for e in backend.log if e[1].startswith("say_")]
    assert order == [("start", "say_switch_sides"), ("end", "say_switch_sides"), ("start", "say_rest"),
                     ("end", "say_rest")]
    player.play_sound("tick")
    assert backend.log[-1] == ("start", "tick")


def test_a_backend_that_raises_never_takes_the_workout_down():
    class Broken:
        name = "broken"

        def play(self, sound):
            raise OSError("device unplugged")

    player = CuePlayer(Broken(), threaded=False)
    player.play_sound("go")
    player.play_sound("say_rest")
    assert player.failures == 2


def test_every_sound_is_a_small_16_bit_pcm_wav():
    for name in SOUND_NAMES:
        with wave.open(str(sounds_dir() / f"{name}.wav")) as w:
            assert (w.getsampwidth(), w.getnchannels()) == (2, 1), name
            assert w.getnframes() / w.getframerate() < 3.0, name


def _need_simpleaudio():
    try:
        import simpleaudio  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            raise  # CI installs the audio extra: a missing simpleaudio there is a failure, not a skip
        pytest.skip("simpleaudio is not installed (pip install '.[audio]')")


PLAY_THROUGH_SIMPLEAUDIO = """
import sys
from runtrainer.audio import CuePlayer, SimpleaudioBackend
player = CuePlayer(SimpleaudioBackend())
for name in sys.argv[1:]:
    handle = player.backend.play(name)
    handle.wait_done()
player.play_sound("say_rest")
player.drain()
"""


def test_real_simpleaudio_delivers_the_wav_frames_to_alsa(tmp_path):
    _need_simpleaudio()
    out = tmp_path / "out.raw"
    (tmp_path / ".asoundrc").write_text(
        f'pcm.!default {{\n  type file\n  slave.pcm "null"\n  file "|cat >> {out}"\n  format "raw"\n}}\n')
    names = ["go", "hold", "count", "switch"]
    env = {**os.environ, "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", PLAY_THROUGH_SIMPLEAUDIO, *names], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    expected = b""
    for name in ["silence", *names, "say_rest"]:  # the player's child plays its probe's silence first
        with wave.open(str(sounds_dir() / f"{name}.wav")) as w:
            expected += w.readframes(w.getnframes())
    for _ in range(200):  # the cat at the end of ALSA's pipe may still be flushing
        if out.exists() and out.stat().st_size >= len(expected):
            break
        threading.Event().wait(0.02)
    assert out.read_bytes() == expected


def test_no_device_falls_back_and_writes_nothing_to_stderr(tmp_path):
    _need_simpleaudio()
    code = ("from runtrainer.audio import choose_backend\n"
            "c = choose_backend('simpleaudio', terminal=True)\n"
            "print(c.backend.name); print(c.passed_over[0])\n")
    env = {**os.environ, "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stderr == "", "ALSA must not print over the terminal"
    backend, why = result.stdout.splitlines()
    assert backend in ("system", "bell")
    assert why.startswith("simpleaudio: simpleaudio found no sound device")


def test_sound_check_names_the_backend_and_why(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path), "RUNTRAINER_AUDIO": "off"}
    result = subprocess.run([sys.executable, "-m", "runtrainer", "sound-check"], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0
    assert result.stdout.startswith("Sound backend: off (sound turned off)")
    assert "say_switch_sides" in result.stdout and "hold at the top starts" in result.stdout


def test_bad_audio_choice_is_a_usage_error(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path), "RUNTRAINER_AUDIO": "loud"}
    result = subprocess.run([sys.executable, "-m", "runtrainer", "sound-check"], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == 'runtrainer: RUNTRAINER_AUDIO is "loud"; expected one of simpleaudio, system, ' \
        "bell, off (or auto)"


def test_sounds_ship_in_the_repository_with_their_maker():
    assert (Path(__file__).resolve().parents[1] / "sounds" / "make_sounds.py").is_file()


def test_the_start_notice_says_in_a_few_words_why_better_backends_were_passed_over():
    from runtrainer.audio import BellBackend, Choice, NullBackend

    choice = Choice(BellBackend(), "the terminal bell, for the main cues only", [
        "simpleaudio: simpleaudio found no sound device (Error opening PCM device.)",
        "system: aplay cannot play here (aplay: main:831: audio open error: No such file or directory)"])
    assert choice.explain() == ("simpleaudio found no sound device; aplay cannot play here. "
                                "`runtrainer sound-check` tells more.")
    assert Choice(NullBackend(), "sound turned off").explain() == "", "sound off on purpose: nothing to say"


@pytest.mark.parametrize("phase", [Phase.HOLD, Phase.LOWER, Phase.LIFT])
def test_back_mid_set_restarts_it_with_go_not_the_release_or_tick_of_the_phase_it_left(gym, phase):
    """b in the hold at the top of a calf raise used to play "release" (the new LIFT followed a HOLD) and no
    "go": the runner heard the set go on when it had started again."""
    clock = FakeClock(0.0)
    engine = Engine(gym, clock)
    engine.start()
    while not (engine.step.phase is phase and engine.step.rep == 2):
        clock.advance(engine.next_change_in())
        engine.tick()
    clock.advance(0.5)
    engine.tick()
    assert engine.back()
    cues = engine.tick()
    assert engine.step.phase is Phase.LIFT and engine.step.rep == 1
    assert [s for cue in cues for s in cue_sounds(cue, gym)] == ["go"]
