"""History screen: from `h` on Home to the screen's first frame with the newest session on it, through a pty
(what the runner sees), at each history size; this tree interleaved with another one (``--against DIR``: a
checkout of the code before, e.g. ``git worktree add /tmp/old c62da27``), round by round, so that machine noise
hits both alike. The figures cache (History's exercise list) is warmed before, as it is after the first use.

    python tests/bench/history_screen.py [--sizes 2000,10000] [--rounds 7] [--against DIR]
"""

from __future__ import annotations

import argparse
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from outside import PY, ROOT, base_env, build_history, read_until, spawn, stop  # noqa: E402


def quiet(fd: int, still: float = 0.4, limit: float = 10.0) -> None:
    """Read until the app has written nothing for ``still`` seconds (Home settled: the sound chosen, ...)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], still)
        if not ready:
            return
        os.read(fd, 65536)


def newest(n: int) -> bytes:
    """The newest session's start as the list shows it (make_history.py's dates)."""
    i = n - 1
    return f"{2000 + i // 336:04d}-{1 + i // 28 % 12:02d}-{1 + i % 28:02d} 07:{i % 60:02d}".encode()


def one(tree: Path, data: Path, env: dict[str, str], needle: bytes) -> float:
    """`h` to the newest session on the screen, in a fresh process of ``tree`` (-P: that tree, never the cwd)."""
    argv = [PY, "-P", "-m", "runtrainer", "--data-dir", str(data), "--no-inhibit", "--audio", "off"]
    pid, fd, _ = spawn(argv, {**env, "PYTHONPATH": str(tree)})
    try:
        if read_until(fd, b"Last done") is None:
            raise RuntimeError(f"{tree}: Home never showed")
        quiet(fd)
        t0 = time.monotonic()
        os.write(fd, b"h")
        at = read_until(fd, needle)
        if at is None:
            raise RuntimeError(f"{tree}: the newest session {needle!r} never showed")
        return at - t0
    finally:
        stop(pid, fd)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="2000,10000")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--against", type=Path, help="another checkout, measured in the same rounds")
    args = ap.parse_args()
    trees = {"this": ROOT, **({"against": args.against.resolve()} if args.against else {})}
    with tempfile.TemporaryDirectory() as home:
        env = base_env(home)
        for n in map(int, args.sizes.split(",")):
            data = build_history(n, Path(home) / f"h{n}")
            for tree in trees.values():  # the index and the figures cache made, bytecode written: not counted
                subprocess.run([PY, "-P", "-m", "runtrainer", "--data-dir", str(data), "stats"], check=True,
                               env={**env, "PYTHONPATH": str(tree)}, stdout=subprocess.DEVNULL)
                one(tree, data, env, newest(n))
            got: dict[str, list[float]] = {k: [] for k in trees}
            for _ in range(args.rounds):
                for name, tree in trees.items():
                    got[name].append(one(tree, data, env, newest(n)))
            line = [f"{n:>6} sessions:"]
            for name, t in got.items():
                line.append(f"{name} median {statistics.median(t) * 1000:.0f} ms "
                            f"(min {min(t) * 1000:.0f}, max {max(t) * 1000:.0f})")
            if "against" in got:
                ratios = [a / b for a, b in zip(got["this"], got["against"], strict=True)]
                line.append(f"this/against {statistics.median(ratios):.2f}")
            print("; ".join(line), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
