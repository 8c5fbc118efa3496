"""The question when the runner quits a workout (q, Ctrl+C, Ctrl+Q): keep it as ended early, discard it (asked
twice when sets were done: they would be lost), or go on with it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from runtrainer.tui.messages import WorkoutLeft, WorkoutOver

if TYPE_CHECKING:
    from runtrainer.session import WorkoutSession
    from runtrainer.tui.app import RuntrainerApp


def ask(app: RuntrainerApp, session: WorkoutSession, was_running: bool) -> None:
    """Ask; act on the answer. ``was_running``: the session was running when asked (it goes on running)."""
    from runtrainer.tui.screens.confirm import Confirm, QuitDialog

    done = session.sets_done

    def answered(choice: str | None) -> None:
        if choice == "save":
            session.end_early(keep_empty=True)  # asked for, even with nothing done
            app.post_message(WorkoutOver(session))
        elif choice == "discard" and done:
            app.push_screen(Confirm(f"Discard this workout for good? The {done} set{'s' if done > 1 else ''} "
                                    "done will not be kept.",
                                    yes="Discard it", no="No, back to the workout"), sure)
        elif choice == "discard":
            session.discard()
            app.post_message(WorkoutLeft())
        else:
            if was_running:
                session.engine.resume()
            app.go_on()

    def sure(yes: bool | None) -> None:
        if not yes:
            answered(None)  # not sure after all: the workout goes on
            return
        session.discard()
        app.post_message(WorkoutLeft())

    app.push_screen(QuitDialog(done, session.planned), answered)
