"""What the workout's message line says: the answer to a key (gone when the phase moves on) after news the runner
did not ask for (the sound player restarted, keeping awake, start-up notices), each piece of which stays at least
``NEWS_SECONDS`` on the session's clock from when it is first shown, however fast the phases go (a rep's phases last
a second or two: news cleared with them would flash past, unread from three metres). A small window says one piece
at a time, in its short words (two would take the rows of the lines under them). No textual here: the screen shows
``text()``."""

from __future__ import annotations

from dataclasses import dataclass, field

NEWS_SECONDS = 8.0
"""Seconds news stays on the message line at least (a default we chose: long enough to look up and read it); it
goes at the first phase change after that."""


@dataclass
class News:
    """A piece of news the runner did not ask for, in full and short words, and when it goes."""

    text: str
    short: str
    until: float | None = None
    """When its time is up: ``NEWS_SECONDS`` after it was first shown (None: not shown yet)."""


@dataclass
class MessageLine:
    """The line's news, then a key's answer and the step it was given in."""

    news: list[News] = field(default_factory=list)
    said: str = ""
    said_short: str = ""
    said_at: int = -1
    """The engine's step the answer was given in: it goes when the step changes."""

    def answer(self, text: str, short: str, step: int) -> None:
        """A key's answer (``""``: none), replacing the last one; news stays before it."""
        self.said, self.said_short, self.said_at = text, short, step

    def add_news(self, text: str, short: str) -> None:
        """News, after what news is on the line (its time starts when ``text`` first shows it)."""
        self.news.append(News(text, short or text))

    def moved_on(self, step: int, now: float) -> None:
        """The engine is at ``step`` at ``now``: an answer from another step goes, and news whose time is up."""
        if self.said_at != step:
            self.said = self.said_short = ""
        self.news = [item for item in self.news if item.until is None or now < item.until]

    def text(self, small: bool, now: float, between: str = " · ") -> str:
        """The line at ``now``: news first, then the answer (``between`` them: a new row when they do not fit
        one); on a ``small`` window, the first piece of news only, in short words."""
        shown = self.news[:1] if small else self.news
        for item in shown:
            if item.until is None:
                item.until = now + NEWS_SECONDS
        news = " · ".join(item.short if small else item.text for item in shown)
        answer = (self.said_short or self.said) if small else self.said
        return between.join(part for part in (news, answer) if part)
