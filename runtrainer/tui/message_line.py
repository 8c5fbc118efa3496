"""What the workout's message line says: the answer to a key (gone when the phase moves on) after news the runner
did not ask for (the sound player restarted, keeping awake, start-up notices), which stays at least
``NEWS_SECONDS`` on the session's clock, however fast the phases go (a rep's phases last a second or two: news
cleared with them would flash past, unread from three metres). No textual here: the screen shows ``text()``."""

from __future__ import annotations

from dataclasses import dataclass

NEWS_SECONDS = 8.0
"""Seconds news stays on the message line at least (a default we chose: long enough to look up and read it); it
goes at the first phase change after that."""


@dataclass
class MessageLine:
    news: str = ""
    news_short: str = ""
    news_until: float = float("-inf")
    said: str = ""
    said_short: str = ""
    said_at: int = -1
    """The engine's step the answer was given in: it goes when the step changes."""

    def answer(self, text: str, short: str, step: int) -> None:
        """A key's answer (``""``: none), replacing the last one; news stays before it."""
        self.said, self.said_short, self.said_at = text, short, step

    def add_news(self, text: str, short: str, now: float) -> None:
        """News, added to what news is on the line; it all stays ``NEWS_SECONDS`` from ``now``."""
        if self.news:
            self.news, self.news_short = f"{self.news} · {text}", f"{self.news_short} · {short or text}"
        else:
            self.news, self.news_short = text, short or text
        self.news_until = now + NEWS_SECONDS

    def moved_on(self, step: int, now: float) -> None:
        """The engine is at ``step`` at ``now``: an answer from another step goes, and news whose time is up."""
        if self.said_at != step:
            self.said = self.said_short = ""
        if self.news and now >= self.news_until:
            self.news = self.news_short = ""

    def text(self, small: bool, between: str = " · ") -> str:
        """The line: news first, then the answer (``between`` them: a new row when they do not fit one); in short
        words on a ``small`` window."""
        if small:
            parts = (self.news_short, self.said_short or self.said)
        else:
            parts = (self.news, self.said)
        return between.join(part for part in parts if part)
