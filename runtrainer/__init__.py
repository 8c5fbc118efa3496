"""runtrainer: a terminal workout timer for runners who strength-train."""

from __future__ import annotations


def get_version() -> str:
    """The version, read once from the installed package's metadata (it lives only in pyproject.toml).

    importlib.metadata is imported here, not at the top: it costs ~50 ms that start-up should not pay."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("runtrainer")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"
