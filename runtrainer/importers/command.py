"""``runtrainer import``: read the file, say what is new, write it in one go. Never imports textual.

Everything printed that comes from the file (names, problems quoting values, the file's own name) goes through
``text.safe`` and Rich with markup off: no byte of it reaches the terminal as a control sequence.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runtrainer.importers import FORMATS, MAX_BYTES, NAMES, Refused, read
from runtrainer.text import plural, safe

if TYPE_CHECKING:
    from rich.console import Console

    from runtrainer.store import Session, Store

EXIT_REFUSED = 2
LISTED = 50
"""Sessions a dry run lists one by one (then a count of the rest)."""


class LateProgress:
    """A Rich progress bar on stderr that shows only once the work has taken a second, and only on a terminal
    (a short import, or one whose output is captured, prints nothing extra)."""

    def __init__(self, console: Console, enabled: bool, delay: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.console, self.enabled, self.delay, self.clock = console, enabled, delay, clock
        self.start = clock()
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int, what: str = "Reading") -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if self.clock() - self.start < self.delay:
                return
            from rich.progress import Progress

            self.bar = Progress(console=self.console, transient=True)
            self.bar.start()
            self.task = self.bar.add_task(what, total=total)
        self.bar.update(self.task, completed=done, total=total, description=what)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def run_import(store: Store, file: str, fmt: str, unit: str | None, dry_run: bool, kind_map: dict[str, str],
               max_bytes: int = MAX_BYTES) -> int:
    from rich.console import Console

    from runtrainer.store import StoreError

    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    if fmt not in FORMATS:
        err.print(safe(f'runtrainer: --format is "{fmt}"; expected one of {", ".join(FORMATS)}'), markup=False)
        return EXIT_REFUSED
    progress = LateProgress(err, sys.stderr.isatty())
    try:
        imported = read(Path(file), fmt, unit, kind_map, max_bytes, progress)
    except Refused as exc:
        progress.close()
        for line in exc.problems:
            err.print(safe(f"runtrainer: {line}"), markup=False)
        err.print("runtrainer: nothing was imported", markup=False)
        return EXIT_REFUSED
    there = {s.id for s in store.sessions()}
    new = [s for s in imported.sessions if s.id not in there]
    source = f"{file} ({NAMES[imported.format]})"
    if dry_run:
        progress.close()
        out.print(safe(f"Would add {plural(len(new), 'new session')} from {source}; "
                       f"{len(imported.sessions) - len(new)} already there. Nothing was changed."), markup=False)
        _list(out, new)
        return 0
    progress(len(new), len(new), "Writing the history")
    try:
        added = store.save_many(new)
    except StoreError as exc:
        progress.close()
        err.print(safe(f"runtrainer: {exc}; nothing was imported"), markup=False)
        return EXIT_REFUSED
    progress.close()
    for notice in store.notices:  # what the write did besides adding (damaged lines kept aside)
        err.print(safe(f"runtrainer: {notice.message}"), markup=False)
    store.notices.clear()
    out.print(safe(f"{plural(added, 'new session')}, {len(imported.sessions) - added} already there: {source}"),
              markup=False)
    return 0


def _list(out: Console, sessions: list[Session]) -> None:
    ordered = sorted(sessions, key=lambda s: s.started)
    for s in ordered[:LISTED]:
        out.print(safe(f"  {s.started[:16].replace('T', ' ')}  {s.routine}  ({s.kind}, "
                       f"{plural(s.sets_done, 'set')})"), markup=False)
    if len(ordered) > LISTED:
        out.print(f"  ... and {len(ordered) - LISTED} more", markup=False)
