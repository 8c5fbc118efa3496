"""Audio cues: the backends that play them, how one is chosen, and the player (which sounds a cue makes:
cue_sounds.py, re-exported here).

Never imports textual. Priorities, so the ears can trust what they hear:

* Spoken cues ("Switch sides", "Rest", "Last set", "Next: leg press") are never cut off: they play one after
  another on their own thread, each waiting for the one before to finish.
* Tones (go, hold, 3-2-1, release, rest, set done ...) play at once; on a real device they mix with speech
  rather than wait for it, so a countdown is never late.
* A rep tick is the least important sound: it is dropped while someone is speaking, so it neither delays nor
  muddies a word.
* Counted aloud (spoken_count.py), a number waiting its turn gives its place to the next: one word behind at most.

simpleaudio plays in a child process of its own (audio_child.py): the UI thread only writes a line to its pipe.
"""

from __future__ import annotations

import contextlib
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from runtrainer.audio_wait import WaitingBackend
from runtrainer.core.routine import Routine
from runtrainer.cue_sounds import DESCRIPTIONS as DESCRIPTIONS
from runtrainer.cue_sounds import SOUND_NAMES as SOUND_NAMES
from runtrainer.cue_sounds import SPEECH_NAMES as SPEECH_NAMES
from runtrainer.cue_sounds import TONE_NAMES as TONE_NAMES
from runtrainer.cue_sounds import cue_sounds as cue_sounds
from runtrainer.cue_sounds import slug as slug
from runtrainer.cue_sounds import sounds_dir as sounds_dir
from runtrainer.spoken_count import COUNT_NAMES, CountWaiting
from runtrainer.voice import SPOKEN, Voice

if TYPE_CHECKING:
    from runtrainer.audio_child import SimpleaudioBackend as SimpleaudioBackend
    from runtrainer.audio_probe import SimpleaudioProbe
    from runtrainer.core.engine import Cue

BACKEND_NAMES = ("simpleaudio", "system", "bell", "off")


# --- backends -------------------------------------------------------------------------------------------

class Playing(Protocol):
    def wait_done(self) -> None: ...


class Backend(Protocol):
    name: str

    def play(self, sound: str) -> Playing | None:
        """Start playing a sound and return at once (a handle to wait on, or None)."""


class NullBackend:
    name = "off"

    def play(self, sound: str) -> None:
        return None


class BellBackend:
    """The terminal bell: one ring for the cues that matter most (never for rep ticks or counts)."""

    name = "bell"
    RINGS = frozenset({"go", "switch", "set_done", "rest", "workout_done", "next_exercise"})

    def __init__(self, ring: Callable[[], None] | None = None) -> None:
        self.ring: Callable[[], None] = ring or self._write_bel
        """The app replaces this with its own bell, so the ring goes through the TUI's output."""

    @staticmethod
    def _write_bel() -> None:
        sys.stdout.write("\a")
        sys.stdout.flush()

    def play(self, sound: str) -> None:
        if sound in self.RINGS:
            self.ring()


class _Process:
    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self.proc = proc

    def wait_done(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.wait(timeout=10)


class SystemBackend:
    """The system's own player: pw-play, paplay or aplay on Linux, afplay on macOS, winsound on Windows."""

    name = "system"
    LINUX = ("pw-play", "paplay", "aplay")

    def __init__(self, command: list[str], folder: Path | None = None) -> None:
        self.command = command
        self.folder = folder or sounds_dir()

    def play(self, sound: str) -> Playing | None:
        return self.play_file(self.folder / f"{sound}.wav")

    def play_file(self, path: Path) -> Playing | None:
        if self.command == ["winsound"]:  # pragma: no cover - Windows only
            import winsound

            winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)  # type: ignore[attr-defined]
            return None
        proc = subprocess.Popen([*self.command, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        return _Process(proc)


def system_player() -> list[str] | None:
    if sys.platform == "win32":  # pragma: no cover
        return ["winsound"]
    if sys.platform == "darwin":  # pragma: no cover
        return ["afplay"] if shutil.which("afplay") else None
    for name in SystemBackend.LINUX:
        path = shutil.which(name)
        if path:
            return [path, "-q"] if name == "aplay" else [path]
    return None


def __getattr__(name: str) -> Any:
    if name == "SimpleaudioBackend":  # imported when first asked for: start-up's first frame does without it
        from runtrainer.audio_child import SimpleaudioBackend

        return SimpleaudioBackend
    raise AttributeError(name)


# --- choosing one; simpleaudio is probed in the child that then plays (audio_child.py) ---------------------

@dataclass
class Choice:
    """The backend that plays the cues, why it was chosen, and the better ones passed over (and why)."""

    backend: Backend
    why: str
    passed_over: list[str] = field(default_factory=list)

    def explain(self) -> str:
        """Why better backends were passed over, short enough for a notice that must not cover the workout
        (the reasons' details in brackets are left to `runtrainer sound-check`)."""
        reasons = [passed.split(": ", 1)[-1].split(" (")[0] for passed in self.passed_over]
        return "; ".join(reasons) + ". `runtrainer sound-check` tells more." if reasons else ""


def start_probe(preference: str | None = None) -> SimpleaudioProbe | None:
    """Start simpleaudio's probe in a child process now, for ``choose_backend`` to read later (so start-up runs
    it beside the UI's imports). None when simpleaudio would not be tried first."""
    if preference not in (None, "auto", "simpleaudio"):
        return None
    from runtrainer.audio_probe import SimpleaudioProbe

    return SimpleaudioProbe(sounds_dir() / "silence.wav", sounds_dir())


def _try_simpleaudio(probe: SimpleaudioProbe | None = None) -> tuple[Backend | None, str]:
    # Probed in a child process that stays as the player: a native crash there passes simpleaudio over (or, later,
    # costs a restart) instead of killing runtrainer; its ALSA messages never reach the terminal.
    from runtrainer.audio_child import SimpleaudioBackend

    try:
        backend = SimpleaudioBackend(probe=probe or start_probe())
    except Exception as exc:  # noqa: BLE001 - any failure means: not this backend
        return None, str(exc)
    return backend, "plays the cue WAVs in a process of its own"


def _try_system() -> tuple[Backend | None, str]:
    command = system_player()
    if command is None:
        return None, "no system player found (pw-play, paplay, aplay, afplay)"
    if command == ["winsound"]:  # pragma: no cover
        return SystemBackend(command), "winsound"
    try:  # 20 ms of silence, shipped with the cues (writing a WAV here would cost start-up a tempfile import)
        result = subprocess.run([*command, str(sounds_dir() / "silence.wav")], capture_output=True, timeout=5,
                                stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"{Path(command[0]).name} failed ({exc})"
    if result.returncode != 0:
        first = (result.stderr.decode(errors="replace").strip().splitlines() or [f"exit {result.returncode}"])
        last = first[-1][:80]
        return None, f"{Path(command[0]).name} cannot play here ({last})"
    return SystemBackend(command), f"plays the cue WAVs with {Path(command[0]).name}"


def choose_backend(preference: str | None = None, ring: Callable[[], None] | None = None,
                   terminal: bool = True, probe: SimpleaudioProbe | None = None) -> Choice:
    """Pick a backend: the one asked for if it works, else the first that works of simpleaudio, the system
    player, the terminal bell. Every backend passed over is listed with its reason. ``probe``: simpleaudio's,
    already running (``start_probe``); without it one is run here if simpleaudio is tried."""
    preference = preference or "auto"
    if preference == "off":
        return Choice(NullBackend(), "sound turned off")
    order = ["simpleaudio", "system", "bell"]
    if preference in order:
        order.remove(preference)
        order.insert(0, preference)
    passed: list[str] = []
    for name in order:
        if name == "simpleaudio":
            backend, why = _try_simpleaudio(probe)
        elif name == "system":
            backend, why = _try_system()
        elif terminal:
            backend, why = BellBackend(ring), "the terminal bell, for the main cues only"
        else:
            backend, why = None, "not a terminal"
        if backend is not None:
            if preference not in ("auto", name):
                why += f"; {preference} was asked for but {passed[0].split(': ', 1)[1]}"
            return Choice(backend, why, passed)
        passed.append(f"{name}: {why}")
    return Choice(NullBackend(), "nothing can play sound here", passed)


# --- the player ---------------------------------------------------------------------------------------

class CuePlayer:
    """Turns engine cues into sounds on one backend, by the priorities above. ``muted`` silences it."""

    def __init__(self, backend: Backend, muted: bool = False, threaded: bool = True, why: str = "",
                 voice: Voice | None = None) -> None:
        self.backend = backend
        self.voice = voice
        """Renders and caches "Next: <name>" for exercises the shipped WAVs do not name (None: the tone)."""
        self.muted = muted
        self.why = why
        self.failures = 0
        """Plays that raised; counted, never raised (a cue must never take the workout down)."""
        self._threaded = threaded
        self._speech: queue.Queue[str] = queue.Queue()
        self._speaking = threading.Event()
        self._worker: threading.Thread | None = None
        self._count = CountWaiting()
        self.news: Callable[[str], object] = lambda text: None
        """Told (from a thread) what the runner should hear of mid-workout: the sound player stopped."""
        self.ring: Callable[[], None] | None = None
        """The bell to fall back on (the app's, through the TUI's output)."""
        self._watch(backend)

    def _watch(self, backend: Backend) -> None:
        """A backend playing in a child process (``audio_child``) tells its failures and the child's death here."""
        child = sys.modules.get("runtrainer.audio_child")  # not imported yet: no backend is one of its
        if child is not None and isinstance(backend, child.SimpleaudioBackend):
            backend.lost, backend.failed = self._lost, self._failed

    def _failed(self) -> None:
        self.failures += 1

    def _lost(self, why: str, fall_back: bool) -> None:
        """simpleaudio's player died (told once per death, on its reader thread): started again the first time;
        the second, the system player if one works here, else the bell."""
        self.failures += 1
        if fall_back:
            backend, _ = _try_system()
            self.backend = backend or BellBackend(self.ring)
            why += f"; now {'the system player' if backend else 'the terminal bell'}"
        self.news(f"Sound: {why}.")

    def play(self, cue: Cue, routine: Routine | None = None) -> list[str]:
        """Play a cue's sounds (unless muted); returns their names either way."""
        names = cue_sounds(cue, routine)
        if not self.muted:
            for name in names:
                self.play_sound(name)
        return names

    def prepare(self, routine: Routine) -> threading.Thread | None:
        """Render, in the background, the spoken names this routine's cues will ask for."""
        if self.voice is None or not self.voice.available:
            return None
        words = [f"Next: {e.name}" for e in routine.exercises if f"say_next_{slug(e.name)}" not in SPEECH_NAMES]
        thread = threading.Thread(target=self.voice.render_all, args=(words,), name="runtrainer-voice", daemon=True)
        thread.start()
        return thread

    def use(self, backend: Backend, why: str = "") -> None:
        """The chosen backend, in place of a ``WaitingBackend``: the sounds it held still fresh play now."""
        held = self.backend.fresh() if isinstance(self.backend, WaitingBackend) else []
        self.backend, self.why = backend, why
        self._watch(backend)
        for name in [] if self.muted else held:
            self.play_sound(name)

    def play_sound(self, name: str) -> None:
        if isinstance(self.backend, WaitingBackend):  # held as asked for; routed when the backend is known
            self.backend.play(name)
            return
        if name.startswith(SPOKEN):  # words of the runner's own: their rendered WAV if ready, else the tone
            path = self.voice.ready(name[len(SPOKEN):]) if self.voice is not None else None
            if path is None or not hasattr(self.backend, "play_file"):
                name = "next_exercise"
            else:
                name = f"file:{path}"
        if name.startswith(("say_", "file:")):
            if self._threaded:
                self._ensure_worker()
                self._speaking.set()
                if name in COUNT_NAMES and not self._count.offer(name):
                    return  # a number was waiting its turn: this newer one took its place
                self._speech.put(CountWaiting.MARK if name in COUNT_NAMES else name)
            else:
                self._safe_play(name)
            return
        if name == "tick" and self._speaking.is_set():
            return
        self._safe_play(name)

    def _safe_play(self, name: str) -> Playing | None:
        try:
            if name.startswith("file:"):
                played: Playing | None = getattr(self.backend, "play_file")(Path(name[5:]))  # noqa: B009
                return played
            return self.backend.play(name)
        except Exception:  # noqa: BLE001
            self.failures += 1
            return None

    def _ensure_worker(self) -> None:
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._speak_loop, name="runtrainer-speech", daemon=True)
            self._worker.start()

    def _speak_loop(self) -> None:
        while True:
            name = self._speech.get()
            if name == CountWaiting.MARK:
                name = self._count.take()
            handle = self._safe_play(name)
            if handle is not None:
                with contextlib.suppress(Exception):
                    handle.wait_done()
            if self._speech.empty():
                self._speaking.clear()
            self._speech.task_done()

    def drain(self) -> None:
        """Wait until every queued spoken cue has been played (sound-check, tests, exit)."""
        if self._worker is not None:
            self._speech.join()
