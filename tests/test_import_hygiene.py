"""Everything outside tui/ never imports textual: the core, the session, the store and the command line can be
tested, benchmarked and reused without a terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import runtrainer

PACKAGE = Path(runtrainer.__file__).parent
OUTSIDE_TUI = sorted(
    ".".join(("runtrainer", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")
    for path in PACKAGE.rglob("*.py")
    if "tui" not in path.relative_to(PACKAGE).parts and path.name != "__main__.py"
)


@pytest.mark.parametrize("module", OUTSIDE_TUI)
def test_modules_outside_the_tui_do_not_import_textual(module):
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"

