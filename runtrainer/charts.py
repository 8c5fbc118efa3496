"""What each progress chart plots, and drawing it on a plotext figure. Never imports textual (or plotext: the
caller passes the figure, the screen's ``PlotextPlot.plt`` or the ``plotext`` module for ``runtrainer stats``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from runtrainer.history import week_start
from runtrainer.progress import Track, since, weekly_volume

CHARTS = ("weight", "e1rm", "volume", "reps", "hold")
RANGES = {"3m": ("3 months", 91), "1y": ("1 year", 365), "all": ("all", None)}
"""Range key -> (what it is called, days back; None: everything)."""


@dataclass(frozen=True)
class Series:
    chart: str
    title: str
    unit: str
    days: list[date]
    values: list[float]
    bars: bool = False

    @property
    def empty(self) -> bool:
        return not any(self.values)


def range_start(range_key: str, today: date, track: Track | None = None) -> date | None:
    days = RANGES[range_key][1]
    return None if days is None else today - timedelta(days=days)


def _points(chart: str, points: list[Any]) -> list[tuple[date, float]]:
    """(day, value) of each session that has this chart's figure."""
    if chart == "weight":
        return [(p.day, p.top_weight) for p in points if p.top_weight is not None]
    if chart == "e1rm":
        return [(p.day, round(p.e1rm, 1)) for p in points if p.e1rm is not None]
    if chart == "reps":
        xs = [(p.day, float(p.reps_at_top)) for p in points if p.reps_at_top]
        # no weight: the most reps in a set
        return xs or [(p.day, float(max((r for _, r in p.reps_by_weight), default=0))) for p in points]
    return [(p.day, p.hold) for p in points if p.hold]


TITLES = {"weight": "Top set weight ({unit})", "e1rm": "Estimated 1RM, Epley ({unit}, an estimate)",
          "reps": "Reps at the working weight (best set, per side)", "hold": "Longest hold (s)"}


def series(track: Track, chart: str, today: date, start: date | None) -> Series:
    """One chart's points over the range: one per session (weekly for volume)."""
    points = since(track.points, start)
    unit = track.unit
    if chart == "volume":  # the weeks of the sessions, first to last: the span of the other charts beside it
        first, last = (points[0].day, points[-1].day) if points else (today, today)
        weeks = (week_start(last) - week_start(first)).days // 7 + 1
        weekly = weekly_volume(points, last, weeks)
        return Series(chart, f"Weekly volume (sets × reps × {unit})", unit, [d for d, _ in weekly],
                      [round(v, 1) for _, v in weekly], bars=True)
    chart = chart if chart in TITLES else "hold"
    xs = _points(chart, points)
    axis = {"reps": "reps", "hold": "s"}.get(chart, unit)
    return Series(chart, TITLES[chart].format(unit=unit), axis, [d for d, _ in xs], [v for _, v in xs])


def available(track: Track) -> list[str]:
    """The charts this exercise has anything for (a hold has no weight; a lift no hold)."""
    out = []
    points = track.points
    if any(p.top_weight is not None for p in points):
        out += ["weight", "e1rm", "volume", "reps"]
    elif any(p.reps for p in points):
        out.append("reps")
    if any(p.hold for p in points):
        out.append("hold")
    return out or ["reps"]


TICKS = 5
"""Dates labelled on the x axis at most (as many as plotext's own)."""
TICK_COLUMNS = 12
"""Columns each labelled date needs ("20 Dec 2025" and a gap): a narrower chart labels fewer (plotext would drop
the ones that overlap, the first or last among them)."""


def date_labels(days: list[date]) -> list[str]:
    """The x axis's names for ``days`` (sorted, distinct, as ``date_ticks`` gives them), no two the same: day and
    month ("23 Nov"); when the range spans years, the month and year over a long span ("Nov 2025", "May 2026"), or
    over a short one the year on the first day and wherever it changes ("20 Dec 2025", "31 Dec", "11 Jan 2026")."""
    if not days:
        return []
    if days[0].year == days[-1].year:
        return [day.strftime("%d %b") for day in days]
    if (days[-1] - days[0]).days > 180:  # ticks 35 days apart or more: each in a month of its own
        return [day.strftime("%b %Y") for day in days]
    return [day.strftime("%d %b") + (f" {day.year}" if i == 0 or day.year != days[i - 1].year else "")
            for i, day in enumerate(days)]


def date_ticks(first: date, last: date, count: int = TICKS) -> list[date]:
    """The days to label from ``first`` to ``last``: evenly spread, each a different day, so no two labels are the
    same (plotext's own ticks fall between days over a short range: "23 Nov 23 Nov 24 Nov")."""
    span = (last - first).days
    if span <= 0:
        return [first]
    steps = min(count - 1, span)
    return sorted({first + timedelta(days=round(i * span / steps)) for i in range(steps + 1)})


def _draw_weeks(plt: Any, s: Series, count: int) -> None:
    """Evenly spaced weeks as bars; a week with nothing is no bar (plotext draws a zero-high bar on the 0 row)."""
    drawn = [i for i, v in enumerate(s.values) if v]
    if drawn:
        spread = (drawn[-1] - drawn[0]) / (len(drawn) - 1) if len(drawn) > 1 else 1.0
        plt.bar(drawn, [s.values[i] for i in drawn], width=0.6 / spread)  # 0.6 of a week, however spread
    plt.xlim(-0.3, len(s.days) - 0.7)  # the weeks with nothing too, as when every week has a bar
    last = len(s.days) - 1  # ``count`` weeks at most labelled, evenly, the first and the last among them
    most = min(count - 1, last)  # as many as fit, fewer if those are equally far apart (15 weeks: every 5th)
    steps = next((n for n in range(most, max(2, most - 1) - 1, -1) if last % n == 0), most)
    weeks = sorted({round(i * last / steps) for i in range(steps + 1)}) if steps else [0]
    plt.xticks(weeks, date_labels([s.days[i] for i in weeks]))


def draw(plt: Any, s: Series, title: str = "", theme: str | None = None, width: int | None = None) -> None:
    """Draw ``s`` on a plotext figure (``plt``): dates on the x axis (our own ticks: distinct, with the year when
    the range spans years), the unit on the y axis. ``width``: the chart's columns, when known (fewer dates
    labelled on a narrow one)."""
    count = TICKS if width is None else max(2, min(TICKS, width // TICK_COLUMNS))
    plt.clear_data()
    plt.clear_figure()
    if theme:
        plt.theme(theme)
    plt.title(title or s.title)
    plt.ylabel(s.unit)
    if not s.days:
        return
    if s.bars:
        _draw_weeks(plt, s, count)
        return
    xs = [(d - s.days[0]).days for d in s.days]
    if xs[-1] == 0:  # one day: in the middle, not at an edge
        plt.xlim(-1, 1)
    if len(xs) == 1:
        plt.scatter(xs, s.values, marker="●")
    else:
        plt.plot(xs, s.values, marker="braille")
        plt.scatter(xs, s.values, marker="●")
    ticks = date_ticks(s.days[0], s.days[-1], count)
    plt.xticks([(d - s.days[0]).days for d in ticks], date_labels(ticks))
    low, high = min(s.values), max(s.values)
    if low != high:
        pad = (high - low) * 0.1
        plt.ylim(max(0.0, low - pad), high + pad)
