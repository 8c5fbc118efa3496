from __future__ import annotations

import pytest

from runtrainer.core import catalog
from runtrainer.core.clock import FakeClock
from runtrainer.core.routine import Routine


@pytest.fixture(autouse=True)
def _private_cache_dir(tmp_path_factory, monkeypatch) -> None:
    """The user cache dir (the progress figures, rendered speech) is a fresh temporary one in every test: tests
    never read or write the real ~/.cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def gym() -> Routine:
    return catalog.builtin("gym")


@pytest.fixture
def post_run() -> Routine:
    return catalog.builtin("post-run")
