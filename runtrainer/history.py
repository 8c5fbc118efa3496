"""What the history says: the week against the article's goals, the streak, sessions per week. Pure functions over
sessions; never imports textual (the CLI and the screens share them; the charts' figures are in progress.py)."""

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


STATUS_WORDS = {"completed": "completed", "ended_early": "ended early", "in_progress": "unfinished"}
"""How a stored status reads (another, from a hand-edited file, reads as it is)."""


def describe_status(session: Session | Summary) -> str:
    return STATUS_WORDS.get(session.status, session.status)
