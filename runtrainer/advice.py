"""Training advice from the history: the weight last used for an exercise, and when to go up a step.
Pure functions over the store; never imports textual (the session asks; the screen only shows the answer)."""

from __future__ import annotations

import threading
from typing import NamedTuple

from runtrainer.store import Store

LOOK_BACK = 200
"""Sessions looked through, newest first (enough for years of one exercise; bounded for a huge history)."""
STEP = {"kg": 2.5, "lb": 5.0}
"""The next step up (a default we chose: the smallest plates most gyms have)."""


def last_weight(store: Store, exercise: str, routine_id: str = "",
                exercise_index: int | None = None) -> tuple[float, str] | None:
    """The weight last used for this exercise. With ``routine_id`` and ``exercise_index``: only the same place in
    the same routine (a routine that has squats twice, at two weights, keeps each its own)."""
    for session in store.recent(limit=LOOK_BACK):
        if routine_id and session.routine_id != routine_id:
            continue
        for record in reversed(session.sets):
            if record.exercise != exercise or record.weight is None or not record.done:
                continue
            if exercise_index is None or record.exercise_index == exercise_index:
                return record.weight, record.unit
    return None


def last_time(store: Store, exercise: str) -> str:
    """What was done last time, as Strong and Hevy show it: "12 × 12.5 kg" (the last set done)."""
    for session in store.recent(limit=LOOK_BACK):
        for record in reversed(session.sets):
            if record.exercise == exercise and record.done:
                what = f"hold {record.hold_seconds:g} s" if record.hold_seconds else (
                    f"{record.reps}" if record.reps is not None else "done")
                return what + (f" × {record.weight:g} {record.unit}" if record.weight is not None else "")
    return ""


def overload_suggestion(store: Store, exercise: str) -> tuple[float, str] | None:
    """If all target reps were done at the same weight the last two times, the next step up."""
    times: list[tuple[float, str, bool]] = []
    for session in store.recent(limit=LOOK_BACK):
        sets = [s for s in session.sets if s.exercise == exercise and not s.skipped]
        if not sets or any(s.weight is None for s in sets):
            continue
        weight = sets[-1].weight
        assert weight is not None
        full = all(s.reps is not None and s.target_high is not None and s.reps >= s.target_high for s in sets)
        times.append((weight, sets[-1].unit, full))
        if len(times) == 2:
            break
    if len(times) == 2 and times[0][2] and times[1][2] and times[0][0] == times[1][0]:
        weight, unit = times[0][0], times[0][1]
        return weight + STEP.get(unit, 2.5), unit
    return None


Weight = tuple[float, str] | None


class Found(NamedTuple):
    """The advice for one exercise of a workout, by its place in the routine."""

    here: Weight
    """The weight last used at this place in this routine."""
    anywhere: Weight
    """The weight last used for this exercise in any routine."""
    last_time: str
    step_up: Weight


NOTHING = Found(None, None, "", None)


class Advice:
    """The advice for one workout's exercises, worked out once, on a thread of its own started with the workout:
    a set's end then reads a dict and never the history (which may have to be read from disk first)."""

    def __init__(self, store: Store, exercises: list[str], routine_id: str = "", background: bool = True) -> None:
        self._store = store
        self._names = exercises
        self._routine_id = routine_id or "-"
        self._found: dict[int, Found] = {}
        self._ready = threading.Event()
        if background:
            threading.Thread(target=self._work, name="runtrainer-advice", daemon=True).start()
        else:
            self._work()

    def _work(self) -> None:
        try:
            for i, name in enumerate(self._names):
                here = last_weight(self._store, name, self._routine_id, i)
                self._found[i] = Found(here, None if here else last_weight(self._store, name),
                                       last_time(self._store, name), overload_suggestion(self._store, name))
        except Exception:  # noqa: BLE001 - advice is a nicety: a history it cannot read means none, never a crash
            pass
        finally:
            self._ready.set()

    def ready(self) -> bool:
        return self._ready.is_set()

    def get(self, exercise_index: int) -> Found:
        """Waits only if asked before the thread is done (a set ended within the first moments of a workout)."""
        self._ready.wait()
        return self._found.get(exercise_index, NOTHING)
