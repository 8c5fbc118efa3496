"""Every key of the screen below, with what it does now: `?` from anywhere. Its box scrolls (↑↓, PgUp/PgDn,
Home/End) when the window is too short for every line (40×12 in a rest), and its key bar then says so."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from runtrainer.tui.widgets.key_bar import KeyBar
from runtrainer.tui.widgets.too_small import too_small

SHORT_BELOW = 24
"""Rows under which the box drops its blank lines and margin (60×20 and less): every key shows at 60×20, and
fewer need scrolling below."""


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 70; max-width: 95%; height: auto; max-height: 95%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    HelpScreen.-short > VerticalScroll { max-height: 100%; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="close"),
        Binding("down", "scroll_help(1)", "Scroll", key_display="↑↓", id="scroll"),
        Binding("up", "scroll_help(-1)", "Scroll up", show=False),
        Binding("pagedown", "scroll_page(1)", "Page down", show=False),
        Binding("pageup", "scroll_page(-1)", "Page up", show=False),
        Binding("home", "scroll_help(-10000)", "Top", show=False),
        Binding("end", "scroll_help(10000)", "Bottom", show=False),
    ]
    SCROLLS = {"scroll_help", "scroll_page"}

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
        with VerticalScroll(classes="dialog", can_focus=False):
            yield Static(f"Keys: {self.title_text}", markup=False)
            yield Static(body, id="help-keys")
        yield KeyBar()  # its own keys: those of the screen under it are not live while it is open

    def scrolls(self) -> bool:
        """Whether some line of the help is out of its box (a short window)."""
        boxes = self.query(VerticalScroll)  # (asked by the key bar before the box is there, too)
        return bool(boxes) and boxes.first().max_scroll_y > 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The scroll keys work, and the key bar shows ↑↓ Scroll, only when there is more to see."""
        return self.scrolls() if action in self.SCROLLS else True

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT_BELOW, "-short")
        self.call_after_refresh(self.refresh_bindings)

    def on_mount(self) -> None:
        self.call_after_refresh(self.refresh_bindings)

    def action_scroll_help(self, rows: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=rows, animate=False, immediate=True)

    def action_scroll_page(self, pages: int) -> None:
        box = self.query_one(VerticalScroll)
        box.scroll_relative(y=pages * max(1, box.scrollable_content_region.height - 1), animate=False, immediate=True)


def keys_of(screen: Screen[object], count_aloud: bool = False) -> list[tuple[str, str, bool]]:
    """Every key of ``screen`` and the app: (key as shown, what it does now, whether it works now)."""
    app = screen.app
    keys: list[tuple[str, str, bool]] = []
    describe = getattr(screen, "describe_key", None)
    own = {key.strip() for b in screen.BINDINGS if isinstance(b, Binding) for key in b.key.split(",")}
    for binding in [*screen.BINDINGS, *app.BINDINGS]:
        if not isinstance(binding, Binding) or not binding.show:
            continue
        if binding in app.BINDINGS and own & {key.strip() for key in binding.key.split(",")}:
            continue  # the screen's own binding of the key is what it does here (progress: m is 3 months, not Mute)
        action = binding.action.split("(")[0].removeprefix("app.")
        now = screen.check_action(action, ())
        what = (describe(binding) if describe else None) or binding.description
        if binding.id == "mute" and count_aloud:
            what += " (the spoken count too)"
        keys.append((app.get_key_display(binding), what, now is True))
    return keys
