"""What each progress chart plots, and drawing it on a plotext figure. Never imports textual (or plotext: the
caller passes the figure, the screen's ``PlotextPlot.plt`` or the ``plotext`` module for ``runtrainer stats``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from runtrainer.progress import Track, since, weekly_volume

CHARTS = ("weight", "e1rm", "volume", "reps", "hold")
RANGES = {"3m": ("3 months", 91), "1y": ("1 year", 365), "all": ("all", None)}
"""Range key -> (what it is called, days back; None: everything)."""
DATE_FORM = "Y-m-d"


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
    if chart == "volume":
        first = max(start or date.min, points[0].day) if points else today
        weeks = max(1, (today - first).days // 7 + 1)
        weekly = weekly_volume(points, today, weeks)
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


def draw(plt: Any, s: Series, title: str = "", theme: str | None = None) -> None:
    """Draw ``s`` on a plotext figure (``plt``): dates on the x axis, the unit on the y axis."""
    plt.clear_data()
    plt.clear_figure()
    if theme:
        plt.theme(theme)
    plt.date_form(DATE_FORM, "d b y" if s.days and (s.days[-1] - s.days[0]).days > 300 else "d b")
    plt.title(title or s.title)
    plt.ylabel(s.unit)
    if not s.days:
        return
    xs = [d.isoformat() for d in s.days]
    if s.bars:  # evenly spaced weeks, a few of them labelled (every week's date would overlap)
        step = max(1, len(xs) // 5)
        plt.bar(list(range(len(xs))), s.values, width=0.6)
        ticks = list(range(0, len(xs), step))
        plt.xticks(ticks, [f"{s.days[i].day:02d} {s.days[i].strftime('%b')}" for i in ticks])
    elif len(xs) == 1:
        plt.scatter(xs, s.values, marker="●")
    else:
        plt.plot(xs, s.values, marker="braille")
        plt.scatter(xs, s.values, marker="●")
    low, high = min(s.values), max(s.values)
    if not s.bars and low != high:
        pad = (high - low) * 0.1
        plt.ylim(max(0.0, low - pad), high + pad)
