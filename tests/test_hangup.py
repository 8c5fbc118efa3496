"""The terminal closes: the kernel sends SIGHUP and SIGCONT together. A tester closed a terminal 55 times and 4
runtrainers stayed behind, deaf to SIGTERM: Textual's SIGCONT handler (there for Ctrl+Z) had started drawing again
on the dead terminal, and the exit waited for ever on that drawing's full queue. After SIGHUP, SIGCONT resumes
nothing: the session is saved and the app exits."""

from __future__ import annotations

import os
import signal

import pytest
from helpers import app_for

from runtrainer.tui.screens.workout import WorkoutScreen


@pytest.fixture
def _signals_back():
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGHUP, signal.SIGCONT)}
    yield
    for sig, handler in handlers.items():
        signal.signal(sig, handler)


@pytest.mark.usefixtures("_signals_back")
async def test_sigcont_with_the_hangup_resumes_nothing_and_the_app_saves_and_exits(tmp_path, clock, gym):
    resumed: list[int] = []
    app = app_for(tmp_path, clock, gym)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WorkoutScreen)
        # What Textual's real terminal driver installs (the test's headless one does not): resume drawing on SIGCONT.
        signal.signal(signal.SIGCONT, lambda number, frame: resumed.append(number))
        both = {signal.SIGHUP, signal.SIGCONT}
        signal.pthread_sigmask(signal.SIG_BLOCK, both)
        os.kill(os.getpid(), signal.SIGHUP)  # as a hangup sends them: both pending at once
        os.kill(os.getpid(), signal.SIGCONT)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, both)
        for _ in range(200):
            if not app.is_running:
                break
            await pilot.pause()
    assert resumed == [], "SIGCONT after the hangup started drawing again"
    assert not app.is_running
