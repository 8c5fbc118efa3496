from __future__ import annotations

import pytest

from runtrainer.core import catalog
from runtrainer.core.clock import FakeClock
from runtrainer.core.routine import Routine


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def gym() -> Routine:
    return catalog.builtin("gym")


@pytest.fixture
def post_run() -> Routine:
    return catalog.builtin("post-run")
