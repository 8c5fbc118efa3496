"""The outcome of each set (side) of one run of the engine, and a redo held apart until it ends.

A set is one record (both sides of a one-legged set), so a redo replaces a set's first go whole or not at all: never
one side of each. While a set is redone (``b``) what it records is staged; once the redo has recorded every side of
the set (or the run stops), it is settled: a finished redo (every side done) replaces the first go whole; an
unfinished one replaces it only if it did more (sides done, then reps, then seconds held: a first go skipped at
once is not kept over a redo's done leg), else the first go stands whole, its times and its start with it.
Pure data: no clock, no English.
"""

from __future__ import annotations

from runtrainer.core.events import Outcome
from runtrainer.core.plan import Key, Phase, Step, previous_set

ExSet = tuple[int, int]
"""(exercise index, set index from 0)."""


def _score(outs: list[Outcome]) -> tuple[int, int, float]:
    """How much a go did: sides done, reps, seconds held."""
    return (sum(1 for o in outs if o.completed and not o.skipped), sum(o.reps or 0 for o in outs),
            sum(o.hold_seconds or 0.0 for o in outs))


class OutcomeBook:
    """This run's outcomes by key, a redo's staged apart, and the rest taken after each set."""

    def __init__(self, sides: dict[int, tuple[str | None, ...]], earlier: frozenset[Key] = frozenset()) -> None:
        self._sides = sides
        """Each exercise's sides: ("left", "right") for a one-legged one, else (None,)."""
        self.earlier = earlier
        """Sets (sides) done before a resume: skipped over, never recorded again (but a redo may replace them)."""
        self.done: dict[Key, Outcome] = {}
        self.version = 0
        """Goes up whenever an outcome or a rest is added, replaced or removed: the session records only then."""
        self._redo: ExSet | None = None
        self._staged: dict[Key, Outcome] = {}
        self.rests: dict[ExSet, float] = {}
        """Seconds of rest taken after each set (the clock's, so a pause in a rest is rest): the latest rest after
        it, from the set's end until the next count-in (or set) begins."""
        self._resting: tuple[ExSet, float] | None = None

    def _keys(self, ex_set: ExSet) -> list[Key]:
        return [(ex_set[0], ex_set[1], side) for side in self._sides[ex_set[0]]]

    # --- outcomes ---------------------------------------------------------------------------------

    def begin_redo(self, ex_set: ExSet) -> None:
        """``b``: the set is done again. A redo already under way is dropped (``b`` restarts it); the set's first go,
        if it has one, stands until this redo is settled."""
        self._redo, self._staged = None, {}
        if any(k in self.done or k in self.earlier for k in self._keys(ex_set)):
            self._redo = ex_set

    def ordered(self) -> list[Outcome]:
        """The outcomes in the plan's order."""
        order = {"left": 0, "right": 1, None: 0}
        return sorted(self.done.values(), key=lambda r: (r.key[0], r.key[1], order[r.key[2]]))

    @property
    def staged(self) -> list[Outcome]:
        """The sides a redo under way has recorded so far (not yet the set's)."""
        return list(self._staged.values())

    def has(self, key: Key) -> bool:
        """Recorded in the go under way (a redo's own outcomes only, while one is)."""
        if self._redo is not None and key[:2] == self._redo:
            return key in self._staged
        return key in self.done or key in self.earlier

    def put(self, out: Outcome) -> None:
        if self._redo is not None and out.key[:2] == self._redo:
            self._staged[out.key] = out
            if all(k in self._staged for k in self._keys(self._redo)):
                self.settle()
            return
        self.done[out.key] = out
        self.version += 1

    def settle(self) -> None:
        """The redo under way ends here (every side recorded, or the run stops): it replaces the first go whole,
        or the first go stands whole."""
        ex_set, staged = self._redo, list(self._staged.values())
        self._redo, self._staged = None, {}
        if ex_set is None or not staged:
            return
        keys = self._keys(ex_set)
        finished = len(staged) == len(keys) and all(o.completed and not o.skipped for o in staged)
        first = [self.done[k] for k in keys if k in self.done]
        if any(k in self.earlier for k in keys):
            wins = finished  # a go saved before a resume: its reps are not known here, so only a done redo
        else:
            wins = finished or _score(staged) > _score(first)
        if wins:
            for k in keys:
                self.done.pop(k, None)
            self.done.update((o.key, o) for o in staged)
            self.version += 1

    # --- rests ------------------------------------------------------------------------------------

    def entered(self, steps: list[Step], j: int, at: float) -> None:
        """The engine entered ``steps[j]`` at clock time ``at``: the rest after a set lasts from its end (a rest, or
        a wait for the runner's word) until its next count-in, or the next set, begins."""
        step = steps[j]
        if step.phase in (Phase.REST, Phase.WAIT):
            rested = (step.exercise, step.set_index) if step.phase is Phase.REST else previous_set(steps, j)
            if rested is not None:
                self.rest_from(rested, at)
        else:
            self.rest_until(at)

    def rest_from(self, ex_set: ExSet, at: float) -> None:
        """A rest after ``ex_set`` began at clock time ``at`` (one going on goes on)."""
        if self._resting is None or self._resting[0] != ex_set:
            self.rest_until(at)
            self._resting = (ex_set, at)

    def rest_until(self, at: float) -> None:
        """The rest going on (if any) ended at clock time ``at``."""
        if self._resting is not None:
            ex_set, began = self._resting
            self._resting = None
            self.rests[ex_set] = round(max(0.0, at - began), 1)
            self.version += 1
