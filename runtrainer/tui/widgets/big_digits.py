"""Digits that read from across the room: a solid block font that grows with the terminal.

Box-drawing glyphs do not scale (doubling them breaks their strokes), so the digits are drawn from a 3×5 bitmap
in full blocks, each pixel ``2k`` cells wide and ``k`` rows tall (5 rows at 80×24). Scale 0 is Textual's own
3-row Digits, for numbers that are meant to be secondary (the rep count).
"""

from __future__ import annotations

from functools import lru_cache

from rich.segment import Segment
from textual.geometry import Size
from textual.reactive import reactive
from textual.renderables.digits import Digits as DigitsRenderable
from textual.strip import Strip
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


@lru_cache(maxsize=256)
def _block_lines(value: str, k: int) -> tuple[str, ...]:
    return tuple(block_lines(value, k))


def block_lines(value: str, k: int) -> list[str]:
    """``value`` in the block font, each pixel 2k cells by k rows, one blank pixel between glyphs."""
    rows = ["" for _ in range(5)]
    for n, ch in enumerate(value):
        glyph = FONT.get(ch, FONT[" "])
        for r in range(5):
            gap = "" if n == 0 else " " * (2 * k)
            rows[r] += gap + "".join(("█" if px == "#" else " ") * (2 * k) for px in glyph[r])
    return [row for row in rows for _ in range(k)]


def block_width(value: str, k: int) -> int:
    """Cells ``value`` takes in the block font at pixel size ``k``."""
    return max((len(line) for line in block_lines(value, k)), default=0)


def scale_to_fit(rows: int, columns: int, widest: str = "0:00") -> int:
    """The largest pixel size at which ``widest`` fits in ``rows`` × ``columns`` (at least 1: 5 rows)."""
    k = 1
    while 5 * (k + 1) <= rows and block_width(widest, k + 1) <= columns:
        k += 1
    return k


class BigDigits(Digits):
    """A ``Digits`` that grows: scale k >= 1 is the block font at pixel size k; 0 is Textual's Digits."""

    scale: reactive[int] = reactive(1, layout=True)
    """1 at 80×24 (5 rows), more on a bigger terminal; the screen sets it from the room it has."""

    def render_line(self, y: int) -> Strip:
        """The block font's row ``y``, centred, as one strip: through Rich's Align and Text it cost about twice as
        much, on the way to every second's frame."""
        if self.scale == 0:
            return super().render_line(y)
        lines = _block_lines(self.value, self.scale)
        width = self.content_size.width
        row = lines[y] if 0 <= y < len(lines) else ""
        left = max(0, (width - len(row)) // 2)
        return Strip([Segment(" " * left + row + " " * max(0, width - left - len(row)), self.rich_style)], width)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        if self.scale == 0:
            return DigitsRenderable.get_width(self.value)
        return block_width(self.value, self.scale)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 3 if self.scale == 0 else 5 * self.scale
