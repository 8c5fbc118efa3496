"""The workout: renders the session's updates and routes keys. It decides nothing: the session does."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from runtrainer.audio import CuePlayer
from runtrainer.core.engine import State
from runtrainer.core.plan import Phase
from runtrainer.inhibit import SleepInhibitor
from runtrainer.session import Answer, Question, Update, WorkoutSession
from runtrainer.session.view import back_words, reps_text
from runtrainer.text import safe
from runtrainer.tui.after_frame import SoundsAfterFrame, after_frame
from runtrainer.tui.awake import KeepAwake
from runtrainer.tui.breakpoints import sized
from runtrainer.tui.collector import CollectBetweenFrames
from runtrainer.tui.message_line import MessageLine
from runtrainer.tui.messages import Cued, QuitAsked, WorkoutOver
from runtrainer.tui.widgets.big_digits import BigDigits, scale_to_fit
from runtrainer.tui.widgets.key_bar import KeyBar
from runtrainer.tui.widgets.phase_banner import PhaseBanner
from runtrainer.tui.widgets.too_small import too_small
from runtrainer.tui.widgets.workout_view import WorkoutView, enter_means, news_text, question_text

if TYPE_CHECKING:
    from runtrainer.tui.app import RuntrainerApp

RESERVED_ROWS = 17
"""Rows the rest of the workout screen needs at most (title, where, banner, labels, question, next, progress,
note, key bar): what is left goes to the seconds."""
REP_BOX_COLUMNS = 26
"""The rep count's box and the screen's padding."""
FULL_WORDS = (80, 24)
"""Columns and rows from which the message line says start-up news in full. Smaller, in its short words; and lower,
any message (and the question after a set) takes the banner's place until it goes (``MessageLine``), and an empty
message line keeps no row: the Now line and the progress bar are not pushed off, and the label under the big number
still names the phase."""
AFTER_BOUNDARY = 0.0002
"""Seconds after a boundary its tick is due: a hair, so the engine sees the deadline as passed."""
WAKE_EARLY = 0.003
"""Seconds before a tick is due that the event loop wakes for it; the rest is slept to the moment (``_on_time``).
A sleep of most of a second on the loop ends 1-2 ms late on these machines (epoll's timeout is whole
milliseconds, rounded up, and an idle CPU wakes slowly); a sleep of 3 ms or less ends within ~0.2 ms."""
SHORT_ROWS = 13
"""Rows under which the big number's label has no row of its own under it (40×12): the gap above the numbers goes
("-h-short"), so the label still says what the number is ("rep 7 of 12–16", "rest · seconds left")."""


class WorkoutScreen(Screen[None]):
    CSS_PATH = "workout.tcss"
    BINDINGS = [
        Binding("space", "pause", "Pause", id="pause"),
        Binding("enter", "done", "Done/next", id="done"),
        # Enter typed while runtrainer starts, before the terminal is in Textual's raw mode, is turned into a line
        # feed by the terminal (ICRNL) and arrives as ctrl+j (Home takes it as Enter: see RoutineList).
        Binding("ctrl+j", "early_enter", show=False),
        Binding("w", "edit_set", "Change", id="edit_set"),
        Binding("s", "skip", "Skip", id="skip"),
        Binding("S", "skip_set", "Skip set", id="skip_set"),
        Binding("b", "back", "Back", id="back"),
        Binding("plus,equals_sign", "rest(15)", "+15s", id="rest_plus", key_display="+"),
        Binding("minus,underscore", "rest(-15)", "-15s", id="rest_minus", key_display="-"),
        Binding("q", "quit_workout", "Quit", id="quit"),
    ]

    def __init__(self, session: WorkoutSession, audio: CuePlayer, flash_seconds: float = 0.25,
                 inhibitor: SleepInhibitor | None = None, notices: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        sized(self.app, self)  # its width and height classes now: styled once on the way to its first frame
        if self.app.size.height < FULL_WORDS[1]:
            self.add_class("-h-low", update=False)
        self.notices = list(notices or [])
        """Said in the message line at start (no toast covers the workout), as news (``MessageLine``): each in its
        words and in the short words of a small window."""
        self.session = session
        self.audio = audio
        self.flash_seconds = flash_seconds
        self.update: Update | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._due = 0.0
        """When the booked tick is due, on the event loop's clock."""
        self.line = MessageLine()
        self._shown: tuple[str, int, int] | None = None
        self._keys: tuple[bool, bool, str, State, bool] | None = None
        self._asked: Question | None = None
        self.first_step = -1
        """The engine's step when the screen opened (its get-ready): keys typed before the screen showed land there."""
        self.awake = KeepAwake(inhibitor, self.say_too)
        self.collector = CollectBetweenFrames()
        self.resumed = False
        """Shown once already (a later resume, after a dialog, restyles as Textual does)."""
        self.sounds = SoundsAfterFrame(audio)

    def compose(self) -> ComposeResult:
        yield WorkoutView(id="workout")
        yield too_small()
        yield KeyBar()

    def on_mount(self) -> None:
        self.collector.start()
        self.query_one(PhaseBanner).flash_seconds = self.flash_seconds
        self.render_update(self.session.start())
        self.first_step = self.session.engine.index
        for notice, short in self.notices:
            self.say_too(notice, short)
        self.call_after_refresh(self.read_history)

    def read_history(self) -> None:
        """After the first frame: the advice's thread reads the history (the weight to use, last time), and the
        session, told, looks again soon for its answer."""
        self.session.read_history()
        self.tick()

    def on_resize(self) -> None:
        """The seconds take the room there is (5 rows at 80×24, more as the terminal grows); the rep count stays
        Textual's 3-row Digits: it is secondary, and labelled."""
        width, height = self.size
        self.set_class(height < SHORT_ROWS, "-h-short")
        self.set_class(height < FULL_WORDS[1], "-h-low")  # an empty message line keeps no row: see workout.tcss
        if height < SHORT_ROWS and self.update is not None:
            self.query_one(WorkoutView).mark_alone(self.update.view)
        self.query_one("#time", BigDigits).scale = scale_to_fit(height - RESERVED_ROWS, width - REP_BOX_COLUMNS)
        self.query_one("#rep", BigDigits).scale = 0
        self.set_class(self._asked is not None and height < FULL_WORDS[1], "-asked")
        self._show_said()

    def tick(self, on_time: bool = False) -> None:
        """What the timer calls (``on_time``: at a boundary, booked): the session says what changed (nothing to draw
        once the screen is gone). On time, the key bar and the lines not read from three metres follow in the frame
        after the phase change's (``WorkoutView.draw_the_rest_later``)."""
        if not self.is_attached:
            return
        view = self.query_one(WorkoutView)
        view.draw_the_rest_later = on_time
        try:
            self.render_update(self.session.tick())
        finally:
            view.draw_the_rest_later = False

    def render_update(self, update: Update) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()  # the moment the update's next_in counts from (playing its sounds takes time)
        old, self.update = self.update, update
        view = self.query_one(WorkoutView)
        if update.sounds and view.draw_the_rest_later and not update.summary_due:
            self.sounds.after_frame(view, update.sounds)  # on time (a key's, and the workout's last, at once)
        else:
            self.sounds.play(update.sounds)
        for cue in update.cues:
            self.post_message(Cued(cue, self.session.clock(), self.session.engine.clock_time_of(cue.at)))
        banner = self.query_one(PhaseBanner)
        with banner.held():  # a flash and a new phase's colour: one restyle
            if update.sounds and update.cues:  # a cue's moment, not a word that waited for its tone
                banner.flash()
            view.view = update.view
        view.show_marks(update.view.paused, self.audio.muted)
        self.line.moved_on(self.session.engine.index, self.session.clock())
        said = news_text(update, self.session.engine)
        if said:
            self.line.answer(said, "", self.session.engine.index)
        self._show_said()
        if update.question != (old.question if old is not None else None):
            # The question opens as a set ends (and closes as the next begins), and the lines under it move: a
            # layout pass over the whole screen. It comes in the frame after the phase change's, which it would hold.
            after_frame(self.query_one("#prompt"), self.show_question)
        self.cancel_tick()
        if update.summary_due:
            self.post_message(WorkoutOver(self.session, by_itself=True))
        elif update.next_in is not None:
            # Booked on the event loop at the boundary's own moment. Textual's set_timer counts its delay from when
            # its task first runs, after this update's frame is drawn: every phase change came that much late.
            self._due = now + update.next_in + AFTER_BOUNDARY
            self._timer = loop.call_at(self._due - WAKE_EARLY, self.call_later, self._on_time)
        if view.draw_the_rest_later:
            after_frame(self.query_one(KeyBar), self._after_frame)
        else:
            self._say_keys()
        self.awake.want(self.session.engine.state is State.RUNNING, self)
        self._note_under(self.session.waiting)

    def _note_under(self, waiting: bool) -> None:
        """Covered and waiting: the dialog on top says so on its key bar (and stops saying it once it is not)."""
        note = f"{self.session.engine.step.phase.value.capitalize()} over: close this to go on" if waiting else ""
        app = cast("RuntrainerApp", self.app)
        if app.note_under != note:
            app.note_under = note
            for bar in app.screen.query(KeyBar):
                bar.refresh()

    def on_screen_suspend(self) -> None:
        """A dialog or form opened over the workout: no set starts under it (``WorkoutSession.cover``)."""
        if self.is_attached:
            self.render_update(self.session.cover(True))

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """On top again: what waited goes on (what was said as the dialog closed, "Saved: …", stays on), and a
        summary that came due meanwhile opens now. Shown the first time, its widgets were styled as they mounted a
        moment ago: Textual's restyle of them all at a resume (~5 ms before the first frame) is not asked for (this
        handler runs before Textual's own)."""
        if not self.resumed:
            self.resumed = True
            event.refresh_styles = False
        if self.session.engine.held:
            said = self.line.said, self.line.said_short
            self.render_update(self.session.cover(False))
            if said[0] and not self.line.said:
                self.say(*said)

    @property
    def drawn_whole(self) -> bool:
        """Every line and the key bar show the latest update (none waits for the frame after a phase change's)."""
        return self.query_one(WorkoutView).drawn_whole and self._keys == self._keys_now()

    def _keys_now(self) -> tuple[bool, bool, str, State, bool]:
        # what check_action and describe_key answer
        return (self.session.engine.step.phase is Phase.REST, self.session.question is not None,
                enter_means(self.session), self.session.engine.state, self.audio.muted)

    def _say_keys(self) -> None:
        keys = self._keys_now()
        if keys != self._keys and self.is_attached:  # after a frame, the screen may be gone
            self._keys = keys
            self.refresh_bindings()  # what the keys do changed: the key bar says it (and only then repaints)

    def show_sound(self) -> None:
        """m was pressed: MUTED is marked (or unmarked) at once, also while paused, when no tick comes."""
        if self.update is not None:
            self.query_one(WorkoutView).show_marks(self.update.view.paused, self.audio.muted)
            self._say_keys()

    def _on_time(self) -> None:
        """The booked tick, woken ``WAKE_EARLY`` before it is due: the last stretch is slept (no CPU; keys wait at
        most that long, in order), so the phase change is drawn from its very moment, not 1-2 ms after it."""
        wait = self._due - asyncio.get_running_loop().time()
        if 0 < wait <= WAKE_EARLY:
            time.sleep(wait)
        self.tick(on_time=True)

    @property
    def next_tick_at(self) -> float | None:
        """When the next tick is due, on the event loop's clock (None: only on a key)."""
        return self._due if self._timer is not None else None

    def cancel_tick(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def on_unmount(self) -> None:
        self.cancel_tick()  # no tick for a screen that is gone
        self.collector.stop()

    def _after_frame(self) -> None:
        """Just after a ticked frame: the key bar says what the keys do now; the garbage due is collected."""
        self._say_keys()
        self.collector.collect_due()

    def show_question(self) -> None:
        """The open question about the set just done, if any, under the message line."""
        question = self.update.question if self.update is not None else None
        if question == self._asked or not self.is_attached:  # asked for a frame ago: the screen may be gone
            return  # the prompt starts empty and closed, as with no question
        self._asked = question
        prompt = self.query_one("#prompt", Static)
        prompt.update(safe(question_text(question), newlines=True) if question else "")
        prompt.set_class(question is not None, "-open")
        # Below 80×24 the question takes the banner's rows (the label under the numbers still names the phase):
        # under it, the Now line and the progress bar went off the screen, and at 40×12 the question itself.
        self.set_class(question is not None and self.app.size.height < FULL_WORDS[1], "-asked")

    def say(self, message: str, short: str = "") -> None:
        """A one-line answer to a key press; it clears itself when the phase moves on. ``short``: the same in the
        fewer words a small window says (``FULL_WORDS``)."""
        self.line.answer(message, short, self.session.engine.index)
        self._show_said()

    def _show_said(self) -> None:
        width, height = self.app.size
        small = width < FULL_WORDS[0] or height < FULL_WORDS[1]
        now = self.session.clock()
        text = self.line.text(small, now)
        if cell_len(text) > width - 2:  # news and an answer: the answer on a row of its own, not cut in two
            text = self.line.text(small, now, between="\n")
        if self._shown == (text, width, height):
            return  # said again at every phase change: an update, even to the same text, asks for a layout pass
        self._shown = text, width, height
        # the screen's padding: a column each side
        rows = 0 if not text else 1 if "\n" not in text and cell_len(text) <= width - 2 else 2
        self.set_class(height < FULL_WORDS[1] and rows > 0, "-said")
        message = self.query_one("#message", Static)
        message.update(text)
        message.set_class(not text, "-none")

    def say_too(self, message: str, short: str = "") -> None:
        """News the runner did not ask for (start-up notices, the sound, keeping awake): added to what the line
        says, replacing nothing, and kept there at least ``NEWS_SECONDS`` however fast the phases go."""
        self.line.add_news(message, short)
        self._show_said()

    # --- keys ---------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that mean nothing now are not shown: +/- only in a rest, w only while a set's question is open;
        once the workout is over (its 1.5 s "WORKOUT COMPLETE"), only q (to the summary), m and ? are left."""
        if self.session.engine.state is State.FINISHED:
            return action not in ("pause", "done", "early_enter", "skip", "skip_set", "back", "rest", "edit_set")
        if action == "rest":
            return self.session.engine.step.phase is Phase.REST
        if action == "edit_set":
            return self.session.question is not None
        return True

    def describe_key(self, binding: Binding) -> str | None:
        """What Enter, Space and m do at this moment, in the key bar (one key, one meaning, said)."""
        if binding.id == "done":
            return enter_means(self.session)
        if binding.id == "pause" and self.session.engine.state is State.PAUSED:
            return "Resume"
        if binding.id == "mute" and self.audio.muted:
            return "Sound on"
        if binding.id == "quit" and self.session.engine.state is State.FINISHED:
            return "Summary"  # the workout is over: q goes straight to it
        return None

    def action_pause(self) -> None:
        self.render_update(self.session.toggle_pause())

    def action_done(self) -> None:
        self.render_update(self.session.done())

    def action_early_enter(self) -> None:
        """ctrl+j: Enter, except in the get-ready before the first set, where it can only be an Enter typed before
        the screen showed (once the screen is up, Enter arrives as Enter). There Enter means "Go now", which the
        runner could not have read yet: it would cut the time to get in place, so it is not taken, and said."""
        engine = self.session.engine
        if engine.step.phase is Phase.GET_READY and engine.index == self.first_step:
            self.say("Enter pressed before the screen showed: not taken. Enter now goes now.")
            return
        self.action_done()

    def action_skip(self) -> None:
        self.render_update(self.session.skip())

    def action_skip_set(self) -> None:
        self.render_update(self.session.skip_set())
        self.say("Set skipped.")

    def action_back(self) -> None:
        went, update = self.session.back()
        self.render_update(update)
        self.say(back_words(self.session.engine) if went else "Nothing to go back to")

    def action_rest(self, delta: int) -> None:
        changed, update = self.session.adjust_rest(delta)
        self.render_update(update)
        if changed:  # taken off more than was left: the rest is over ("Rest ended"), and the count-in says so
            self.say(f"Rest {'+' if delta > 0 else '−'}{abs(delta)} s" if self.session.engine.step.phase is Phase.REST
                     else "Rest ended")

    def action_edit_set(self) -> None:
        q = self.session.question
        if q is None:
            self.say("Nothing to change now: w changes a set in the rest after it; the summary changes any set.")
            return
        record = self.session.book.record(q.key)
        if record is None:
            return

        def edited(answer: Answer | None) -> None:
            if answer is not None:
                self.session.answer(q.key, answer)
                saved = self.session.book.record(q.key)
                if saved is not None:
                    self.say(f"Saved: set {saved.set_number}, {reps_text(saved)}"
                             + (f" at {saved.weight:g} {saved.unit}" if saved.weight is not None else ""))
            self.tick()

        from runtrainer.tui.screens.set_editor import SetEditor  # with its Input: imported when first asked for

        self.app.push_screen(SetEditor(record), edited)

    def action_quit_workout(self) -> None:
        """q: the app asks what to do with the workout (and decides which screen comes next)."""
        if self.session.engine.state is State.FINISHED:
            self.post_message(WorkoutOver(self.session))
            return
        was_running = self.session.engine.state is State.RUNNING
        self.session.engine.pause()
        self.tick()
        self.post_message(QuitAsked(self.session, was_running))
