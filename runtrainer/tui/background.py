"""What the app does off its screens: fold finished sessions into history.json on a thread, and catch the
signals that end it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from runtrainer.store import Store, StoreError


def merge_pending(data_dir: Path) -> list[str]:
    """Fold finished journals into history.json with a Store of its own (this runs on a thread; the lock and a
    re-read keep it and the app's Store both right). Returns what the runner must be told: the damaged lines it
    kept aside and where, or why the sessions are not in history.json yet."""
    merger = Store(data_dir)
    try:
        merger.merge_pending()
    except StoreError as exc:
        return [n.message for n in merger.notices] + [f"Finished sessions are not in history.json yet: {exc}"]
    return [n.message for n in merger.notices]


def _resume_nothing(_number: int, _frame: object) -> None:
    """SIGCONT once the terminal is gone."""


def catch_signals(save_and_exit: Callable[[str], None]) -> None:
    """SIGTERM and SIGHUP (the terminal was closed): ``save_and_exit`` with the signal's name.

    With SIGHUP the kernel sends SIGCONT, and Textual's SIGCONT handler (there for Ctrl+Z) starts drawing again: a
    new writer thread on the dead terminal, whose first write fails, and whose full queue then held the exit for
    ever (a tester closed a terminal 55 times: 4 runtrainers stayed behind, deaf to SIGTERM). SIGHUP is caught by
    a plain handler, which Python runs before SIGCONT's (handlers run in signal-number order): SIGCONT's is reset
    first, so nothing is resumed on a terminal that is gone."""
    import asyncio
    import signal

    loop = asyncio.get_running_loop()
    try:
        loop.add_signal_handler(signal.SIGTERM, save_and_exit, signal.SIGTERM.name)
    except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover - Windows, threads
        pass

    def hung_up(_number: int, _frame: object) -> None:
        signal.signal(signal.SIGCONT, _resume_nothing)  # not SIG_DFL: Python warns of a tripped signal gone
        loop.call_soon_threadsafe(save_and_exit, signal.SIGHUP.name)

    try:
        signal.signal(signal.SIGHUP, hung_up)
    except (AttributeError, ValueError):  # pragma: no cover - Windows (no SIGHUP), not the main thread
        pass
