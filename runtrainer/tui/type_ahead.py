"""Type-ahead: one key, one meaning. A key that reaches the app (a binding's key: the focused widget did not take
it) may open a screen, at once or through a message (`h` on Home asks the app for the history). Keys that arrive
before that screen is shown would otherwise go to the screen under it: `h` and Enter in one read (fast typing, a
paste, `tmux send-keys h Enter`) started Home's highlighted routine on top of the History. Here the keys after
such a key wait until the app has drawn what it did, then go, in the order typed, to whatever screen is then
shown (Enter opens the History's latest session)."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App

IN_FLIGHT_AT_MOST = 256
"""Keys remembered between reaching the app and coming back to it (one a widget takes never comes back)."""


class TypeAhead:
    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.held: list[tuple[int, events.Key]] | None = None
        """(order typed, key) of the keys waiting; None when none waits."""
        self.typed = 0
        self.in_flight: dict[int, int] = {}
        """id of a key given to a widget → its order typed."""

    def arrived(self, event: events.Event) -> bool:
        """A key from the terminal (the app's on_event): True when it waits (a key before it is being acted on)."""
        if not isinstance(event, events.Key) or event.is_forwarded:
            return False
        self.typed += 1
        if self.held is not None:
            self.held.append((self.typed, event))
            return True
        self.in_flight[id(event)] = self.typed
        while len(self.in_flight) > IN_FLIGHT_AT_MOST:
            del self.in_flight[next(iter(self.in_flight))]
        return False

    def came_back(self, event: events.Key) -> None:
        """A key no widget took, back at the app (its on_key, before its bindings): acted on now, or, when a key
        before it is still being acted on, kept to go after."""
        order = self.in_flight.pop(id(event), self.typed)
        if self.held is not None:
            event.prevent_default()
            event.stop()
            self.held.append((order, events.Key(event.key, event.character)))
            return
        self.held = []
        self.app.call_after_refresh(self.release)

    def release(self) -> None:
        """What the key did is drawn (a screen it opened is shown): the keys after it go, in the order typed."""
        held, self.held = sorted(self.held or [], key=lambda kept: kept[0]), None
        for _, key in held:
            self.app.post_message(events.Key(key.key, key.character))
