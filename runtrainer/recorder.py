"""Keeps the session on disk as it happens: the engine's sets, the runner's weights and reps, journalled
after every set on one background thread (in order), merged into the history when the session ends.

Never imports textual. Write failures never stop the workout: the session stays in memory, and
``on_error`` is told (once per distinct problem) so the screen can say where it could not be written.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from runtrainer.core.engine import Engine, SetRecord, State
from runtrainer.core.routine import Routine
from runtrainer.store import Session, SetEntry, Store, StoreError, now_iso

Key = tuple[int, int, str | None]


def planned_sets(routine: Routine) -> int:
    return sum(ex.sets * (2 if ex.per_side else 1) for ex in routine.exercises)


def records_from_session(routine: Routine, session: Session) -> dict[Key, SetRecord]:
    """The sets a saved session already holds, as engine records (to resume it)."""
    index = {ex.name: i for i, ex in enumerate(routine.exercises)}
    done: dict[Key, SetRecord] = {}
    for entry in session.sets:
        if entry.exercise not in index:
            continue
        i = index[entry.exercise]
        ex = routine.exercises[i]
        done[(i, entry.set_number - 1, entry.side)] = SetRecord(
            exercise=entry.exercise, exercise_index=i, set_number=entry.set_number, set_count=ex.sets,
            side=entry.side, target=ex.reps, reps=entry.reps, hold_seconds=entry.hold_seconds, weight=entry.weight,
            unit=entry.unit, started_at=0.0, ended_at=entry.duration_seconds, completed=entry.completed,
            skipped=entry.skipped)
    return done


class SessionRecorder:
    def __init__(self, store: Store | None, engine: Engine, session: Session,
                 on_error: Callable[[str], None] | None = None, background: bool = True) -> None:
        self.store = store
        self.engine = engine
        self.session = session
        self.on_error = on_error
        self.base_active = session.active_seconds
        self.base_paused = session.paused_seconds
        self._earlier = list(session.sets)
        self._edits: dict[Key, tuple[float | None, int | None]] = {}
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="runtrainer-save") if background else None
        self._last_error = ""
        self.save_problem = ""
        """The last write's failure, or "" once a write succeeds."""
        self.saved_sets = 0
        """How many sets the last successful write held."""
        self.last_future: Future[None] | None = None

    def begin(self) -> None:
        if self.store is not None:
            self._submit(lambda: self.store.begin(self.session) if self.store else None)

    def set_weight_reps(self, key: Key, weight: float | None, reps: int | None) -> None:
        """The runner's answer to the end-of-set prompt (both sides of a unilateral set share it)."""
        self._edits[key] = (weight, reps)

    def last_weight(self, exercise_index: int) -> tuple[float, str] | None:
        """The weight last given for this exercise in this session (the next set's prefill)."""
        unit = self.engine.routine.exercises[exercise_index].unit
        for (ex, _set, _side), (weight, _reps) in reversed(list(self._edits.items())):
            if ex == exercise_index and weight is not None:
                return weight, unit
        return None

    def entries(self) -> list[SetEntry]:
        records = self.engine.records
        resumed = {(e.exercise, e.set_number, e.side) for e in self._earlier}
        out = list(self._earlier)
        for n, rec in enumerate(records):
            if (rec.exercise, rec.set_number, rec.side) in resumed:
                continue
            weight, reps = rec.weight, rec.reps
            edit = self._edits.get((rec.exercise_index, rec.set_number - 1, rec.side)) or \
                self._edits.get((rec.exercise_index, rec.set_number - 1, None))
            if edit is not None:
                weight, reps = edit[0], edit[1] if edit[1] is not None else reps
            rest = None
            if n + 1 < len(records) and records[n + 1].exercise_index == rec.exercise_index:
                rest = round(max(0.0, records[n + 1].started_at - rec.ended_at), 1)
            out.append(SetEntry(
                exercise=rec.exercise, set_number=rec.set_number, set_count=rec.set_count, side=rec.side,
                target_low=rec.target.low if rec.target else None, target_high=rec.target.high if rec.target else None,
                reps=reps, hold_seconds=rec.hold_seconds, weight=weight, unit=rec.unit, rest_seconds=rest,
                duration_seconds=round(rec.ended_at - rec.started_at, 1), completed=rec.completed,
                skipped=rec.skipped, ended=now_iso()))
        return out

    def _snapshot(self) -> Session:
        s = self.session
        s.sets = self.entries()
        s.active_seconds = round(self.base_active + self.engine.active(), 1)
        s.paused_seconds = round(self.base_paused + self.engine.paused_seconds, 1)
        if self.engine.state is State.FINISHED:
            s.status = "completed"
        return s

    def sync(self) -> None:
        """Journal the session as it stands (after a set)."""
        if self.store is None:
            return
        session = self._snapshot()
        data = Session.from_json(session.to_json())  # a frozen copy for the writer thread
        store = self.store
        self._submit(lambda: store.journal(data), len(data.sets))

    def finish(self, status: str) -> None:
        """End the session: ``completed`` or ``ended_early``; merged into the history."""
        session = self._snapshot()
        session.status = status
        session.ended = now_iso()
        if self.store is None:
            return
        data = Session.from_json(session.to_json())
        store = self.store
        self._submit(lambda: store.finish(data), len(data.sets))

    def discard(self) -> None:
        if self.store is None:
            return
        store, sid = self.store, self.session.id
        self._submit(lambda: store.release(sid, remove=True))

    def _submit(self, job: Callable[[], object], sets: int | None = None) -> None:
        def run() -> None:
            try:
                job()
            except StoreError as exc:
                self._report(str(exc))
            except OSError as exc:
                self._report(f"cannot save: {exc.strerror or exc}")
            else:
                if sets is not None:
                    self.saved_sets = sets
                self._last_error = ""
                self.save_problem = ""

        if self._pool is None:
            run()
        else:
            self.last_future = self._pool.submit(run)

    def _report(self, message: str) -> None:
        self.save_problem = message
        if message != self._last_error:
            self._last_error = message
            if self.on_error is not None:
                self.on_error(message)

    def flush(self) -> None:
        """Wait for every write so far (before exit)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="runtrainer-save")
