"""The coloured band that says what to do now, readable from across the room."""

from __future__ import annotations

from textual.widgets import Static

from runtrainer.core.plan import Phase

PHASE_CLASSES = {phase: "-" + phase.value.replace(" ", "-") for phase in Phase}


class PhaseBanner(Static):
    """Three rows of colour; its class follows the phase, and it flashes on every cue."""

    DEFAULT_CSS = """
    PhaseBanner {
        height: 3; width: 1fr; content-align: center middle; text-style: bold;
        background: $panel; color: $text;
    }
    PhaseBanner.-get-ready { background: $primary-darken-2; color: $text; }
    PhaseBanner.-lift { background: $success; color: $text; }
    PhaseBanner.-lower { background: $accent; color: $text; }
    PhaseBanner.-hold { background: $warning; color: $background; }
    PhaseBanner.-pause { background: $secondary; color: $text; }
    PhaseBanner.-work { background: $success-darken-1; color: $text; }
    PhaseBanner.-rest { background: $primary; color: $text; }
    PhaseBanner.-switch-sides { background: $error; color: $text; }
    PhaseBanner.-done { background: $success-darken-2; color: $text; }
    PhaseBanner.-paused { background: $panel-lighten-2; color: $text-muted; }
    PhaseBanner.-flash { text-style: bold reverse; }
    """

    _shown_class = ""

    def show(self, phase: Phase, text: str, paused: bool) -> None:
        wanted = "-paused" if paused else PHASE_CLASSES[phase]
        if wanted != self._shown_class:
            if self._shown_class:
                self.remove_class(self._shown_class)
            self.add_class(wanted)
            self._shown_class = wanted
        self.update(text)

    flash_seconds = 0.25
    """How long a flash lasts; 0 turns flashing off (the snapshot tests, which must be still)."""

    def flash(self) -> None:
        """A visual counterpart of every sound, so a muted laptop still works."""
        if self.flash_seconds <= 0:
            return
        self.add_class("-flash")
        self.set_timer(self.flash_seconds, lambda: self.remove_class("-flash"))
