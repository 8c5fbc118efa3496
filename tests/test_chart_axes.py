"""The progress charts' x axis and bars, on the text plotext prints (as `runtrainer stats` prints it, at a fixed
width): labels that never repeat, the year when the range spans years, no stray block on the 0 row."""

from __future__ import annotations

import re
import sys
from datetime import date, timedelta

import plotext
import pytest
from helpers import months_of_training

from runtrainer.charts import Series, date_labels, date_ticks, draw, series
from runtrainer.progress import tracks
from runtrainer.store import Session, SetRecord, Store

TODAY = date(2026, 11, 25)


def printed(s: Series, width: int = 80) -> list[str]:
    draw(plotext, s, s.title, theme="clear", width=width)
    plotext.plotsize(width, 15)
    return plotext.uncolorize(plotext.build()).splitlines()


def x_labels(lines: list[str]) -> list[str]:
    axis = next(i for i, line in enumerate(lines) if "└" in line)
    return [label.strip() for label in re.split(r"\s{2,}", lines[axis + 1].strip())]


def calf(days: list[date], weight: float = 20.0) -> Series:
    sessions = [Session(id=f"s{i}", routine="x", kind="gym", started=f"{d.isoformat()}T07:00:00+01:00",
                        status="completed", planned_sets=1,
                        sets=[SetRecord("Calf raises", 0, 1, 1, reps=12, weight=weight + i)])
                for i, d in enumerate(days)]
    return series(next(iter(tracks(sessions).values())), "weight", TODAY, None)


@pytest.mark.parametrize("width", [40, 60, 100])
@pytest.mark.parametrize("days", [1, 2, 3, 5])
def test_a_few_days_apart_every_label_is_a_different_day(days, width):
    # plotext's own ticks fell between days: "23 Nov  23 Nov  23 Nov  23 Nov  24 Nov" for two sessions a day apart.
    labels = x_labels(printed(calf([TODAY - timedelta(days=n) for n in range(days, -1, -1)]), width))
    assert len(labels) == len(set(labels)) and labels[0] == (TODAY - timedelta(days=days)).strftime("%d %b")
    assert labels[-1] == TODAY.strftime("%d %b")


def test_one_session_is_labelled_with_its_own_day():
    # plotext labelled a lone point with days months away, out of order: "14 Jun  05 Mar  24 Nov  15 Aug  06 May".
    assert x_labels(printed(calf([TODAY]))) == ["25 Nov"]


def test_a_range_across_new_year_carries_the_year_where_it_changes():
    labels = x_labels(printed(calf([date(2025, 12, 20), date(2026, 1, 10), date(2026, 2, 1)]), 100))
    assert labels[0] == "20 Dec 2025" and any(label.endswith("Jan 2026") for label in labels), labels
    assert len(labels) == len(set(labels))


@pytest.mark.parametrize("width", [40, 60, 100])
def test_weekly_volume_over_two_years_names_the_year_and_no_label_repeats(width):
    track = next(t for t in tracks(months_of_training(TODAY, weeks=104)).values() if t.name == "Calf raises")
    labels = x_labels(printed(series(track, "volume", TODAY, None), width))
    assert len(labels) >= 3 and len(labels) == len(set(labels)), labels
    assert all(re.fullmatch(r"[A-Z][a-z]{2} 20\d\d", label) for label in labels), labels


def test_a_week_with_nothing_draws_no_block_on_the_0_row():
    # A zero week was drawn as a bar of no height: on the 0 row it cut a cell out of its neighbour's bar, or left a
    # block of its own ("  █   █" under "  ██  █").
    weeks = [date(2025, 12, 22) + timedelta(weeks=n) for n in range(49)]
    values = [0.0] * 49
    values[2], values[5] = 252.0, 264.0
    s = Series("volume", "Weekly volume", "kg", weeks, values, bars=True)
    for width in (40, 53, 60, 77, 100):
        lines = printed(s, width)
        zero = next(i for i, line in enumerate(lines) if re.match(r"\s*0(\.0)?┤", line))
        bottom, above = (re.split("[┤│]", line, maxsplit=1)[1] for line in (lines[zero], lines[zero - 1]))
        assert bottom == above and bottom.count("█") > 0, (width, above, bottom)


def test_date_ticks_and_labels_never_repeat():
    for span in range(0, 800, 7):
        first = date(2025, 3, 1)
        ticks = date_ticks(first, first + timedelta(days=span))
        labels = date_labels(ticks)
        assert ticks == sorted(set(ticks)) and len(labels) == len(set(labels)), (span, labels)


def test_runtrainer_stats_prints_the_year_on_a_chart_spanning_years(tmp_path, capsys, monkeypatch):
    """The command itself, its charts as printed to a terminal 100 columns wide."""
    from runtrainer.stats import stats

    Store(tmp_path / "data").save_many(months_of_training(TODAY, weeks=60))
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(plotext, "terminal_size", lambda: (100, 40))
    assert stats(tmp_path / "data", "calf", None, today=TODAY) == 0
    lines = capsys.readouterr().out.splitlines()
    axes = [x_labels(lines[i - 1:]) for i, line in enumerate(lines) if "└" in line]
    assert len(axes) == 2, "the weight chart and the weekly volume"
    for labels in axes:
        assert len(labels) == len(set(labels)) and all(re.search(r"20\d\d$", x) for x in labels[:1]), labels


# --- the two charts of `runtrainer stats` span the same dates, every tick labelled --------------------------------

def test_weekly_volume_spans_the_sessions_as_the_top_set_chart_does_and_labels_its_last_week():
    # The volume chart ran to today and left its end unlabelled: "Dec 1999 ... Jul 2021" on a range ending Nov 2026,
    # while the top-set chart beside it ended at the last session.
    days = [date(1999, 12, 15)] + [date(2000 + n, 6, 14) for n in range(26)] + [date(2026, 11, 10)]
    sessions = [Session(id=f"s{i}", routine="x", kind="gym", started=f"{d.isoformat()}T07:00:00+01:00",
                        status="completed", planned_sets=1,
                        sets=[SetRecord("Calf raises", 0, 1, 1, reps=12, weight=20.0 + i)])
                for i, d in enumerate(days)]
    track = next(iter(tracks(sessions).values()))
    today = date(2027, 3, 1)  # months after the last session
    weight, volume = series(track, "weight", today, None), series(track, "volume", today, None)
    assert (volume.days[0], volume.days[-1]) == (date(1999, 12, 13), date(2026, 11, 9)), "the first and last Mondays"
    assert weight.days[0] == days[0] and weight.days[-1] == days[-1]
    for width in (40, 60, 80, 100):
        top, weekly = x_labels(printed(weight, width)), x_labels(printed(volume, width))
        assert top[0] == weekly[0] == "Dec 1999" and top[-1] == weekly[-1] == "Nov 2026", (width, top, weekly)
        assert len(weekly) == len(set(weekly)) and len(weekly) >= 2
        axis = next(line for line in printed(volume, width) if "└" in line)
        assert axis.count("┬") == len(weekly), (width, axis, weekly)


@pytest.mark.parametrize("weeks", [1, 2, 3, 7, 13, 52, 200])
@pytest.mark.parametrize("width", [40, 80, 100])
def test_every_week_tick_is_labelled_and_the_last_week_is_one(weeks, width):
    mondays = [date(2026, 1, 5) + timedelta(weeks=n) for n in range(weeks)]
    s = Series("volume", "Weekly volume", "kg", mondays, [100.0 + n for n in range(weeks)], bars=True)
    lines = printed(s, width)
    labels = x_labels(lines)
    axis = next(line for line in lines if "└" in line)
    assert axis.count("┬") == len(labels) and len(labels) == len(set(labels)), (axis, labels)
    assert mondays[0].strftime("%b") in labels[0] and mondays[-1].strftime("%b") in labels[-1], labels
    if weeks > 1:
        assert len(labels) >= 2, "the first week and the last are labelled"
        assert mondays[-1].strftime("%d %b") in labels[-1] or labels[-1] == mondays[-1].strftime("%b %Y"), labels
