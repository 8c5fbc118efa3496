"""A year at a glance: a 52-week calendar of gym and post-run sessions against the article's goals (the gym twice a
week; a post-run session after every run), and the streaks. Pure functions over session summaries; never imports
textual. Only sessions that count for the goals (half their sets done) are marked."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from runtrainer.history import GYM_PER_WEEK, session_day, week_start
from runtrainer.store import Session, Summary

WEEKS = 52
NONE, GYM, POST_RUN, BOTH, FUTURE = "·", "■", "•", "◆", " "
"""One glyph a day, distinct without colour."""
DAY_LABELS = ("Mo", "", "We", "", "Fr", "", "Su")
LABEL = 3
"""The width of the weekday labels."""


@dataclass(frozen=True)
class Year:
    today: date
    first: date
    """The Monday of the calendar's first week."""
    marks: dict[date, str]
    gym_weeks: list[int]
    """Gym sessions in each calendar week, oldest first (the last is this week)."""
    gym_sessions: int
    post_run_sessions: int
    current_streak: int
    """Weeks in a row, up to now, with the gym twice (this week counts once it has its two)."""
    longest_streak: int

    @property
    def weeks(self) -> int:
        return len(self.gym_weeks)

    @property
    def weeks_met(self) -> int:
        return sum(1 for n in self.gym_weeks if n >= GYM_PER_WEEK)


def streaks(gym_per_week: Sequence[int]) -> tuple[int, int]:
    """(current, longest) runs of weeks with the gym at least twice; the last entry is this week, which extends
    the current streak once it has its two and does not break it before."""
    longest = run = 0
    for n in gym_per_week:
        run = run + 1 if n >= GYM_PER_WEEK else 0
        longest = max(longest, run)
    history = list(gym_per_week) if gym_per_week and gym_per_week[-1] >= GYM_PER_WEEK else list(gym_per_week[:-1])
    current = 0
    for n in reversed(history):
        if n < GYM_PER_WEEK:
            break
        current += 1
    return current, longest


def year(sessions: Sequence[Session | Summary], today: date, weeks: int = WEEKS) -> Year:
    first = week_start(today) - timedelta(weeks=weeks - 1)
    kinds: dict[date, set[str]] = {}
    gym_by_week: Counter[date] = Counter()
    shown_kinds: Counter[str] = Counter()
    for s in sessions:
        if not s.counts_for_goals or s.kind not in ("gym", "post-run"):
            continue
        day = session_day(s)
        if s.kind == "gym":
            gym_by_week[week_start(day)] += 1
        if first <= day <= today:
            kinds.setdefault(day, set()).add(s.kind)
            shown_kinds[s.kind] += 1
    marks = {day: BOTH if len(k) == 2 else GYM if "gym" in k else POST_RUN for day, k in kinds.items()}
    # The streaks look at every week since the first gym session, not only the calendar's.
    start = min(gym_by_week, default=first)
    span = (week_start(today) - min(start, first)).days // 7 + 1
    all_weeks = [gym_by_week.get(min(start, first) + timedelta(weeks=i), 0) for i in range(span)]
    current, longest = streaks(all_weeks)
    shown = all_weeks[-weeks:]
    return Year(today, first, marks, shown, shown_kinds["gym"], shown_kinds["post-run"], current, longest)


def grid(y: Year, cell: int = 1) -> list[str]:
    """The calendar as text: a month row, then one row per weekday (a column per week, ``cell`` characters wide),
    then a row marking each week that met the gym goal (✔)."""
    width = y.weeks * cell
    months = [" "] * width
    for i in range(y.weeks):
        monday = y.first + timedelta(weeks=i)
        if i == 0 or monday.month != (monday - timedelta(weeks=1)).month:
            label = monday.strftime("%b")
            if i * cell + len(label) <= width and (i == 0 or months[i * cell - 1] == " "):
                months[i * cell:i * cell + len(label)] = label
    rows = [" " * LABEL + "".join(months).rstrip()]
    for weekday in range(7):
        row = []
        for i in range(y.weeks):
            day = y.first + timedelta(weeks=i, days=weekday)
            glyph = FUTURE if day > y.today else y.marks.get(day, NONE)
            row.append(glyph.ljust(cell))
        rows.append(DAY_LABELS[weekday].ljust(LABEL) + "".join(row).rstrip())
    met = "".join(("✔" if n >= GYM_PER_WEEK else " ").ljust(cell) for n in y.gym_weeks)
    rows.append("✔".ljust(LABEL) + met.rstrip())
    return rows


def legend(y: Year) -> list[str]:
    """Beside the calendar, 22 characters a line at most, a line for each of its rows after the months (the last
    beside the ✔ row, saying what a tick means)."""
    return [
        f"Streak {y.current_streak} wk (best {y.longest_streak})",
        f"Gym twice: {y.weeks_met}/{y.weeks} wk",  # no tick by the count: 0/52 with a ✔ read as a goal met
        f"{GYM} gym {y.gym_sessions}",
        f"{POST_RUN} post-run {y.post_run_sessions}",
        f"{BOTH} both  · none",
        "Post-run: every run.",
        "Counts: half sets done",
        "✔ = gym twice that wk",  # beside the calendar's ✔ row: the tick marks only a week that met the goal
    ]
