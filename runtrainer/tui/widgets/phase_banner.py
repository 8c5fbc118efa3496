"""The coloured band that says what to do now, readable from across the room."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from textual.color import Color
from textual.widgets import Static

from runtrainer.core.plan import Phase

PHASE_CLASSES = {phase: "-" + phase.value.replace(" ", "-") for phase in Phase}
STATE_CLASSES = {*PHASE_CLASSES.values(), "-paused", "-flash"}

# ANSI colours, one per phase, chosen to stay distinct in a 16-colour terminal (TERM=screen), where colours
# collapse onto the nearest few (a test checks); the word and shape in the text carry it without colour.
COLOURS = {
    "-get-ready": ("ansi_white", "ansi_black"),
    "-lift": ("ansi_green", "ansi_black"),
    "-hold": ("ansi_yellow", "ansi_black"),
    "-lower": ("ansi_blue", "ansi_bright_white"),
    "-pause": ("ansi_bright_yellow", "ansi_black"),
    "-work": ("ansi_bright_green", "ansi_black"),
    "-rest": ("ansi_cyan", "ansi_black"),
    "-switch-sides": ("ansi_red", "ansi_bright_white"),
    "-wait": ("ansi_bright_white", "ansi_black"),
    "-done": ("ansi_bright_green", "ansi_black"),
    "-paused": ("ansi_bright_black", "ansi_bright_white"),
}
PARSED = {name: (Color.parse(background), Color.parse(color)) for name, (background, color) in COLOURS.items()}


class PhaseBanner(Static):
    """Three rows of colour; its class follows the phase, and it flashes on every cue.

    The classes say the state (-rest, -paused, -flash); the colours and the flash are set on the banner's own
    styles, not matched by the stylesheet: a class change would send the stylesheet over the banner (~1 ms, once
    more when the flash ends) on the way to each phase change's frame, and setting a colour only repaints."""

    DEFAULT_CSS = """
    PhaseBanner {
        height: 3; width: 1fr; content-align: center middle; text-style: bold;
        background: $panel; color: $text;
    }
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
        """Changes inside (a flash and a new phase at one boundary) recolour the banner once, at the end."""
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
        if wanted == set(self.classes):
            return
        self.update_classes({name: name in wanted for name in STATE_CLASSES | wanted}, update=False)
        if self._shown_class in PARSED:
            self.styles.background, self.styles.color = PARSED[self._shown_class]
            self.styles.auto_color = False  # the base colour ($text) is "auto": contrast, not this colour
        self.styles.text_style = "bold reverse" if self._flashing else "bold"
        self.notify_style_update()  # the colours the text is drawn in are cached until told
