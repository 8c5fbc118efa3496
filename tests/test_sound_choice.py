"""The sound backend is chosen after the first frame (its probe is a child process start-up need not wait for):
Home and a workout show at once, the cues asked for meanwhile wait for it, and its notice arrives a moment later."""

from __future__ import annotations

import threading

from helpers import RecordingBackend, advance

from runtrainer.audio import BellBackend, Choice, CuePlayer
from runtrainer.audio_wait import WaitingBackend
from runtrainer.tui.app import make_app
from runtrainer.tui.messages import SoundChosen, StartRoutine
from runtrainer.tui.screens.home import HomeScreen
from runtrainer.tui.screens.workout import WorkoutScreen

PASSED_OVER = ["simpleaudio: simpleaudio found no sound device (Error opening PCM device)"]


def test_sounds_asked_for_before_the_choice_play_on_it_if_still_fresh(clock):
    player = CuePlayer(WaitingBackend(clock), threaded=False)
    player.play_sound("rest_count")
    clock.advance(1.0)
    player.play_sound("go")
    player.play_sound("say_rest")
    clock.advance(0.2)
    chosen = RecordingBackend(clock)
    player.use(chosen, "why")
    assert [s for _, s in chosen.played] == ["go", "say_rest"]  # the count from a second ago is noise now
    assert player.backend is chosen and player.why == "why"
    player.play_sound("hold")
    assert chosen.played[-1][1] == "hold"  # played at once, as any sound once the backend is known


def test_sounds_held_are_not_played_when_muted_meanwhile(clock):
    player = CuePlayer(WaitingBackend(clock), threaded=False)
    player.play_sound("go")
    player.muted = True
    chosen = RecordingBackend(clock)
    player.use(chosen)
    assert chosen.played == []


class Gate:
    """A ``choose_sound`` that answers only when the test opens it: the probe still running."""

    def __init__(self, choice: Choice) -> None:
        self.choice = choice
        self.open = threading.Event()
        self.asked = threading.Event()

    def __call__(self) -> Choice:
        self.asked.set()
        self.open.wait(timeout=30)  # never reached in a passing test: the test opens it
        return self.choice


def notices(app) -> str:
    return str(app.screen.query_one("#home-notices").render())


async def test_home_shows_before_the_sound_is_chosen_and_says_it_when_it_is(tmp_path, clock):
    bell = BellBackend()
    gate = Gate(Choice(bell, "the terminal bell", list(PASSED_OVER)))
    app = make_app(config_dir=tmp_path / "config", data_dir=tmp_path / "data", clock=clock,
                   audio=CuePlayer(WaitingBackend(clock), threaded=False), choose_sound=gate)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            assert isinstance(app.screen, HomeScreen) and "Last done" in str(app.screen.query_one("#home-intro")
                                                                              .render())
            assert "Sound" not in notices(app)
            assert isinstance(app.audio.backend, WaitingBackend)  # drawn without waiting for the probe
            gate.open.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.audio.backend is bell and bell.ring == app.bell  # rings through the TUI's output
            assert notices(app).startswith("Sound: bell. simpleaudio found no sound device.")
    finally:
        gate.open.set()


async def test_a_workout_started_at_once_gets_its_cues_when_the_sound_is_chosen(tmp_path, clock):
    chosen = RecordingBackend(clock)
    gate = Gate(Choice(chosen, "recorded", list(PASSED_OVER)))
    app = make_app(config_dir=tmp_path / "config", data_dir=tmp_path / "data", clock=clock,
                   audio=CuePlayer(WaitingBackend(clock), threaded=False), choose_sound=gate, flash_seconds=0)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")  # the gym routine, before the sound is chosen
            screen = app.screen
            assert isinstance(screen, WorkoutScreen)
            await advance(pilot, screen, clock, 10)  # the get-ready's 3-2-1 and the set's "go", all held
            assert chosen.played == []
            gate.open.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert [s for _, s in chosen.played] == ["go"]  # still fresh; the count before it is not
            said = str(screen.query_one("#message").render())
            assert "Sound: recording. simpleaudio found no sound device." in said  # the workout is told too
            await advance(pilot, screen, clock, 1)
            assert [s for _, s in chosen.played][:2] == ["go", "hold"]  # and on, as they come
    finally:
        gate.open.set()


async def test_start_name_says_the_sound_in_the_workout_message_line(tmp_path, clock, gym):
    gate = Gate(Choice(RecordingBackend(clock), "recorded", list(PASSED_OVER)))
    app = make_app(config_dir=tmp_path / "config", data_dir=tmp_path / "data", clock=clock,
                   audio=CuePlayer(WaitingBackend(clock), threaded=False), choose_sound=gate, start=gym,
                   start_id="gym")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.screen
            assert isinstance(screen, WorkoutScreen)
            assert "Sound" not in str(screen.query_one("#message").render())
            gate.open.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "Sound: recording. simpleaudio found no sound device." in str(screen.query_one("#message")
                                                                                 .render())
            await pilot.press("q")
            await pilot.press("d")  # nothing done: discarded at once, and Home is built with the news
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen) and notices(app).startswith("Sound: recording.")
    finally:
        gate.open.set()


async def test_a_failing_choice_leaves_the_cues_silent_and_says_why(tmp_path, clock):
    def broken() -> Choice:
        raise RuntimeError("no way")

    app = make_app(config_dir=tmp_path / "config", data_dir=tmp_path / "data", clock=clock,
                   audio=CuePlayer(WaitingBackend(clock), threaded=False), choose_sound=broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.audio.backend.name == "off"
        assert "Sound: off. cannot choose a sound backend: no way." in notices(app)


def test_the_command_line_leaves_the_choice_to_the_app_after_its_first_frame(tmp_path, monkeypatch):
    import gc

    from runtrainer import cli
    from runtrainer.tui.app import RuntrainerApp

    seen = {}

    def run(app: RuntrainerApp) -> None:  # in place of drawing: what the app was given, as it would start
        seen.update(backend=app.audio.backend, choose=app.choose_sound, collecting=gc.isenabled())

    monkeypatch.setattr(cli, "terminal_problem", lambda: "")
    monkeypatch.setattr(RuntrainerApp, "run", run)
    assert cli.main(["--data-dir", str(tmp_path / "data"), "--config-dir", str(tmp_path), "--no-inhibit",
                     "--audio", "off"]) == 0
    assert isinstance(seen["backend"], WaitingBackend)  # nothing probed before the app runs
    assert seen["choose"]().backend.name == "off"  # the app's thread chooses, as the runner asked
    assert not seen["collecting"] and gc.isenabled()  # off for start-up; on again, if the app never drew a frame


async def test_the_collector_is_on_again_once_the_first_frame_is_out(tmp_path, clock):
    import gc

    app = make_app(config_dir=tmp_path / "config", data_dir=tmp_path / "data", clock=clock,
                   audio=CuePlayer(RecordingBackend(clock), threaded=False))
    gc.disable()  # as the command line leaves it for start-up
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


async def test_a_workout_started_from_home_says_the_sound_home_said_a_moment_before(tmp_path, clock):
    # Found by trying it: the notice arrived on Home, Enter came a moment later, and the workout never said it.
    gate = Gate(Choice(RecordingBackend(clock), "recorded", list(PASSED_OVER)))
    gate.open.set()
    app = make_app(config_dir=tmp_path / "config", data_dir=tmp_path / "data", clock=clock,
                   audio=CuePlayer(WaitingBackend(clock), threaded=False), choose_sound=gate)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert notices(app).startswith("Sound: recording.")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkoutScreen)
        assert "Sound: recording. simpleaudio found no sound device." in str(app.screen.query_one("#message")
                                                                             .render())


async def test_a_workout_pushed_before_the_choice_arrives_says_it_once_mounted(tmp_path, clock, gym):
    app = make_app(config_dir=tmp_path / "config", data_dir=tmp_path / "data", clock=clock,
                   audio=CuePlayer(WaitingBackend(clock), threaded=False))
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(StartRoutine(gym, "gym"))  # the workout is pushed, then the choice is handled at once
        app.post_message(SoundChosen(Choice(RecordingBackend(clock), "recorded", list(PASSED_OVER))))
        await pilot.pause()
        assert isinstance(app.screen, WorkoutScreen)
        assert "Sound: recording. simpleaudio found no sound device." in str(app.screen.query_one("#message")
                                                                             .render())
