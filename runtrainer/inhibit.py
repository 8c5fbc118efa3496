"""Keep the laptop awake while a workout runs. Never imports textual.

The inhibitor is a child process that holds the system's sleep lock for as long as it lives:
``systemd-inhibit ... cat`` on Linux, ``caffeinate -i -w PID`` on macOS. Its stdin is a pipe from us, so when
runtrainer exits for any reason, even kill -9, the pipe closes, ``cat`` ends and the lock goes with it.
It is released on pause and quit, and taken again on resume.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading


def inhibitor_command() -> list[str] | None:
    if sys.platform == "darwin":  # pragma: no cover - macOS
        path = shutil.which("caffeinate")
        return [path, "-i", "-w", str(os.getpid())] if path else None
    path = shutil.which("systemd-inhibit")
    if path:
        return [path, "--what=sleep:idle", "--who=runtrainer", "--why=A workout is running", "--mode=block", "cat"]
    return None


class SleepInhibitor:
    """Hold or release the sleep lock; ``problem`` says (once) why there is none."""

    CHECK_SECONDS = 0.5
    """How long a freshly started inhibitor gets to fail (no logind, no permission) before it counts as held."""

    def __init__(self, enabled: bool = True, command: list[str] | None = None) -> None:
        self.enabled = enabled
        self.command = command if command is not None else inhibitor_command()
        self.problem = "" if self.command or not enabled else "no sleep inhibitor here (systemd-inhibit, caffeinate)"
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    @property
    def held(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def acquire(self) -> str:
        """Take the lock (blocking up to CHECK_SECONDS: call from a worker thread). Returns a problem or ""."""
        if not self.enabled or not self.command:
            return self.problem
        with self._lock:
            if self.held:
                return ""
            try:
                proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
            except OSError as exc:
                self.problem = f"{os.path.basename(self.command[0])} could not start ({exc.strerror})"
                self.command = None
                return self.problem
            try:
                proc.wait(timeout=self.CHECK_SECONDS)
            except subprocess.TimeoutExpired:
                self._proc = proc
                return ""
            err = proc.stderr.read().decode(errors="replace").strip() if proc.stderr else ""
            reason = err.splitlines()[-1] if err else f"exit {proc.returncode}"
            self.problem = f"{os.path.basename(self.command[0])} failed: {reason}"
            self.command = None  # do not try again and again
            return self.problem

    def release(self) -> None:
        with self._lock:
            proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            if proc.stdin:
                proc.stdin.close()  # cat sees end of input and exits; the lock goes with it
            try:
                proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                proc.kill()
