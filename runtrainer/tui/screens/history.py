"""History: past sessions newest first, the week against the article's goals, and two small charts."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from runtrainer.core.plan import format_clock
from runtrainer.history import (
    COUNTS_RULE,
    GYM_PER_WEEK,
    bar_chart,
    describe_status,
    sparkline,
    this_week,
    week_start,
    weekly_counts,
    weights_over_time,
)
from runtrainer.store import Store
from runtrainer.text import safe
from runtrainer.tui.screens.session_detail import SessionDetail
from runtrainer.tui.widgets.key_bar import KeyBar


def cell(text: str) -> Text:
    """A table cell of the runner's text (a hand-edited history can hold anything): shown literally, never as
    markup, with control characters made visible."""
    return Text(safe(text))


class HistoryScreen(Screen[None]):
    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("escape,h", "app.pop_screen", "Back", id="back"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    PAGE = 200
    """Rows added at a time: the newest first, more as the cursor nears the end (10,000 rows at once take
    over a second to add; a page takes milliseconds)."""

    def __init__(self, store: Store, today: date | None = None) -> None:
        super().__init__()
        self.store = store
        self.sessions = store.sessions()
        self.today = today or date.today()
        self._shown = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="history"):
            yield Static("", id="week")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="charts"):
                yield Static("", id="weeks-chart")
                yield Static("", id="weights-chart")
        yield KeyBar()

    def on_mount(self) -> None:
        week = this_week(self.sessions, self.today)
        gym_mark = " ✔" if week.gym >= GYM_PER_WEEK else ""
        self.query_one("#week", Static).update(Text.assemble(
            ("This week: ", "bold"), f"gym {week.gym}/{GYM_PER_WEEK}{gym_mark}",
            " · ", f"post-run {week.post_run} (one per run)",
            " · ", (f"streak {week.streak} wk", "bold"), f" (gym twice a week; {COUNTS_RULE})"))
        table = self.query_one(DataTable)
        table.add_columns("Date", "Routine", "Kind", "Time", "Sets", "Status")
        self._add_page()
        counts = weekly_counts(self.sessions, self.today)
        chart = bar_chart(counts)
        first = week_start(self.today) - timedelta(weeks=len(counts) - 1)
        months = ""
        for i in range(len(counts)):
            monday = first + timedelta(weeks=i)
            label = monday.strftime("%b") if i == 0 or monday.month != (monday - timedelta(weeks=1)).month else ""
            months = months.ljust(i * 3) + label
        lines = ["Sessions per week (12 weeks)", *chart, " ".join(f"{c:>2}" for c in counts), months]
        self.query_one("#weeks-chart", Static).update(Text("\n".join(lines)))
        weights = weights_over_time(list(self.store.recent(limit=60)))
        wl = ["Top weight per session"]
        for name, (values, unit) in sorted(weights.items()):
            wl.append(f"{safe(name)[:16]:16} {sparkline(values):12} {values[-1]:g} {safe(unit)}")
        if len(wl) == 1:
            wl.append("(no weights recorded yet: w after a set adds one)")
        self.query_one("#weights-chart", Static).update(Text("\n".join(wl)))
        if not self.sessions:
            self.query_one("#week", Static).update("No sessions yet. Finish a workout and it appears here.")
        table.focus()

    def _add_page(self) -> None:
        page = self.sessions[self._shown:self._shown + self.PAGE]
        self.query_one("#sessions", DataTable).add_rows(
            (cell(s.started[:16].replace("T", " ")), cell(s.routine), cell(s.kind), format_clock(s.active_seconds),
             f"{s.sets_done}/{s.planned_sets}", cell(describe_status(s)))
            for s in page)
        self._shown += len(page)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "sessions" and event.cursor_row >= self._shown - 10 \
                and self._shown < len(self.sessions):
            self._add_page()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "sessions" and 0 <= event.cursor_row < len(self.sessions):
            summary = self.sessions[event.cursor_row]
            try:
                session = self.store.session(summary.id)
            except (ValueError, TypeError, KeyError) as exc:
                self.notify(f"That session's sets cannot be read: {exc}", severity="error", markup=False)
                return
            self.app.push_screen(SessionDetail(session, self.store))
