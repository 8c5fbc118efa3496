"""The workout's layout, drawn from one ``View``: each part repaints only when its value changed."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Static

from runtrainer.core.engine import Engine, Refusal
from runtrainer.core.plan import Phase, format_clock
from runtrainer.session import Question, Update, WorkoutSession
from runtrainer.session.view import View
from runtrainer.text import plural, safe
from runtrainer.tui.after_frame import after_frame
from runtrainer.tui.widgets.big_digits import BigDigits
from runtrainer.tui.widgets.phase_banner import PhaseBanner
from runtrainer.tui.widgets.session_progress import SessionProgress

KEY_WORDS = {Phase.WORK: "GO — Enter when the set is done"}
"""Banners that name a key: the view has no keys in it; the screen adds them."""


def question_text(q: Question) -> str:
    what = f"hold {q.hold_seconds:g} s" if q.hold_seconds else plural(q.reps, "rep") if q.reps is not None else "done"
    load = f" at {q.weight:g} {q.unit}" if q.weight is not None else " (no weight)"
    text = f"Set {q.set_number} {q.exercise}: {what}{load}. Enter keeps it · w changes it"
    if q.step_up:
        text += f"\nAll reps at {q.weight:g} {q.unit} the last two times: try {q.step_up[0]:g} {q.step_up[1]}? (w)"
    return text


def enter_means(session: WorkoutSession) -> str:
    """What Enter does at this moment: said in the key bar."""
    engine = session.engine
    if session.question is not None and not engine.step.in_set:
        return "Keep"
    if engine.step.in_set:
        need = engine.reps_to_end_set()  # a tempo-paced set: Enter ends it once its range's low end is reached
        return "Set done" if need is None or engine.reps_counted() >= need else f"Done after rep {need}"
    words = {Phase.REST: "End rest", Phase.GET_READY: "Go now", Phase.SWITCH: "Go now", Phase.WAIT: "Start"}
    return words.get(engine.step.phase, "Next")


def news_text(update: Update, engine: Engine) -> str:
    """What the message line says after an update: a sleep noticed, or why a key did not do its usual thing."""
    if update.slept:
        return (f"Paused: the laptop slept or runtrainer was stopped for {format_clock(update.slept)}. "
                "Nothing was counted meanwhile. Space goes on.")
    if update.refusal is Refusal.HELD_TOO_SHORT:
        return "Hold ended before half its time: kept as ended early, not counted as a set done."
    if update.refusal is Refusal.TOO_FEW_REPS:
        need = engine.reps_to_end_set()
        return f"{engine.reps_counted()} of {need} reps done: Enter ends the set after rep {need}; S skips it"
    return ""


def _one_row(text: str, line: Static) -> bool:
    return "\n" not in text and 0 < cell_len(text) <= line.content_size.width


class WorkoutView(Vertical):
    view: reactive[View | None] = reactive(None, repaint=False, always_update=False)
    """The one source of truth for what is drawn; set from the session's update after every tick."""

    _marks = ""
    _name_width = 0
    _note = ""
    _rest_shown: View | None = None
    draw_the_rest_later = False
    """Set by the screen for a phase change on time: its frame carries what is read from three metres (the banner,
    the big numbers and their labels) and no more; the rest (``show_the_rest``) follows in the frame after, a few
    ms later. A frame of a few widgets reaches the terminal sooner: Textual repaints the box around every changed
    widget, and the key bar at the bottom and the banner at the top made that box the whole screen."""

    def _show_note(self) -> None:
        """The note as the latest view has it (a later view may have come meanwhile; the screen may be gone)."""
        if not self.is_attached:
            return
        note = self.query_one("#note", Static)
        if str(note.content) != self._note:
            note.update(self._note)

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static("", id="exercise", markup=False)
            yield Static("", id="marks", markup=False, classes="-none")
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
        yield Static("", id="message", markup=False, classes="-none")
        yield Static("", id="prompt", markup=False)
        yield Static("", id="next", markup=False)
        yield SessionProgress(id="progress")
        yield Static("", id="note", markup=False)

    def mark_alone(self, view: View) -> None:
        """Nothing beside the big number (a rest, a count-in): at 40×12 it and its label take the whole width
        (workout.tcss). Marked only there: a restyle at each phase change is not paid at other sizes."""
        self.query_one("#numbers").set_class(not (view.rep or view.rep_label), "-alone")

    def show_marks(self, paused: bool, muted: bool) -> None:
        """What lasts until it is undone, in the top line: PAUSED, MUTED."""
        text = "  ".join(word for word, on in (("PAUSED", paused), ("MUTED", muted)) if on)
        if text == self._marks:
            return  # called on every tick: an update, even to the same text, would ask for a layout pass
        self._marks = text
        marks = self.query_one("#marks", Static)
        marks.update(f" {text} " if text else "")
        marks.set_class(not text, "-none")
        self._fit_title()

    def on_resize(self) -> None:
        self._fit_title()

    def _fit_title(self) -> None:
        """The routine's title takes what the exercise's name and the marks leave of the top line, and ends in "…"
        when that is too little (40×12): a widget as wide as its text is cut by its row with no "…"."""
        marks = cell_len(self._marks) + 4 if self._marks else 0  # " PAUSED " and its margin, a column each side
        self.query_one("#title", Static).styles.max_width = max(1, self.size.width - self._name_width - marks)

    def _show_line(self, field: str, old: View | None, new: View) -> None:
        """One line of text that changed (names, variations and notes are the runner's text: made safe)."""
        shown = safe(getattr(new, field), newlines=field == "note")
        line = self.query_one(f"#{field.replace('_', '-')}", Static)
        # A full-width line whose old and new text each fit on one row keeps its size: no layout pass
        # (one pass over the whole screen at every phase change, on the way to its frame).
        was = "" if old is None else safe(getattr(old, field), newlines=field == "note")
        layout = old is None or not (_one_row(was, line) and _one_row(shown, line))
        if field == "note" and layout and old is not None:
            # The note (last time, the exercise's own note) grows and shrinks as rests come and go: its
            # layout pass would hold the phase change's frame (~3-10 ms). It follows in the next frame.
            self._note = shown
            after_frame(line, self._show_note)
            return
        self._note = shown if field == "note" else self._note
        line.update(shown, layout=layout)

    def watch_view(self, old: View | None, new: View | None) -> None:
        if new is None:
            return
        if old is None or old.exercise != new.exercise:
            name = safe(new.exercise.upper())
            exercise = self.query_one("#exercise", Static)
            exercise.update(name)
            # The name keeps its width on a narrow window: the routine's title beside it is cut first (40×12).
            self._name_width = cell_len(name) + 1  # and a space before what follows
            exercise.styles.min_width = self._name_width
            self.query_one("#title", Static).update(safe(new.title))
            self._fit_title()
        for field in ("time_label", "rep_label"):
            if old is None or getattr(old, field) != getattr(new, field):
                self._show_line(field, old, new)
        if old is None or (old.banner, old.phase, old.paused) != (new.banner, new.phase, new.paused):
            banner = KEY_WORDS.get(new.phase, new.banner) if not new.paused else f"{new.banner} — Space to go on"
            self.query_one(PhaseBanner).show(new.phase, banner, new.paused)
        if old is None or old.time != new.time:
            self.query_one("#time", BigDigits).update(new.time)
        if old is None or old.rep != new.rep:
            self.query_one("#rep", BigDigits).update(new.rep)
        if self.screen.has_class("-h-short"):
            self.mark_alone(new)
        if not self.draw_the_rest_later or old is None:
            self.show_the_rest()
        else:
            after_frame(self.query_one("#next"), self.show_the_rest)

    def show_the_rest(self) -> None:
        """The lines a runner does not read from three metres, as the latest view has them: where in the workout,
        the Now/next line, the note, the progress bar (a later view may have come meanwhile; the screen may be
        gone)."""
        new, old = self.view, self._rest_shown
        if new is None or not self.is_attached:
            return
        self._rest_shown = new
        for field in ("where", "next", "note"):
            if old is None or getattr(old, field) != getattr(new, field):
                self._show_line(field, old, new)
        if old is None or (old.progress, old.progress_label) != (new.progress, new.progress_label):
            bar = self.query_one(SessionProgress)
            bar.progress, bar.label = new.progress, new.progress_label

    @property
    def drawn_whole(self) -> bool:
        """Every line shows the latest view (none waits for the frame after the phase change's)."""
        return self._rest_shown is self.view
