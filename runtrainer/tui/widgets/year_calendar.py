"""The 52-week calendar, like a contribution calendar: a column per week, a row per weekday, one glyph a day
(distinct without colour), coloured with the theme. The figures come from ``runtrainer.year`` (pure)."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from runtrainer.year import BOTH, FUTURE, GYM, LABEL, POST_RUN, WEEKS, Year, grid


class YearCalendar(Widget, can_focus=False):
    DEFAULT_CSS = """
    YearCalendar { height: 9; width: 1fr; }
    YearCalendar > .year-calendar--gym { color: $success; }
    YearCalendar > .year-calendar--post-run { color: $accent; }
    YearCalendar > .year-calendar--both { color: $warning; }
    YearCalendar > .year-calendar--none { color: $foreground-darken-3; }
    """
    COMPONENT_CLASSES = {"year-calendar--gym", "year-calendar--post-run", "year-calendar--both",
                         "year-calendar--none"}

    def __init__(self, year: Year, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.year = year

    def render(self) -> Text:
        cell = 2 if self.size.width >= LABEL + 2 * WEEKS else 1
        styles = {GYM: self.get_component_rich_style("year-calendar--gym"),
                  POST_RUN: self.get_component_rich_style("year-calendar--post-run"),
                  BOTH: self.get_component_rich_style("year-calendar--both")}
        dim = self.get_component_rich_style("year-calendar--none")
        out = Text(no_wrap=True, overflow="crop")
        rows = grid(self.year, cell)
        for n, row in enumerate(rows):
            if 1 <= n <= 7:
                out.append(row[:LABEL])
                for ch in row[LABEL:]:
                    out.append(ch, styles.get(ch, dim if ch not in (FUTURE,) else ""))
            else:
                out.append(row)
            if n < len(rows) - 1:
                out.append("\n")
        return out
