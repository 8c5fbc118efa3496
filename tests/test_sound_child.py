"""simpleaudio plays in a child process of its own: the UI thread only writes a line to its pipe. Real parts: the
real simpleaudio into ALSA's file plugin (every played frame appended to out.raw), a real child, killed for real.
Waits are bounded polls on a condition, never a sleep taken for a result."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import wave
from pathlib import Path

import pytest
from helpers import Pane, need_tmux

from runtrainer.audio import CuePlayer, SimpleaudioBackend, choose_backend, sounds_dir
from runtrainer.audio_child import SoundLost

ROOT = Path(__file__).resolve().parents[1]


def _need_simpleaudio() -> None:
    try:
        import simpleaudio  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("simpleaudio is not installed (pip install '.[audio]')")


def until(condition, what: str, tries: int = 1000) -> None:
    """Poll ``condition`` (at most ``tries`` × 10 ms): a bound on a wait, not a timing that is asserted."""
    pause = threading.Event()
    for _ in range(tries):
        if condition():
            return
        pause.wait(0.01)
    raise AssertionError(f"never happened: {what}")


def frames(name: str) -> bytes:
    with wave.open(str(sounds_dir() / f"{name}.wav")) as w:
        return w.readframes(w.getnframes())


@pytest.fixture
def alsa(tmp_path, monkeypatch) -> Path:
    """ALSA's default device appends every played frame to the returned out.raw (the child inherits HOME)."""
    _need_simpleaudio()
    out = tmp_path / "out.raw"
    (tmp_path / ".asoundrc").write_text(
        f'pcm.!default {{\n  type file\n  slave.pcm "null"\n  file "|cat >> {out}"\n  format "raw"\n}}\n')
    monkeypatch.setenv("HOME", str(tmp_path))
    return out


def size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


@pytest.fixture
def player(alsa):
    backend = SimpleaudioBackend()
    player = CuePlayer(backend)
    news: list[str] = []
    player.news = news.append
    player.told = news  # type: ignore[attr-defined]
    yield player
    backend.close()


def test_each_cue_s_bytes_arrive_in_alsa_in_order_and_the_child_says_when_each_ends(alsa, player, tmp_path):
    rendered = tmp_path / "next squats.wav"  # a rendered "Next: <name>" is played by its path
    rendered.write_bytes((sounds_dir() / "say_next_squats.wav").read_bytes())
    names = ["go", "hold", "count", "switch"]
    for name in names:
        done = player.backend.play(name)
        assert done is not None
        done.wait_done()  # the child says when the sound has finished: the next starts after it
    player.backend.play_file(rendered).wait_done()
    player.play_sound("say_rest")  # the speech thread waits for each word to end before the next
    player.play_sound("say_last_set")
    player.drain()
    expected = b"".join(frames(n) for n in ["silence", *names, "say_next_squats", "say_rest", "say_last_set"])
    until(lambda: size(alsa) >= len(expected), "every frame in out.raw")
    assert alsa.read_bytes() == expected
    assert player.failures == 0


def test_the_player_gives_way_to_runtrainer_for_the_cpu(player):
    """Measured through a pty with sound on (ALSA's file plugin): a phase change's frame reached the terminal 7-8 ms
    after its moment, 5 ms with sound off; the player, woken by the same cue, took the core the frame needed. It
    runs at a lower priority (niceness 10 above runtrainer's), once past its probe."""
    from runtrainer.sound_child import NICENESS

    player.backend.play("go").wait_done()  # the child is serving (its probe passed)
    assert os.getpriority(os.PRIO_PROCESS, player.backend.pid) == os.getpriority(os.PRIO_PROCESS, 0) + NICENESS


def test_muted_cues_never_reach_the_child(alsa, player):
    player.muted = True
    from runtrainer.core.events import Cue, CueKind
    from runtrainer.core.plan import Phase, Step

    step = Step(phase=Phase.REST, seconds=30.0, exercise=0, set_index=0)
    assert player.play(Cue(CueKind.PHASE_STARTED, 0.0, step)) == ["rest", "say_rest"]
    player.muted = False
    player.backend.play("go").wait_done()
    until(lambda: size(alsa) >= len(frames("silence") + frames("go")), "the probe's silence and the go in out.raw")
    assert alsa.read_bytes() == frames("silence") + frames("go"), "nothing of the muted rest was played"


def test_a_killed_child_is_started_again_told_once_and_the_cues_go_on(alsa, player):
    backend = player.backend
    first = backend.pid
    os.kill(first, signal.SIGKILL)
    # Cues go on being asked for while it is dead and until the new one is up: none of them raises.
    until(lambda: backend.pid != first or player.play_sound("tick"), "a new child")
    until(lambda: player.told, "the runner told")
    assert player.told == ["Sound: simpleaudio's player stopped (signal 9, SIGKILL); started again."]
    assert player.backend is backend
    assert player.failures > 1  # the death, and the ticks asked for before the new child was up
    before = size(alsa)
    backend.play("go").wait_done()
    until(lambda: size(alsa) >= before + len(frames("go")), "the go after the restart in out.raw")
    assert alsa.read_bytes()[before:].endswith(frames("go"))  # after the new child's probe
    assert player.told == ["Sound: simpleaudio's player stopped (signal 9, SIGKILL); started again."], "once"


def test_a_second_death_falls_back_to_the_bell_without_a_system_player(alsa, player, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-players"))  # no pw-play, paplay, aplay
    rings: list[str] = []
    player.ring = lambda: rings.append("ring")
    os.kill(player.backend.pid, signal.SIGKILL)
    until(lambda: len(player.told) == 1, "the first death told")
    until(lambda: player.backend.pid is not None and player.backend.deaths == 1, "started again")
    child = player.backend
    os.kill(child.pid, signal.SIGKILL)
    until(lambda: len(player.told) == 2, "the second death told")
    assert player.told[1] == "Sound: simpleaudio's player stopped again (signal 9, SIGKILL); now the terminal bell."
    assert player.backend.name == "bell" and player.failures == 2
    player.play_sound("go")
    player.play_sound("tick")  # the bell rings for the main cues only
    assert rings == ["ring"]


def test_a_second_death_falls_back_to_the_system_player_and_its_sound_arrives(alsa, player):
    if choose_backend("system").backend.name != "system":
        pytest.skip("no system player here")
    for deaths in (1, 2):
        until(lambda: player.backend.name != "simpleaudio" or player.backend.pid is not None, "a child")
        os.kill(player.backend.pid, signal.SIGKILL)
        until(lambda: len(player.told) == deaths, f"death {deaths} told")  # noqa: B023 - waited on at once
    assert player.backend.name == "system" and player.told[1].endswith("; now the system player.")
    before = size(alsa)
    player.backend.play("go").wait_done()
    until(lambda: size(alsa) >= before + len(frames("go")), "aplay's go in out.raw")
    assert alsa.read_bytes()[before:].startswith(frames("go"))  # aplay pads the last period with silence


def test_a_full_pipe_drops_the_sound_and_never_blocks(alsa, player):
    backend = player.backend
    os.kill(backend.pid, signal.SIGSTOP)  # a child that reads nothing: its pipe fills up
    try:
        with pytest.raises(SoundLost, match="pipe is full"):
            for _ in range(100_000):
                backend.play("tick")
        dropped = player.failures
        player.play_sound("go")  # through the player: counted, never raised
        assert player.failures == dropped + 1
    finally:
        os.kill(backend.pid, signal.SIGKILL)
        os.kill(backend.pid, signal.SIGCONT)


# --- the app: the runner is told in the message line; no child outlives runtrainer ---------------------------

def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"sound_child.py" in cmdline:
            found.append(int(entry))
    return found


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state == "Z"  # exited, waiting for init to reap it


@pytest.fixture
def pane(alsa, tmp_path):
    need_tmux()
    panes: list[Pane] = []

    def make(*args: str) -> Pane:
        panes.append(Pane(tmp_path, ["--no-inhibit", "--audio", "simpleaudio", *args]))
        return panes[-1]

    yield make
    for p in panes:
        p.close()


def _app_and_child(pane: Pane) -> tuple[int, int]:
    app = int(pane.tmux("display", "-p", "-t", pane.name, "#{pane_pid}").stdout)
    until(lambda: _children(app), "the sound child started")
    return app, _children(app)[0]


def test_a_child_killed_mid_workout_is_told_once_in_the_message_line(pane, alsa):
    p = pane("start", "gym")
    p.wait_for("CALF RAISES")
    app, child = _app_and_child(p)
    # Past its probe, so the child is the player (killed in its probe, it is passed over): serving, it has lowered
    # its priority, and a cue has played. One CI run (Python 3.13, beside the 3.11 suite) saw no "player stopped"
    # within 20 s of the kill; not seen again in 25 runs alone and under load. If it comes back, say what was there.
    from runtrainer.sound_child import NICENESS

    until(lambda: os.getpriority(os.PRIO_PROCESS, child) == os.getpriority(os.PRIO_PROCESS, app) + NICENESS,
          "the child serving (past its probe)")
    until(lambda: size(alsa) > len(frames("silence")), "a cue played")
    os.kill(child, signal.SIGKILL)
    try:
        screen = p.wait_for("player stopped")
    except AssertionError as exc:
        raise AssertionError(f"{exc}\nkilled {child} (gone: {_gone(child)}); the app's sound children now: "
                             f"{_children(app)}; out.raw {size(alsa)} bytes") from None
    assert screen.count("player stopped") == 1 and "ALSA" not in screen
    until(lambda: _children(app) and _children(app)[0] != child, "a new child")
    before = size(alsa)
    p.keys("S")  # skip on: the next phase's cue is played by the new child
    until(lambda: size(alsa) > before, "a cue after the restart in out.raw")
    assert "ALSA" not in p.text()


def test_the_child_ends_when_the_app_quits(pane):
    p = pane()
    p.wait_for("Quit")
    app, child = _app_and_child(p)
    p.keys("q")
    until(lambda: _gone(app), "the app gone")
    until(lambda: _gone(child), "the child gone with it")


def test_the_child_ends_when_the_app_is_terminated(pane):
    p = pane("start", "gym")
    p.wait_for("CALF RAISES")
    app, child = _app_and_child(p)
    os.kill(app, signal.SIGTERM)
    until(lambda: _gone(app), "the app gone")
    until(lambda: _gone(child), "the child gone with it")


PLAYS_IN_THE_APP_PROCESS = """
import sys
from runtrainer.audio import CuePlayer, choose_backend
choice = choose_backend("simpleaudio")
player = CuePlayer(choice.backend)
player.backend.play("go").wait_done()
player.play_sound("say_rest")
player.drain()
print(choice.backend.name, "simpleaudio" in sys.modules, "_simpleaudio" in str(list(sys.modules)))
"""


def test_runtrainer_s_own_process_never_loads_simpleaudio(alsa):
    """The device is opened (in C, holding the GIL) only in the child: the UI's process never imports the library."""
    result = subprocess.run([sys.executable, "-c", PLAYS_IN_THE_APP_PROCESS], capture_output=True, text=True,
                            timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["simpleaudio", "False", "False"]
    assert result.stderr == ""
    until(lambda: size(alsa) >= len(frames("silence") + frames("go") + frames("say_rest")), "the sounds in out.raw")
