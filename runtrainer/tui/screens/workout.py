"""The workout: what to do now, in letters and digits big enough to read from the bench."""

from __future__ import annotations

import math
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, ProgressBar, Static

from runtrainer.audio import CuePlayer
from runtrainer.core.clock import Clock
from runtrainer.core.engine import Cue, CueKind, Engine, Phase, Snapshot, State, format_clock
from runtrainer.core.routine import Routine
from runtrainer.tui.screens.confirm import Confirm
from runtrainer.tui.screens.summary import SummaryScreen
from runtrainer.tui.widgets.big_digits import BigDigits
from runtrainer.tui.widgets.phase_banner import PhaseBanner

BANNER_TEXT = {
    Phase.GET_READY: "GET READY",
    Phase.LIFT: "LIFT",
    Phase.HOLD: "HOLD",
    Phase.LOWER: "LOWER",
    Phase.PAUSE: "PAUSE AT THE BOTTOM",
    Phase.WORK: "GO — Enter when the set is done",
    Phase.REST: "REST",
    Phase.SWITCH: "SWITCH SIDES",
    Phase.DONE: "WORKOUT COMPLETE",
}


def time_text(seconds: float) -> str:
    """Digits for a duration: "45" under a minute, "1:30" above."""
    whole = max(0, int(seconds))
    return str(whole) if whole < 60 else f"{whole // 60}:{whole % 60:02d}"


@dataclass(frozen=True)
class View:
    """Exactly what the screen shows. The screen redraws only when this changes."""

    title: str
    exercise: str
    where: str
    phase: Phase
    banner: str
    paused: bool
    time: str
    time_label: str
    rep: str
    rep_label: str
    next: str
    progress: int
    progress_label: str
    note: str


def make_view(engine: Engine, snap: Snapshot) -> View:
    ex = snap.exercise
    paused = snap.state is State.PAUSED
    where_parts = [f"Exercise {snap.exercise_number}/{snap.exercise_count}",
                   f"Set {snap.set_number}/{snap.set_count}"]
    if snap.side:
        where_parts.append(f"{'LEFT' if snap.side == 'left' else 'RIGHT'} side")
    if snap.variation:
        where_parts.append(snap.variation)
    if ex and ex.weight is not None:
        where_parts.append(f"{ex.weight:g} {ex.unit}")
    banner = BANNER_TEXT[snap.phase]
    if snap.phase is Phase.SWITCH and snap.side:
        banner = f"SWITCH SIDES → {snap.side.upper()}"
    if snap.phase is Phase.HOLD and snap.remaining is not None:
        banner = f"HOLD  {math.ceil(snap.remaining - 1e-9)}"
    if paused:
        banner = f"PAUSED ({banner.lower()}) — Space to go on"
    if snap.remaining is None:
        time, time_label = time_text(snap.elapsed), "seconds in this set"
    else:
        shown = math.ceil(snap.remaining - 1e-9)
        time, time_label = time_text(shown), f"{snap.phase.value} · seconds left"
    rep, rep_label = "", ""
    if snap.rep is not None and snap.rep_target is not None:
        rep, rep_label = str(snap.rep), f"rep {snap.rep} of {snap.rep_target.label}"
    elif snap.phase is Phase.WORK and snap.rep_target is not None:
        rep_label = f"target {snap.rep_target.label} reps"
    total = engine.steps and sum(st.planned for st in engine.steps) or 1
    return View(
        title=engine.routine.name,
        exercise=ex.name if ex else engine.routine.name,
        where=" · ".join(where_parts) if snap.state is not State.FINISHED else "",
        phase=snap.phase,
        banner=banner,
        paused=paused,
        time=time if snap.phase is not Phase.DONE else "",
        time_label=time_label if snap.phase is not Phase.DONE else "",
        rep=rep,
        rep_label=rep_label,
        next=f"Next: {snap.next_label}" if snap.next_label else "",
        progress=int(snap.progress * 1000),
        progress_label=f"{format_clock(snap.active_seconds)} of ~{format_clock(total)}",
        note=ex.note if ex else "",
    )


class WorkoutScreen(Screen[None]):
    BINDINGS = [
        Binding("space", "pause", "Pause", id="pause"),
        Binding("enter", "done", "Done/next", id="done", priority=True),
        Binding("s", "skip", "Skip", id="skip"),
        Binding("S", "skip_set", "Skip set", id="skip_set", show=False),
        Binding("b", "back", "Back", id="back"),
        Binding("plus,equals_sign", "rest(15)", "+15s", id="rest_plus", key_display="+"),
        Binding("minus,underscore", "rest(-15)", "-15s", id="rest_minus", key_display="-"),
        Binding("q", "quit_workout", "Quit", id="quit"),
    ]

    view: reactive[View | None] = reactive(None, always_update=False)
    """The one source of truth for what is drawn; set from the engine after every tick."""

    def __init__(self, routine: Routine, clock: Clock, audio: CuePlayer, flash_seconds: float = 0.25) -> None:
        super().__init__()
        self.flash_seconds = flash_seconds
        self.engine = Engine(routine, clock)
        self.audio = audio
        self._timer: Timer | None = None
        self._resting = False
        self._said_at: int | None = None
        self.cues: list[Cue] = []
        """Every cue so far, in order (the tests and the summary read it)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="workout"):
            with Horizontal(id="top"):
                yield Static("", id="exercise", markup=False)
                yield Static("", id="title", markup=False)
            yield Static("", id="where", markup=False)
            yield PhaseBanner("", id="banner")
            with Horizontal(id="numbers"):
                with Vertical(id="time-box"):
                    yield BigDigits("", id="time")
                    yield Static("", id="time-label", markup=False)
                with Vertical(id="rep-box"):
                    yield BigDigits("", id="rep")
                    yield Static("", id="rep-label", markup=False)
            yield Static("", id="message", markup=False)
            yield Static("", id="next", markup=False)
            with Horizontal(id="progress-row"):
                yield ProgressBar(total=1000, show_eta=False, show_percentage=True, id="progress")
                yield Static("", id="progress-label", markup=False)
            yield Static("", id="note", markup=False)
        yield Static("Make the window bigger: runtrainer needs at least 40×12.", classes="too-small")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(PhaseBanner).flash_seconds = self.flash_seconds
        self._handle(self.engine.start())

    def on_resize(self) -> None:
        big = self.size.width >= 110 and self.size.height >= 34
        for digits in self.query(BigDigits):
            digits.scale = 2 if big else 1

    # --- the clock ----------------------------------------------------------------------------------

    def tick(self) -> None:
        """Read the engine: play the cues that fell due, redraw what changed, and book the next change."""
        self._handle(self.engine.tick())

    def _handle(self, cues: list[Cue]) -> None:
        banner = self.query_one(PhaseBanner)
        for cue in cues:
            self.cues.append(cue)
            if self.audio.play(cue, self.engine.routine):
                banner.flash()
        self.view = make_view(self.engine, self.engine.snapshot())
        if self._said_at is not None and self._said_at != self.engine.index:
            self._said_at = None
            self.query_one("#message", Static).update("")
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.engine.state is State.FINISHED:
            if any(c.kind is CueKind.WORKOUT_DONE for c in cues):
                self.set_timer(1.5, self._show_summary)
            return
        delay = self.engine.next_change_in()
        if delay is not None:
            # A hair after the boundary, so the engine sees the deadline as passed.
            self._timer = self.set_timer(delay + 0.002, self.tick)
        resting = self.engine.step.phase is Phase.REST
        if resting != self._resting:  # +/- apply only to a rest; the footer shows when
            self._resting = resting
            self.refresh_bindings()

    def watch_view(self, old: View | None, new: View | None) -> None:
        if new is None:
            return
        if old is None or old.exercise != new.exercise:
            self.query_one("#exercise", Static).update(new.exercise.upper())
            self.query_one("#title", Static).update(new.title)
        if old is None or old.where != new.where:
            self.query_one("#where", Static).update(new.where)
        if old is None or (old.banner, old.phase, old.paused) != (new.banner, new.phase, new.paused):
            self.query_one(PhaseBanner).show(new.phase, new.banner, new.paused)
        if old is None or old.time != new.time:
            self.query_one("#time", BigDigits).update(new.time)
        if old is None or old.time_label != new.time_label:
            self.query_one("#time-label", Static).update(new.time_label)
        if old is None or old.rep != new.rep:
            self.query_one("#rep", BigDigits).update(new.rep)
        if old is None or old.rep_label != new.rep_label:
            self.query_one("#rep-label", Static).update(new.rep_label)
        if old is None or old.next != new.next:
            self.query_one("#next", Static).update(new.next)
        if old is None or old.progress != new.progress:
            self.query_one(ProgressBar).update(progress=new.progress)
        if old is None or old.progress_label != new.progress_label:
            self.query_one("#progress-label", Static).update(new.progress_label)
        if old is None or old.note != new.note:
            self.query_one("#note", Static).update(new.note)

    def say(self, message: str) -> None:
        """A one-line answer to a key press; it clears itself when the phase moves on."""
        self._said_at = self.engine.index
        self.query_one("#message", Static).update(message)

    # --- keys ---------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rest":
            return True if self.engine.step.phase is Phase.REST else None
        return True

    def action_pause(self) -> None:
        self.engine.toggle_pause()
        self.say("")
        self.tick()

    def action_done(self) -> None:
        ok, reason = self.engine.finish_set()
        self.say(reason if not ok else "")
        self.tick()

    def action_skip(self) -> None:
        self.engine.skip_phase()
        self.say("")
        self.tick()

    def action_skip_set(self) -> None:
        self.engine.skip_set()
        self.say("Set skipped.")
        self.tick()

    def action_back(self) -> None:
        self.engine.back()
        self.say("")
        self.tick()

    def action_rest(self, delta: int) -> None:
        if self.engine.adjust_rest(delta):
            self.say(f"Rest {'+' if delta > 0 else '−'}{abs(delta)} s")
        self.tick()

    def action_quit_workout(self) -> None:
        if self.engine.state is State.FINISHED:
            self._show_summary()
            return
        was_running = self.engine.state is State.RUNNING
        self.engine.pause()
        self.tick()

        def answered(quit_now: bool | None) -> None:
            if quit_now:
                self.engine.abort()
                self._show_summary()
                return
            if was_running:
                self.engine.resume()
            self.tick()

        self.app.push_screen(
            Confirm("Quit this workout? The sets done so far are kept, marked ended early.",
                    yes="Quit workout", no="Keep going"),
            answered,
        )

    def _show_summary(self) -> None:
        if self.is_current:
            self.app.switch_screen(SummaryScreen(self.engine))
