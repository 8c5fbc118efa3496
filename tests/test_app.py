"""The app driven as a runner drives it: keys through Pilot, time through the fake clock. No sleeping."""

from __future__ import annotations

from helpers import RecordingBackend, advance, settled
from textual.widgets import OptionList

from runtrainer.audio import CuePlayer
from runtrainer.core import catalog
from runtrainer.core.engine import State
from runtrainer.core.plan import Phase
from runtrainer.tui.app import make_app
from runtrainer.tui.screens.home import HomeScreen
from runtrainer.tui.screens.summary import SummaryScreen
from runtrainer.tui.screens.workout import WorkoutScreen
from runtrainer.tui.widgets.big_digits import BigDigits
from runtrainer.tui.widgets.key_bar import KeyBar
from runtrainer.tui.widgets.phase_banner import PhaseBanner


def app_for(tmp_path, clock, routine=None):
    backend = RecordingBackend(clock)
    app = make_app(config_dir=tmp_path, data_dir=tmp_path, clock=clock, 
                   audio=CuePlayer(backend, threaded=False), start=routine)
    return app, backend


def shown(screen, selector: str) -> str:
    widget = screen.query_one(selector)
    if isinstance(widget, BigDigits):
        return widget.value
    return str(widget.render())




async def test_calf_raise_set_with_its_three_count_holds(tmp_path, clock, gym):
    app, backend = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        assert "GET READY" in shown(screen, PhaseBanner) and shown(screen, "#time") == "10"
        await advance(pilot, screen, clock, 10)
        assert "LIFT" in shown(screen, PhaseBanner)
        assert shown(screen, "#exercise") == "CALF RAISES"
        assert "Set 1/5" in shown(screen, "#where")
        # In a set paced rep by rep the big number is the rep count (read from across the room), the phase's
        # seconds the small one beside it.
        assert shown(screen, "#time") == "1" and shown(screen, "#time-label") == "rep 1 of 12–16"
        assert shown(screen, "#rep") == "1" and shown(screen, "#rep-label") == "lift · seconds left"
        await advance(pilot, screen, clock, 1)
        holds = []
        for _ in range(3):
            holds.append((shown(screen, PhaseBanner), shown(screen, "#rep"), shown(screen, "#time")))
            await advance(pilot, screen, clock, 1)
        assert holds == [("■ HOLD  3 ■", "3", "1"), ("■ HOLD  2 ■", "2", "1"), ("■ HOLD  1 ■", "1", "1")]

        assert "LOWER" in shown(screen, PhaseBanner)
        sounds = [s for _, s in backend.played]
        assert sounds[:6] == ["rest_count", "rest_count", "rest_count", "go", "hold", "count"]
        assert sounds[6:9] == ["count", "count", "release"]
        await advance(pilot, screen, clock, 2)
        assert "LIFT" in shown(screen, PhaseBanner) and shown(screen, "#time") == "2"
        assert shown(screen, "#time-label") == "rep 2 of 12–16"
        # 12 reps in, Enter finishes the set early; it is recorded with 12 reps.
        await advance(pilot, screen, clock, 11 * 6)
        await pilot.press("enter")
        assert screen.session.engine.step.phase is Phase.REST
        rec = screen.session.records[0]
        assert (rec.exercise, rec.set_number, rec.reps, rec.completed) == ("Calf raises", 1, 12, True)
        assert "REST" in shown(screen, PhaseBanner) and shown(screen, "#time") == "1:00"
        assert "set_done" in [s for _, s in backend.played]


async def test_rest_takes_plus_and_minus(tmp_path, clock, gym):
    app, _ = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 10 + 16 * 6)
        assert screen.session.engine.step.phase is Phase.REST
        await advance(pilot, screen, clock, 5)
        assert shown(screen, "#time") == "55"
        await pilot.press("plus")
        assert shown(screen, "#time") == "1:10"
        await pilot.press("minus", "minus")
        assert shown(screen, "#time") == "40"
        await pilot.press("space")
        await advance(pilot, screen, clock, 300)
        assert shown(screen, "#time") == "40" and "PAUSED" in shown(screen, PhaseBanner)
        await pilot.press("space")
        await advance(pilot, screen, clock, 40)
        assert "GET READY" in shown(screen, PhaseBanner) and "Set 2/5" in shown(screen, "#where")
        assert shown(screen, "#next").startswith("Now: Calf raises · set 2/5 · 12–16 reps")
        await advance(pilot, screen, clock, 5)  # the count-in, then the set
        assert "LIFT" in shown(screen, PhaseBanner) and "Set 2/5" in shown(screen, "#where")


async def test_deadlift_set_pauses_at_the_bottom_and_switches_sides(tmp_path, clock, gym):
    app, backend = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        # Skip to the deadlifts: two exercises' worth of S (skip set) and s (skip rest).
        while screen.session.engine.step.exercise < 2:
            await pilot.press("S" if screen.session.engine.step.in_set else "s")
        assert shown(screen, "#exercise") == "SINGLE-LEG DEADLIFT"
        if screen.session.engine.step.phase is Phase.GET_READY:
            await pilot.press("s")  # past the count-in
        await settled(pilot, lambda: "Working leg: LEFT" in shown(screen, "#note"))  # the note: after the frame
        assert "LEFT LEG" in shown(screen, PhaseBanner)
        await advance(pilot, screen, clock, 2)
        assert "PAUSE AT THE BOTTOM" in shown(screen, PhaseBanner)
        await advance(pilot, screen, clock, 1)
        assert "LIFT" in shown(screen, PhaseBanner)
        assert shown(screen, "#next") == "Next: Switch to the right leg"
        await advance(pilot, screen, clock, 2 + 7 * 5)
        assert "SWITCH SIDES → RIGHT LEG" in shown(screen, PhaseBanner) and shown(screen, "#time") == "5"
        switch_at, warble = backend.played[-1]
        assert warble == "switch", "the words wait for the warble to finish"
        await advance(pilot, screen, clock, 5)
        assert [s for t, s in backend.played if switch_at < t < switch_at + 1.1] == ["say_switch_sides"]
        assert "GET READY" in shown(screen, PhaseBanner) and shown(screen, "#time") == "3"
        await advance(pilot, screen, clock, 3)
        assert "RIGHT LEG" in shown(screen, PhaseBanner) and "LOWER" in shown(screen, PhaseBanner)
        [deadlift] = [r for r in screen.session.records if r.exercise == "Single-leg deadlift"]
        assert [(p.side, p.reps) for p in deadlift.sides] == [("left", 8)]
        assert not deadlift.done, "one side is half a set"


async def test_quit_asks_first_and_keeps_the_sets_done(tmp_path, clock, gym):
    app, _ = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 10 + 16 * 6 + 10)
        await pilot.press("q")
        assert screen.session.engine.state is State.PAUSED, "the clock stops while the question is open"
        await pilot.press("n")
        assert app.screen is screen and screen.session.engine.state is State.RUNNING
        await pilot.press("q", "s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Ended early" in str(app.screen.query_one("#summary-title").render())
        assert "1 of 13 sets done" in str(app.screen.query_one("#summary-stats").render())


async def test_the_time_in_the_quit_question_is_paused_time(tmp_path, clock, gym):
    """Active 7 s, a Space pause of 4 s, then 4 s in the quit question (PAUSED shows) before keeping it: every
    second of the 15 is active or paused, on the summary as in the history."""
    app, _ = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 3)
        await pilot.press("space")
        clock.advance(4)
        await pilot.press("space")
        await advance(pilot, screen, clock, 4)
        await pilot.press("q")
        clock.advance(4)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        session = screen.session
        assert (session.active_seconds, session.paused_seconds) == (7, 8)
        assert "paused 0:08" in str(app.screen.query_one("#summary-stats").render())


async def test_home_lists_routines_and_enter_starts_one(tmp_path, clock):
    app, _ = app_for(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        routines = app.screen.query_one("#routines", OptionList)
        assert routines.option_count == 2
        assert str(routines.get_option_at_index(0).prompt).split() == [
            "Gym:", "strength", "for", "runners", "32–34", "min", "—", "3", "gym", "built-in"]
        assert "Calf raises: 5 × 12–16 reps" in str(app.screen.query_one("#home-detail").render())
        await pilot.press("down", "enter")
        assert isinstance(app.screen, WorkoutScreen)
        assert app.screen.session.engine.routine.kind == "post-run"


async def test_workout_runs_to_the_summary(tmp_path, clock, post_run):
    app, backend = app_for(tmp_path, clock, post_run)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        end = clock.now + 20 * 60
        while screen.session.engine.state is not State.FINISHED and clock.now < end:
            clock.advance(3.3)
            screen.tick()
        await pilot.pause()
        assert screen.session.engine.state is State.FINISHED
        # "WORKOUT COMPLETE" stays 1.5 s, on the clock; the words start when the fanfare has finished (1.05 s)
        await advance(pilot, screen, clock, 2)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Workout complete" in str(app.screen.query_one("#summary-title").render())
        assert [s for _, s in backend.played[-2:]] == ["workout_done", "say_workout_complete"]
        # Found by trying it: the sets table's own Enter hid the summary's "Change set" from the bar.
        assert "⏎ Change set" in app.screen.query_one(KeyBar).render().plain


async def test_too_small_a_window_says_so(tmp_path, clock, gym):
    app, _ = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(36, 10)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(".too-small").display
        assert not app.screen.query_one("#workout").display


async def test_mute_silences_cues_but_the_banner_still_flashes(tmp_path, clock, gym):
    app, backend = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("m")
        before = len(backend.played)
        clock.advance(10)
        screen.tick()
        await pilot.pause()
        assert len(backend.played) == before
        assert screen.query_one(PhaseBanner).has_class("-flash")


async def test_muted_is_marked_at_once_also_while_paused(tmp_path, clock, gym):
    # Found by trying it: m while paused said "Sound off" but the top line kept "PAUSED" alone until Space.
    app, _ = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert str(app.screen.query_one("#marks").render()).split() == ["PAUSED", "MUTED"]
        await pilot.press("m")
        await pilot.pause()
        assert str(app.screen.query_one("#marks").render()).split() == ["PAUSED"]


async def test_enter_in_a_tempo_set_says_from_which_rep_it_ends_the_set(tmp_path, clock):
    # Found by trying it: in a set of a fixed 5 reps the bar said "Set done" at rep 1, and Enter answered
    # "1 of at least 5 reps done".
    from runtrainer.core.routine import parse_routine

    routine = parse_routine('name = "Five"\nkind = "gym"\nget_ready_seconds = 2\n[[exercises]]\nname = "Squats"\n'
                            'sets = 1\nreps = 5\ntempo = "lift 1, lower 1"\n')
    app, _ = app_for(tmp_path, clock, routine)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        bar = screen.query_one(KeyBar)
        await advance(pilot, screen, clock, 2.5)  # rep 1, lifting
        assert "Done after rep 5" in bar.render().plain
        await pilot.press("enter")
        await pilot.pause()
        said = str(screen.query_one("#message").render())
        assert said == "0 of 5 reps done: Enter ends the set after rep 5; S skips it", said
        await advance(pilot, screen, clock, 9)  # rep 5, lowering: it counts now
        assert screen.session.engine.reps_counted() == 5
        assert "Done after" not in bar.render().plain and "Set done" in bar.render().plain


def test_builtins_load():
    assert catalog.builtin("gym").exercises


async def test_the_key_bar_shows_the_keys_that_work_now_and_a_click_presses_one(tmp_path, clock, gym):
    app, _ = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        bar = screen.query_one(KeyBar)

        def dimmed(label: str) -> bool:
            text = bar.render()
            start = text.plain.index(label)
            return any(span.start <= start < span.end and getattr(span.style, "dim", False) for span in text.spans)

        assert "Go now" in bar.render().plain, "Enter in the get-ready: says what it does now"
        assert "+15s" not in bar.render().plain and not dimmed("Pause"), "+/- 15 s only work in a rest"
        assert "Change" not in bar.render().plain, "w only while a set's question is open"
        await advance(pilot, screen, clock, 10)
        assert "Done after rep 12" in bar.render().plain, "a tempo set: Enter ends it from the range's low end"
        await advance(pilot, screen, clock, 16 * 6)
        assert screen.session.engine.step.phase is Phase.REST
        await pilot.pause()
        # Eleven keys at 80 columns: the bar's compact words ("w Edit", "+/-15s"), every key kept
        assert "Keep" in bar.render().plain and "w Edit" in bar.render().plain
        assert not dimmed("+/-15s")
        before = screen.session.engine.remaining()
        x = bar.render().plain.index("+/-15s")
        await pilot.click(KeyBar, offset=(x, 0))
        assert screen.session.engine.remaining() == before + 15
        x = bar.render().plain.index("Pause")
        await pilot.click(KeyBar, offset=(x, 0))
        assert screen.session.engine.state is State.PAUSED


async def test_the_key_bar_fits_sixty_columns_and_help_lists_every_key(tmp_path, clock, gym):
    app, _ = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(60, 24)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 10 + 16 * 6)  # a rest: the most keys at once
        plain = screen.query_one(KeyBar).render().plain
        # keys left out (m, b, S): `?` says it has them all
        assert len(plain) <= 60 and "Pause" in plain and "Quit" in plain and "? All keys" in plain, plain
        await pilot.press("question_mark")
        await pilot.pause()
        listed = str(app.screen.query_one("#help-keys").render())
        for words in ("Pause", "Skip set", "+15s", "-15s", "Back", "Mute", "Change", "Quit"):
            assert words in listed
        await pilot.press("escape")
        assert app.screen is screen


async def test_the_key_bar_keeps_pause_enter_quit_and_help_at_forty_columns(tmp_path, clock, gym):
    # Found by trying it: at 40×12 "? Help" was cut off the end of the bar.
    app, _ = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(40, 12)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 10.5)  # calf raises, rep 1: Enter's longest words
        plain = screen.query_one(KeyBar).render().plain
        assert len(plain.rstrip()) <= 40 and all(w in plain for w in ("Pause", "Done", "Quit", "? Keys")), plain


async def test_the_key_bar_says_resume_when_paused_and_sound_on_when_muted(tmp_path, clock, gym):
    # Found by trying it: paused, the bar still said "space Pause"; muted, "m Mute".
    app, _ = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(100, 30)) as pilot:
        bar = app.screen.query_one(KeyBar)
        await pilot.press("space")
        await pilot.pause()
        assert "space Resume" in bar.render().plain
        await pilot.press("m")
        await pilot.pause()
        assert "m Sound on" in bar.render().plain
        await pilot.press("space", "m")
        await pilot.pause()
        assert "space Pause" in bar.render().plain and "m Mute" in bar.render().plain


async def test_ctrl_c_and_ctrl_q_ask_as_q_does(tmp_path, clock, gym):
    app, _ = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        for key in ("ctrl+c", "ctrl+q"):
            await pilot.press(key)
            await pilot.pause()
            assert "Quit this workout?" in str(app.screen.query_one("Label").render())
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen and screen.session.engine.state is State.RUNNING


async def test_home_keeps_one_line_per_routine_in_a_narrow_window(tmp_path, clock):
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "long.toml").write_text('name = "A really quite long routine name for Tuesdays at the gym"\n'
                                      'kind = "gym"\n[[exercises]]\nname = "Squat"\nsets = 3\nreps = 5\n')
    app = make_app(config_dir=tmp_path, data_dir=tmp_path / "data", clock=clock,
                   audio=CuePlayer(RecordingBackend(), threaded=False))
    async with app.run_test(size=(50, 20)) as pilot:
        await pilot.pause()
        routines = app.screen.query_one("#routines", OptionList)
        assert routines.option_count == 3 and routines.size.height == 3, "no routine wraps onto a second line"
        line = str(routines.get_option_at_index(2).prompt)
        assert line.startswith("A really quite long routine nam…  ~1 min"), "long names end in …; time stays"


async def test_home_shows_when_a_routine_was_last_done_after_a_workout(tmp_path, clock):
    from datetime import date

    app, _ = app_for(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        routines = app.screen.query_one("#routines", OptionList)
        assert str(routines.get_option_at_index(1).prompt).split()[5] == "—", "post-run never done yet"
        await pilot.press("down", "enter")
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        await advance(pilot, screen, clock, 20 * 60, step=3.3)
        assert screen.session.engine.state is State.FINISHED
        await advance(pilot, screen, clock, 2)  # "WORKOUT COMPLETE" stays 1.5 s, on the clock
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        screen.session.recorder.wait()  # the finished session is written on the writer thread
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert str(routines.get_option_at_index(1).prompt).split()[5] == date.today().isoformat()
        assert routines.highlighted == 1, "the cursor stays on the routine just done"


async def test_down_and_enter_typed_together_start_the_routine_under_the_cursor(tmp_path, clock):
    from textual import events

    app, _ = app_for(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # Both keys arrive in one read from the terminal, as when typed quickly: neither waits for the other.
        app.post_message(events.Key("down", None))
        app.post_message(events.Key("enter", "\r"))
        await pilot.pause()
        assert isinstance(app.screen, WorkoutScreen)
        assert app.screen.session.engine.routine.kind == "post-run"


async def test_enter_typed_while_the_app_starts_arrives_as_a_line_feed_and_still_starts(tmp_path, clock):
    # Found by trying it: Enter pressed before the first frame, while the terminal was still in cooked mode (its
    # ICRNL turns the CR into LF), arrived as ctrl+j and was dropped.
    from textual import events

    app, _ = app_for(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(events.Key("ctrl+j", "\n"))
        await pilot.pause()
        assert isinstance(app.screen, WorkoutScreen)
        assert app.screen.session.engine.routine.kind == "gym"


async def test_a_whole_post_run_routine_needs_no_key_press(tmp_path, clock, post_run):
    """The goal at the gym: at most one key press per set, none when every answer is the default."""
    app, backend = app_for(tmp_path, clock, post_run)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 20 * 60, step=1)
        assert screen.session.sets_done == 9 == screen.session.planned
        assert isinstance(app.screen, SummaryScreen)


async def test_after_rest_wait_shows_ready_and_enter_starts_the_count_in(tmp_path, clock, gym):
    app = make_app(config_dir=tmp_path, data_dir=tmp_path, clock=clock, start=gym, after_rest="wait",
                   audio=CuePlayer(RecordingBackend(clock), threaded=False))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 10 + 16 * 6 + 60 + 30)
        assert "READY?" in shown(screen, PhaseBanner)
        assert shown(screen, "#next").startswith("Now: Calf raises · set 2/5")
        assert "⏎ Keep" in screen.query_one(KeyBar).render().plain, "the set's question is still up"
        await pilot.press("enter")
        await pilot.pause()
        assert "⏎ Start" in screen.query_one(KeyBar).render().plain
        await pilot.press("enter")
        assert "GET READY" in shown(screen, PhaseBanner)


async def test_each_phase_keeps_its_own_colour_in_a_16_colour_terminal(tmp_path, clock, gym):
    """TERM=screen: colours are brought down to the nearest of 16; LIFT, HOLD, LOWER, PAUSE, REST, SWITCH, GET READY
    and PAUSED must still be told apart at a glance (HOLD and LOWER were one orange)."""
    from rich.color import Color, ColorSystem

    from runtrainer.tui.widgets.phase_banner import PHASE_CLASSES

    app, _ = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)):
        banner = app.screen.query_one(PhaseBanner)
        seen = {}
        for phase in (Phase.GET_READY, Phase.LIFT, Phase.HOLD, Phase.LOWER, Phase.PAUSE, Phase.REST, Phase.SWITCH,
                      "paused"):
            if phase == "paused":
                banner.show(Phase.LIFT, "", paused=True)
            else:
                banner.show(phase, "", False)
            background = banner.styles.background
            assert background.ansi is not None, f"{PHASE_CLASSES.get(phase, phase)} uses an ANSI colour"
            rgb = app.ansi_theme.ansi_colors[background.ansi]
            seen[phase] = Color.from_triplet(rgb).downgrade(ColorSystem.STANDARD).number
        assert len(set(seen.values())) == len(seen), seen


async def test_every_answer_of_the_resume_question_shows_its_key(tmp_path, clock):
    # Found by trying it: "Keep it as ended early (n)" was cut to "Keep it as ended early" in a 60-column dialog.
    import html
    import re

    from runtrainer.tui.screens.confirm import Confirm

    for size in ((80, 24), (60, 20), (44, 14)):
        app, _ = app_for(tmp_path, clock)
        async with app.run_test(size=size) as pilot:
            app.push_screen(Confirm("You left a gym workout on 27 Nov at 21:00, 3 of 13 sets done. Resume it?",
                                    yes="Resume it", no="Keep it as ended early", default_yes=True))
            await pilot.pause()
            shown = " ".join(html.unescape(t).replace("\xa0", " ")
                             for t in re.findall(r">([^<]*)</text>", app.export_screenshot()))
            assert "(y)" in shown and "(n)" in shown, size


async def test_q_pressed_as_the_summary_comes_by_itself_is_not_taken_for_its_quit(tmp_path, clock, post_run):
    """Found by a tryout: "WORKOUT COMPLETE" says "q Summary"; pressed as the summary came (1.5 s later, by itself)
    the same q was the summary's "Quit" and left the app. For half a second it takes no key and shows none."""
    app, _ = app_for(tmp_path, clock, post_run)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        while screen.session.engine.state is not State.FINISHED:
            clock.advance(3.3)
            screen.tick()
        await advance(pilot, screen, clock, 1.6)
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        def on(bar: KeyBar) -> set[str]:
            return {words for _, enabled, words in bar.entries() if enabled}

        assert not {"Quit", "Change set"} & on(summary.query_one(KeyBar)), "shown dimmed while it settles"
        await pilot.press("q", "enter")
        assert app.screen is summary and app.is_running, "the q meant for the screen before quit the app"
        clock.advance(0.5)
        await pilot.press("tab")  # any key once settled: the bar says the summary's keys again
        await pilot.pause()
        assert {"Quit", "Change set"} <= on(summary.query_one(KeyBar))
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_the_summary_shows_the_time_history_will_show(tmp_path, clock, gym):
    """Found by a tryout: the summary said "2:55 active" and History "2:54" for one session (174.5 s stored: the
    summary rounded the clock's 174.53, History the stored tenth). Here 3.46 s: stored 3.5, shown 0:04 in both."""
    from runtrainer.core.plan import format_clock

    app, _ = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 3.46)
        await pilot.press("q", "s")
        await pilot.pause()
        session = screen.session.session
        assert session.active_seconds == 3.5
        assert f"Time {format_clock(session.active_seconds)} active" in str(
            app.screen.query_one("#summary-stats").render())


async def test_the_quit_questions_bar_and_its_button_name_the_same_key_to_keep_going(tmp_path, clock, gym):
    """Found by a tryout: the button said "Keep going (Esc)" and the key bar "n Keep going"."""
    from textual.widgets import Button

    app, _ = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        dialog = app.screen
        assert "(Esc)" in str(dialog.query_one("#continue", Button).label)
        assert "esc Keep going" in dialog.query_one(KeyBar).render().plain


async def test_minus_that_ends_the_rest_says_so_not_minus_fifteen_into_the_count_in(tmp_path, clock, gym):
    """Found by a tryout: `-` with under 15 s of rest left ended it, and "Rest −15 s" stayed on into the count-in."""
    app, _ = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await advance(pilot, screen, clock, 10 + 16 * 6 + 1)  # set 1 done: its rest (60 s) began a second ago
        assert screen.session.engine.step.phase is Phase.REST
        await pilot.press("minus")
        assert str(screen.query_one("#message").render()).endswith("Rest −15 s")
        await advance(pilot, screen, clock, 35)  # 9 s of rest left
        await pilot.press("minus")
        assert screen.session.engine.step.phase is Phase.GET_READY
        said = str(screen.query_one("#message").render())
        assert said.endswith("Rest ended") and "−15" not in said, said


async def test_b_says_where_it_went(tmp_path, clock, gym):
    """Found by a tryout: `b` gave no word (a set restarted, back a set, the get-ready restarted)."""
    app, _ = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen

        def said() -> str:
            return str(screen.query_one("#message").render())

        await advance(pilot, screen, clock, 10 + 6 * 3 + 1)  # in calf raises set 1, rep 4
        await pilot.press("b")
        assert said().endswith("Again: Calf raises, set 1/5"), said()
        await advance(pilot, screen, clock, 16 * 6 + 1)  # set 1 done again: its rest
        await pilot.press("b")
        assert screen.session.engine.step.phase is Phase.GET_READY  # the redo's count-in
        assert said().endswith("Again: Calf raises, set 1/5"), said()
