"""The question at start about an unfinished workout (its process died: a crash, kill -9, a power cut): resume
it, or keep it as ended early. One question per unfinished workout, oldest first."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from runtrainer.core import catalog
from runtrainer.store import Session, StoreError

if TYPE_CHECKING:
    from runtrainer.tui.app import RuntrainerApp


def offer(app: RuntrainerApp, orphans: list[Session], then: Callable[[], None]) -> None:
    """Ask about ``orphans[0]``, then about the others; ``then`` once none is resumed (`start NAME`'s workout)."""
    session = orphans[0]
    when = session.started[:16].replace("T", " ")
    question = (f"An unfinished workout: {session.routine}, started {when}, "
                f"{session.sets_done} of {session.planned_sets} sets done. Resume it?")

    def answered(resume: bool | None) -> None:
        routine = catalog.first_found((session.routine_id, session.routine), app.config_dir)
        if resume and routine is not None:
            assert app.store is not None
            try:
                app.store.adopt(session)
            except StoreError as exc:  # another runtrainer took it meanwhile
                app.notify(str(exc), severity="warning", timeout=10, markup=False)
                return
            app.start_workout(routine, session.routine_id, resume=session)
            return
        if resume:
            app.notify(f'The routine "{session.routine}" is no longer here; the session is kept as ended early.',
                       severity="warning", timeout=10, markup=False)
        keep_as_ended_early(app, session)
        if orphans[1:]:
            offer(app, orphans[1:], then)
        else:
            then()

    from runtrainer.tui.screens.confirm import Confirm

    app.push_screen(Confirm(question, yes="Resume it", no="Keep it as ended early", default_yes=True), answered)


def keep_as_ended_early(app: RuntrainerApp, session: Session) -> None:
    """Into the history as ended early, when its last set did (not before its own sets); Home's list updated."""
    assert app.store is not None
    session.status = "ended_early"
    session.ended = session.ended or max((r.ended for r in session.sets if r.ended), default=session.started)
    try:
        app.store.adopt(session)
        app.store.finish(session)
    except StoreError as exc:
        app.notify(str(exc), severity="error", timeout=15, markup=False)
    if app.home is not None:
        app.home.refresh_rows()
