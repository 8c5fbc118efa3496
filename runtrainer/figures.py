"""One session's progress figures, as the figures cache keeps them (``progress_cache``), worked out fast. Never
imports textual.

The rules are ``progress.point_of``'s (read there, in plain words: that function is the reference, and a property
test holds this one to it, figure for figure): this is the same arithmetic, in the same order, written for speed,
because it runs over every set of every session the first time the cache is made (or after an upgrade changes its
version): 1,000,000 sets at 100,000 sessions. What makes it fast (cProfile and pyinstrument, 10,000 and 100,000
sessions):

* an exercise's point is worked out in the units its sets were recorded in, not in kg and in lb each: a history
  in one unit never converts a weight, and does half the work. The other unit is worked out only if the
  exercise's track turns out to be in it (most of its sets, over every session, in that unit): ``point_in``, once,
  and kept in the cache from then on;
* no object per set or per side (``point_of`` made a tuple and a list per set and a ``Side`` per side): plain
  numbers in local variables, the point written straight in the cache's layout (``progress_cache.PointFigures``);
* an exercise's name is normalised once per spelling, not once per set.

A session may be a ``Session`` or anything with the same fields (``store.decode.for_figures``'s Structs).
"""

from __future__ import annotations

from typing import Any

from runtrainer.history import session_day
from runtrainer.progress import key_of
from runtrainer.units import convert

_names: dict[str, tuple[str, str]] = {}
"""An exercise as written -> (``key_of`` it, its name as shown); a few dozen in a real history."""
KEPT = 4096


def _name(written: str) -> tuple[str, str]:
    found = _names.get(written)
    if found is None:
        if len(_names) >= KEPT:
            _names.clear()
        found = _names[written] = (key_of(written), " ".join(written.split()))
    return found


def session_figures(session: Any) -> list[Any]:
    """What ``progress.tracks`` takes from one session, as the cache keeps it: [started, day, [[key, name, kg sets,
    lb sets, {unit: point}], ...]], an exercise for each ``key_of`` in the order of its first done set, its name as
    its last done set wrote it; its point in each unit its weighted sets used (kg when none was kg or lb), or
    ``""`` alone when none of its sets had a weight."""
    exercises = one_pass(session.sets)
    if exercises is None:  # kg and lb mixed in an exercise, or one exercise written two ways
        exercises = [[key, name, *_points(sets)] for key, name, sets in _groups(session)]
    return [session.started, session_day(session).isoformat(), exercises]


def one_pass(sets: list[Any]) -> list[Any] | None:
    """``session_figures``'s exercises in one pass over the session's sets, when each exercise's weights are in one
    unit, kg or lb, or none has a weight (then no weight is converted), and no exercise is written two ways; else
    None (``_groups`` and ``_point`` then). The grouping pass, a list of each exercise's sets, a pass counting its
    units and a call per exercise were about a sixth of the figures' time (10,000 sessions). The arithmetic is
    ``_point``'s, in the same order (each exercise's running figures are put aside while another's sets come
    between, as in a superset): keep the two in step; tests/test_figures.py holds both to ``progress.point_of``."""
    kept: dict[str, list[Any]] = {}  # exercise as written -> its running figures, in the order of its first done set
    current: str | None = None
    n = in_kg = in_lb = other = total = 0
    volume = 0.0
    top: Any = None
    best: dict[Any, int] = {}
    e1rm: tuple[Any, Any, int] | None = None
    hold: Any = 0.0
    sides: list[Any] | None = None
    last_reps: Any = None
    last_weight: Any = None
    for entry in sets:
        if not entry.completed or entry.skipped:
            continue
        if entry.exercise != current:  # another exercise: its figures so far taken up
            if current is not None:
                kept[current] = [n, in_kg, in_lb, other, total, volume, top, best, e1rm, hold, sides]
            current = entry.exercise
            last_reps = last_weight = None
            n, in_kg, in_lb, other, total, volume, top, best, e1rm, hold, sides = kept.get(current) or [
                0, 0, 0, 0, 0, 0.0, None, {}, None, 0.0, None]
        n += 1
        weight = entry.weight
        if not weight:
            weight = 0.0
        elif entry.unit == "kg":
            in_kg += 1
        elif entry.unit == "lb":
            in_lb += 1
        else:
            other += 1
        reps = entry.reps
        if entry.sides and (done := _sides(entry.sides, weight, sides or [0, 0.0, 0.0, 0, 0.0, 0.0])) is not None:
            reps_all, held, most, sides = done
            if reps is None:
                reps = most
        else:
            reps = reps_all = reps or 0
            held = entry.hold_seconds or 0.0
        total += reps_all
        volume += weight * reps_all
        if entry.set_type == "warmup":  # volume only
            continue
        if held > hold:
            hold = held
        if reps and (reps != last_reps or weight != last_weight):  # a set as the one before changes nothing here
            last_reps, last_weight = reps, weight
            before = best.get(weight)  # the most reps at each weight: max(before or 0, reps)
            if before is None:
                best[weight] = reps if reps > 0 else 0
            elif reps > before:
                best[weight] = reps
            if weight > 0:
                if top is None or weight > top:
                    top = weight
                estimate = weight if reps == 1 else weight * (1 + reps / 30) if reps > 0 else 0.0  # Epley
                if e1rm is None or estimate > e1rm[0]:
                    e1rm = (estimate, weight, reps)
    if current is not None:
        kept[current] = [n, in_kg, in_lb, other, total, volume, top, best, e1rm, hold, sides]
    return _exercises(kept)


def _exercises(kept: dict[str, list[Any]]) -> list[Any] | None:
    """``one_pass``'s running figures in the cache's layout (``progress_cache.PointFigures``), each number of the
    type it is read back as (12 kg is 12.0 there); None when they cannot stand for ``_point``'s."""
    out: list[Any] = []
    keys: set[str] = set()
    for written, (n, in_kg, in_lb, other, total, volume, top, best, e1rm, hold, sides) in kept.items():
        key, name = _name(written)
        if other or in_kg and in_lb or key in keys:
            return None
        keys.add(key)
        if len(best) == 1:  # one weight (or none) in every set: nothing to sort
            ((weight, reps),) = best.items()
            by_weight: tuple[tuple[float, int], ...] = ((float(weight), reps),)
        else:
            by_weight = tuple([(float(w), r) for w, r in sorted(best.items())])
        out.append([key, name, in_kg, in_lb, {"lb" if in_lb else "kg" if in_kg else "": [
            n, total, volume, None if top is None else float(top), None if top is None else best[top],
            None if e1rm is None else float(e1rm[0]), None if e1rm is None else (float(e1rm[1]), e1rm[2]),
            float(hold) if hold else None, by_weight, None if sides is None else (sides[0], sides[1], float(sides[2])),
            None if sides is None else (sides[3], sides[4], float(sides[5]))]}])
    return out


def point_in(session: Any, key: str, unit: str) -> list[Any]:
    """The point of the exercise ``key`` (``key_of``) in ``session`` in ``unit``: the unit its track is shown in,
    when the session's figures do not have it yet. KeyError when the session did not do it."""
    for found, _, sets in _groups(session):
        if found == key:
            return _point(sets, unit)
    raise KeyError(key)


def _groups(session: Any) -> list[tuple[str, str, list[Any]]]:
    """(key, name, the sets done) of each exercise of the session."""
    written: dict[str, list[Any]] = {}  # the sets done, by the exercise as written (its sets' order kept)
    for entry in session.sets:
        if entry.completed and not entry.skipped:
            sets = written.get(entry.exercise)
            if sets is None:
                written[entry.exercise] = [entry]
            else:
                sets.append(entry)
    names = [_name(w) for w in written]
    if len({key for key, _ in names}) == len(names):
        return [(key, name, sets) for (key, name), sets in zip(names, written.values(), strict=True)]
    groups: dict[str, tuple[list[str], list[Any]]] = {}  # one exercise written two ways ("Bench", "bench "): its
    for entry in session.sets:  # sets go together, in the session's order, and the last one names it
        if entry.completed and not entry.skipped:
            key, name = _name(entry.exercise)
            found = groups.setdefault(key, ([name], []))
            found[0][0] = name
            found[1].append(entry)
    return [(key, name[0], sets) for key, (name, sets) in groups.items()]


def _points(sets: list[Any]) -> tuple[int, int, dict[str, list[Any]]]:
    """(weighted sets in kg, in lb, {unit: point}) of one exercise's done sets: see ``session_figures``."""
    in_kg = in_lb = 0
    weighted = False
    for entry in sets:
        if entry.weight:
            weighted = True
            if entry.unit == "kg":
                in_kg += 1
            elif entry.unit == "lb":
                in_lb += 1
    if not weighted:
        return in_kg, in_lb, {"": _point(sets, "")}
    units = ("kg", "lb") if in_kg and in_lb else ("lb",) if in_lb else ("kg",)
    return in_kg, in_lb, {unit: _point(sets, unit) for unit in units}


_converted: dict[tuple[float, str, str], float] = {}
"""(weight, its unit, the unit wanted) -> ``convert`` of it: worked out once per weight, not once per set."""


def _in(weight: float, unit: str, wanted: str) -> float:
    found = _converted.get((weight, unit, wanted))
    if found is None:
        if len(_converted) >= KEPT:
            _converted.clear()
        found = _converted[(weight, unit, wanted)] = convert(weight, unit, wanted)
    return found


def _point(sets: list[Any], unit: str) -> list[Any]:
    """``progress.point_of``: one exercise's done sets in ``unit`` ("": none has a weight), in the cache's layout
    (``progress_cache.PointFigures``), each number of the type it is read back as (12 kg is 12.0 there)."""
    total = 0
    volume = 0.0
    top: Any = None
    best: dict[Any, int] = {}
    e1rm: tuple[Any, Any, int] | None = None
    hold: Any = 0.0
    sides: list[Any] | None = None
    for entry in sets:
        weight = entry.weight
        if not weight:
            weight = 0.0
        elif entry.unit != unit:
            weight = _in(weight, entry.unit, unit)
        reps = entry.reps
        if entry.sides and (done := _sides(entry.sides, weight, sides or [0, 0.0, 0.0, 0, 0.0, 0.0])) is not None:
            reps_all, held, most, sides = done
            if reps is None:
                reps = most
        else:
            reps = reps_all = reps or 0
            held = entry.hold_seconds or 0.0
        total += reps_all
        volume += weight * reps_all
        if entry.set_type == "warmup":  # volume only
            continue
        if held > hold:
            hold = held
        if reps:
            before = best.get(weight)  # the most reps at each weight: max(before or 0, reps)
            if before is None:
                best[weight] = reps if reps > 0 else 0
            elif reps > before:
                best[weight] = reps
            if weight > 0:
                if top is None or weight > top:
                    top = weight
                estimate = weight if reps == 1 else weight * (1 + reps / 30) if reps > 0 else 0.0  # Epley
                if e1rm is None or estimate > e1rm[0]:
                    e1rm = (estimate, weight, reps)
    n = len(sets)
    return [n, total, volume, None if top is None else float(top), None if top is None else best[top],
            None if e1rm is None else float(e1rm[0]), None if e1rm is None else (float(e1rm[1]), e1rm[2]),
            float(hold) if hold else None, tuple([(float(w), r) for w, r in sorted(best.items())]),
            None if sides is None else (sides[0], sides[1], float(sides[2])),
            None if sides is None else (sides[3], sides[4], float(sides[5]))]


def _sides(parts: list[Any], weight: Any, sides: list[Any]) -> tuple[int, Any, int, list[Any]] | None:
    """A one-legged set's done sides added to ``sides`` (left reps, load, longest hold, then right's); (its reps on
    both sides, its longest hold, the most reps on one side, ``sides``), or None when no side was done (then it
    counts as a set on both legs)."""
    reps_all, held, most = 0, 0.0, None
    for part in parts:
        if part.completed and not part.skipped:
            r = part.reps or 0
            h = part.hold_seconds or 0.0
            reps_all += r
            if most is None or r > most:
                most = r
            if h > held:
                held = h
            at = 0 if part.side == "left" else 3 if part.side == "right" else None
            if at is not None:
                sides[at] += r
                sides[at + 1] += r * weight
                if h > sides[at + 2]:
                    sides[at + 2] = h
    return None if most is None else (reps_all, held, most, sides)
