"""What the options and the environment say, checked: the directories (config, data), the sound backend, what
follows a rest, counting aloud. A bad value is a UsageError: one line, exit 2. No textual, no argparse."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit 2."""


def _expand(value: str, source: str) -> Path:
    try:
        return Path(value).expanduser()
    except RuntimeError:  # "~nouser/x": no such user, or no home to put in place of "~"
        raise UsageError(f'{source} is "{value}": the "~" in it names no home directory') from None


def _dir_option(value: str | None, env: str, default: Callable[[], str]) -> Path:
    """--option, else the environment variable, else ``default()`` (platformdirs: imported only then)."""
    if value is not None:
        option = env.lower().replace('runtrainer_', '--').replace('_', '-')
        if not value.strip():
            raise UsageError(f"{option} is empty; expected a directory path")
        return _expand(value, option)
    from_env = os.environ.get(env)
    if from_env is not None:
        if not from_env.strip():
            raise UsageError(f"{env} is set but empty; expected a directory path (or unset it)")
        return _expand(from_env, env)
    return Path(default())


def check_data_dir(path: Path) -> None:
    """A data dir that exists but is not a directory, or cannot be read, is a usage error; one that is missing is
    made later."""
    where = "(--data-dir / RUNTRAINER_DATA_DIR)"
    try:
        if not path.exists():
            return
        if not path.is_dir():
            raise UsageError(f"the data directory {path} is a file, not a directory {where}")
        os.listdir(path)
    except OSError as exc:
        raise UsageError(f"cannot use the data directory {path}: {exc.strerror or exc} {where}") from None


def config_dir(args: argparse.Namespace) -> Path:
    return _dir_option(args.config_dir, "RUNTRAINER_CONFIG_DIR", lambda: _platform_dir("config"))


def data_dir(args: argparse.Namespace) -> Path:
    return _dir_option(args.data_dir, "RUNTRAINER_DATA_DIR", lambda: _platform_dir("data"))


def _platform_dir(kind: str) -> str:
    import platformdirs

    where = platformdirs.user_config_dir if kind == "config" else platformdirs.user_data_dir
    return str(where("runtrainer"))


def after_rest(args: argparse.Namespace) -> str | None:
    """The runner's own choice (flag, then environment) over the routine's; None leaves it to the routine."""
    if getattr(args, "after_rest", None):
        return str(args.after_rest)
    value = os.environ.get("RUNTRAINER_AFTER_REST", "").strip().lower()
    if value and value not in ("start", "wait"):
        raise UsageError(f'RUNTRAINER_AFTER_REST is "{value}"; expected start or wait')
    return value or None


def count_aloud(args: argparse.Namespace) -> bool:
    """--count-aloud, else RUNTRAINER_COUNT_ALOUD (1/0, true/false, yes/no, on/off; empty: off)."""
    if getattr(args, "count_aloud", False):
        return True
    value = os.environ.get("RUNTRAINER_COUNT_ALOUD", "").strip().lower()
    if value not in ("", "1", "0", "true", "false", "yes", "no", "on", "off"):
        raise UsageError(f'RUNTRAINER_COUNT_ALOUD is "{value}"; expected 1 or 0 (or true/false, yes/no, on/off)')
    return value in ("1", "true", "yes", "on")


def audio_preference(args: argparse.Namespace) -> str | None:
    value: str
    if args.audio is not None:
        value, source = str(args.audio), "--audio"
    elif "RUNTRAINER_AUDIO" in os.environ:
        value, source = os.environ["RUNTRAINER_AUDIO"], "RUNTRAINER_AUDIO"
    else:
        return None
    from runtrainer.audio import BACKEND_NAMES  # here: a command that prints (an export) need not import audio

    if value.strip().lower() not in (*BACKEND_NAMES, "auto"):
        raise UsageError(f'{source} is "{value}"; expected one of {", ".join(BACKEND_NAMES)} (or auto)')
    return value.strip().lower()
