"""What the history says: the week against the article's goals, the streak, sessions per week, weights
over time. Pure functions over sessions; never imports textual (the CLI and the screen share them)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from runtrainer.store import Session, Summary

GYM_PER_WEEK = 2
"""The article: the gym "twice weekly"."""
COUNTS_RULE = "a session counts once half its sets are done"
"""Said beside the goals: a 0:10 session with 2 of 13 sets is in the list but not in the goals."""
BARS = " ▁▂▃▄▅▆▇█"


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def session_day(session: Session | Summary) -> date:
    try:
        return datetime.fromisoformat(session.started).date()
    except ValueError:
        return date.min


@dataclass(frozen=True)
class Week:
    start: date
    gym: int
    post_run: int
    streak: int
    """Weeks in a row with the gym twice (this week counts once it has its two)."""


def this_week(sessions: Sequence[Session | Summary], today: date) -> Week:
    counts = weekly_counts(sessions, today, weeks=520, kind="gym")
    start = week_start(today)
    gym = counts[-1]
    post_run = sum(1 for s in sessions if s.kind == "post-run" and s.counts_for_goals
                   and week_start(session_day(s)) == start)
    streak = 0
    history = counts if gym >= GYM_PER_WEEK else counts[:-1]
    for n in reversed(history):
        if n < GYM_PER_WEEK:
            break
        streak += 1
    return Week(start, gym, post_run, streak)


def weekly_counts(sessions: Sequence[Session | Summary], today: date, weeks: int = 12,
                  kind: str | None = None) -> list[int]:
    """Sessions that count for the goals, per week, oldest first, the last entry being this week."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    by_week = Counter(week_start(session_day(s)) for s in sessions
                      if (kind is None or s.kind == kind) and s.counts_for_goals)
    return [by_week.get(first + timedelta(weeks=i), 0) for i in range(weeks)]


def bar_chart(values: list[int], height: int = 4) -> list[str]:
    """A small column chart in block characters, ``height`` rows, one column (two cells) per value."""
    top = max(values + [1])
    rows = []
    for level in range(height, 0, -1):
        row = []
        for v in values:
            filled = v / top * height - (level - 1)
            row.append((BARS[min(8, max(0, round(filled * 8)))] * 2) + " ")
        rows.append("".join(row).rstrip())
    return rows


def sparkline(values: list[float]) -> str:
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high - low or 1
    return "".join(BARS[1 + round((v - low) / span * 7)] for v in values)


def weights_over_time(sessions: list[Session], limit: int = 12) -> dict[str, tuple[list[float], str]]:
    """Per exercise: the top weight of each session that used one, oldest first (the last ``limit``)."""
    series: dict[str, tuple[list[float], str]] = {}
    for session in sorted(sessions, key=lambda s: s.started):
        tops: dict[str, tuple[float, str]] = {}
        for entry in session.sets:
            if entry.weight is not None and entry.done:
                best = tops.get(entry.exercise)
                if best is None or entry.weight > best[0]:
                    tops[entry.exercise] = (entry.weight, entry.unit)
        for name, (weight, unit) in tops.items():
            series.setdefault(name, ([], unit))[0].append(weight)
    return {name: (values[-limit:], unit) for name, (values, unit) in series.items()}


def describe_status(session: Session | Summary) -> str:
    return {"completed": "completed", "ended_early": "ended early", "in_progress": "unfinished"}.get(
        session.status, session.status)
