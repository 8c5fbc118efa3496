"""runtrainer: a terminal workout timer for runners who strength-train."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def get_version() -> str:
    """The version, read once from the installed package's metadata (it lives only in pyproject.toml)."""
    try:
        return version("runtrainer")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"
