"""Textual's Digits, optionally drawn at twice the size for a big terminal across the room."""

from __future__ import annotations

from rich.align import Align
from rich.segment import Segment
from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.reactive import reactive
from textual.renderables.digits import Digits as DigitsRenderable
from textual.widgets import Digits


class BigDigits(Digits):
    """A ``Digits`` whose glyphs are repeated ``scale`` times across and down (scale 1 is plain Digits)."""

    scale: reactive[int] = reactive(1, layout=True)
    """1 at 80×24; 2 when the terminal is big enough to be read from further away."""

    def render(self) -> RenderResult:
        if self.scale == 1:
            return super().render()
        style = self.rich_style
        lines: list[str] = []
        line: list[str] = []
        console_style = style
        for seg in DigitsRenderable(self.value, console_style).render(console_style):
            if isinstance(seg, Segment) and seg.text == "\n":
                lines.append("".join(line))
                line = []
            elif isinstance(seg, Segment):
                line.append(seg.text)
        scaled: list[str] = []
        for row in lines:
            wide = "".join(ch * self.scale for ch in row)
            scaled.extend([wide] * self.scale)
        return Align(Text("\n".join(scaled), style=style, no_wrap=True), "center")

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return DigitsRenderable.get_width(self.value) * self.scale

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 3 * self.scale
