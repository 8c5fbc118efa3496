"""runtrainer: a terminal workout timer for runners who strength-train."""

from __future__ import annotations

import os
import sys


def get_version() -> str:
    """The version, read once from the installed package's metadata (it lives only in pyproject.toml).

    The usual install (one ``runtrainer-*.dist-info`` folder on ``sys.path``) is read here directly: importing
    importlib.metadata costs ~15-20 ms that `runtrainer stats` and every export paid for this one line (~50 ms that
    start-up should not pay). Anything else is left to importlib.metadata, imported then."""
    found = dist_info_version()
    if found is not None:
        return found
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("runtrainer")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def dist_info_version() -> str | None:
    """The Version of the first folder on ``sys.path`` holding runtrainer's metadata, as importlib.metadata finds
    it, when that is one ``runtrainer-*.dist-info`` folder whose METADATA names runtrainer; else None."""
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            if os.path.exists(entry or "."):
                return None  # a zip file, or a folder that cannot be listed: importlib.metadata looks there
            continue
        ours = [n for n in names if n.lower().startswith("runtrainer") and n.lower().endswith(("-info", ".egg"))]
        if not ours:
            continue
        if len(ours) != 1 or not ours[0].lower().startswith("runtrainer-") or not ours[0].endswith(".dist-info"):
            return None
        try:
            with open(os.path.join(entry or ".", ours[0], "METADATA"), encoding="utf-8") as f:
                head = [f.readline(1000).rstrip("\n") for _ in range(20)]  # a hostile METADATA: no huge line
        except (OSError, UnicodeDecodeError):
            return None
        name = next((line[6:].strip() for line in head if line.startswith("Name: ")), "")
        version = next((line[9:].strip() for line in head if line.startswith("Version: ")), "")
        return version if name.lower() == "runtrainer" and version else None
    return None
