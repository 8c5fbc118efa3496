"""The coloured band that says what to do now, readable from across the room."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from textual.widgets import Static

from runtrainer.core.plan import Phase

PHASE_CLASSES = {phase: "-" + phase.value.replace(" ", "-") for phase in Phase}
STATE_CLASSES = {*PHASE_CLASSES.values(), "-paused", "-flash"}


class PhaseBanner(Static):
    """Three rows of colour; its class follows the phase, and it flashes on every cue."""

    DEFAULT_CSS = """
    PhaseBanner {
        height: 3; width: 1fr; content-align: center middle; text-style: bold;
        background: $panel; color: $text;
    }
    /* ANSI colours, one per phase, chosen to stay distinct in a 16-colour terminal (TERM=screen), where colours
       collapse onto the nearest few (a test checks); the word and shape in the text carry it without colour. */
    PhaseBanner.-get-ready { background: ansi_white; color: ansi_black; }
    PhaseBanner.-lift { background: ansi_green; color: ansi_black; }
    PhaseBanner.-hold { background: ansi_yellow; color: ansi_black; }
    PhaseBanner.-lower { background: ansi_blue; color: ansi_bright_white; }
    PhaseBanner.-pause { background: ansi_bright_yellow; color: ansi_black; }
    PhaseBanner.-work { background: ansi_bright_green; color: ansi_black; }
    PhaseBanner.-rest { background: ansi_cyan; color: ansi_black; }
    PhaseBanner.-switch-sides { background: ansi_red; color: ansi_bright_white; }
    PhaseBanner.-wait { background: ansi_bright_white; color: ansi_black; }
    PhaseBanner.-done { background: ansi_bright_green; color: ansi_black; }
    PhaseBanner.-paused { background: ansi_bright_black; color: ansi_bright_white; }
    PhaseBanner.-flash { text-style: bold reverse; }
    """

    _shown_class = ""
    _flashing = False
    _held = False

    def show(self, phase: Phase, text: str, paused: bool) -> None:
        self._shown_class = "-paused" if paused else PHASE_CLASSES[phase]
        self.update(text, layout=False)  # three rows (five on a tall screen) whatever it says: no layout pass
        self._restyle()

    flash_seconds = 0.25
    """How long a flash lasts; 0 turns flashing off (the snapshot tests, which must be still)."""

    def flash(self) -> None:
        """A visual counterpart of every sound, so a muted laptop still works."""
        if self.flash_seconds <= 0:
            return
        self._flashing = True
        self._restyle()
        self.set_timer(self.flash_seconds, self._unflash)  # a bound method: Textual caches its signature

    def _unflash(self) -> None:
        self._flashing = False
        self._restyle()

    @contextmanager
    def held(self) -> Iterator[None]:
        """Class changes inside (a flash and a new phase at one boundary) restyle the banner once, at the end:
        each restyle is a pass of the stylesheet over it, on the way to the frame."""
        self._held = True
        try:
            yield
        finally:
            self._held = False
            self._restyle()

    def _restyle(self) -> None:
        if self._held:
            return
        wanted = {name for name in self.classes if name not in STATE_CLASSES}
        wanted |= {self._shown_class} if self._shown_class else set()
        wanted |= {"-flash"} if self._flashing else set()
        if wanted != set(self.classes):
            self.set_classes(wanted)  # one restyle for every class that changed
