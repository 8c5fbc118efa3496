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


def catch_signals(save_and_exit: Callable[[str], None]) -> None:
    """SIGTERM and SIGHUP (the terminal was closed): ``save_and_exit`` with the signal's name."""
    import asyncio
    import signal

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGHUP):
        try:
            loop.add_signal_handler(sig, save_and_exit, sig.name)
        except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover - Windows, threads
            pass
