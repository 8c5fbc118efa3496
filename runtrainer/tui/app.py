"""The Textual app: thin. It holds the collaborators and pushes screens; the screens do the work."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from runtrainer.audio import BellBackend, Choice, CuePlayer, NullBackend
from runtrainer.core.clock import Clock, monotonic
from runtrainer.core.routine import Routine
from runtrainer.inhibit import SleepInhibitor
from runtrainer.store import Session, Store, rewrite
from runtrainer.text import safe
from runtrainer.tui import background, messages, quitting, resume
from runtrainer.tui.breakpoints import sized
from runtrainer.tui.from_thread import soon
from runtrainer.tui.messages import HistoryWanted, QuitAsked, SoundChosen, StartRoutine, WorkoutLeft, WorkoutOver
from runtrainer.tui.type_ahead import TypeAhead

if TYPE_CHECKING:
    from runtrainer.session import WorkoutSession
    from runtrainer.tui.screens.home import HomeScreen
    from runtrainer.tui.screens.workout import WorkoutScreen
# Every screen is imported when first shown: start-up pays only for Home, `runtrainer start NAME` for the workout.

class Underneath(Screen[None]):
    """The bottom of the stack when the app starts on a workout (`runtrainer start NAME`): nothing in it, so
    nothing to build, style or lay out; Home is built only when the workout is over or left (``_home_in_place``).
    Not Textual's default screen, which cannot be replaced (``switch_screen`` needs a pushed screen)."""


class RuntrainerApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "runtrainer"
    ENABLE_COMMAND_PALETTE = False  # the footer's room goes to the workout keys; every action has its own key
    HORIZONTAL_BREAKPOINTS = [(0, "-w-tiny"), (40, "-w-normal"), (110, "-w-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-h-tiny"), (12, "-h-normal"), (34, "-h-tall")]
    BINDINGS = [
        Binding("m", "toggle_mute", "Mute", id="mute"),
        Binding("question_mark", "help", "Help", id="help", key_display="?"),
        # Textual's own: Ctrl+Q quits at once, Ctrl+C only says "press ctrl+q". Here both ask, as q does.
        Binding("ctrl+q,ctrl+c", "ask_quit", "Quit", id="ask_quit", show=False, priority=True),
    ]

    def __init__(self, *, config_dir: Path | None, data_dir: Path | None, clock: Clock,
                 audio: CuePlayer | None, start: Routine | None = None, start_id: str = "",
                 flash_seconds: float = 0.25, inhibitor: SleepInhibitor | None = None,
                 sleep_gap: float | None = None, after_rest: str | None = None, count_aloud: bool = False,
                 choose_sound: Callable[[], Choice] | None = None) -> None:
        # Starting on a workout, its styles are read with the app's: pushed later, a screen's CSS_PATH makes
        # Textual parse every style sheet again (~5–10 ms before the workout's first frame).
        super().__init__(css_path=[self.CSS_PATH, "screens/workout.tcss"] if start is not None else None)
        self.type_ahead = TypeAhead(self)
        self.count_aloud = count_aloud
        """Rep numbers and a timed hold's 3-2-1 spoken (``--count-aloud``): the help and the mute notice say so."""
        self.choose_sound = choose_sound
        """Chooses the sound backend (probing simpleaudio in a child process): run on a thread after the first
        frame, for ``audio`` (waiting meanwhile, ``WaitingBackend``) to use. None: ``audio`` is chosen already."""
        self.after_rest = after_rest
        """The runner's "start" or "wait" after a rest, over the routine's own (None: the routine's)."""
        self.inhibitor = inhibitor
        self.sleep_gap = sleep_gap
        """A clock jump longer than this (seconds) mid-workout means the laptop slept: pause and say so."""
        self.config_dir = config_dir
        self.data_dir = data_dir
        self.store = Store(data_dir) if data_dir is not None else None
        self.clock = clock
        self.flash_seconds = flash_seconds
        self.audio = audio or CuePlayer(BellBackend())
        if isinstance(self.audio.backend, BellBackend):
            self.audio.backend.ring = self.bell
        self.audio.ring, self.audio.news = self.bell, lambda text: self.post_message(messages.SoundNews(text))
        self._start = start
        self._start_id = start_id
        self.workout: WorkoutSession | None = None
        """The session in progress, if any (the app saves it when the process is told to end)."""
        self._workout_screen: WorkoutScreen | None = None
        self.start_notices: list[str] = []
        """What the runner is told at start (sound passed over, a damaged history): shown on Home."""
        self.short_words: dict[str, str] = {}
        """A notice's fewer words, for the workout's message line on a small window (the sound's)."""
        self.note_under = ""  # what the workout under a dialog waits for ("Rest over: …"): on the dialog's key bar
        self.home: HomeScreen | None = None
        """Built when first shown: at start, or (after `runtrainer start NAME`) when the workout is over or left."""
        self._orphans: list[Session] = []

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notice, from every screen, comes through here: messages quote routine names, paths and history
        entries, so they are shown literally with control characters made visible."""
        super().notify(safe(message, newlines=True), title=safe(title), severity=severity, timeout=timeout,
                       markup=False)

    def get_default_screen(self) -> Screen[None]:
        """Home is the bottom of the stack itself (not pushed over Textual's blank default screen, which start-up
        would build, style and lay out for nothing). `runtrainer start NAME` with no unfinished workout to offer
        starts on an empty screen, and the workout goes over it: Home is built when it is first needed."""
        # Home shows when each routine was last done: read from index.json's first line, not the whole history
        # (that is read when History opens, or by the workout's advice on a thread). Without a usable index the
        # history is read here, before on_mount, so that its notices (a damaged file, what is wrong) are told.
        if self.store is not None:
            self.store.last_done()
            if self._start is not None:  # one to offer to resume: Home is under the question, as before
                self._orphans = self.store.orphans()
        if self._start is not None and not self._orphans:
            return sized(self, Underneath())
        from runtrainer.tui.screens.home import HomeScreen

        self.home = sized(self, HomeScreen(self.config_dir, self.store))
        return self.home

    def _home_in_place(self) -> bool:
        """After a workout the app started on: Home, built now, takes the workout's place (for the summary to go
        over, or to be shown). True when it did."""
        if self.home is not None:
            return False
        from runtrainer.tui.screens.home import HomeScreen

        self.home = HomeScreen(self.config_dir, self.store)
        self.home.show_notices(self.start_notices)
        self.switch_screen(self.home)
        return True

    async def on_event(self, event: events.Event) -> None:
        if not self.type_ahead.arrived(event):  # a key typed before the screen a key opens is shown waits for it
            await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        self.type_ahead.came_back(event)

    def on_mount(self) -> None:
        background.catch_signals(self.save_and_exit)
        kept = rewrite.reminder(self.store.path) if self.store is not None else None  # before this start's write
        # Finished sessions in their journals are folded into history.json off the UI thread (none waiting: no thread).
        if self.store is not None and self.store.pending():
            self.run_worker(self._merge_pending, thread=True, exit_on_error=False, group="merge")
        # Start-up notices go in a line of their own on Home (and, when a workout starts at once, in the
        # workout's message line until its first phase ends), never in a toast over the workout.
        if self.audio.why:  # said once, at start: the backend, and why better ones were passed over
            self.start_notices.append(self._sound_notice())
        self.start_notices += [kept] if kept else []  # damaged lines an earlier write kept aside, and how to bring back
        # Looked for before the news is told (a journal set aside there adds to it); with `start NAME` they were
        # looked for already, to know whether the workout can be the first screen.
        orphans = self._orphans if self._start is not None or self.store is None else self.store.orphans()
        self._tell_notices(at_start=True)
        if orphans:
            resume.offer(self, orphans, then=self._start_given)
        elif self._start is not None:
            self.call_later(self.start_workout, self._start, self._start_id)
        self.call_after_refresh(self._first_frame_shown)

    def _sound_notice(self) -> str:
        """The sound's notice; its short words (a small window's workout) kept in ``short_words``."""
        muted = " (muted: m turns it on)" if self.audio.muted else ""
        notice = f"Sound: {self.audio.backend.name}{muted}. {self.audio.why}"
        self.short_words[notice] = (f"Sound: {self.audio.backend.name}{' (muted)' if muted else ''}; "
                                    "`runtrainer sound-check` says why.")
        return notice

    def _first_frame_shown(self) -> None:
        """What start-up leaves until the first frame is out. The garbage collector, if the command line turned it
        off for start-up (its ~40,000 objects are nearly all kept: frozen, later collections skip them too). The
        choice of sound (its probe is a child process), on a thread: the cues wait for it, not the screen."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()
        if self.choose_sound is not None:
            self.run_worker(self._choose_sound, thread=True, exit_on_error=False, group="sound")

    def _choose_sound(self) -> None:
        assert self.choose_sound is not None
        try:
            choice = self.choose_sound()
        except Exception as exc:  # noqa: BLE001 - never leave the cues waiting for good
            choice = Choice(NullBackend(), "no sound", [f"sound: cannot choose a sound backend: {exc}"])
        self.post_message(SoundChosen(choice))

    def on_sound_chosen(self, message: SoundChosen) -> None:
        """The backend arrives: the cues asked for meanwhile play if still fresh, and the news is told where the
        start-up news is (Home's notice line; the workout's message line when a workout is on already)."""
        backend = message.choice.backend
        if isinstance(backend, BellBackend):
            backend.ring = self.bell
        self.audio.use(backend, message.choice.explain())
        if not self.audio.why:
            return
        notice = self._sound_notice()
        self.start_notices.append(notice)
        self._tell_late([notice])

    def on_sound_news(self, message: messages.SoundNews) -> None:
        """The sound's player stopped (started again, or fallen back): told once, in the workout's message line."""
        if not self._say_in_workout(message.text):
            self.notify(message.text, timeout=8)

    def _say_in_workout(self, text: str, short: str = "") -> bool:
        """News for the workout's message line while a workout goes on (a toast covered its digits at 40×12); the
        screen says it once mounted. False when no workout goes on."""
        workout = self._workout_screen
        if workout is None or self.workout is None or self.workout.over:
            return False
        if workout.is_attached:
            workout.say_too(text, short)
        else:
            workout.notices.append((text, short or text))
        return True

    def _tell_late(self, news: list[str]) -> None:
        """Start-up news that comes late (the sound backend; what folding finished sessions in did): on Home's
        notice line, and on the workout's message line when a workout is on already."""
        if self.home is not None:
            self.home.show_notices(self.start_notices)
        workout = self._workout_screen
        for notice in news:
            short = self.short_words.get(notice, notice)
            if workout is not None and workout.is_attached:
                workout.say_too(notice, short)
            elif workout is not None:  # pushed, not yet mounted: it says it when it is
                workout.notices.append((notice, short))

    def _merge_pending(self) -> None:
        assert self.store is not None
        told = background.merge_pending(self.store.dir)
        if told:
            self.post_message(messages.HistoryWritten(told))

    def on_history_written(self, message: messages.HistoryWritten) -> None:
        """What a write of history.json told (damaged lines kept aside, and where): on Home's notice line in place
        of the lines it made stale (``_tell_late``)."""
        assert self.store is not None
        shown, self.start_notices = self.start_notices, rewrite.news_after_write(self.store.path, self.start_notices,
                                                                                 message.told)
        self._tell_late([m for m in self.start_notices if m not in shown])

    def save_and_exit(self, why: str = "") -> None:
        if self.workout is not None:
            self.workout.stop_for_good()
        if self.inhibitor is not None:
            self.inhibitor.release()
        # After SIGHUP there is no terminal left to print to; after SIGTERM, say what happened.
        self.exit(message=f"runtrainer: {why}: the workout in progress was saved as ended early."
                  if why == "SIGTERM" else None)

    def _tell_notices(self, at_start: bool = False) -> None:
        told = [n.message for n in self.store.notices] if self.store is not None else []
        if self.store is not None:
            self.store.notices.clear()
        if at_start:
            self.start_notices += told
            if self.home is not None:
                self.home.show_notices(self.start_notices)
            return
        for message in told:
            self.notify(message, severity="warning", timeout=20, markup=False)

    def _refresh_home(self) -> None:
        if self.home is not None:
            self.home.refresh_rows()

    def _start_given(self) -> None:
        """`runtrainer start NAME`'s workout, once no unfinished one was resumed instead."""
        if self._start is not None:
            self.start_workout(self._start, self._start_id)

    def start_workout(self, routine: Routine, routine_id: str = "", resume: Session | None = None) -> None:
        from runtrainer.session import WorkoutSession
        from runtrainer.tui.screens.workout import WorkoutScreen

        self.workout = WorkoutSession(routine, self.clock, self.store, routine_id, resume, sleep_gap=self.sleep_gap,
                                      on_save_error=self._save_failed_from_thread, after_rest=self.after_rest,
                                      count_aloud=self.count_aloud)
        self.audio.prepare(routine)  # "Next: <name>" for exercises of the runner's own, rendered in the background
        # A workout that starts with the app (runtrainer start NAME) says the start-up news in its message line;
        # one started from Home does not repeat what Home said, except the sound when it is not what the runner
        # expects (the cues are what they will follow; Enter may have come a moment after Home said it).
        first = self._workout_screen is None and self._start is not None
        notices = self.start_notices if first else [self._sound_notice()] if self.audio.why else []
        self._workout_screen = WorkoutScreen(self.workout, self.audio, self.flash_seconds, inhibitor=self.inhibitor,
                                             notices=[(n, self.short_words.get(n, n)) for n in notices])
        self.push_screen(self._workout_screen)

    def _save_failed_from_thread(self, message: str) -> None:
        soon(self, self._save_failed, message)

    def _save_failed(self, message: str) -> None:
        text = f"{message}. The workout goes on and the session is kept in memory; export it from the summary."
        if not self._say_in_workout(text, f"Not saved ({message.rsplit(': ', 1)[-1]}): kept in memory"):
            self.notify(text, severity="error", timeout=15, markup=False)

    def on_start_routine(self, message: StartRoutine) -> None:
        self.start_workout(message.routine, message.routine_id)

    def on_workout_over(self, message: WorkoutOver) -> None:
        from runtrainer.tui.screens.summary import SummaryScreen

        if self.screen is not self._workout_screen:
            return  # already on its way (the summary was asked for twice)
        if self.inhibitor is not None:
            self.inhibitor.release()
        summary = SummaryScreen(message.session, self.clock, settling=message.by_itself)
        if self._home_in_place():
            self.push_screen(summary)
        else:
            self.switch_screen(summary)

    def on_quit_asked(self, message: QuitAsked) -> None:
        quitting.ask(self, message.session, message.was_running)

    def go_on(self) -> None:
        """Back to the workout after a question over it: its screen looks at the session again."""
        if self._workout_screen is not None:
            self._workout_screen.tick()

    def on_workout_left(self, message: WorkoutLeft) -> None:
        self.workout = None
        if self.inhibitor is not None:
            self.inhibitor.release()
        if self.screen is self._workout_screen and not self._home_in_place():
            self.pop_screen()

    def on_history_wanted(self, message: HistoryWanted) -> None:
        self.show_history()

    def show_history(self) -> None:
        if self.store is None:
            self.notify("No history folder.", severity="warning")
            return
        from runtrainer.tui.screens.history import HistoryScreen

        # Read again if another runtrainer wrote it since; not read yet (Home reads index.json's first line only), the
        # list comes from index.json when it describes history.json (the sets are read on a thread after the
        # screen's first frame), else from history.json read now.
        sessions = self.store.reload_if_changed() if self.store.loaded else self.store.summaries()
        self._tell_notices()
        self.push_screen(HistoryScreen(self.store, sessions=sessions))

    def action_help(self) -> None:
        from runtrainer.tui.screens.help import HelpScreen, keys_of

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen.__class__.__name__.removesuffix("Screen"),
                                        keys_of(self.screen, self.count_aloud)))

    def action_ask_quit(self) -> None:
        """Ctrl+C and Ctrl+Q: in a workout, the same question as q; anywhere else, quit."""
        if self._workout_screen is not None and self.screen is self._workout_screen:
            self._workout_screen.action_quit_workout()
        elif self._workout_screen is not None and self._workout_screen.is_attached:
            return  # a question is open over the workout: answer it first
        else:
            self.exit()

    def action_toggle_mute(self) -> None:
        """m: the sound off or on, said where answers to keys are said: the workout's message line (no toast covers
        the workout: a tester found four of them stacked over it), a toast on the other screens."""
        self.audio.muted = not self.audio.muted
        counting = ", counting aloud" if self.count_aloud else ""
        said = ("Sound off (m turns it back on)" if self.audio.muted
                else f"Sound on ({self.audio.backend.name}{counting})")
        workout = self._workout_screen
        if workout is not None and workout.is_attached:
            workout.show_sound()
            if self.screen is workout:
                workout.say(said, "Sound off" if self.audio.muted else "Sound on")
                return
        self.notify(said, timeout=3, markup=False)


def make_app(*, config_dir: Path | None = None, data_dir: Path | None = None, clock: Clock = monotonic,
             audio: CuePlayer | None = None, start: Routine | None = None, start_id: str = "",
             flash_seconds: float = 0.25, inhibitor: SleepInhibitor | None = None,
             sleep_gap: float | None = None, after_rest: str | None = None,
             count_aloud: bool = False, choose_sound: Callable[[], Choice] | None = None) -> RuntrainerApp:
    """The one place the app is built, for the command line and the tests alike."""
    return RuntrainerApp(config_dir=config_dir, data_dir=data_dir, clock=clock, audio=audio, start=start,
                         start_id=start_id, flash_seconds=flash_seconds, inhibitor=inhibitor, sleep_gap=sleep_gap,
                         after_rest=after_rest, count_aloud=count_aloud, choose_sound=choose_sound)
