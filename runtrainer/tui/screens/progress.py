"""Progress of one exercise: its charts (top set weight, estimated 1RM, weekly volume, reps at the working weight,
hold time) over 3 months, a year or everything, its personal bests, and left against right for one-legged work.

Imported when first opened (from History), so textual-plotext costs Home's start-up nothing."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static
from textual_plotext import PlotextPlot

from runtrainer.charts import CHARTS, RANGES, available, draw, range_start, series
from runtrainer.progress import Track, balance, describe, personal_bests, set_text
from runtrainer.text import safe
from runtrainer.tui.widgets.key_bar import KeyBar

CHART_NAMES = {"weight": "Top set", "e1rm": "Est. 1RM", "volume": "Volume", "reps": "Reps", "hold": "Hold"}


def bests_text(track: Track) -> str:
    b = personal_bests(track)
    unit = track.unit
    parts = []
    if b.heaviest:
        parts.append(f"heaviest {set_text(b.heaviest.weight, b.heaviest.reps, unit)}")
    if b.heaviest and b.heaviest.weight in b.reps and b.reps[b.heaviest.weight].reps != b.heaviest.reps:
        best = b.reps[b.heaviest.weight]
        parts.append(f"most reps {set_text(best.weight, best.reps, unit)}")
    elif not b.heaviest and b.reps:
        parts.append(f"most reps {max(x.reps for x in b.reps.values())}")
    if b.e1rm:
        parts.append(f"est. 1RM {describe(b.e1rm, unit).removeprefix('estimated 1RM ')}")
    if b.hold:
        parts.append(f"longest {describe(b.hold, unit)}")
    return "Bests: " + (" · ".join(parts) if parts else "none yet")


class ProgressScreen(Screen[None]):
    CSS_PATH = "progress.tcss"
    BINDINGS = [
        Binding("escape,p", "app.pop_screen", "Back", id="leave"),
        Binding("m", "range('3m')", "3 months", id="range_3m"),
        Binding("y", "range('1y')", "1 year", id="range_1y"),
        Binding("a", "range('all')", "All", id="range_all"),
        # Both shown, here and in `?`: a key that works is a key the screen names (the title says which of how many).
        Binding("left_square_bracket", "exercise(-1)", "Previous", id="previous", key_display="["),
        Binding("right_square_bracket", "exercise(1)", "Next", id="next", key_display="]"),
        *[Binding(str(n + 1), f"chart('{c}')", CHART_NAMES[c], id=f"chart_{c}", show=False)
          for n, c in enumerate(CHARTS)],
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, tracks: list[Track], index: int = 0, today: date | None = None,
                 range_key: str = "1y") -> None:
        super().__init__()
        self.tracks = tracks
        self.index = index
        self.today = today or date.today()
        self.range_key = range_key
        self.chart = ""

    @property
    def track(self) -> Track:
        return self.tracks[self.index]

    def compose(self) -> ComposeResult:
        with Vertical(id="progress"):
            yield Static("", id="progress-title")
            yield Static("", id="progress-bests")
            yield Static("", id="progress-balance")
            with Vertical(id="progress-charts"):
                for chart in CHARTS:
                    yield PlotextPlot(id=f"chart-{chart}", classes="chart")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "chart":
            return parameters[0] in available(self.track)
        if action == "exercise":
            return len(self.tracks) > 1
        return True

    def action_range(self, key: str) -> None:
        self.range_key = key
        self.show()

    def action_chart(self, chart: str) -> None:
        self.chart = chart
        self.show()

    def action_exercise(self, step: int) -> None:
        self.index = (self.index + step) % len(self.tracks)
        self.show()

    def show(self) -> None:
        track = self.track
        charts = available(track)
        if self.chart not in charts:
            self.chart = charts[0]
        tabs = Text()
        for n, chart in enumerate(CHARTS):
            if chart in charts:
                tabs.append(f" {n + 1} {CHART_NAMES[chart]} ", "reverse bold" if chart == self.chart else "")
        place = f" {self.index + 1}/{len(self.tracks)}" if len(self.tracks) > 1 else ""  # what [ and ] move through
        title = Text.assemble((safe(track.name), "bold"), f"{place} · {RANGES[self.range_key][0]} · ", tabs)
        self.query_one("#progress-title", Static).update(title)
        self.query_one("#progress-bests", Static).update(Text(bests_text(track)))
        found = balance(track, self.today)
        line = self.query_one("#progress-balance", Static)
        line.update(Text(found.sentence(self.today)) if found else "")
        line.display = found is not None
        start = range_start(self.range_key, self.today)
        for chart in CHARTS:
            plot = self.query_one(f"#chart-{chart}", PlotextPlot)
            plot.set_class(chart == self.chart, "-selected")
            plot.set_class(chart not in charts, "-absent")
            if chart in charts:
                s = series(track, chart, self.today, start)
                draw(plot.plt, s, safe(s.title) + ("" if s.days else ": nothing in this range"))
                plot.refresh()
        self.refresh_bindings()
