"""What the workout does on the way to a frame: the passes of the stylesheet and of layout it needs, no more.
Counted, not timed (the speed itself is measured in tests/bench/)."""

from __future__ import annotations

from helpers import RecordingBackend, advance, app_for, settled
from textual.css.stylesheet import Stylesheet

from runtrainer.audio import CuePlayer
from runtrainer.core.plan import Phase
from runtrainer.tui.app import make_app
from runtrainer.tui.screens.workout import WorkoutScreen
from runtrainer.tui.widgets.phase_banner import PhaseBanner


async def test_the_workout_is_styled_once_before_its_first_frame(tmp_path, clock, gym, monkeypatch):
    """Found profiling `start gym`: the screen got its size classes (-h-tall, -w-wide) at its first resize, after it
    had been styled and laid out without them: every widget styled twice and laid out twice before the first frame."""
    styled = []
    style = WorkoutScreen.update_node_styles

    def counted(self, animate: bool = True) -> None:
        styled.append(self)
        style(self, animate)

    monkeypatch.setattr(WorkoutScreen, "update_node_styles", counted)
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WorkoutScreen)
        assert app.screen.has_class("-h-tall") and app.screen.has_class("-w-wide")
        assert styled == [], "the whole screen styled again after its widgets were (as they mounted)"


async def test_each_widget_of_the_workout_is_styled_once_before_its_first_frame(tmp_path, clock, gym,
                                                                                 monkeypatch):
    """Found profiling `start gym`: its widgets were styled as they mounted, then every one again by Textual's
    restyle at the screen's first resume (~5 ms before the first frame, for the same styles)."""
    styled: list[object] = []
    apply = Stylesheet.apply

    def counted(self, node, *args, **kwargs):
        styled.append(node)
        return apply(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", counted)
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        ours = [node for node in styled if node is screen or screen in node.ancestors]
        twice = {type(node).__name__ for node in ours if ours.count(node) > 1}
        assert ours and not twice, f"styled more than once before the first frame: {sorted(twice)}"
        assert screen.query_one(PhaseBanner).styles.height.value > 0, "the banner has its stylesheet's height"


async def test_a_phase_change_recolours_and_flashes_the_banner_without_the_stylesheet(tmp_path, clock, gym,
                                                                                       monkeypatch):
    """Found profiling the frame of a phase change: the banner's new class (and the flash's, on and off) sent the
    stylesheet over it each time (~1 ms each) before the frame could be drawn. Its colours are set directly now."""
    styled = []
    style = PhaseBanner.update_node_styles

    def counted(self, animate: bool = True) -> None:
        styled.append(set(self.classes))
        style(self, animate)

    app = make_app(config_dir=tmp_path, data_dir=tmp_path, clock=clock,
                   audio=CuePlayer(RecordingBackend(clock), threaded=False), start=gym, flash_seconds=60)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        banner = screen.query_one(PhaseBanner)
        await pilot.pause()
        monkeypatch.setattr(PhaseBanner, "update_node_styles", counted)
        while screen.session.engine.step.phase is Phase.GET_READY:
            clock.advance(0.5)
            screen.tick()
        await pilot.pause()
        assert screen.session.engine.step.phase is Phase.LIFT
        assert styled == [], "the stylesheet was sent over the banner"
        assert banner.has_class("-lift") and banner.has_class("-flash") and not banner.has_class("-get-ready")
        assert (banner.styles.background.ansi, banner.styles.color.ansi) == (2, 0), "LIFT: black on green"
        style = banner.rich_style
        assert style.reverse and style.bold, "the flash: reversed"
        assert (style.color.number, style.bgcolor.number) == (0, 2), "drawn in LIFT's colours, not a contrast"


async def test_the_question_opens_in_the_frame_after_the_set_ends(tmp_path, clock, gym):
    """Found profiling the frame of a phase change: the question opening as a set ends (and closing as the next
    begins) moves the lines under it, a layout pass over the whole screen before the phase change could be drawn.
    The phase change is drawn first; the question a frame later."""
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        prompt = screen.query_one("#prompt")
        while screen.session.question is None:
            clock.advance(0.5)
            screen.tick()
        assert screen.session.engine.step.phase is Phase.REST
        assert not prompt.has_class("-open"), "the question was laid out before the rest's frame"
        await settled(pilot, lambda: prompt.has_class("-open"), "the question never opened")
        assert "Enter keeps it" in str(prompt.render())
        await pilot.press("enter")  # kept: the question closes
        await pilot.pause()
        assert screen.session.question is None and not prompt.has_class("-open") and str(prompt.render()) == ""



async def test_the_next_tick_is_booked_for_the_boundary_itself_not_after_the_frame(tmp_path, clock, gym):
    """Found timing phase changes inside the app (pty, sound on): Textual's set_timer counts its delay from when the
    timer's task first runs, after the update's frame is drawn, so each phase change was drawn that much late (its
    tick fired a median 6.8 ms after its moment, for 0.5 ms booked). The tick is booked at an absolute moment."""
    import asyncio

    from runtrainer.tui.screens.workout import AFTER_BOUNDARY

    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        loop = asyncio.get_running_loop()
        await pilot.pause()  # after the first frame the screen starts the history's reading, and ticks once
        clock.advance(0.25)
        before = loop.time()
        screen.tick()
        after = loop.time()
        next_in = screen.update.next_in
        assert next_in is not None and screen.next_tick_at is not None
        assert before + next_in + AFTER_BOUNDARY <= screen.next_tick_at <= after + next_in + AFTER_BOUNDARY
        await pilot.pause()
        due = screen.next_tick_at
        assert before + next_in + AFTER_BOUNDARY <= due <= after + next_in + AFTER_BOUNDARY, "moved by the frame"
        await pilot.press("q")  # the workout paused to ask: nothing booked while the question is open
        assert screen.session.engine.state.name == "PAUSED" and screen.next_tick_at is None


async def test_a_set_end_is_drawn_before_its_question(tmp_path, clock, gym, monkeypatch):
    """Found timing each step of a phase change through a pty: the question's "after refresh" callback ran before
    the changed widgets had asked the screen for a repaint, so the rest's frame waited for the question's layout
    pass (~3-9 ms). The rest's frame is drawn first; the question opens in the frame after."""
    backend = RecordingBackend(clock)
    app = make_app(config_dir=tmp_path, data_dir=tmp_path, clock=clock,
                   audio=CuePlayer(backend, threaded=False), start=gym, flash_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        banner = screen.query_one(PhaseBanner)
        prompt = screen.query_one("#prompt")
        await pilot.pause()
        drawn: list[tuple[str, bool]] = []  # each time the banner is drawn: its text, the question open
        render = banner.render

        def recorded():
            drawn.append((str(banner.content), prompt.has_class("-open")))
            return render()

        monkeypatch.setattr(banner, "render", recorded)
        while screen.session.engine.step.phase is not Phase.REST:
            clock.advance(0.5)
            screen.call_later(screen.tick)  # as its timer calls it: on the screen's own task
            await pilot.pause()
        await settled(pilot, lambda: prompt.has_class("-open"), "the question never opened")
        rest = [d for d in drawn if "REST" in d[0]]
        assert rest, "the rest's banner was never drawn"
        assert rest[0][1] is False, "the question was laid out before the rest's frame"
        assert prompt.has_class("-open") and "set_done" in [s for _, s in backend.played[-3:]]


async def test_a_note_that_changes_its_height_follows_in_the_next_frame(tmp_path, clock, gym):
    """Found timing the phase changes of a routine with a history: "Last time: ..." comes into the note with each
    rest and leaves with it, and the note's new height was a layout pass on the way to the phase change's frame."""
    from runtrainer.session.view import View
    from runtrainer.tui.widgets.workout_view import WorkoutView

    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(WorkoutView)
        note = app.screen.query_one("#note")
        assert view.view is not None
        before = view.view
        view.view = View(*before[:-1], note="Last time: 12 reps at 20 kg\nHeels off the step.")  # note: the last field
        assert "Last time" not in str(note.render()), "the note's layout came before the frame"
        await settled(pilot, lambda: "Last time: 12 reps at 20 kg" in str(note.render()), "the note never came")
        view.view = View(*before[:-1], note="")
        await settled(pilot, lambda: str(note.render()) == "", "the note never went")


def _lines(screen) -> dict[str, str]:
    from runtrainer.tui.widgets.key_bar import KeyBar
    from runtrainer.tui.widgets.session_progress import SessionProgress

    lines = {name: str(screen.query_one(f"#{name}").render()) for name in ("banner", "where", "next", "note")}
    bar = screen.query_one(SessionProgress)
    return {**lines, "progress": f"{bar.progress} {bar.label}", "keys": screen.query_one(KeyBar).render().plain}


async def _run_through(tmp_path, clock, gym, on_time: bool) -> list[dict[str, str]]:
    """The gym routine's get-ready, first set and its rest, ticked every half second as its timer would."""
    seen = []
    app = app_for(tmp_path / str(on_time), clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.pause()
        for _ in range(240):  # 10 s to get ready, 16 reps of 6 s, and into the rest
            clock.advance(0.5)
            screen.tick(on_time=on_time)
            await settled(pilot, lambda: screen.drawn_whole, "the lines after the phase change's frame never came")
            seen.append({**_lines(screen), "sounds": " ".join(sound for _, sound in screen.audio.backend.played)})
    return seen


async def test_on_time_the_rest_of_the_screen_follows_the_phase_changes_frame_and_ends_the_same(tmp_path, gym):
    """Measured from outside through a pty (tests/bench): a phase change's frame reached the terminal 10 ms after its
    moment, twice a bare app's, most of it Textual repainting the whole screen (the key bar at the bottom and the
    banner at the top changed together). On time, the banner and the numbers are drawn at once and the key bar,
    the Now line, where and the progress in the frame after; once it is drawn, every line says what a key-driven
    update (everything at once) says, at every step of a set and into its rest; and every sound has been played
    (on time they go to the player once the phase change's frame is drawn)."""
    from runtrainer.core.clock import FakeClock

    on_time = await _run_through(tmp_path, FakeClock(), gym, on_time=True)
    at_once = await _run_through(tmp_path, FakeClock(), gym, on_time=False)
    assert any("15s" in step["keys"] for step in on_time), "the run reached a rest, whose keys differ"
    for n, (a, b) in enumerate(zip(on_time, at_once, strict=True)):
        assert a == b, f"step {n}"


async def test_on_time_the_phase_changes_frame_shows_the_new_phase_before_the_rest_follows(tmp_path, clock, gym):
    """The split itself: right after an on-time tick into the rest, the banner already says REST (its frame is
    due) while the key bar and the lines under the numbers wait; after the next frame the bar shows the rest's
    keys (+/-15 s)."""
    from runtrainer.tui.widgets.key_bar import KeyBar

    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.pause()
        while screen.session.engine.step.phase is not Phase.REST:
            clock.advance(0.5)
            screen.tick(on_time=True)
            if screen.session.engine.step.phase is Phase.REST:
                break
            await settled(pilot, lambda: screen.drawn_whole)
        assert "REST" in str(screen.query_one("#banner").render()).upper()
        assert not screen.drawn_whole, "the key bar and the lines under the numbers wait for the frame after"
        await settled(pilot, lambda: screen.drawn_whole)
        assert "15s" in screen.query_one(KeyBar).render().plain


async def test_the_lines_after_a_frame_find_their_screen_gone_without_a_traceback(tmp_path, clock, gym):
    """Found by a benchmark run: the workout's lines under the numbers, due just after an on-time phase change's
    frame, looked for "#where" while the screen was being taken down (its widgets go one by one): "Exception in
    callback … NoMatches" on the terminal. Work after a frame on a screen going away is dropped."""
    import asyncio

    from runtrainer.tui.widgets.workout_view import WorkoutView

    errors: list[dict] = []
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        asyncio.get_running_loop().set_exception_handler(lambda loop, context: errors.append(context))
        screen = app.screen
        await pilot.pause()
        view = screen.query_one(WorkoutView)
        await advance(pilot, screen, clock, 9.8)  # to the end of the get-ready
        clock.advance(0.5)
        screen.tick(on_time=True)  # the first set: "Now: …" becomes "Next: …", after the frame
        assert not view.drawn_whole
        for line in ("#where", "#next", "#note", "#progress"):  # as the screen's teardown takes its widgets
            await screen.query_one(line).remove()
        for _ in range(20):
            await pilot.pause()
    assert errors == []


async def test_an_on_time_phase_change_is_drawn_before_its_sounds_go_to_the_player(tmp_path, clock, gym, monkeypatch):
    """Measured from outside through a pty (tests/bench), sound on: the player and the process ALSA starts for each
    sound woke at the boundary with the frame's own work, and took the CPU it needed (p99 10.0 ms where the bare app
    took 5.6). On time, a phase change's sounds go to the player once its frame is drawn; a key's go at once."""
    events: list[tuple[str, str]] = []
    backend = RecordingBackend(clock)
    monkeypatch.setattr(backend, "play", lambda sound: events.append(("played", sound)))
    app = make_app(config_dir=tmp_path, data_dir=tmp_path, clock=clock,
                   audio=CuePlayer(backend, threaded=False), start=gym, flash_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        banner = screen.query_one(PhaseBanner)
        await pilot.pause()
        render = banner.render

        def recorded():
            events.append(("drawn", str(banner.content)))
            return render()

        monkeypatch.setattr(banner, "render", recorded)
        while screen.session.engine.step.phase is Phase.GET_READY:
            clock.advance(0.5)
            screen.call_later(screen.tick, True)  # as its timer calls it: on the screen's own task
            await pilot.pause()
            await settled(pilot, lambda: screen.drawn_whole)
        lift = next(n for n, (what, text) in enumerate(events) if what == "drawn" and "LIFT" in text)
        go = events.index(("played", "go"))  # the sound of the change into LIFT
        assert lift < go, f"the LIFT's sound went to the player before its frame: {events}"
        events.clear()
        await pilot.press("s")  # a key: its sounds at once, as the key is read
        assert any(what == "played" for what, _ in events), "a key's sound waited"


async def test_the_last_phase_change_on_time_plays_the_workouts_last_sounds(tmp_path, clock):
    """The sounds of an on-time change wait for its frame; the workout's last ones do not (the summary takes the
    screen's place): "workout complete" is played."""
    from helpers import routine

    short = routine('name = "short"\nkind = "gym"\n[[exercises]]\nname = "Wall sit"\nsets = 1\nhold_seconds = 3\n')
    backend = RecordingBackend(clock)
    app = make_app(config_dir=tmp_path, data_dir=tmp_path, clock=clock,
                   audio=CuePlayer(backend, threaded=False), start=short, flash_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.pause()
        for _ in range(60):
            if app.screen is not screen:
                break
            clock.advance(0.5)
            screen.tick(on_time=True)
            await pilot.pause()
        assert app.screen is not screen, "the workout never ended"
        await pilot.pause()
        assert "workout_done" in [sound for _, sound in backend.played]


async def test_a_key_right_after_an_on_time_change_plays_its_sounds_after_that_changes(tmp_path, clock, gym,
                                                                                       monkeypatch):
    """A tryout, timing keys at boundaries with the player's requests traced: `s` pressed 0-5 ms after a phase
    change played its own sounds first and the change's ("go" after the count-in's pip; a hold's after the lower
    it was skipped into): the change's waited for its frame, the key's went at once. They go in the order the
    phases came."""
    played: list[str] = []
    backend = RecordingBackend(clock)
    monkeypatch.setattr(backend, "play", played.append)
    app = make_app(config_dir=tmp_path, data_dir=tmp_path, clock=clock,
                   audio=CuePlayer(backend, threaded=False), start=gym, flash_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.pause()
        while screen.session.engine.step.phase is Phase.GET_READY:
            played.clear()
            clock.advance(0.5)
            screen.tick(on_time=True)
            if screen.session.engine.step.phase is Phase.GET_READY:
                await settled(pilot, lambda: screen.drawn_whole)
        screen.action_skip()  # the key, read before the LIFT's frame is drawn
        await settled(pilot, lambda: screen.drawn_whole)
        assert played and played[0] == "go", f"the LIFT's sound first: {played}"
        assert played.count("go") == 1, "each sound once"
