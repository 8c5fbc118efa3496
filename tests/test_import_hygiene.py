"""The core never imports textual: it can be tested, benchmarked and reused without a terminal."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", [
    "runtrainer.core.routine", "runtrainer.core.engine", "runtrainer.core.catalog", "runtrainer.core.clock",
    "runtrainer.audio", "runtrainer.cli",
])
def test_core_modules_do_not_import_textual(module):
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
