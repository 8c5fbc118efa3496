"""Every key of the screen below, with what it does now: `?` from anywhere."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from runtrainer.tui.widgets.key_bar import KeyBar
from runtrainer.tui.widgets.too_small import too_small


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 70; max-width: 95%; height: auto; max-height: 95%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    """
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="close")]

    def __init__(self, title: str, keys: list[tuple[str, str, bool]]) -> None:
        """``keys``: (key as shown, what it does now, whether it works now)."""
        super().__init__()
        self.title_text = title
        self.keys = keys

    def compose(self) -> ComposeResult:
        rows = [(key, what if enabled else f"{what} (not now)") for key, what, enabled in self.keys]
        rows += [("", ""), ("Ctrl+C, Ctrl+Q", "quit (a workout asks first)"), ("Esc, ?", "close this help")]
        width = max(len(key) for key, _ in rows)
        body = Text()
        for key, what in rows:
            body.append(f"{key:>{width}}  ", style="bold")
            body.append(f"{what}\n")
        yield too_small("Esc closes the help.")
        with Vertical(classes="dialog"):
            yield Static(f"Keys: {self.title_text}", markup=False)
            yield Static(body, id="help-keys")
        yield KeyBar()  # its own keys: those of the screen under it are not live while it is open


def keys_of(screen: Screen[object], count_aloud: bool = False) -> list[tuple[str, str, bool]]:
    """Every key of ``screen`` and the app: (key as shown, what it does now, whether it works now)."""
    app = screen.app
    keys: list[tuple[str, str, bool]] = []
    describe = getattr(screen, "describe_key", None)
    for binding in [*screen.BINDINGS, *app.BINDINGS]:
        if not isinstance(binding, Binding) or not binding.show:
            continue
        action = binding.action.split("(")[0].removeprefix("app.")
        now = screen.check_action(action, ())
        what = (describe(binding) if describe else None) or binding.description
        if binding.id == "mute" and count_aloud:
            what += " (the spoken count too)"
        keys.append((app.get_key_display(binding), what, now is True))
    return keys
