"""The one record of each set, made from the engine's outcomes: keyed by its place in the plan, stamped with
its real start and end time once (when the session first sees it), prefilled with the weight to use, and
edited in place by the runner's answers. No textual."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from runtrainer.core.engine import Engine, Outcome
from runtrainer.core.plan import Key
from runtrainer.core.routine import Exercise, Routine
from runtrainer.store import Part, SetRecord

SetKey = tuple[int, int]
"""(exercise index, set number from 1)."""
Found = tuple[float, str] | None
"""A weight and its unit from the history, if any."""


@dataclass
class Answer:
    """What the runner said about a set; None leaves the recorded value."""

    weight: float | None = None
    reps: int | None = None
    rpe: float | None = None
    notes: str | None = None


def _seconds_between(start: str, end: str) -> float:
    try:
        return max(0.0, (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds())
    except ValueError:
        return 0.0


def apply(record: SetRecord, answer: Answer) -> SetRecord:
    """The record with the runner's answer in it (what they left empty stays as recorded). A one-legged set's reps
    are per side: each side that was not skipped gets them too, so the set and its sides say the same."""
    changed = replace(record, **{k: v for k, v in answer.__dict__.items() if v is not None})
    if answer.reps is not None and record.sides:
        changed.sides = [p if p.skipped else replace(p, reps=answer.reps) for p in record.sides]
    return changed


def done_keys(routine: Routine, records: Iterable[SetRecord]) -> frozenset[Key]:
    """The sets (sides) of a saved session that count as done for resuming: matched by position in the plan,
    and only where the exercise at that position still has that name."""
    keys: set[Key] = set()
    for rec in records:
        i = rec.exercise_index
        if not (0 <= i < len(routine.exercises)) or routine.exercises[i].name != rec.exercise \
                or not 1 <= rec.set_number <= routine.exercises[i].sets:
            continue
        if rec.sides:
            keys.update((i, rec.set_number - 1, p.side) for p in rec.sides if p.completed or p.skipped)
        elif rec.completed or rec.skipped:
            keys.add((i, rec.set_number - 1, None))
    return frozenset(keys)


def _reps(ex: Exercise, out: Outcome) -> int | None:
    """The reps of a set (or side) as done: counted by the engine when paced by a tempo; a self-paced one (the runner
    pressed Enter when done) records the reps it asked for, the low end of a range (the fewest it asks for: the
    question after the set shows it, and the runner's answer replaces it). Cut short or skipped: none."""
    if out.reps is not None or ex.tempo or ex.reps is None or ex.hold_seconds or not out.completed or out.skipped:
        return out.reps
    return ex.reps.low


class SetBook:
    """The session's set records: those carried over from before a resume, and this run's."""

    def __init__(self, engine: Engine, earlier: list[SetRecord], prefill: Callable[[int], tuple[Found, Found]],
                 wall0: datetime) -> None:
        self.engine = engine
        self.earlier = {r.key: r for r in earlier}
        self._prefill = prefill
        """The weight to put in a new record of an exercise (from the store), looked up once per exercise."""
        self._wall0 = wall0
        self._stamps: dict[tuple[Key, float, float], tuple[str, str]] = {}
        self._weights: dict[SetKey, tuple[float | None, str]] = {}
        self._found: dict[int, tuple[Found, Found]] = {}
        self.answers: dict[SetKey, Answer] = {}
        self._seen = -1
        self.records: list[SetRecord] = sorted(self.earlier.values(), key=lambda r: r.key)

    def stamp(self, active_at: float) -> str:
        """Wall-clock time of an instant of active time, with the pauses banked so far (so: call it when the
        instant happens, and never again: a later pause must not move it)."""
        at = self._wall0 + timedelta(seconds=self.engine.clock_time_of(active_at) - self.engine.origin)
        return at.isoformat(timespec="seconds")

    def update(self) -> bool:
        """Bring the records up to date with the engine; True when anything changed."""
        for out in self.engine.outcome_book.staged:  # a redo's sides, stamped as they end (as every side is)
            self._times(out)
        if self.engine.outcome_book.version == self._seen:
            return False
        self._seen = self.engine.outcome_book.version
        groups: dict[SetKey, list[Outcome]] = {}
        for out in self.engine.outcomes:
            groups.setdefault((out.key[0], out.key[1] + 1), []).append(out)
        made = {key: self._make(key, outs) for key, outs in groups.items()}
        merged = {**self.earlier, **made}
        self.records = sorted(merged.values(), key=lambda r: r.key)
        return True

    def _times(self, out: Outcome) -> tuple[str, str]:
        ident = (out.key, out.started_at, out.ended_at)
        if ident not in self._stamps:
            self._stamps[ident] = (self.stamp(out.started_at), self.stamp(out.ended_at))
        return self._stamps[ident]

    def weight_for(self, exercise_index: int, history: bool = True) -> tuple[float | None, str]:
        """The weight the next set of this exercise starts from, the first of: this session's own (an answer, or a
        set done before a resume), the last time at this place in this routine, the routine's own weight, the last
        time this exercise was done anywhere. ``history=False``: the history is not asked (not read yet)."""
        ex = self.engine.routine.exercises[exercise_index]
        mine = [a.weight for k, a in sorted(self.answers.items()) if k[0] == exercise_index and a.weight is not None]
        mine = mine or [r.weight for k, r in sorted(self.earlier.items())
                        if k[0] == exercise_index and r.weight is not None]
        if mine:
            return mine[-1], ex.unit
        if exercise_index not in self._found and history:
            self._found[exercise_index] = self._prefill(exercise_index)
        here, anywhere = self._found.get(exercise_index, (None, None))
        if here is not None:
            return here
        if ex.weight is not None:
            return ex.weight, ex.unit
        return anywhere if anywhere is not None else (None, ex.unit)

    def _weight(self, key: SetKey) -> tuple[float | None, str]:
        if key not in self._weights:
            self._weights[key] = self.weight_for(key[0])
        return self._weights[key]

    def _make(self, key: SetKey, outs: list[Outcome]) -> SetRecord:
        ex = self.engine.routine.exercises[key[0]]
        times = [self._times(o) for o in outs]
        weight, unit = self._weight(key)
        rec = SetRecord(exercise=ex.name, exercise_index=key[0], set_number=key[1], set_count=ex.sets,
                        target_low=ex.reps.low if ex.reps else None, target_high=ex.reps.high if ex.reps else None,
                        weight=weight, unit=unit, started=times[0][0], ended=times[-1][1],
                        duration_seconds=round(sum(o.ended_at - o.started_at for o in outs), 1))
        rest = self.engine.outcome_book.rests.get((key[0], key[1] - 1))
        rec.rest_seconds = rest if rest is not None else self.earlier[key].rest_seconds if key in self.earlier else None
        if ex.per_side:
            self._join_sides(rec, outs, times)
        else:
            o = outs[0]
            rec.hold_seconds, rec.completed, rec.skipped = o.hold_seconds, o.completed, o.skipped
            rec.reps = _reps(ex, o)
        answer = self.answers.get(key)
        if answer is not None:
            rec = apply(rec, answer)
        return rec

    def _join_sides(self, rec: SetRecord, outs: list[Outcome], times: list[tuple[str, str]]) -> None:
        """A one-legged set: one part per side (a side done before a resume is kept), done when both are."""
        ex = self.engine.routine.exercises[rec.exercise_index]
        earlier = self.earlier.get(rec.key)
        parts = {p.side: p for p in (earlier.sides if earlier else [])}
        for o, (start, end) in zip(outs, times, strict=True):
            side = o.side or "left"
            parts[side] = Part(side, _reps(ex, o), o.hold_seconds, o.completed, o.skipped, start, end)
        rec.sides = [parts[s] for s in ("left", "right") if s in parts]
        rec.started = min((p.started for p in rec.sides if p.started), default=rec.started)
        rec.ended = max((p.ended for p in rec.sides if p.ended), default=rec.ended)
        rec.duration_seconds = round(sum(_seconds_between(p.started, p.ended) for p in rec.sides), 1)
        rec.reps = min((p.reps for p in rec.sides if p.reps is not None), default=None)
        rec.hold_seconds = min((p.hold_seconds for p in rec.sides if p.hold_seconds is not None), default=None)
        rec.completed = len(rec.sides) == 2 and all(p.completed for p in rec.sides)
        rec.skipped = all(p.skipped for p in rec.sides)

    def answer(self, key: SetKey, answer: Answer) -> None:
        """The runner's answer about a set: applied in place now, and to the record whenever it is remade."""
        old = self.answers.get(key, Answer())
        merged = Answer(*(new if new is not None else prev for new, prev in
                          zip(answer.__dict__.values(), old.__dict__.values(), strict=True)))
        self.answers[key] = merged
        if merged.weight is not None:
            self._weights[key] = (merged.weight, self._weight(key)[1])
        self.records = [apply(r, merged) if r.key == key else r for r in self.records]

    def record(self, key: SetKey) -> SetRecord | None:
        return next((r for r in self.records if r.key == key), None)

    @property
    def done(self) -> int:
        return sum(1 for r in self.records if r.done)
