"""The session's progress in one line: a bar, the percentage and the time. One repaint per change, no layout.

Textual's ProgressBar is three widgets (bar, percentage, ETA) and its percentage label asks for a layout
pass on every update; during a rest that tripled the work of the once-a-second redraw.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive
from textual.widget import Widget


class SessionProgress(Widget):
    DEFAULT_CSS = """
    SessionProgress { height: 1; width: 1fr; }
    SessionProgress > .session-progress--done { color: $success; }
    SessionProgress > .session-progress--todo { color: $surface-lighten-2; }
    """
    COMPONENT_CLASSES = {"session-progress--done", "session-progress--todo"}

    progress: reactive[int] = reactive(0)
    """Per cent of the planned session done."""
    label: reactive[str] = reactive("")
    """The time, e.g. "12:40 of ~33:00"."""

    def render(self) -> RenderResult:
        tail = f" {self.progress:3d}%  {self.label}"
        width = max(0, self.size.width - len(tail))
        done = round(width * self.progress / 100)
        bar = Text()
        bar.append("━" * done, self.get_component_rich_style("session-progress--done"))
        bar.append("━" * (width - done), self.get_component_rich_style("session-progress--todo"))
        bar.append(tail)
        return bar
