from __future__ import annotations

import pytest

from runtrainer.core import catalog
from runtrainer.core.clock import FakeClock
from runtrainer.core.routine import Routine, parse_routine


class RecordingBackend:
    """An audio backend that writes down what it was asked to play (and when, on the fake clock)."""

    name = "recording"

    def __init__(self, clock: FakeClock | None = None) -> None:
        self.clock = clock
        self.played: list[tuple[float | None, str]] = []

    def play(self, sound: str) -> None:
        self.played.append((self.clock() if self.clock else None, sound))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def gym() -> Routine:
    return catalog.builtin("gym")


@pytest.fixture
def post_run() -> Routine:
    return catalog.builtin("post-run")


def routine(text: str) -> Routine:
    return parse_routine(text, "test.toml")


async def advance(pilot, screen, clock: FakeClock, seconds: float, step: float = 0.5) -> None:
    """Let time pass on the fake clock, ticking the workout screen as its timer would, then let the app draw."""
    target = clock.now + seconds
    while clock.now < target - 1e-9:
        clock.advance(min(step, target - clock.now))
        screen.tick()
    await pilot.pause()
