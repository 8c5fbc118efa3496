"""A voice for every exercise: "Next: <name>" rendered with espeak-ng, once, into the user cache dir. Never imports
textual.

The shipped WAVs speak only the built-in exercises' names. For any other name, when espeak-ng is installed, the
words are rendered in the background when a routine is loaded, into ``<user cache dir>/speech/<key>.wav`` where
the key is a hash of the words, the voice and espeak's settings. The words are passed to espeak-ng as one argument
of an argument list, never through a shell. The cache is kept under ``CACHE_LIMIT`` bytes, the least recently
used files dropped first. Without espeak-ng the cue is the "next exercise" tone.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterable
from pathlib import Path

VOICE = "en"
SETTINGS = ("-s", "150", "-a", "160")
"""The shipped cues' speed and loudness (sounds/make_sounds.py), so a rendered name sounds like them."""
CACHE_LIMIT = 20 * 1024 * 1024
SPOKEN = "say:"
"""A cue sound named ``say:<words>`` is spoken through the cache (``audio.cue_sounds``)."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("runtrainer")) / "speech"


def spoken(words: str) -> str:
    """What espeak is given: control characters (a NUL cannot be passed at all) become spaces."""
    return " ".join(_CONTROL.sub(" ", words).split())


class Voice:
    """The cache of rendered words. ``espeak``: the espeak-ng program (None: not installed, so nothing is rendered)."""

    def __init__(self, folder: Path | None = None, espeak: str | None = None, limit: int = CACHE_LIMIT,
                 voice: str = VOICE) -> None:
        self.folder = folder or cache_dir()
        self.espeak = espeak
        self.limit = limit
        self.voice = voice
        self._lock = threading.Lock()

    @classmethod
    def find(cls, folder: Path | None = None) -> Voice:
        return cls(folder, shutil.which("espeak-ng"))

    @property
    def available(self) -> bool:
        return self.espeak is not None

    def path(self, words: str) -> Path:
        import hashlib  # here, not at start-up (~1.5 ms)

        key = hashlib.sha256("\0".join((self.voice, *SETTINGS, spoken(words))).encode()).hexdigest()[:32]
        return self.folder / f"{key}.wav"

    def ready(self, words: str) -> Path | None:
        """The rendered WAV of ``words`` if it is in the cache (marked as just used), else None."""
        path = self.path(words)
        try:
            os.utime(path)
        except OSError:
            return None
        return path

    def render(self, words: str) -> Path | None:
        """Render ``words`` unless cached; None when espeak-ng is missing or fails."""
        found = self.ready(words)
        if found is not None or self.espeak is None:
            return found
        path = self.path(words)
        with self._lock:
            try:
                self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
                tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
                result = subprocess.run([self.espeak, "-v", self.voice, *SETTINGS, "-w", str(tmp), spoken(words)],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, timeout=20, check=False)
                if result.returncode != 0 or not tmp.is_file():
                    with contextlib.suppress(OSError):
                        tmp.unlink()
                    return None
                os.replace(tmp, path)
            except (OSError, subprocess.SubprocessError):
                return None
            self.prune()
        return path

    def render_all(self, words: Iterable[str]) -> list[Path | None]:
        return [self.render(w) for w in words]

    def prune(self) -> None:
        """Drop the least recently used WAVs until the cache is within its limit."""
        try:
            files = [(p.stat().st_mtime_ns, p.stat().st_size, p) for p in self.folder.glob("*.wav")]
        except OSError:
            return
        total = sum(size for _, size, _ in files)
        for _, size, p in sorted(files, key=lambda f: f[0]):
            if total <= self.limit:
                break
            with contextlib.suppress(OSError):
                p.unlink()
                total -= size

    def describe(self) -> str:
        if self.espeak is None:
            return ("espeak-ng is not installed: your own exercises get the \"next exercise\" tone instead of their "
                    "name (install espeak-ng to hear it)")
        return f"your own exercises are spoken with {self.espeak} (\"Next: <name>\"), cached in {self.folder}"
