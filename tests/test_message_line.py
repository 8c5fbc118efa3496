"""The workout's message line: news the runner did not ask for (the sound player restarted) stays long enough to be
read from three metres, however fast a rep's phases go; the answer to a key goes when the phase moves on."""

from __future__ import annotations

from helpers import advance, app_for

from runtrainer.core.plan import Phase
from runtrainer.tui.message_line import NEWS_SECONDS
from runtrainer.tui.messages import SoundNews

NEWS = "Sound: simpleaudio's player stopped (SIGKILL); started again."


def said(screen) -> str:
    return str(screen.query_one("#message").render())


async def test_sound_news_mid_set_stays_through_the_reps_phases_then_goes(tmp_path, clock, gym):
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 11)  # past the get-ready: calf raises, a phase every second or three
        assert screen.session.engine.step.phase is not Phase.GET_READY
        app.post_message(SoundNews(NEWS))
        await pilot.pause()
        step = screen.session.engine.index
        assert NEWS in said(screen)
        await advance(pilot, screen, clock, 3.5)
        assert screen.session.engine.index != step, "the rep's phase moved on"
        assert NEWS in said(screen), "news stays at a phase change a moment after it came (it flashed past before)"
        await advance(pilot, screen, clock, NEWS_SECONDS)
        assert NEWS not in said(screen), "gone at the first phase change after its time"


async def test_a_keys_answer_goes_with_its_phase_while_news_stays(tmp_path, clock, gym):
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 11)
        app.post_message(SoundNews(NEWS))
        await pilot.pause()
        screen.say("Set skipped.")
        await pilot.pause()
        assert f"{NEWS} · Set skipped." in said(screen)
        await advance(pilot, screen, clock, 3.5)
        assert NEWS in said(screen) and "Set skipped" not in said(screen)


async def test_two_pieces_of_news_are_both_said(tmp_path, clock, gym):
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 11)
        app.post_message(SoundNews("Sound: one."))
        app.post_message(SoundNews("Sound: two."))
        await pilot.pause()
        assert "Sound: one. · Sound: two." in said(screen)


async def test_m_in_a_workout_answers_on_the_message_line_not_with_a_toast(tmp_path, clock, gym):
    """A tester pressed m four times at 80×24: four toasts stacked over the right half of the workout (at 40×12 one
    covered the news and the Next line). m's answer is now said where other keys' answers are."""
    from helpers import notices

    seen: list = []
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 11)
        await pilot.press("m")
        await pilot.pause()
        assert "Sound off (m turns it back on)" in said(screen)
        await pilot.press("m")
        await pilot.pause()
        assert "Sound on (" in said(screen) and "Sound off" not in said(screen)
        assert not notices(seen), "no toast over the workout"


async def test_news_and_an_answer_too_long_for_one_row_each_keep_a_row_of_their_own(tmp_path, clock, gym):
    """A tester at 80×24: the sound's news then "Rest −15 s" read "… started again. · Rest" and, on the next row,
    "−15 s": the answer cut in two. It now starts a row of its own."""
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 11)
        news = "Sound: simpleaudio's player stopped (signal 9, SIGKILL); started again."
        app.post_message(SoundNews(news))
        await pilot.pause()
        screen.say("Rest −15 s")
        await pilot.pause()
        rows = [row.strip() for row in said(screen).splitlines()]
        assert rows == [news, "Rest −15 s"]
