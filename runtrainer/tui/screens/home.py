"""Home: the routines, their estimated length, and Enter to start one."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from runtrainer.core import catalog
from runtrainer.core.plan import estimate_seconds
from runtrainer.core.routine import Routine
from runtrainer.store import Store
from runtrainer.text import safe
from runtrainer.tui.messages import HistoryWanted, StartRoutine
from runtrainer.tui.widgets.key_bar import KeyBar
from runtrainer.tui.widgets.too_small import too_small

COLUMNS = (("Routine", 32), ("Time", 9), ("Last done", 10), ("Exer.", 5), ("Kind", 10), ("From", 17))
"""Heading and widest cell of each column; a longer cell (a name from the runner's file) ends in "…". Most
useful first: a narrow window cuts the line at its right end."""


def _minutes(low: float, high: float) -> str:
    lo, hi = round(low / 60), round(high / 60)
    return f"~{hi} min" if lo == hi else f"{lo}–{hi} min"


def _row(cells: list[str], widths: list[int]) -> Text:
    """One line of the routine list: the cells padded to their column (by terminal cells, not characters)."""
    row = Text(no_wrap=True, overflow="ellipsis", end="")
    for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
        part = Text(safe(cell))  # literal and harmless: a routine's name is the runner's text, never markup
        part.truncate(width, overflow="ellipsis", pad=i < len(cells) - 1)
        row.append_text(part)
        if i < len(cells) - 1:
            row.append("  ")
    return row


class RoutineList(OptionList):
    """The routines. Enter is the list's own key, not the screen's: it then arrives in order with the keys typed
    just before it (a quick Down, Enter starts the routine the cursor moved to).

    Enter typed while runtrainer starts, before the terminal is in Textual's raw mode, is turned into a line feed
    by the terminal (ICRNL) and arrives as ctrl+j: it is the same key, so it starts the routine too."""

    BINDINGS = [Binding("enter", "select", "Start", id="start"), Binding("ctrl+j", "select", show=False)]


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("h", "history", "History", id="history"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, config_dir: Path | None, store: Store | None = None) -> None:
        super().__init__()
        self.config_dir = config_dir
        self.store = store
        self.entries = catalog.entries(config_dir)
        self._estimates: dict[str, str] = {}
        self._covered = False
        self.notices: list[str] = []
        """Another screen has been on top since the rows were drawn (the first show needs no redraw)."""

    def compose(self) -> ComposeResult:
        # Few widgets on purpose: each costs start-up ~2.5 ms of styling, layout and rendering.
        yield Static("runtrainer", id="app-title")
        heading, rows = self._rows()
        yield Static(self._intro(heading), id="home-intro", classes="home")
        yield RoutineList(*rows, id="routines", compact=True, classes="home")
        yield Static(self._detail(0), id="home-detail", classes="home")
        yield Static(safe("\n".join(self.notices), newlines=True), id="home-notices", markup=False,
                     classes="home" if self.notices else "home -none")
        yield too_small()
        yield KeyBar()

    def show_notices(self, notices: list[str]) -> None:
        """What the runner must know from start-up (sound passed over, a damaged history), in a line of its own."""
        self.notices = list(notices)
        if self.is_mounted:
            line = self.query_one("#home-notices", Static)
            line.update(safe("\n".join(notices), newlines=True))
            line.set_class(not notices, "-none")

    def on_screen_suspend(self) -> None:
        self._covered = True

    def on_screen_resume(self) -> None:
        if self._covered:  # something was on top (a workout, history): "last done" may have changed
            self.refresh_rows()

    def refresh_rows(self) -> None:
        """After a workout (or a resumed one kept) its routine's "last done" changed: redraw what changed."""
        heading, rows = self._rows()
        routines = self.query_one(OptionList)
        shown = [routines.get_option_at_index(i).prompt for i in range(routines.option_count)]
        if [row.prompt for row in rows] != shown:
            highlighted = routines.highlighted
            self.query_one("#home-intro", Static).update(self._intro(heading))
            routines.set_options(rows)
            routines.highlighted = highlighted

    @staticmethod
    def _intro(heading: Text) -> Text:
        return Text.assemble("Pick a routine and press ", ("Enter", "bold"), " to start.\n\n", heading)

    def _estimate(self, routine_id: str, routine: Routine) -> str:
        if routine_id not in self._estimates:  # the routines do not change while Home is open; the history does
            self._estimates[routine_id] = _minutes(*estimate_seconds(routine))
        return self._estimates[routine_id]

    def _rows(self) -> tuple[Text, list[Option]]:
        """The heading, then one option per routine, in columns sized to what they hold."""
        last = self.store.last_done() if self.store is not None else {}
        table: list[list[str]] = []
        for entry in self.entries:
            if entry.routine is None:
                table.append([entry.id, "—", "—", "—", "—", "yours: broken"])  # in COLUMNS order
                continue
            r = entry.routine
            table.append([r.name, self._estimate(entry.id, r), last.get(r.name, "—"), str(len(r.exercises)),
                          r.kind, "replaces built-in" if entry.replaces_builtin else entry.origin])
        headings = [heading for heading, _ in COLUMNS]
        widths = [min(limit, max(Text(cells[i]).cell_len for cells in [headings, *table]))
                  for i, (_, limit) in enumerate(COLUMNS)]
        heading = _row(headings, widths)
        heading.stylize("bold")
        return heading, [Option(_row(cells, widths), id=entry.id) for cells, entry in zip(table, self.entries,
                                                                                           strict=True)]

    def action_history(self) -> None:
        self.post_message(HistoryWanted())

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#home-detail", Static).update(self._detail(event.option_index))

    def _detail(self, row: int) -> Text:
        if not 0 <= row < len(self.entries):
            return Text()
        entry = self.entries[row]
        lines = [f"Your routines/{entry.id}.toml replaces the built-in {entry.id}."] if entry.replaces_builtin else []
        if entry.routine is None:
            return Text("\n".join(lines + [str(p) for p in entry.problems]))  # each problem is made safe
        if entry.routine.description:
            lines.append(safe(entry.routine.description, newlines=True))
        for ex in entry.routine.exercises:
            what = f"{ex.reps.label} reps" if ex.reps else f"hold {ex.hold_seconds:g} s"
            side = " each side" if ex.per_side else ""
            lines.append(f"• {safe(ex.name)}: {ex.sets} × {what}{side}")
        return Text("\n".join(lines))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        row = event.option_index
        if not 0 <= row < len(self.entries):
            return
        entry = self.entries[row]
        if entry.routine is None:
            self.notify(f"{safe(entry.id)}.toml has problems; run: runtrainer routines check", severity="error",
                        markup=False)
            return
        self.post_message(StartRoutine(entry.routine, entry.id))
