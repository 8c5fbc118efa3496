"""History: past sessions newest first (those that set a personal best marked), this week against the article's
goals, a 52-week calendar with the streaks, sessions per week, and the exercises (Enter or p: their progress)."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Sparkline, Static

from runtrainer.core.plan import format_clock
from runtrainer.history import GYM_PER_WEEK, describe_status, this_week, weekly_counts
from runtrainer.progress import Track, best_sessions, number
from runtrainer.progress_cache import cached_tracks
from runtrainer.store import Store
from runtrainer.text import safe
from runtrainer.tui.screens.session_detail import SessionDetail
from runtrainer.tui.widgets.key_bar import KeyBar
from runtrainer.tui.widgets.year_calendar import YearCalendar
from runtrainer.year import legend, year

BEST_MARK = "★"
EXERCISE_COLUMNS = ("Exercise", "Last top set", "Best")


ROUTINE_WIDTH = 26
"""The routine column's width at most (the built-ins' names fit): a longer name ends in "…", so that at 80 columns
the columns after it stay on the screen (Enter on the row shows the session with its whole name)."""


def cell(text: str, width: int | None = None) -> Text:
    """A table cell of the runner's text (a hand-edited history can hold anything): shown literally, never as
    markup, with control characters made visible; cut to ``width`` with "…" if given."""
    shown = Text(safe(text))
    if width is not None:
        shown.truncate(width, overflow="ellipsis")
    return shown


class HistoryScreen(Screen[None]):
    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("escape,h", "app.pop_screen", "Back", id="back"),
        Binding("p", "progress", "Progress", id="progress"),
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
        self.tracks: list[Track] | None = None
        """Every exercise's progress, most recently done first (read from the sets in the background)."""
        self.bests: set[str] = set()
        """Ids of the sessions that set a personal best."""

    def compose(self) -> ComposeResult:
        with Vertical(id="history"):
            yield Static("", id="week")
            with Horizontal(id="year"):
                yield YearCalendar(year(self.sessions, self.today), id="calendar")
                yield Static("", id="year-legend")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="bottom"):
                yield DataTable(id="exercises", cursor_type="row", zebra_stripes=True)
                with Vertical(id="per-week"):
                    yield Static("Sessions per week, 12 weeks", id="per-week-label")
                    yield Sparkline(weekly_counts(self.sessions, self.today), id="per-week-chart")
        yield KeyBar()

    def on_mount(self) -> None:
        week = this_week(self.sessions, self.today)
        gym_mark = " ✔" if week.gym >= GYM_PER_WEEK else ""
        self.query_one("#week", Static).update(Text.assemble(
            ("This week: ", "bold"), f"gym {week.gym}/{GYM_PER_WEEK}{gym_mark}",
            " · ", f"post-run {week.post_run} (one per run)"))
        self.query_one("#year-legend", Static).update(Text("\n".join(legend(self.query_one(YearCalendar).year))))
        table = self.query_one("#sessions", DataTable)
        table.add_column(BEST_MARK, key="best")
        table.add_columns("Date", "Routine", "Kind", "Time", "Sets", "Status")
        self._add_page()
        exercises = self.query_one("#exercises", DataTable)
        exercises.add_columns(*EXERCISE_COLUMNS)
        exercises.loading = True  # until the sets are read, in the background
        if not self.sessions:
            self.query_one("#week", Static).update("No sessions yet. Finish a workout and it appears here.")
        table.focus()
        self.call_after_refresh(self._read_progress)  # after the first frame: the list shows at once

    @work(thread=True, exit_on_error=False, group="progress", exclusive=True)
    def _read_progress(self) -> None:
        found = cached_tracks(self.store)  # the figures cache: only sessions new or changed since are read
        ordered = sorted(found.values(), key=lambda t: t.points[-1].day, reverse=True)
        self.app.call_from_thread(self.progress_ready, ordered, best_sessions(ordered))

    def progress_ready(self, ordered: list[Track], bests: set[str]) -> None:
        self.tracks, self.bests = ordered, bests
        exercises = self.query_one("#exercises", DataTable)
        for track in ordered:
            last = track.points[-1]
            top = f"{last.reps_at_top} × {number(last.top_weight)} {track.unit}" if last.top_weight else \
                f"hold {number(last.hold)} s" if last.hold else f"{last.reps} reps"
            best = max((p.top_weight or 0 for p in track.points), default=0)
            exercises.add_row(cell(track.name), top, f"{number(best)} {track.unit}" if best else "")
        if not ordered:
            exercises.add_row(Text("(no sets recorded yet)"), "", "")
        exercises.loading = False
        table = self.query_one("#sessions", DataTable)
        for row, summary in enumerate(self.sessions[:self._shown]):
            if summary.id in bests:
                table.update_cell_at(Coordinate(row, 0), BEST_MARK)

    def _add_page(self) -> None:
        page = self.sessions[self._shown:self._shown + self.PAGE]
        self.query_one("#sessions", DataTable).add_rows(
            (BEST_MARK if s.id in self.bests else "", cell(s.started[:16].replace("T", " ")),
             cell(s.routine, ROUTINE_WIDTH), cell(s.kind), format_clock(s.active_seconds),
             f"{s.sets_done}/{s.planned_sets}", cell(describe_status(s)))
            for s in page)
        self._shown += len(page)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "sessions" and event.cursor_row >= self._shown - 10 \
                and self._shown < len(self.sessions):
            self._add_page()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "exercises":
            self.action_progress()
            return
        if event.data_table.id == "sessions" and 0 <= event.cursor_row < len(self.sessions):
            summary = self.sessions[event.cursor_row]
            try:
                session = self.store.session(summary.id)
            except (ValueError, TypeError, KeyError) as exc:
                self.notify(f"That session's sets cannot be read: {exc}", severity="error", markup=False)
                return
            self.app.push_screen(SessionDetail(session, self.store))

    def action_progress(self) -> None:
        """The progress of the exercise under the cursor in the exercise list (the latest done, at first)."""
        if self.tracks is None:
            self.notify("Still reading the sets; a moment.", timeout=3)
            return
        if not self.tracks:
            self.notify("No sets recorded yet: progress shows once a workout is done.", timeout=5)
            return
        from runtrainer.tui.screens.progress import ProgressScreen  # textual-plotext: only when charts are shown

        row = self.query_one("#exercises", DataTable).cursor_row
        self.app.push_screen(ProgressScreen(self.tracks, max(0, min(row, len(self.tracks) - 1)), self.today))
