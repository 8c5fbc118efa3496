"""Reading a file that anyone could have put there, without hanging or eating memory. Never imports textual."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, at most ``limit``; OSError for anything else. Opened without blocking (a
    FIFO with no writer would wait forever) and checked with fstat on what was opened (no race with a rename);
    a file that grows past the limit while read is cut at limit + 1 bytes, so the caller sees it is too big."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise OSError(0, "not a regular file (a FIFO, a device or a socket)")
        if st.st_size > limit:
            return b"\0" * (limit + 1)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 16, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def utf16_or_32(data: bytes) -> str:
    """"UTF-16" or "UTF-32" when ``data`` starts with that encoding's byte-order mark (what Excel's "Unicode text"
    and Windows' Notepad write), else "": such a file is text, only not UTF-8, and is better told so than called
    binary for its zero bytes."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    return ""
