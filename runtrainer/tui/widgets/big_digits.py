"""Textual's Digits at 80×24; on a big terminal, a solid block font that reads from across the room.

Box-drawing glyphs do not scale (doubling them breaks their strokes), so above scale 1 the digits are drawn
from a 3×5 bitmap in full blocks, each pixel ``2k`` cells wide and ``k`` rows tall.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.reactive import reactive
from textual.renderables.digits import Digits as DigitsRenderable
from textual.widgets import Digits

FONT = {
    "0": ["###", "#.#", "#.#", "#.#", "###"],
    "1": [".#.", "##.", ".#.", ".#.", "###"],
    "2": ["###", "..#", "###", "#..", "###"],
    "3": ["###", "..#", "###", "..#", "###"],
    "4": ["#.#", "#.#", "###", "..#", "..#"],
    "5": ["###", "#..", "###", "..#", "###"],
    "6": ["###", "#..", "###", "#.#", "###"],
    "7": ["###", "..#", "..#", "..#", "..#"],
    "8": ["###", "#.#", "###", "#.#", "###"],
    "9": ["###", "#.#", "###", "..#", "###"],
    ":": [".", "#", ".", "#", "."],
    " ": ["..", "..", "..", "..", ".."],
}


def block_lines(value: str, k: int) -> list[str]:
    """``value`` in the block font, each pixel 2k cells by k rows, one blank pixel between glyphs."""
    rows = ["" for _ in range(5)]
    for n, ch in enumerate(value):
        glyph = FONT.get(ch, FONT[" "])
        for r in range(5):
            gap = "" if n == 0 else " " * (2 * k)
            rows[r] += gap + "".join(("█" if px == "#" else " ") * (2 * k) for px in glyph[r])
    return [row for row in rows for _ in range(k)]


class BigDigits(Digits):
    """A ``Digits`` that grows: scale 1 is plain Digits (3 rows); scale k+1 is the block font at k."""

    scale: reactive[int] = reactive(1, layout=True)
    """1 at 80×24; 2 or 3 when the terminal is big enough to be read from further away."""

    def render(self) -> RenderResult:
        if self.scale == 1:
            return super().render()
        lines = block_lines(self.value, self.scale - 1)
        return Align(Text("\n".join(lines), style=self.rich_style, no_wrap=True), "center")

    def get_content_width(self, container: Size, viewport: Size) -> int:
        if self.scale == 1:
            return DigitsRenderable.get_width(self.value)
        return max((len(line) for line in block_lines(self.value, self.scale - 1)), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 3 if self.scale == 1 else 5 * (self.scale - 1)
