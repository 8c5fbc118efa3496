"""Spoken words start once the tones before them have finished; tones are never delayed; a word that would come too
late is dropped. On the fake clock, from the times the session asks for each sound (and the screen plays it)."""

from __future__ import annotations

from datetime import datetime

import pytest
from helpers import RecordingBackend, advance, routine, session_sounds

from runtrainer.audio import CuePlayer
from runtrainer.core import catalog
from runtrainer.core.clock import FakeClock
from runtrainer.cue_sounds import seconds_of, sounds_of
from runtrainer.session import WorkoutSession
from runtrainer.session.words import LATE_SECONDS
from runtrainer.spoken_count import held_word
from runtrainer.tui.app import make_app

SHORT = """
name = "Short rests"
kind = "gym"
get_ready_seconds = 3

[[exercises]]
name = "Squats"
sets = 2
reps = 2
tempo = "lower 1, lift 1"
rest_seconds = {rest}

[[exercises]]
name = "Lunges"
sets = 1
reps = 2
tempo = "lower 1, lift 1"
per_side = true
switch_seconds = {rest}
"""


def session_for(r, count_aloud: bool = False) -> tuple[WorkoutSession, FakeClock]:
    clock = FakeClock(0.0)
    return WorkoutSession(r, clock, None, "t", wall=lambda: datetime(2026, 11, 27, 7).astimezone(),
                          background=False, count_aloud=count_aloud), clock


def played(r, count_aloud: bool = False) -> list[tuple[float, str]]:
    return session_sounds(r, count_aloud, digits=None)


def cue_times(r) -> list[tuple[float, str]]:
    """The tones as the engine's cues ask for them, at their exact moments (no words, no session)."""
    session, clock = session_for(r)
    engine = session.engine
    out = [(0.0, s) for s in sounds_of(engine.start(), r) if not held_word(s)]
    while not engine.finished:
        clock.advance(engine.next_change_in())
        cues = engine.tick()
        out += [(clock.now, s) for s in sounds_of(cues, r) if not held_word(s)]
    return out


def overlaps(sounds: list[tuple[float, str]]) -> list[tuple[str, float, str, float]]:
    """Words that start before a sound started earlier (or at once) has finished playing."""
    return [(word, t, name, t0) for t, word in sounds if held_word(word)
            for t0, name in sounds if (t0, name) != (t, word) and t0 <= t < t0 + seconds_of(name) - 1e-6]


ROUTINES = [catalog.builtin("gym"), catalog.builtin("post-run"), routine(SHORT.format(rest=3)),
            routine(SHORT.format(rest=2.5))]


@pytest.mark.parametrize("count_aloud", [False, True])
@pytest.mark.parametrize("r", ROUTINES, ids=["gym", "post-run", "rest 3", "rest 2.5"])
def test_a_word_starts_once_the_tones_before_it_have_finished_and_no_word_is_lost(r, count_aloud):
    sounds = played(r, count_aloud)
    assert not overlaps(sounds), overlaps(sounds)[:5]
    words = [s for _, s in sounds if held_word(s)]
    expected = [s for _, s in cue_times_with_words(r)]
    assert words == expected, "every word is said, in order"
    assert words[-1] == "say_workout_complete"


def cue_times_with_words(r) -> list[tuple[float, str]]:
    session, clock = session_for(r)
    engine = session.engine
    out = [(0.0, s) for s in sounds_of(engine.start(), r) if held_word(s)]
    while not engine.finished:
        clock.advance(engine.next_change_in())
        out += [(clock.now, s) for s in sounds_of(engine.tick(), r) if held_word(s)]
    return out


@pytest.mark.parametrize("r", ROUTINES, ids=["gym", "post-run", "rest 3", "rest 2.5"])
def test_tones_play_at_their_exact_moments(r):
    tones = [(round(t, 6), s) for t, s in played(r) if not held_word(s)]
    assert tones == [(round(t, 6), s) for t, s in cue_times(r)]


def test_rest_and_last_set_follow_the_rest_tone_one_after_the_other():
    r = routine(SHORT.format(rest=30))
    sounds = played(r)
    rest_at = next(t for t, s in sounds if s == "rest")
    said = [(round(t - rest_at, 3), s) for t, s in sounds if held_word(s) and rest_at <= t < rest_at + 30]
    # rest.wav and set_done.wav start together (0.61 s, 0.41 s); "Rest" (0.77 s), then "Last set"
    assert said == [(0.61, "say_rest"), (round(0.61 + seconds_of("say_rest"), 3), "say_last_set")]


def test_a_word_of_a_phase_that_is_over_or_too_late_is_dropped():
    r = routine(SHORT.format(rest=30))
    session, clock = session_for(r)
    update = session.start()
    while "rest" not in update.sounds:
        clock.advance(update.next_in)
        update = session.tick()
    assert not [s for s in update.sounds if held_word(s)], "the words wait for the tone"
    skipped = session.skip()  # the rest is over before "Rest" could start
    clock.advance(5)
    later = session.tick()
    assert not [s for s in skipped.sounds + later.sounds if held_word(s)]

    session, clock = session_for(r)
    update = session.start()
    while "rest" not in update.sounds:
        clock.advance(update.next_in)
        update = session.tick()
    session.toggle_pause()
    clock.advance(LATE_SECONDS + 1)  # paused past the moment the word meant anything
    resumed = session.toggle_pause()
    clock.advance(2)
    assert not [s for s in resumed.sounds + session.tick().sounds if held_word(s)]


def test_no_word_is_spoken_while_paused():
    """A tester pressed Space 0.2 s after the rest's tone: "Rest" and "Last set" still came, with PAUSED on
    screen. A pause drops the words still waiting (the runner stopped listening to the workout)."""
    session, clock = session_for(routine(SHORT.format(rest=30)))
    update = session.start()
    while "rest" not in update.sounds:
        clock.advance(update.next_in)
        update = session.tick()
    clock.advance(0.2)
    paused = session.toggle_pause()
    said = []
    for _ in range(10):
        clock.advance(0.3)
        said += [s for s in session.tick().sounds if held_word(s)]
    assert not [s for s in paused.sounds if held_word(s)] and said == []


async def test_through_the_screen_the_word_starts_after_the_tone_and_flashes_nothing(tmp_path, monkeypatch):
    """The backend starts "Rest" once the rest's tone has finished; the banner flashes with the cue's sounds, and
    not again for the word played a moment later (the same cue)."""
    from runtrainer.tui.widgets.phase_banner import PhaseBanner

    flashes: list[float] = []
    clock = FakeClock(0.0)
    monkeypatch.setattr(PhaseBanner, "flash", lambda self: flashes.append(clock.now))
    backend = RecordingBackend(clock)
    app = make_app(config_dir=tmp_path / "config", data_dir=tmp_path / "data", clock=clock,
                   audio=CuePlayer(backend, threaded=False), start=routine(SHORT.format(rest=30)), flash_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, app.screen, clock, 3 + 4 + 2, step=0.05)
    rest_at = next(t for t, s in backend.played if s == "rest")
    at_rest = [s for t, s in backend.played if t == rest_at]
    assert at_rest == ["set_done", "rest"], "the words no longer start with the tones"
    word_at = next(t for t, s in backend.played if s == "say_rest")
    assert rest_at + seconds_of("rest") <= word_at < rest_at + seconds_of("rest") + 0.1
    assert rest_at in flashes and word_at not in flashes


def test_minus_at_the_rests_three_second_pip_never_plays_two_pips_at_once():
    """Found by a tryout: `-` pressed as the rest's 3-second pip sounded cut the rest, and the count-in's first pip
    followed 4 ms later: two pips at once, heard as one garbled click. The count-in's pips go on from its next."""
    r = routine("""
name = "Cut rest"
kind = "gym"
get_ready_seconds = 3
count_in_seconds = 3

[[exercises]]
name = "Squats"
sets = 2
reps = 1
tempo = "lower 1, lift 1"
rest_seconds = 20
""")
    pips = ("count", "rest_count")
    for gap, heard in ((0.004, []), (0.15, []), (0.6, ["rest_count"])):
        session, clock = session_for(r)
        session.start()
        last: tuple[str, ...] = ()
        while not (session.engine.step.phase.name == "REST" and session.engine.remaining() <= 3.0 + 1e-9):
            clock.advance(session.engine.next_change_in())
            last = session.tick().sounds
        assert last == ("rest_count",)  # the rest's 3-second pip, played
        clock.advance(gap)
        done, update = session.adjust_rest(-15)
        assert done and session.engine.step.phase.name == "GET_READY", gap
        assert [s for s in update.sounds if s in pips] == heard, gap
        clock.advance(1.0)  # the count-in's next pip
        assert session.tick().sounds == ("rest_count",), gap
