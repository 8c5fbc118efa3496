"""The keys that work now, on one line at the bottom: what Textual's Footer shows, drawn as one Text.

Footer mounts a widget per key and recomposes them all whenever the bindings change (every phase change on
the workout screen); at start-up that cost ~55 ms, a fifth of a bare Textual app. This is one widget that
repaints its one line.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

DROP_ORDER = ("mute", "back", "skip_set", "history", "export", "skip", "rest_minus", "rest_plus", "edit_set")
"""Which keys leave the bar first when it does not fit (the least used first; all are in the help, `?`). Pause,
Enter, quit and help always stay."""


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        .key-bar--description { color: $footer-description-foreground; background: $footer-description-background; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._hits: list[tuple[int, int, str, bool]] = []
        """(first cell, end cell, key, enabled) of each key shown: a click presses the key under it."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        self.refresh()

    def entries(self) -> list[tuple[Binding, bool, str]]:
        """(binding, enabled, what it does now) for each key the screen shows, one per action."""
        screen = self.screen
        describe = getattr(screen, "describe_key", None)
        # A focused widget's hidden binding (a table's Enter) is what the key does, through the screen's own
        # binding of the key when the screen has one (the summary's "Change set"): that one is shown.
        own = {key.strip(): b for b in screen.BINDINGS if isinstance(b, Binding) for key in b.key.split(",")}
        out: list[tuple[Binding, bool, str]] = []
        actions: set[str] = set()
        for key, (_node, binding, enabled, _tooltip) in screen.active_bindings.items():
            if not binding.show and key in own and own[key].show:
                binding = own[key]
                enabled = screen.check_action(binding.action.split("(")[0], ()) is True
            if not binding.show or binding.action in actions:  # one entry per action, as the Footer does
                continue
            actions.add(binding.action)
            now = describe(binding) if describe is not None else None
            out.append((binding, enabled, now or binding.description))
        return out

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        dim = Style(dim=True)
        entries = self.entries()
        width = self.size.width or 80
        cells = {b.id: len(self.app.get_key_display(b)) + len(d) + 3 for b, _, d in entries}
        for drop in DROP_ORDER:  # a narrow window: the least used keys go first (all of them are in the help)
            if sum(cells.values()) <= width:
                break
            if drop in cells:
                del cells[drop]
        # A dialog over a workout that waits for it to close says so after its keys ("Rest over: close this to go
        # on"; only "Rest over" when that does not fit): the workout underneath is covered.
        note = str(getattr(self.app, "note_under", "")) if self.screen.is_modal else ""
        if note and sum(cells.values()) + len(note) + 2 > width:
            note = note.split(":")[0]
        # Narrower still (40 columns): each key's first word ("Done").
        short = sum(cells.values()) + (len(note) + 2 if note else 0) > width
        text = Text(no_wrap=True, overflow="crop", end="")
        hits: list[tuple[int, int, str, bool]] = []
        for binding, enabled, description in entries:
            if binding.id not in cells:
                continue
            if short:
                description = description.split()[0]
            start = text.cell_len
            text.append(f" {self.app.get_key_display(binding)} ", key_style if enabled else key_style + dim)
            text.append(f"{description} ", description_style if enabled else description_style + dim)
            hits.append((start, text.cell_len, binding.key, enabled))
        self._hits = hits
        if note:
            text.append(f" {note} ", key_style)
        return text

    def on_mouse_down(self, event: events.MouseDown) -> None:
        for start, end, key, enabled in self._hits:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return
