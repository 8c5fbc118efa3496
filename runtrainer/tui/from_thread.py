"""What a thread hands to the screen: queued on the UI's message loop, never waited for.

Textual's ``call_from_thread`` waits for the callback's result, and waits for ever when the app stops between
the asking and the answering: a thread finishing its work (History's figures, a save, a sleep inhibitor) just as
the terminal is closed then never ends, and the interpreter, which waits for it at exit, never exits. Seen from
outside: a runtrainer process left behind, its terminal gone, deaf to SIGTERM.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import partial
from typing import Any

from textual import events
from textual.message_pump import MessagePump


def soon(target: MessagePump, callback: Callable[..., Any], *args: Any) -> None:
    """``callback(*args)`` on ``target``'s message loop (a widget, a screen or the app), from a thread; returns at
    once. Nothing is run when ``target`` is closing, or the app's loop is gone: there is no screen left to show it."""
    with contextlib.suppress(RuntimeError):  # the event loop already closed
        target.post_message(events.Callback(callback=partial(callback, *args)))
