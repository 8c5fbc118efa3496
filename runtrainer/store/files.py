"""The file system, carefully: atomic writes, locks, and plain reasons when a write fails. Never imports textual."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: locking falls back to O_EXCL lock files
    fcntl = None  # type: ignore[assignment]


@dataclass
class Notice:
    """Something the runner must be told about their history (shown once, plainly)."""

    message: str


class StoreError(Exception):
    """The store cannot be written where it is (read-only, full disk, not a directory...)."""


PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
"""A runner's history is theirs alone: every directory and file the store makes has these modes, whatever the
umask (``mkdir``'s mode is masked by the umask, and a parent made by ``parents=True`` gets 0777 & ~umask)."""


def make_private_dir(path: Path) -> None:
    """``path`` and any parent it needs, each created 0700 (one that already exists is left as it is)."""
    missing = []
    here = path
    while not here.exists() and here != here.parent:
        missing.append(here)
        here = here.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            continue  # made meanwhile by another runtrainer
        os.chmod(folder, PRIVATE_DIR)


def open_private(path: Path, flags: int) -> int:
    """os.open for a file this store creates: 0600, whatever the umask."""
    fd = os.open(path, flags, PRIVATE_FILE)
    with contextlib.suppress(OSError):  # an older file of ours, made under another umask
        if os.fstat(fd).st_mode & 0o077:
            os.fchmod(fd, PRIVATE_FILE)
    return fd


def fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, text: str | bytes) -> None:
    """Write ``text`` (bytes: as they are; text: as UTF-8) to ``path`` so that a crash at any moment leaves the old
    file or the new one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(3).hex()}.tmp")
    try:
        fd = open_private(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as raw:
                raw.write(text)
                raw.flush()
                os.fsync(raw.fileno())
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path`` (created if needed), held for the block."""
    fd = open_private(path, os.O_RDWR | os.O_CREAT)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the flock


def set_aside(path: Path) -> Path:
    """Rename a file that cannot be used to ``<name>.corrupt-<time>`` (never over another backup)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.rename(path, backup)
    return backup


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def why(exc: OSError, where: Path) -> str:
    reasons = {errno.ENOSPC: "the disk is full", errno.EROFS: "the file system is read-only",
               errno.EACCES: "permission denied", errno.EPERM: "permission denied",
               errno.ENOTDIR: "a part of the path is not a directory", errno.EDQUOT: "over the disk quota"}
    return f"cannot write {where}: {reasons.get(exc.errno or 0, exc.strerror or str(exc))}"
