"""Progress per exercise: estimated one-rep max, volume, personal bests, and left against right. Pure functions over
sessions; never imports textual (the progress screen, the summary and ``runtrainer stats`` share them). Rules: a set
counts once done (finished, not skipped); warm-ups count for volume only, never a best or the top set; an
exercise's weights show in the unit most of its weighted sets used (kg on a tie), the others converted; a
one-legged set holds its reps per side ("16 × 20 kg": 16 each side), its volume counts both sides; an exercise's
first session sets no best (nothing to beat)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from runtrainer.history import session_day, week_start
from runtrainer.store import Session, SetRecord
from runtrainer.units import convert as convert

BALANCE_WEEKS = 4
"""The window the balance sentence speaks of."""
SESSION_GAP_PCT = 10.0
"""The summary mentions a session's left/right gap above this."""


def key_of(name: str) -> str:
    """One exercise however it was typed ("Calf raises", "calf raises ")."""
    return " ".join(name.split()).casefold()


def epley(weight: float, reps: int) -> float:
    """Estimated one-rep max (Epley): weight × (1 + reps / 30); one rep is the weight itself."""
    if reps <= 0 or weight <= 0:
        return 0.0
    return weight if reps == 1 else weight * (1 + reps / 30)


def number(value: float) -> str:
    """A weight as a runner writes it: 20, 22.5, 20.4 (one decimal at most)."""
    return f"{round(value, 1):g}"


@dataclass(slots=True)
class Side:
    """What one side did in one session: reps, load (reps × weight) and the longest hold (see ``Point``)."""

    reps: int = 0
    load: float = 0.0
    hold: float = 0.0

    def plus(self, reps: int, weight: float, hold: float) -> Side:
        return Side(self.reps + reps, self.load + reps * weight, max(self.hold, hold))


@dataclass(slots=True)
class Point:
    """One exercise in one session, weights in the exercise's unit. Never changed, yet not ``frozen``: 3× as fast."""

    day: date
    session_id: str
    sets: int
    reps: int
    """Reps of every done set, both sides of a one-legged set."""
    volume: float
    """Sets × reps × weight: each done set's reps (both sides) times its weight, warm-ups included."""
    top_weight: float | None = None
    reps_at_top: int | None = None
    """The most reps (per side) in one set at the top weight: "reps at the working weight"."""
    e1rm: float | None = None
    """The best Epley estimate of the session's working sets."""
    e1rm_set: tuple[float, int] | None = None
    hold: float | None = None
    reps_by_weight: tuple[tuple[float, int], ...] = ()
    """The most reps in one set at each weight (0: no weight), for "most reps at a weight"."""
    left: Side | None = None
    right: Side | None = None


@dataclass
class Track:
    """One exercise's history: its name as last written, its unit, one point per session (oldest first)."""

    name: str
    unit: str
    points: list[Point] = field(default_factory=list)

    @property
    def per_side(self) -> bool:
        return any(p.left is not None for p in self.points)


def _set_numbers(entry: SetRecord, unit: str) -> tuple[float, int, int, float, list[tuple[str, int, float]]]:
    """(weight in ``unit``, reps per side, reps in all, hold, [(side, reps, hold)]) of a done set."""
    weight = convert(entry.weight, entry.unit, unit) if entry.weight else 0.0
    sides = [(p.side, p.reps or 0, p.hold_seconds or 0.0) for p in entry.sides if p.done]
    if sides:
        per_side = entry.reps if entry.reps is not None else max(r for _, r, _ in sides)
        return weight, per_side, sum(r for _, r, _ in sides), max(h for _, _, h in sides), sides
    return weight, entry.reps or 0, entry.reps or 0, entry.hold_seconds or 0.0, []


def point_of(session: Session, sets: Sequence[SetRecord], unit: str) -> Point:
    volume, total, n = 0.0, 0, 0
    top: float | None = None
    best_reps: dict[float, int] = {}
    e1rm: tuple[float, float, int] | None = None
    hold = 0.0
    left, right = Side(), Side()
    one_legged = False
    for entry in sets:
        weight, reps, reps_all, held, sides = _set_numbers(entry, unit)
        n += 1
        total += reps_all
        volume += weight * reps_all
        for side, side_reps, side_hold in sides:
            one_legged = True
            if side == "left":
                left = left.plus(side_reps, weight, side_hold)
            elif side == "right":
                right = right.plus(side_reps, weight, side_hold)
        if entry.set_type == "warmup":
            continue
        hold = max(hold, held)
        if reps:
            best_reps[weight] = max(best_reps.get(weight, 0), reps)
        if weight > 0 and reps:
            top = weight if top is None else max(top, weight)
            estimate = epley(weight, reps)
            if e1rm is None or estimate > e1rm[0]:
                e1rm = (estimate, weight, reps)
    return Point(
        day=session_day(session), session_id=session.id, sets=n, reps=total, volume=volume, top_weight=top,
        reps_at_top=best_reps.get(top) if top is not None else None,
        e1rm=e1rm[0] if e1rm else None, e1rm_set=(e1rm[1], e1rm[2]) if e1rm else None,
        hold=hold or None, reps_by_weight=tuple(sorted(best_reps.items())),
        left=left if one_legged else None, right=right if one_legged else None)


def group_done(session: Session, names: dict[str, str], units: dict[str, Counter[str]]) -> dict[str, list[SetRecord]]:
    """A session's sets done, by exercise; each exercise's shown name into ``names``, its units into ``units``."""
    by_exercise: dict[str, list[SetRecord]] = {}
    for entry in session.sets:
        if entry.done:
            k = key_of(entry.exercise)
            by_exercise.setdefault(k, []).append(entry)
            names[k] = " ".join(entry.exercise.split())
            if entry.weight:
                units.setdefault(k, Counter())[entry.unit] += 1
    return by_exercise


def tracks(sessions: Iterable[Session]) -> dict[str, Track]:
    """Every exercise's track, keyed by ``key_of`` its name."""
    grouped: dict[str, list[tuple[Session, list[SetRecord]]]] = {}
    names: dict[str, str] = {}
    units: dict[str, Counter[str]] = {}
    for session in sorted(sessions, key=lambda s: s.started):
        by_exercise = group_done(session, names, units)
        for k, sets in by_exercise.items():
            grouped.setdefault(k, []).append((session, sets))
    out: dict[str, Track] = {}
    for k, items in grouped.items():
        counts = units.get(k, Counter())
        unit = "lb" if counts["lb"] > counts["kg"] else "kg"
        out[k] = Track(names[k], unit, [point_of(s, sets, unit) for s, sets in items])
    return out


# --- personal bests ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Best:
    kind: str
    """heaviest, reps, e1rm or hold."""
    value: float
    weight: float
    reps: int
    day: date
    session_id: str


@dataclass
class Bests:
    heaviest: Best | None = None
    e1rm: Best | None = None
    hold: Best | None = None
    reps: dict[float, Best] = field(default_factory=dict)
    """The most reps in one set, at each weight (0: no weight)."""

    def beaten_by(self, p: Point) -> list[Best]:
        """The bests this point sets against these (none for an exercise's first point)."""
        if not any((self.heaviest, self.e1rm, self.hold, self.reps)):
            return []
        found = []
        heavier = self._heavier(p, more_reps=False)
        if heavier is not None:
            found.append(heavier)
        for weight, reps in p.reps_by_weight:
            old = self.reps.get(weight)
            if old is not None and reps > old.reps:
                found.append(Best("reps", reps, weight, reps, p.day, p.session_id))
        if p.e1rm is not None and p.e1rm_set and self.e1rm is not None and p.e1rm > self.e1rm.value + 1e-9:
            found.append(Best("e1rm", p.e1rm, p.e1rm_set[0], p.e1rm_set[1], p.day, p.session_id))
        if p.hold and (self.hold is None or p.hold > self.hold.value):
            found.append(Best("hold", p.hold, 0.0, 0, p.day, p.session_id))
        return found

    def _heavier(self, p: Point, more_reps: bool = True) -> Best | None:
        """A heavier top set, or (``more_reps``: the one shown) as heavy for more reps; a new best names that "reps"."""
        old, top, reps = self.heaviest, p.top_weight, p.reps_at_top
        if top is None or not reps or old is not None and (top, reps if more_reps else 0) <= (old.value, old.reps):
            return None
        return Best("heaviest", top, top, reps, p.day, p.session_id)

    def add(self, p: Point) -> None:
        self.heaviest = self._heavier(p) or self.heaviest
        for weight, reps in p.reps_by_weight:
            if weight not in self.reps or reps > self.reps[weight].reps:
                self.reps[weight] = Best("reps", reps, weight, reps, p.day, p.session_id)
        if p.e1rm is not None and p.e1rm_set and (self.e1rm is None or p.e1rm > self.e1rm.value + 1e-9):
            self.e1rm = Best("e1rm", p.e1rm, p.e1rm_set[0], p.e1rm_set[1], p.day, p.session_id)
        if p.hold and (self.hold is None or p.hold > self.hold.value):
            self.hold = Best("hold", p.hold, 0.0, 0, p.day, p.session_id)


def personal_bests(track: Track) -> Bests:
    bests = Bests()
    for p in track.points:
        bests.add(p)
    return bests


def best_sessions(all_tracks: Iterable[Track]) -> set[str]:
    """The ids of sessions that set a best in some exercise (the history list marks them)."""
    out: set[str] = set()
    for track in all_tracks:
        bests = Bests()
        for p in track.points:
            if bests.beaten_by(p):
                out.add(p.session_id)
            bests.add(p)
    return out


def set_text(weight: float, reps: int, unit: str) -> str:
    return f"{reps} × {number(weight)} {unit}" if weight else f"{reps} reps"


def describe(best: Best, unit: str) -> str:
    if best.kind == "hold":
        return f"hold {number(best.value)} s"
    if best.kind == "e1rm":
        return f"estimated 1RM {number(best.value)} {unit} (from {set_text(best.weight, best.reps, unit)})"
    return set_text(best.weight, best.reps, unit)


def new_bests(history: Iterable[Session], session: Session) -> list[str]:
    """One line per exercise in which ``session`` set a best against the sessions before it:
    "Calf raises 16 × 20 kg (heaviest; estimated 1RM 30.7 kg)"."""
    earlier = [s for s in history if s.id != session.id and s.started < session.started]
    before = tracks(earlier)
    now = tracks([session])
    lines = []
    for k, track in now.items():
        old = before.get(k)
        if old is None or not track.points:
            continue
        point = track.points[0]
        if old.unit != track.unit:  # one unit, the history's
            point = point_of(session, [e for e in session.sets if e.done and key_of(e.exercise) == k], old.unit)
        beaten = personal_bests(old).beaten_by(point)
        if beaten:
            lines.append(f"{track.name} " + "; ".join(_best_parts(beaten, old.unit)))
    return lines


def _best_parts(beaten: list[Any], unit: str) -> list[str]:
    """The bests one session beat, in words: the heaviest (or most reps) first, then an estimate or a hold."""
    kinds = {b.kind for b in beaten}
    parts = []
    lifted = [b for b in beaten if b.kind in ("heaviest", "reps")]
    if lifted:
        top = max(lifted, key=lambda b: (b.weight, b.reps))
        what = "heaviest" if "heaviest" in kinds else "most reps at this weight"
        parts.append(f"{set_text(top.weight, top.reps, unit)} ({what})")
    for b in beaten:
        if b.kind == "e1rm" and not lifted:
            parts.append(describe(b, unit) + " (best estimate)")
        elif b.kind == "hold":
            parts.append(describe(b, unit) + " (longest)")
    return parts


# --- volume ---------------------------------------------------------------------------------------------

def weekly_volume(points: Sequence[Point], today: date, weeks: int) -> list[tuple[date, float]]:
    """(Monday, volume) for each of the last ``weeks`` weeks, oldest first; a week with no training is 0."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    sums: Counter[date] = Counter()
    for p in points:
        monday = week_start(p.day)
        if monday >= first:
            sums[monday] += p.volume  # type: ignore[assignment]
    return [(first + timedelta(weeks=i), float(sums.get(first + timedelta(weeks=i), 0.0))) for i in range(weeks)]


def since(points: Sequence[Point], start: date | None) -> list[Point]:
    return list(points) if start is None else [p for p in points if p.day >= start]


# --- left and right -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Balance:
    left: Side
    right: Side
    start: date
    end: date
    gaps: list[tuple[date, float]]
    """Each session's gap, as the right side's shortfall against the left in percent (negative: left did less),
    oldest first: the trend of the difference."""
    previous_gap: float | None
    """The gap over the weeks before the window, when there were any: is it closing?"""
    by_hold: bool

    @property
    def gap(self) -> float:
        return gap_pct(self.left, self.right, self.by_hold)

    def sentence(self, today: date) -> str:
        what = "held" if self.by_hold else "did"
        unit = "hold time" if self.by_hold else "reps"
        span = f"over the last {BALANCE_WEEKS} weeks" if self.end >= today \
            else f"over the {BALANCE_WEEKS} weeks to {self.end.isoformat()}"
        figures = (f"{number(self.left.hold)} s / {number(self.right.hold)} s" if self.by_hold
                   else f"left {self.left.reps}, right {self.right.reps}")
        gap = self.gap
        if round(abs(gap)) == 0:
            text = f"Left and right {what} the same {unit} {span} ({figures})."
        else:
            weaker = "right" if gap > 0 else "left"
            text = f"The {weaker} leg {what} {round(abs(gap))}% {'less' if self.by_hold else 'fewer'} {unit} {span}" \
                   f" ({figures})."
        if self.previous_gap is not None and round(abs(self.previous_gap)) != round(abs(gap)):
            trend = "closing" if abs(gap) < abs(self.previous_gap) else "widening"
            text += f" The gap is {trend}: {round(abs(self.previous_gap))}% in the {BALANCE_WEEKS} weeks before."
        return text


def gap_pct(left: Side, right: Side, by_hold: bool = False) -> float:
    """How much less the right side did than the left, in percent of the left (negative: the left did less)."""
    a, b = (left.hold, right.hold) if by_hold else (left.reps, right.reps)
    if a == b:
        return 0.0
    if a == 0:
        return -100.0
    return (a - b) / a * 100 if a >= b else -(b - a) / b * 100


def _sum(points: Iterable[Point]) -> tuple[Side, Side]:
    left, right = Side(), Side()
    for p in points:
        if p.left is not None and p.right is not None:
            left = Side(left.reps + p.left.reps, left.load + p.left.load, max(left.hold, p.left.hold))
            right = Side(right.reps + p.right.reps, right.load + p.right.load, max(right.hold, p.right.hold))
    return left, right


def balance(track: Track, today: date) -> Balance | None:
    """Left against right over the last ``BALANCE_WEEKS`` weeks (or the last such weeks that had any), for an
    exercise done one side at a time; None otherwise."""
    sided = [p for p in track.points if p.left is not None and p.right is not None]
    if not sided:
        return None
    recent = sided[-1].day > today - timedelta(weeks=BALANCE_WEEKS)
    end = max(today, sided[-1].day) if recent else sided[-1].day
    start = end - timedelta(weeks=BALANCE_WEEKS) + timedelta(days=1)
    inside = [p for p in sided if start <= p.day <= end]
    before = [p for p in sided if start - timedelta(weeks=BALANCE_WEEKS) <= p.day < start]
    left, right = _sum(inside)
    by_hold = left.reps == 0 and right.reps == 0
    gaps = [(p.day, gap_pct(*_sum([p]), by_hold)) for p in sided]
    prev = gap_pct(*_sum(before), by_hold) if before else None
    return Balance(left, right, start, end, gaps, prev, by_hold)


def session_gaps(session: Session) -> list[str]:
    """For the summary: each one-legged exercise whose sides differed by more than ``SESSION_GAP_PCT`` today."""
    lines = []
    for track in tracks([session]).values():
        p = track.points[0]
        if p.left is None or p.right is None:
            continue
        by_hold = p.left.reps == 0 and p.right.reps == 0
        gap = gap_pct(p.left, p.right, by_hold)
        if abs(gap) > SESSION_GAP_PCT:
            side = "right" if gap > 0 else "left"
            lines.append(f"{track.name}: the {side} side {'held' if by_hold else 'did'} {round(abs(gap))}% "
                         f"{'less' if by_hold else 'fewer reps'} than the other today.")
    return lines
