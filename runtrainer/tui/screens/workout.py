"""The workout: what to do now, in letters and digits big enough to read from the bench."""

from __future__ import annotations

import math
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from runtrainer.audio import CuePlayer
from runtrainer.core.clock import Clock
from runtrainer.core.engine import Cue, CueKind, Engine, Phase, Snapshot, State, format_clock
from runtrainer.core.routine import Routine
from runtrainer.inhibit import SleepInhibitor
from runtrainer.recorder import SessionRecorder, planned_sets, records_from_session
from runtrainer.store import Session, Store
from runtrainer.tui.screens.confirm import Confirm, QuitDialog, SetPrompt
from runtrainer.tui.screens.summary import SummaryScreen
from runtrainer.tui.widgets.big_digits import BigDigits
from runtrainer.tui.widgets.key_bar import KeyBar
from runtrainer.tui.widgets.phase_banner import PhaseBanner
from runtrainer.tui.widgets.session_progress import SessionProgress

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


@dataclass
class PromptState:
    """The question after a set: what was done, at what weight (prefilled), ready to be kept with Enter."""

    exercise_index: int
    set_index: int
    exercise: str
    weight: float | None
    unit: str
    reps: int | None
    hint: str = ""


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
    total = engine.planned_total or 1
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
        progress=int(snap.progress * 100),  # whole per cent: the line repaints only when that changes
        # Whole minutes: the session's progress need not repaint every second (the big digits do that).
        progress_label=f"{int(snap.active_seconds // 60)} of ~{round(total / 60)} min",
        note=ex.note if ex else "",
    )


class WorkoutScreen(Screen[None]):
    CSS_PATH = "workout.tcss"

    @dataclass
    class Cued(Message):
        """A cue was acted on (sound started, banner flashed); ``handled_at`` is the clock reading then.

        The benchmark compares it with the cue's ideal moment to measure timing error."""

        cue: Cue
        handled_at: float
        ideal_at: float

    BINDINGS = [
        Binding("space", "pause", "Pause", id="pause"),
        Binding("enter", "done", "Done/next", id="done"),
        Binding("s", "skip", "Skip", id="skip"),
        Binding("S", "skip_set", "Skip set", id="skip_set", show=False),
        Binding("b", "back", "Back", id="back"),
        Binding("plus,equals_sign", "rest(15)", "+15s", id="rest_plus", key_display="+"),
        Binding("minus,underscore", "rest(-15)", "-15s", id="rest_minus", key_display="-"),
        Binding("w", "edit_set", "Weight/reps", id="edit_set", show=False),
        Binding("q", "quit_workout", "Quit", id="quit"),
    ]

    view: reactive[View | None] = reactive(None, repaint=False)
    """The one source of truth for what is drawn; set from the engine after every tick."""

    def __init__(self, routine: Routine, clock: Clock, audio: CuePlayer, flash_seconds: float = 0.25,
                 store: Store | None = None, routine_id: str = "", resume: Session | None = None,
                 inhibitor: SleepInhibitor | None = None, sleep_gap: float | None = None) -> None:
        super().__init__()
        self.inhibitor = inhibitor
        self.sleep_gap = sleep_gap
        self.flash_seconds = flash_seconds
        self.engine = Engine(routine, clock)
        self._clock = clock
        self.audio = audio
        self.store = store
        session = resume or Session.new(routine.name, routine.kind, planned_sets(routine), routine_id)
        if resume is not None:
            self.engine.resume_after(records_from_session(routine, resume))
        self.recorder = SessionRecorder(store, self.engine, session, on_error=self._save_failed_from_thread)
        self._timer: Timer | None = None
        self._resting = False
        self._said_at: int | None = None
        self._records_seen = -1
        self._want_awake = False
        self._told_inhibit = False
        self.prompt: PromptState | None = None
        """The end-of-set question on screen (weight and reps), if any."""
        self.save_problem = ""
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
            yield Static("", id="prompt", markup=False)
            yield Static("", id="next", markup=False)
            yield SessionProgress(id="progress")
            yield Static("", id="note", markup=False)
        yield Static("Make the window bigger: runtrainer needs at least 40×12.", classes="too-small")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(PhaseBanner).flash_seconds = self.flash_seconds
        self.recorder.begin()
        self._handle(self.engine.start())

    def on_resize(self) -> None:
        width, height = self.size
        scale = 3 if width >= 120 and height >= 44 else 2 if width >= 100 and height >= 32 else 1
        for digits in self.query(BigDigits):
            digits.scale = scale

    # --- the clock ----------------------------------------------------------------------------------

    def tick(self) -> None:
        """Read the engine: play the cues that fell due, redraw what changed, and book the next change."""
        if self.sleep_gap is not None:
            gap = self.engine.pause_if_gap(self.sleep_gap)
            if gap:
                self.say(f"Paused: the laptop slept or runtrainer was stopped for {format_clock(gap)}. "
                         "Nothing was counted meanwhile. Space goes on.")
        self._handle(self.engine.tick())

    def _handle(self, cues: list[Cue]) -> None:
        banner = self.query_one(PhaseBanner)
        for cue in cues:
            self.cues.append(cue)
            if self.audio.play(cue, self.engine.routine):
                banner.flash()
            self.post_message(self.Cued(cue, self._clock(), self.engine.clock_time_of(cue.at)))
        self.view = make_view(self.engine, self.engine.snapshot())
        if self._said_at is not None and self._said_at != self.engine.index:
            self._said_at = None
            self.query_one("#message", Static).update("")
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._sync_records(cues)
        self._keep_awake()
        if self.engine.state is State.FINISHED:
            if any(c.kind is CueKind.WORKOUT_DONE for c in cues):
                self._accept_prompt()
                self.recorder.finish("completed")
                self.set_timer(1.5, self._show_summary)
            return
        delay = self.engine.next_change_in()
        if delay is not None:
            # A hair after the boundary, so the engine sees the deadline as passed.
            self._timer = self.set_timer(delay + 0.0005, self.tick)
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
        if old is None or (old.progress, old.progress_label) != (new.progress, new.progress_label):
            bar = self.query_one(SessionProgress)
            bar.progress, bar.label = new.progress, new.progress_label
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
        if self.prompt is not None and not self.engine.step.in_set:
            self._accept_prompt()  # the first Enter after a set answers its question; the next one skips on
            return
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
        done = len([r for r in self.engine.records if r.completed and not r.skipped])

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.end_early()
                self._show_summary()
            elif choice == "discard":
                self.app.push_screen(
                    Confirm(f"Discard this workout for good? {done} set(s) done will not be kept.",
                            yes="Discard it", no="No, keep it"), discard_answered)
            else:
                if was_running:
                    self.engine.resume()
                self.tick()

        def discard_answered(sure: bool | None) -> None:
            if sure:
                self.engine.abort()
                self.recorder.discard()
                self.dismiss()
            else:
                answered(None)

        self.app.push_screen(QuitDialog(done), answered)

    def end_early(self) -> None:
        """Stop here and keep what was done, marked ended early (quit, or the terminal going away)."""
        self.engine.abort()
        self._accept_prompt()
        self.recorder.finish("ended_early")

    def stop_for_good(self) -> None:
        """The process is ending (SIGTERM, the terminal closed): save what was done and wait for the write."""
        if self.engine.state in (State.RUNNING, State.PAUSED):
            self.end_early()
        self.recorder.flush()
        if self.inhibitor is not None:
            self.inhibitor.release()

    # --- keeping the laptop awake ------------------------------------------------------------------

    def _keep_awake(self) -> None:
        if self.inhibitor is None:
            return
        want = self.engine.state is State.RUNNING
        if want != self._want_awake:
            self._want_awake = want
            self._set_awake(want)

    @work(thread=True, exit_on_error=False, group="inhibit", exclusive=False)
    def _set_awake(self, want: bool) -> None:
        assert self.inhibitor is not None
        if not want:
            self.inhibitor.release()
            return
        problem = self.inhibitor.acquire()
        if problem and not self._told_inhibit:
            self._told_inhibit = True
            self.app.call_from_thread(self.app.notify, f"Cannot keep the laptop awake ({problem.split(': ')[0]}): "
                                      "keep it plugged in.", severity="warning", timeout=10, markup=False)

    # --- saving as we go ----------------------------------------------------------------------------

    def _sync_records(self, cues: list[Cue]) -> None:
        if self.engine.records_version == self._records_seen:
            return  # the common tick: nothing new to save
        self._records_seen = self.engine.records_version
        for cue in cues:
            if cue.kind is CueKind.SET_DONE:
                self._ask_about(cue.step.exercise, cue.step.set_index)
        self.recorder.sync()

    def _ask_about(self, exercise_index: int, set_index: int) -> None:
        self._accept_prompt()
        ex = self.engine.routine.exercises[exercise_index]
        recs = [r for r in self.engine.records if r.exercise_index == exercise_index
                and r.set_number == set_index + 1 and not r.skipped]
        if not recs:
            return
        last = self.recorder.last_weight(exercise_index)  # this session's own last answer first
        if last is None and self.store is not None:
            last = self.store.last_weight(ex.name)
        weight = last[0] if last else ex.weight
        unit = last[1] if last else ex.unit
        reps = recs[-1].reps if recs[-1].reps is not None else (ex.reps.high if ex.reps else None)
        hint = ""
        if self.store is not None and set_index == 0:
            up = self.store.overload_suggestion(ex.name)
            if up:
                hint = f"All reps at {weight:g} {unit} the last two times: try {up[0]:g} {up[1]}? (w)"
        self.prompt = PromptState(exercise_index, set_index, ex.name, weight, unit, reps, hint)
        self.recorder.set_weight_reps((exercise_index, set_index, None), weight, reps)
        self._show_prompt()

    def _show_prompt(self) -> None:
        p = self.prompt
        widget = self.query_one("#prompt", Static)
        if p is None:
            widget.update("")
            widget.remove_class("-open")
            return
        what = f"{p.reps} reps" if p.reps is not None else "done"
        load = f" at {p.weight:g} {p.unit}" if p.weight is not None else " (no weight)"
        text = f"Set {p.set_index + 1} {p.exercise}: {what}{load}. Enter keeps it · w changes it"
        widget.update(text + (f"\n{p.hint}" if p.hint else ""))
        widget.add_class("-open")

    def _accept_prompt(self) -> None:
        if self.prompt is not None:
            self.prompt = None
            self._show_prompt()

    def action_edit_set(self) -> None:
        p = self.prompt
        if p is None:
            self.say("Nothing to change yet: w changes the last set's weight and reps after a set.")
            return

        def edited(answer: tuple[float | None, int | None] | None) -> None:
            if answer is None or self.prompt is not p:
                return
            p.weight, p.reps = answer
            self.recorder.set_weight_reps((p.exercise_index, p.set_index, None), p.weight, p.reps)
            self.recorder.sync()
            self._accept_prompt()
            self.say(f"Saved: {p.reps if p.reps is not None else '—'} reps"
                     + (f" at {p.weight:g} {p.unit}" if p.weight is not None else ""))

        self.app.push_screen(SetPrompt(p.exercise, p.weight, p.unit, p.reps), edited)

    def _save_failed_from_thread(self, message: str) -> None:
        try:
            self.app.call_from_thread(self._save_failed, message)
        except RuntimeError:  # already on the app's thread
            self._save_failed(message)

    def _save_failed(self, message: str) -> None:
        self.save_problem = message
        self.app.notify(f"{message}. The workout goes on and the session is kept in memory; "
                        "export it from the summary.", severity="error", timeout=15, markup=False)

    def _show_summary(self) -> None:
        if self.is_current:
            self.app.switch_screen(SummaryScreen(self.engine, self.recorder))
