#!/usr/bin/env python3
"""Start-up counted in instructions, not milliseconds: `runtrainer start gym` and the bare one-Label app, each run
under valgrind's callgrind in a pty until its first frame is written (then it exits), with the instructions up to
chosen points. A count does not move with the machine's load (two runs agree to ~0.01%), where wall-clock ratios
on these shared 2-CPU machines move by ±0.05×; it says where start-up's work is, not how long it takes.

    python tests/bench/instructions.py [--data DIR]

Needs valgrind (`apt-get install valgrind`); each run takes ~10 s under it. Not collected by pytest."""

from __future__ import annotations

import argparse
import json
import os
import re
import select
import shutil
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import outside  # noqa: E402  (the pty and the environment, as the wall-clock start-up bench uses them)

PROBE = textwrap.dedent("""
    # Ends at STOP: "import" once Textual is imported, "run" as App.run is called, "frame" as the first frame is
    # written. Ended by SIGUSR1 (nothing here handles it: the process ends at once, nothing cleaned up, and callgrind
    # still writes its counts), where a clean exit would count the app's shutdown too.
    import os, signal, sys
    def end(*_args):
        signal.raise_signal(signal.SIGUSR1)
    stop = os.environ["STOP"]
    if stop == "import":
        import textual.app, textual.widgets
        end()
    from textual.app import App
    from textual.drivers.linux_driver import LinuxDriver
    if stop == "run":
        App.run = end
    write = LinuxDriver.write
    def first_frame(self, data):
        if "READY" in data or "hello bare" in data:
            end()
        return write(self, data)
    LinuxDriver.write = first_frame
    if sys.argv[1] == "bare":
        from textual.widgets import Label
        class Bare(App):
            def compose(self):
                yield Label("hello bare")
        Bare().run()
    else:
        import runtrainer.cli
        runtrainer.cli.main(["--data-dir", sys.argv[2], "--no-inhibit", "start", "gym"])
""")


def count(which: str, stop: str, data: Path, home: str) -> int:
    """Instructions (callgrind's total) of one run of ``which`` ("bare" or "gym") until ``stop``."""
    out = Path(home) / f"callgrind.{which}.{stop}"
    env = {**outside.base_env(home), "STOP": stop, "PYTHONHASHSEED": "0"}
    argv = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", "--compress-strings=no",
            outside.PY, "-c", PROBE, which, str(data)]
    pid, fd, _ = outside.spawn(argv, env)
    end = time.monotonic() + 180
    try:
        while time.monotonic() < end and os.waitpid(pid, os.WNOHANG) == (0, 0):
            if select.select([fd], [], [], 0.1)[0]:
                try:
                    os.read(fd, 65536)
                except OSError:
                    pass
    finally:
        outside.stop(pid, fd)
        outside.forget_workouts(data)
    found = re.search(r"^(?:summary|totals): (\d+)", out.read_text(), re.M) if out.exists() else None
    if found is None:
        raise SystemExit(f"{which} to {stop}: callgrind wrote no count")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, help="a data dir (default: an empty one)")
    opts = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    with tempfile.TemporaryDirectory() as home:
        data = opts.data or Path(home) / "data"
        data.mkdir(parents=True, exist_ok=True)
        for which in ("bare", "gym"):  # a first run of each writes the .pyc files the counted runs read
            count(which, "frame", data, home)
        got = {f"{which} {stop}": count(which, stop, data, home)
               for which in ("bare", "gym") for stop in ("import", "run", "frame")}
    m = {k: v / 1e6 for k, v in got.items()}
    print(json.dumps({"instructions_millions": {k: round(v, 1) for k, v in m.items()},
                      "frame_ratio": round(m["gym frame"] / m["bare frame"], 3),
                      "gym_before_run_beyond_textual": round(m["gym run"] - m["gym import"], 1),
                      "bare_before_run_beyond_textual": round(m["bare run"] - m["bare import"], 1),
                      "gym_run_to_frame": round(m["gym frame"] - m["gym run"], 1),
                      "bare_run_to_frame": round(m["bare frame"] - m["bare run"], 1)}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
