"""The keys that work now, on one line at the bottom: what Textual's Footer shows, drawn as one line.

Footer mounts a widget per key and recomposes them all whenever the bindings change (every phase change on
the workout screen); at start-up that cost ~55 ms, a fifth of a bare Textual app. This is one widget that
repaints its one line, drawn through Textual's line API (``render_line``): its Rich text is turned into the line's
segments directly (~0.2 ms), where a widget's ``render`` goes through Textual's content conversion (~0.7 ms, in
the frame of every phase change whose keys change).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

DROP_ORDER = ("mute", "progress", "back", "skip_set", "history", "export", "skip", "rest_minus", "rest_plus",
              "edit_set", "range_3m", "range_all")
"""Which keys leave the bar first when it does not fit even in its compact words (the least used first; all are in
the help, `?`, which then says so: "? All keys"). Pause, Enter, quit, help and a screen's way out (esc Back: id
"leave") always stay; "back" is the workout's b (redo a set)."""
COMPACT_WORDS = {"Change": "Edit", "Open session": "Open", "Resume": "Go on", "Sound on": "Unmute", "+15s": "",
                 "-15s": "15s", "Previous": "Prev"}
"""The bar's compact words, used across the whole bar when its full words do not fit (80 columns in a rest with a
set's question open, paused and muted: eleven keys in 80 columns). Each key then has one space before the next.
"Go on" is what the banner says paused ("Space to go on"). A key with no word shares the next key's: "+/-15s"."""
GLUED = {"rest_minus"}
"""Keys whose compact word follows with no space: "-15s", as a rest's time is said."""
SHARES_WORD = {"previous"}
"""Keys that give up their word last of all (40 columns), sharing the next key's: "[/] Next", as "+/-15s"."""
ALL_KEYS = "All keys"
"""What `?` says when keys had to leave the bar: where they are."""

Entry = tuple[Binding, bool, str]


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

    def fit(self, entries: list[Entry], width: int, note: str) -> tuple[list[Entry], bool, str]:
        """(the entries to show, with the words to show, whether compact, the note) that fit ``width``: the full
        words; else the compact words of every key; else the least used keys leave (`?` then says "All keys"), and
        at last (40 columns) each key keeps its first word."""
        display = self.app.get_key_display

        def full(shown: list[Entry]) -> int:
            return sum(len(display(b)) + len(d) + 3 for b, _, d in shown)

        def compact(shown: list[Entry]) -> int:  # "key word", one space between keys; "+/-": one column
            return sum(len(display(b)) + len(d) + (d != "" and b.id not in GLUED) for b, _, d in shown) + len(shown) - 1

        def with_note(n: int, said: str) -> int:
            return n + (len(said) + 2 if said else 0)

        if with_note(full(entries), note) <= width:
            return entries, False, note
        if note and full(entries) + len(note.split(":")[0]) + 2 <= width:
            return entries, False, note.split(":")[0]
        note = note.split(":")[0] if note else ""
        short = [(b, e, COMPACT_WORDS.get(d, d)) for b, e, d in entries]
        dropped: set[str] = set()
        for drop in ("", *DROP_ORDER):  # a narrow window: the least used keys go first (all of them are in the help)
            if drop:
                if drop not in {b.id for b, _, _ in short}:
                    continue
                dropped.add(drop)
            shown = [(b, e, ALL_KEYS if b.id == "help" and dropped else d) for b, e, d in short if b.id not in dropped]
            shown = [(b, e, d or "15s" if b.id == "rest_plus" and "rest_minus" in dropped else d) for b, e, d in shown]
            if with_note(compact(shown), note) <= width:
                return shown, True, note
        # Narrower still (40 columns): each key's first word ("Done"; `?` says "Keys"); at last, a pair of keys
        # shares one word ("[/] Next").
        shown = [(b, e, "Keys" if d == ALL_KEYS else d.split()[0] if d else d) for b, e, d in shown]
        if with_note(compact(shown), note) > width:
            shown = [(b, e, "" if b.id in SHARES_WORD else d) for b, e, d in shown]
        return shown, True, note

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y:
            return Strip.blank(width, self.rich_style)
        text = self.render()
        strip = Strip(list(text.render(self.app.console)), text.cell_len).apply_style(self.rich_style)
        return strip.extend_cell_length(width, self.rich_style).crop(0, width)

    def render(self) -> Text:
        """The bar's one line: each key and what it does now (dimmed when it does nothing now); ``render_line``
        draws it."""
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        dim = Style(dim=True)
        # A dialog over a workout that waits for it to close says so after its keys ("Rest over: close this to go
        # on"; only "Rest over" when that does not fit): the workout underneath is covered.
        note = str(getattr(self.app, "note_under", "")) if self.screen.is_modal else ""
        shown, compact, note = self.fit(self.entries(), self.size.width or 80, note)
        text = Text(no_wrap=True, overflow="crop", end="")
        hits: list[tuple[int, int, str, bool]] = []
        for n, (binding, enabled, description) in enumerate(shown):
            start = text.cell_len
            key = self.app.get_key_display(binding)
            keys = key_style if enabled else key_style + dim
            words = description_style if enabled else description_style + dim
            if not compact:
                text.append(f" {key} ", keys)
                text.append(f"{description} ", words)
            else:
                text.append(key, keys)
                if description:
                    text.append(description if binding.id in GLUED else f" {description}", words)
                if n < len(shown) - 1:
                    text.append(" " if description else "/", words)
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
