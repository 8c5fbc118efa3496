"""The Textual app: thin. It holds the collaborators and pushes screens; the screens do the work."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from runtrainer.audio import BellBackend, CuePlayer
from runtrainer.core.clock import Clock, monotonic
from runtrainer.core.routine import Routine
from runtrainer.tui.screens.home import HomeScreen
from runtrainer.tui.screens.workout import WorkoutScreen


class RuntrainerApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "runtrainer"
    ENABLE_COMMAND_PALETTE = False
    """The footer's room goes to the workout keys; every action has its own key."""
    HORIZONTAL_BREAKPOINTS = [(0, "-w-tiny"), (40, "-w-normal"), (110, "-w-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-h-tiny"), (12, "-h-normal"), (34, "-h-tall")]
    BINDINGS = [Binding("m", "toggle_mute", "Mute", id="mute")]

    def __init__(self, *, config_dir: Path | None, data_dir: Path | None, clock: Clock,
                 audio: CuePlayer | None, start: Routine | None = None, flash_seconds: float = 0.25) -> None:
        super().__init__()
        self.flash_seconds = flash_seconds
        self.config_dir = config_dir
        self.data_dir = data_dir
        self.clock = clock
        self.audio = audio or CuePlayer(BellBackend())
        if isinstance(self.audio.backend, BellBackend):
            self.audio.backend.ring = self.bell
        self._start = start

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.config_dir))
        if self.audio.why:  # said once, at start: which backend, and why the others were passed over
            muted = " (muted: m turns it on)" if self.audio.muted else ""
            self.notify(f"Sound: {self.audio.backend.name}{muted}. {self.audio.why}", timeout=8)
        if self._start is not None:
            self.start_workout(self._start)

    def start_workout(self, routine: Routine) -> None:
        self.push_screen(WorkoutScreen(routine, self.clock, self.audio, self.flash_seconds))

    def action_toggle_mute(self) -> None:
        self.audio.muted = not self.audio.muted
        self.notify("Sound off (m turns it back on)" if self.audio.muted else
                    f"Sound on ({self.audio.backend.name})", timeout=3)


def make_app(*, config_dir: Path | None = None, data_dir: Path | None = None, clock: Clock = monotonic,
             audio: CuePlayer | None = None, start: Routine | None = None, muted: bool = False,
             flash_seconds: float = 0.25) -> RuntrainerApp:
    """The one place the app is built, for the command line and the tests alike."""
    app = RuntrainerApp(config_dir=config_dir, data_dir=data_dir, clock=clock, audio=audio, start=start,
                        flash_seconds=flash_seconds)
    if muted:
        app.audio.muted = True
    return app

