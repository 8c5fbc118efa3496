"""History: past sessions newest first (those that set a personal best marked), this week against the article's
goals, a 52-week calendar with the streaks, sessions per week, and the exercises (Enter or p: their progress)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from itertools import takewhile
from typing import Any

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Sparkline, Static

from runtrainer.core.plan import format_clock
from runtrainer.history import GYM_PER_WEEK, STATUS_WORDS, describe_status, this_week, week_start, weekly_counts
from runtrainer.progress import Track, best_sessions, number
from runtrainer.progress_cache import cached_tracks
from runtrainer.store import Store, Summary
from runtrainer.text import plural
from runtrainer.tui.from_thread import soon
from runtrainer.tui.screens.set_editor import cell
from runtrainer.tui.widgets.key_bar import KeyBar
from runtrainer.tui.widgets.year_calendar import YearCalendar
from runtrainer.year import legend, year

BEST_MARK = "★"
EXERCISE_COLUMNS = ("Exercise", "Last top set", "Best")


COLUMNS = ("Date", "Routine", "Kind", "Time", "Sets", "Status")
ROUTINE_WIDTH = (8, 40)
"""The routine column's width, least and most: it takes what the other columns leave of the window (at 80 columns
about 20), and a longer name ends in "…", so that every column after it stays on the screen (Enter on the row shows
the session with its whole name)."""
KIND_WIDTH = 8
"""The kind column at most ("post-run"): a hand-edited history's longer kind ends in "…"."""
STATUS_WIDTH = len("ended early")
"""The status column at most: the longest status the app writes."""


def widest(sessions: list[Summary]) -> tuple[int, int, int, int]:
    """The widest kind, time, sets and status cell in the whole list (read once: a resize needs only these)."""
    kinds = {s.kind for s in sessions}
    statuses = {s.status for s in sessions}
    pairs = {(s.sets_done, s.planned_sets) for s in sessions}
    longest = max((s.active_seconds for s in sessions), default=0)
    return (max(map(len, kinds), default=0), len(format_clock(longest)),
            max((len(f"{done}/{planned}") for done, planned in pairs), default=0),
            max((len(STATUS_WORDS.get(status, status)) for status in statuses), default=0))


def column_widths(sessions: list[Summary], width: int, cells: tuple[int, int, int, int] | None = None) \
        -> tuple[int, ...]:
    """Each column's width (the best mark's, then ``COLUMNS``') so that all fit ``width`` cells, the cell padding
    (one each side) included: every column as wide as its widest cell in the whole list (``cells``: ``widest``'s
    answer for it, if known), the routine what is left."""
    kind, clock, sets, status = cells or widest(sessions)
    rest = [16, max(len("Kind"), min(KIND_WIDTH, kind)), max(len("Time"), clock), max(len("Sets"), min(7, sets)),
            max(len("Status"), min(STATUS_WIDTH, status))]
    routine = width - 2 * (len(COLUMNS) + 1) - 1 - sum(rest)
    return (1, rest[0], max(ROUTINE_WIDTH[0], min(ROUTINE_WIDTH[1], routine)), *rest[1:])


class SessionTable(DataTable[object]):
    """The session list: Textual's DataTable, its keys unchanged. Its rows come in after the screen's first frame,
    a batch at a time (``HistoryScreen.FIRST``, ``BATCH``); Ctrl+End (to the last row) first asks for the rest
    (``before_bottom``), so that it reaches the oldest session even while they are coming."""

    def __init__(self, before_bottom: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.before_bottom = before_bottom

    def action_scroll_bottom(self) -> None:
        self.before_bottom()
        super().action_scroll_bottom()


class HistoryScreen(Screen[None]):
    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("enter", "open", "Open session", id="open"),
        Binding("escape,h", "app.pop_screen", "Back", id="leave"),
        Binding("p", "progress", "Progress", id="progress"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    FIRST = 100
    """Rows in the screen's first frame (the newest: more than a terminal shows). Textual's DataTable measures every
    cell of every row it is given before its next frame (~0.1 ms a row: 10,000 rows at once kept the screen from
    showing for over a second), so the rest follow in batches, one per frame."""
    BATCH = 300
    """Rows added at a time after the first frame (a few tens of milliseconds each: keys are answered between)."""

    def __init__(self, store: Store, today: date | None = None, sessions: list[Summary] | None = None) -> None:
        super().__init__()
        self.store = store
        self.sessions = store.summaries() if sessions is None else sessions
        """Every session, newest first: from index.json when it describes history.json (no session is read),
        else the store's own list."""
        self.today = today or date.today()
        self._shown = 0
        self._widths: tuple[int, ...] = ()
        self._widest = widest(self.sessions)
        self._more_booked = False
        self.tracks: list[Track] | None = None
        """Every exercise's progress, most recently done first (read from the sets in the background)."""
        self.bests: set[str] = set()
        """Ids of the sessions that set a personal best."""
        self._read_again = False

    def since(self, weeks: int) -> list[Summary]:
        """The sessions of the last ``weeks`` weeks, this one included: the start of the list (newest first), read
        no further. By the text of their start, as the list is sorted: its date is the session's own day."""
        first = (week_start(self.today) - timedelta(weeks=weeks - 1)).isoformat()
        return list(takewhile(lambda s: s.started[:10] >= first, self.sessions))

    def compose(self) -> ComposeResult:
        with Vertical(id="history"):
            yield Static("", id="week")
            with Horizontal(id="year"):
                yield YearCalendar(year(self.sessions, self.today), id="calendar")
                yield Static("", id="year-legend")
            yield SessionTable(self.add_all, id="sessions", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="bottom"):
                yield DataTable(id="exercises", cursor_type="row", zebra_stripes=True)
                with Vertical(id="per-week"):
                    yield Static("Sessions per week, 12 weeks", id="per-week-label")
                    yield Sparkline(weekly_counts(self.since(weeks=12), self.today), id="per-week-chart")
            yield Static("", id="history-message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        week = this_week(self.since(weeks=520), self.today)  # the weeks it looks at
        gym_mark = " ✔" if week.gym >= GYM_PER_WEEK else ""
        self.query_one("#week", Static).update(Text.assemble(
            ("This week: ", "bold"), f"gym {week.gym}/{GYM_PER_WEEK}{gym_mark}",
            " · ", f"post-run {week.post_run} (one per run)"))
        self.query_one("#year-legend", Static).update(Text("\n".join(legend(self.query_one(YearCalendar).year))))
        self._lay_out(self.app.size.width)
        exercises = self.query_one("#exercises", DataTable)
        exercises.add_columns(*EXERCISE_COLUMNS)
        exercises.loading = True  # until the sets are read, in the background
        if not self.sessions:
            self.query_one("#week", Static).update("No sessions yet. Finish a workout and it appears here.")
        self.query_one("#sessions", DataTable).focus()
        self.call_after_refresh(self._read_progress)  # after the first frame: the list shows at once

    def on_screen_resume(self) -> None:
        """Back from a session (its sets may have changed): the exercise list is read again (from the figures
        cache: only that session is read)."""
        if self._read_again:
            self._read_again = False
            self.tracks = None
            exercises = self.query_one("#exercises", DataTable)
            exercises.clear()
            exercises.loading = True
            self._read_progress()

    @work(thread=True, exit_on_error=False, group="progress", exclusive=True)
    def _read_progress(self) -> None:
        found = cached_tracks(self.store)  # the figures cache: only sessions new or changed since are read
        ordered = sorted(found.values(), key=lambda t: t.points[-1].day, reverse=True)
        soon(self, self.progress_ready, ordered, best_sessions(ordered))

    def progress_ready(self, ordered: list[Track], bests: set[str]) -> None:
        self.tracks, self.bests = ordered, bests
        exercises = self.query_one("#exercises", DataTable)
        for track in ordered:
            last = track.points[-1]
            top = f"{last.reps_at_top} × {number(last.top_weight)} {track.unit}" if last.top_weight else \
                f"hold {number(last.hold)} s" if last.hold else plural(last.reps, "rep")
            best = max((p.top_weight or 0 for p in track.points), default=0)
            exercises.add_row(cell(track.name), top, f"{number(best)} {track.unit}" if best else "")
        if not ordered:
            exercises.add_row(Text("(no sets recorded yet)"), "", "")
        exercises.loading = False
        self.say("")  # "Still reading the sets" no longer holds
        table = self.query_one("#sessions", DataTable)
        for row, summary in enumerate(self.sessions[:self._shown]):
            if summary.id in bests:
                table.update_cell_at(Coordinate(row, 0), BEST_MARK)

    def _lay_out(self, screen_width: int) -> None:
        """(Re)make the session list's columns to fit the window, its rows so far with them: at 80 columns too,
        every column shows whole but the routine's name, which ends in "…" when it is cut."""
        table = self.query_one("#sessions", DataTable)
        width = screen_width - self.query_one("#history").styles.padding.width \
            - table.styles.scrollbar_size_vertical  # kept free: a long list shows a scrollbar
        widths = column_widths(self.sessions, width, self._widest)
        if widths == self._widths:
            return
        self._widths = widths
        shown, row = self._shown, table.cursor_row
        table.clear(columns=True)
        table.add_column(BEST_MARK, key="best", width=widths[0])
        for label, w in zip(COLUMNS, widths[1:], strict=True):
            table.add_column(label, width=w)
        self._shown = 0
        self._add_rows(max(row + self.FIRST, self.FIRST))  # the rest as before: a batch a frame
        self._book_more()
        if shown:
            table.move_cursor(row=row)

    def on_resize(self, event: events.Resize) -> None:
        """Below 80×24 the year's calendar gives its rows to the lists (at 40×12 they did not show at all, and Enter
        opened rows no one could see); narrower than 80, the weekly chart its columns too (history.tcss)."""
        width, height = event.size
        self.set_class(width < 80 or height < 24, "-cramped")
        self.set_class(width < 80, "-narrow")
        if self._widths:
            self._lay_out(width)

    def say(self, text: str) -> None:
        """The screen's message line (hidden while empty): a key pressed again says it once, where a toast each
        time would stack copies of it."""
        line = self.query_one("#history-message", Static)
        line.update(text)
        line.display = bool(text)

    def _add_rows(self, upto: int) -> None:
        """The rows of the sessions from the last shown to ``upto`` (newest first)."""
        page = self.sessions[self._shown:upto]
        w = self._widths
        self.query_one("#sessions", DataTable).add_rows(
            (BEST_MARK if s.id in self.bests else "", cell(s.started[:16].replace("T", " "), w[1]),
             cell(s.routine, w[2]), cell(s.kind, w[3]), cell(format_clock(s.active_seconds), w[4]),
             cell(f"{s.sets_done}/{s.planned_sets}", w[5]), cell(describe_status(s), w[6]))
            for s in page)
        self._shown += len(page)

    def _book_more(self) -> None:
        """The rows not yet in the list, a batch after each frame (``_add_more``), unless that is under way."""
        if not self._more_booked and not self.complete:
            self._more_booked = True
            self.call_after_refresh(self._add_more)

    def _add_more(self) -> None:
        self._more_booked = False
        if self.is_attached:
            self._add_rows(self._shown + self.BATCH)
            self._book_more()

    def add_all(self) -> None:
        """Every row in the list now (Ctrl+End, to the oldest session, before the batches are all in)."""
        self._add_rows(len(self.sessions))

    @property
    def complete(self) -> bool:
        """Every session has its row in the list."""
        return self._shown == len(self.sessions)

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
            from runtrainer.tui.screens.session_detail import SessionDetail  # when a session is first opened

            self._read_again = True  # a set changed there changes the exercises' progress
            self.app.push_screen(SessionDetail(session, self.store))

    def describe_key(self, binding: Binding) -> str | None:
        """Enter opens what the focused list holds: the session under the cursor, or that exercise's progress."""
        if binding.id == "open" and self.focused is not None and self.focused.id == "exercises":
            return "Progress"
        return None

    def action_open(self) -> None:
        """Enter with neither list focused (a list's own Enter selects its row): the session under the cursor."""
        self.query_one("#sessions", DataTable).action_select_cursor()

    def action_progress(self) -> None:
        """The progress of the exercise under the cursor in the exercise list (the latest done, at first)."""
        if self.tracks is None:
            self.say("Still reading the sets; a moment.")
            return
        if not self.tracks:
            self.say("No sets recorded yet: progress shows once a workout is done.")
            return
        from runtrainer.tui.screens.progress import ProgressScreen  # textual-plotext: only when charts are shown

        row = self.query_one("#exercises", DataTable).cursor_row
        self.app.push_screen(ProgressScreen(self.tracks, max(0, min(row, len(self.tracks) - 1)), self.today))
