"""The workout session: the engine, the one record of each set, the recorder and the cue policy. No textual.

Each tick and each control answers with one ``Update``: what to show, what to play, what to ask, and when to
look again. The screen renders the update and routes keys; it decides nothing. The engine never knows a session
exists, and the session never knows a screen exists.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from runtrainer.advice import Advice
from runtrainer.core.clock import Clock
from runtrainer.core.engine import Cue, CueKind, Engine, Refusal, State
from runtrainer.core.plan import planned_sets
from runtrainer.core.routine import Routine
from runtrainer.cue_sounds import seconds_of, sounds_of
from runtrainer.session.recorder import Recorder
from runtrainer.session.records import Answer, SetBook, SetKey, done_keys
from runtrainer.session.view import View, make_view
from runtrainer.session.words import WordsAfterTones
from runtrainer.store import Session, SetRecord, Store

SUMMARY_DELAY_SECONDS = 1.5
"""How long "WORKOUT COMPLETE" stays before the summary (a default we chose)."""
ADVICE_POLL_SECONDS = 0.25
"""While the advice thread reads the history, the session asks to be looked at again this soon: the weight from
the history replaces the routine's as soon as it is known, even in a phase with no timer."""

__all__ = ["Answer", "Question", "Update", "View", "WorkoutSession"]


class Question(NamedTuple):
    """The set just done, asked about during the rest after it: kept as recorded unless the runner changes it."""

    key: SetKey
    exercise: str
    set_number: int
    set_count: int
    reps: int | None
    hold_seconds: float | None
    weight: float | None
    unit: str
    step_up: tuple[float, str] | None = None
    """All target reps at this weight the last two times: the weight to try next (first set only)."""


class Update(NamedTuple):
    """What changed since the screen last looked: the view to draw, the cues and their sounds, a question."""

    view: View
    cues: tuple[Cue, ...] = ()
    sounds: tuple[str, ...] = ()
    """The sounds the cues make, in order (the cue policy); the screen plays them unless muted."""
    question: Question | None = None
    refusal: Refusal | None = None
    slept: float = 0.0
    """Seconds the clock jumped (the laptop slept): the session paused as of before the jump."""
    next_in: float | None = None
    """Seconds until the session wants to be looked at again (None: only on a key)."""
    summary_due: bool = False


class WorkoutSession:
    def __init__(self, routine: Routine, clock: Clock, store: Store | None = None, routine_id: str = "",
                 resume: Session | None = None, wall: Callable[[], datetime] | None = None,
                 sleep_gap: float | None = None, on_save_error: Callable[[str], None] | None = None,
                 background: bool = True, after_rest: str | None = None, count_aloud: bool = False) -> None:
        self.routine = routine
        self.count_aloud = count_aloud
        """Rep numbers and a timed hold's 3-2-1 as words (``--count-aloud``; spoken_count.counted)."""
        self.clock = clock
        self.store = store
        self.sleep_gap = sleep_gap
        self.engine = Engine(routine, clock, after_rest)
        wall0 = (wall or (lambda: datetime.now().astimezone()))()
        self.session = resume or Session.new(routine.name, routine.kind, planned_sets(routine), routine_id,
                                             started=wall0.isoformat(timespec="seconds"))
        earlier = list(resume.sets) if resume is not None else []
        if resume is not None:
            self.engine.resume_after(done_keys(routine, earlier))
        self._base_active = self.session.active_seconds
        self._base_paused = self.session.paused_seconds
        self.book = SetBook(self.engine, earlier, self._prefill, wall0)
        self.recorder = Recorder(store, on_save_error, background)
        self.question: Question | None = None
        self._finished_at: float | None = None
        self._background = background
        self._advice: Advice | None = None
        self._last_times: dict[int, str] = {}
        self.saved = False
        """The session went to the history (finished or ended early)."""
        self.words = WordsAfterTones(seconds_of)
        """Spoken cues start once the tones before them have finished (session/words.py)."""

    # --- reading ----------------------------------------------------------------------------------

    @property
    def planned(self) -> int:
        return planned_sets(self.routine)

    @property
    def sets_done(self) -> int:
        return self.book.done

    @property
    def records(self) -> list[SetRecord]:
        return self.book.records

    def weight_for(self, exercise_index: int) -> tuple[float | None, str]:
        """The weight shown for a set. Asked for every view, the workout's first frame included, so it never waits
        for the advice thread: until that has read the history, the session's own or the routine's weight (the
        session looks again within ``ADVICE_POLL_SECONDS``). A set's record still waits for the history's (and
        starts its reading if ``read_history`` was not called)."""
        return self.book.weight_for(exercise_index, history=self.store is None or self._history_read())

    def _history_read(self) -> bool:
        if self._advice is None and not self._background and self.store is not None:
            self.advice()  # no thread: read here, at once
        return self._advice is not None and self._advice.ready()

    def last_time(self, exercise_index: int) -> str:
        """What was done last time for this exercise ("12 × 12.5 kg"). Asked at every tick between sets, so it never
        waits for the advice thread (nor starts it): "" until that has read the history."""
        if exercise_index not in self._last_times:
            if self.store is None:
                self._last_times[exercise_index] = ""
            elif not self._history_read():
                return ""
            else:
                self._last_times[exercise_index] = self.advice().get(exercise_index).last_time
        return self._last_times[exercise_index]

    def _prefill(self, exercise_index: int) -> tuple[tuple[float, str] | None, tuple[float, str] | None]:
        """(the last weight at this place in this routine, the last weight for this exercise anywhere)."""
        if self.store is None:
            return None, None
        found = self.advice().get(exercise_index)
        return found.here, found.anywhere

    def advice(self) -> Advice:
        """Worked out from the history on a thread started with the workout (at once, without one)."""
        if self._advice is None:
            assert self.store is not None
            self._advice = Advice(self.store, [ex.name for ex in self.routine.exercises], self.session.routine_id,
                                  self._background)
        return self._advice

    @property
    def active_seconds(self) -> float:
        """Active time of the whole session, before a resume included."""
        return self._base_active + self.engine.active()

    @property
    def paused_seconds(self) -> float:
        return self._base_paused + self.engine.paused_seconds

    @property
    def active_before(self) -> float:
        """Active seconds of the session before a resume (0 for a new one)."""
        return self._base_active

    # --- the clock and the controls ---------------------------------------------------------------

    def start(self) -> Update:
        self.recorder.begin(self.session)
        return self._after(self.engine.start())

    def read_history(self) -> None:
        """Start the advice's thread, which reads the history while the runner gets ready. The screen calls this
        after the workout's first frame: started with the workout, the thread shared the GIL with drawing it (at
        10,000 sessions the frame came later than when the first view waited for the history)."""
        if self.store is not None:
            self.advice()

    def tick(self) -> Update:
        # A workout waiting under a dialog books no tick: the gap since its last look is the runner reading, not a
        # sleep (the dialog's own answer may tick before it is released, which also counts as a look).
        slept = self.engine.pause_if_gap(self.sleep_gap) if self.sleep_gap is not None and not self.engine.waiting \
            else 0.0
        return self._after(self.engine.tick(), slept=slept)

    def toggle_pause(self) -> Update:
        self.engine.toggle_pause()
        return self.tick()

    def done(self) -> Update:
        """Done: keeps the open question's answer if there is one; else ends the set, or the rest."""
        if self.question is not None and not self.engine.step.in_set:
            self.keep_answer()
            return self.tick()
        _, refusal = self.engine.finish_set()
        return self._after(self.engine.tick(), refusal=refusal)

    def skip(self) -> Update:
        self.engine.skip_phase()
        return self.tick()

    def skip_set(self) -> Update:
        self.engine.skip_set()
        return self.tick()

    def back(self) -> tuple[bool, Update]:
        """`b`: redo (``Engine.back``); False when there was nothing to go back to."""
        went = self.engine.back()
        return went, self.tick()

    def cover(self, covered: bool) -> Update:
        """A dialog or form opened over the workout (or closed): while covered, no set starts unseen; a rest,
        switch or get-ready whose time is up waits (``waiting``) and goes on once uncovered."""
        if covered:
            self.engine.held = True
        else:
            self.engine.release()
        return self.tick()

    @property
    def waiting(self) -> bool:
        """Covered, and held at the end of a rest, switch or get-ready until uncovered."""
        return self.engine.waiting

    def adjust_rest(self, delta: float) -> tuple[bool, Update]:
        changed = self.engine.adjust_rest(delta)
        return changed, self.tick()

    # --- answers ----------------------------------------------------------------------------------

    def answer(self, key: SetKey, answer: Answer) -> None:
        """The runner's answer about a set (the open question, or any set on the summary)."""
        self.book.answer(key, answer)
        if self.question is not None and self.question.key == key:
            self.question = None
        self._save()

    def keep_answer(self) -> None:
        self.question = None

    # --- ending -----------------------------------------------------------------------------------

    def end_early(self, keep_empty: bool = False) -> None:
        """Stop here and keep what was done, marked ended early (quit, or the terminal going away). With no set
        done it is not kept unless ``keep_empty`` (the runner said so)."""
        if self.engine.state in (State.FINISHED, State.ABORTED):
            return
        self.engine.abort()
        self.book.update()
        self.question = None
        self._finish("ended_early", force=keep_empty)

    def discard(self) -> None:
        self.engine.abort()
        self.question = None
        self.recorder.discard(self.session)

    def keep_anyway(self) -> None:
        """A finished session with no set done is not saved unless the runner asks: they asked."""
        if not self.saved and self.engine.state is State.FINISHED:
            self._finish("completed", force=True)

    def stop_for_good(self) -> None:
        """The process is ending (SIGTERM, the terminal closed): save what was done and wait for the write."""
        if self.engine.state in (State.RUNNING, State.PAUSED):
            self.end_early()
        self.recorder.wait()

    def _finish(self, status: str, force: bool = False) -> None:
        self._sync_session()
        self.session.status = status
        self.session.ended = self.book.stamp(self.engine.active())
        if self.sets_done == 0 and not force:
            self.recorder.discard(self.session)  # nothing done: not kept unless the runner says so
            return
        self.saved = True
        self.recorder.finish(self.session)

    def _sync_session(self) -> None:
        s = self.session
        s.sets = list(self.book.records)
        s.active_seconds = round(self.active_seconds, 1)
        s.paused_seconds = round(self.paused_seconds, 1)

    @property
    def over(self) -> bool:
        return self.engine.state in (State.FINISHED, State.ABORTED)

    def _save(self) -> None:
        self._sync_session()
        if self.saved:
            self.recorder.finish(self.session)  # an answer on the summary, after the session was saved
        elif not self.over:
            self.recorder.journal(self.session)
        # over and not saved (discarded, or nothing done): kept in memory only, unless the runner keeps it

    # --- one update -------------------------------------------------------------------------------

    def _after(self, cues: list[Cue], refusal: Refusal | None = None, slept: float = 0.0) -> Update:
        if self.book.update():
            self._save()
        for cue in cues:
            if cue.kind is CueKind.SET_DONE:
                self._ask(cue.step.exercise, cue.step.set_index + 1)
        if self.question is not None and (self.engine.step.in_set or self.engine.state is not State.RUNNING
                                          and self.engine.state is not State.PAUSED):
            self.question = None  # the next set began (or the workout ended): kept as recorded
        if self.engine.state is State.FINISHED and self._finished_at is None:
            self._finished_at = self.clock()
            self._finish("completed")
        summary_in = None  # due from SUMMARY_DELAY_SECONDS after the end on, in every update (a state, not an
        # event: the update that first says so may come while a dialog covers the workout, and cannot act on it)
        if self._finished_at is not None and self.engine.state is State.FINISHED:
            summary_in = max(0.0, self._finished_at + SUMMARY_DELAY_SECONDS - self.clock())
        change_in = self.engine.next_change_in()
        now = self.clock()
        sounds = self.words.place(sounds_of(cues, self.routine, self.count_aloud), now, self.engine.index, change_in,
                                  self.engine.state is State.PAUSED)
        next_in = (summary_in or None) if summary_in is not None else change_in
        word_in = self.words.due_in(now)
        if word_in is not None:
            next_in = word_in if next_in is None else min(next_in, word_in)
        if self._advice is not None and not self._advice.ready() and not self.over:
            next_in = ADVICE_POLL_SECONDS if next_in is None else min(next_in, ADVICE_POLL_SECONDS)
        return Update(make_view(self.engine, self), tuple(cues), sounds, self.question, refusal, slept, next_in,
                      summary_in == 0.0)

    def _ask(self, exercise_index: int, set_number: int) -> None:
        rec = self.book.record((exercise_index, set_number))
        if rec is None or rec.skipped:
            return
        step_up = None
        if self.store is not None and set_number == 1:
            step_up = self.advice().get(rec.exercise_index).step_up
        self.question = Question(rec.key, rec.exercise, rec.set_number, rec.set_count, rec.reps, rec.hold_seconds,
                                 rec.weight, rec.unit, step_up)
