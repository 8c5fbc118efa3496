"""A wheel carries everything the app needs at run time: styles, routines and the cue sounds."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_contains_the_non_python_files(tmp_path):
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("runtrainer-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "runtrainer/tui/app.tcss" in names
    assert {"runtrainer/routines/gym.toml", "runtrainer/routines/post-run.toml"} <= names
    assert "runtrainer/schema/export-v2.json" in names  # the JSON export's documented schema
    sounds = {Path(n).name for n in names if n.startswith("runtrainer/sounds/") and n.endswith(".wav")}
    from runtrainer.audio import SOUND_NAMES

    assert {f"{s}.wav" for s in SOUND_NAMES} <= sounds
    assert {f"say_{n}.wav" for n in range(1, 31)} <= sounds  # the spoken count (--count-aloud), 1 to 30
    metadata = next(n for n in names if n.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Requires-Dist: textual" in text
    assert "Requires-Dist: simpleaudio" in text and "extra == 'audio'" in text
