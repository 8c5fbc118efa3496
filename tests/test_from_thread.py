"""What a thread hands to the screen is queued, never waited for. Textual's ``call_from_thread`` waits for its
callback, and for ever when the app stops in between: a tester closed the terminal while History's figures thread
was finishing, and the process stayed behind (PPID 1, deaf to SIGTERM: the interpreter waited at exit for the
thread, which waited for a loop that had stopped). 3 of 14 tries; a race, so the tests below pin the parts."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

from helpers import settled
from textual.app import App
from textual.widgets import Label

import runtrainer
from runtrainer.tui.from_thread import soon


class Two(App[None]):
    def compose(self):
        yield Label("x")


async def test_a_threads_callback_runs_on_the_ui_thread_and_the_thread_does_not_wait_for_it():
    app = Two()
    ran: list[int] = []
    returned = threading.Event()
    async with app.run_test() as pilot:
        ui = threading.get_ident()

        def work() -> None:
            soon(app, lambda value: ran.append(threading.get_ident() + value), 0)
            returned.set()

        thread = threading.Thread(target=work)
        thread.start()
        thread.join(timeout=10)
        assert returned.is_set() and not thread.is_alive()  # it returned with the UI loop busy here, in this test
        await settled(pilot, lambda: bool(ran), "the callback never ran")
        assert ran == [ui]


async def test_after_the_app_has_stopped_a_thread_hands_over_nothing_and_goes_on():
    app = Two()
    ran: list[int] = []
    async with app.run_test():
        pass
    thread = threading.Thread(target=soon, args=(app, ran.append, 1))
    thread.start()
    thread.join(timeout=10)
    assert not thread.is_alive() and ran == []


def test_no_module_waits_on_the_ui_from_a_thread():
    """Every thread in the package hands its results over with ``soon``: none calls ``call_from_thread``."""
    waiting = []
    for path in Path(runtrainer.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Attribute) and node.attr == "call_from_thread":
                waiting.append(f"{path.name}:{node.lineno}")
    assert waiting == []
