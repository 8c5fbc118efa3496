"""What the workout screen shows, as plain data: one frozen ``View`` made from the engine's snapshot. The
screen redraws only what differs from the last one. No textual, and no key names (the key bar says those)."""

from __future__ import annotations

import math
from typing import NamedTuple, Protocol

from runtrainer.core.engine import Engine, Snapshot, State
from runtrainer.core.plan import Phase, Step, end_of_run, format_clock, next_work
from runtrainer.store import Part, SetRecord

BANNER_TEXT = {
    Phase.GET_READY: "» GET READY «",
    Phase.LIFT: "▲ LIFT ▲",
    Phase.HOLD: "■ HOLD ■",
    Phase.LOWER: "▼ LOWER ▼",
    Phase.PAUSE: "● PAUSE AT THE BOTTOM ●",
    Phase.WORK: "GO",
    Phase.REST: "≈ REST ≈",
    Phase.SWITCH: "⇄ SWITCH SIDES ⇄",
    Phase.WAIT: "READY?",
    Phase.DONE: "✔ WORKOUT COMPLETE ✔",
}
"""Each phase has its own word and its own shape, so it reads without colour (NO_COLOR) as well as with it."""


class Looks(Protocol):
    """What the view needs from the session besides the engine: this runner's numbers."""

    def weight_for(self, exercise_index: int) -> tuple[float | None, str]: ...

    def last_time(self, exercise_index: int) -> str: ...

    @property
    def active_before(self) -> float:
        """Active seconds done before this run of the engine (a resumed session's), for the progress line."""



class _Plain:
    def weight_for(self, exercise_index: int) -> tuple[float | None, str]:
        return None, "kg"

    def last_time(self, exercise_index: int) -> str:
        return ""

    @property
    def active_before(self) -> float:
        return 0.0


def time_text(seconds: float) -> str:
    """Digits for a duration: "45" under a minute, "1:30" above."""
    whole = max(0, int(seconds))
    return str(whole) if whole < 60 else f"{whole // 60}:{whole % 60:02d}"


class View(NamedTuple):
    """Exactly what the screen shows. The screen redraws only when this changes."""

    title: str
    exercise: str
    where: str
    phase: Phase
    banner: str
    paused: bool
    time: str
    """The big number: seconds left (or gone); in a set paced rep by rep, the rep count (see ``_numbers``)."""
    time_label: str
    rep: str
    """The small number beside it: the rep count, or in a set paced rep by rep the phase's seconds left."""
    rep_label: str
    next: str
    progress: int
    progress_label: str
    note: str


def describe_set(engine: Engine, step: Step, looks: Looks | None = None) -> str:
    """"Leg press · set 1/3 · 10 reps · 80 kg · feet wide": what the set is, with the load to use."""
    ex = engine.routine.exercises[step.exercise]
    parts = [ex.name, f"set {step.set_index + 1}/{ex.sets}"]
    if step.side:
        parts.append(f"{step.side} {ex.side_word}")  # "left leg", as the banner says it
    if ex.hold_seconds:
        parts.append(f"hold {format_clock(ex.hold_seconds)}")
    elif ex.reps:
        parts.append(f"{ex.reps.label} {'rep' if ex.reps.label == '1' else 'reps'}"
                     + (f" each {ex.side_word}" if ex.per_side and not step.side else ""))
    return " · ".join(parts + _load_and_variation(engine, step, looks or _Plain()))


def _load_and_variation(engine: Engine, step: Step, looks: Looks) -> list[str]:
    """The load to use (this runner's, else the routine's) and the set's variation, as they are shown."""
    ex = engine.routine.exercises[step.exercise]
    weight, unit = looks.weight_for(step.exercise)
    if weight is None:
        weight, unit = ex.weight, ex.unit
    variation = ex.variation_for(step.set_index)
    return ([f"{weight:g} {unit}"] if weight is not None else []) + ([variation] if variation else [])


def _describe_from(engine: Engine, i: int, looks: Looks | None = None) -> str:
    j = next_work(engine.steps, i)
    return "the end" if j is None else describe_set(engine, engine.steps[j], looks)


def back_words(engine: Engine) -> str:
    """The answer to `b`: where it went (the set again, from its first side; the get-ready again)."""
    ahead = upcoming(engine) if not engine.step.in_set else engine.step
    if ahead is None or not ahead.in_set:
        return "Get ready again"
    ex = engine.routine.exercises[ahead.exercise]
    return f"Again: {ex.name}, set {ahead.set_index + 1}/{ex.sets}" + (f", {ahead.side} {ex.side_word}" if ahead.side
                                                                         else "")


def upcoming(engine: Engine) -> Step | None:
    """Between sets (a rest, a count-in, waiting): the set that comes next, which the screen is about."""
    step = engine.step
    if engine.resume_to is not None:
        return engine.steps[engine.resume_to]
    if step.in_set or step.phase in (Phase.SWITCH, Phase.DONE) or step.side is not None:
        return None
    j = next_work(engine.steps, engine.index)
    return engine.steps[j] if j is not None else None


def next_label(engine: Engine, looks: Looks | None = None) -> str:
    """What comes after the step in progress, in words."""
    step, steps = engine.step, engine.steps
    if step.phase is Phase.DONE:
        return ""
    if engine.resume_to is not None:
        return _describe_from(engine, engine.resume_to, looks)
    if step.in_set:
        j = end_of_run(steps, engine.index, lambda st: st.set_key == step.set_key)
        nxt = steps[j]
        if nxt.phase is Phase.SWITCH:
            return f"Switch to the {nxt.side} {engine.routine.exercises[nxt.exercise].side_word}"
        if nxt.phase is Phase.REST:
            return f"Rest {format_clock(nxt.seconds or 0)}, then " + _describe_from(engine, j, looks)
        if nxt.phase is Phase.DONE:
            return "Workout complete"
        return _describe_from(engine, j, looks)
    return _describe_from(engine, engine.index + 1 if step.phase is Phase.SWITCH else engine.index, looks)


def _where(engine: Engine, snap: Snapshot, ahead: Step | None, looks: Looks) -> str:
    """Where in the routine, and with what: equipment, load, the set's variation. Between sets: the next set."""
    if snap.state is State.FINISHED:
        return ""
    step = ahead or engine.step
    ex = engine.routine.exercises[step.exercise]
    parts = [f"Exercise {step.exercise + 1}/{len(engine.routine.exercises)}", f"Set {step.set_index + 1}/{ex.sets}"]
    if ahead is not None and not ahead.side and ex.per_side:
        parts.append(f"each {ex.side_word}")
    if ex.equipment:
        parts.append(ex.equipment)
    return " · ".join(parts + _load_and_variation(engine, step, looks))


def _banner(snap: Snapshot) -> str:
    banner = BANNER_TEXT[snap.phase]
    word = (snap.exercise.side_word if snap.exercise else "leg").upper()
    if snap.phase is Phase.SWITCH and snap.side:
        banner = f"⇄ SWITCH SIDES → {snap.side.upper()} {word} ⇄"
    elif snap.phase is Phase.HOLD and snap.remaining is not None:
        banner = f"■ HOLD  {math.ceil(snap.remaining - 1e-9)} ■"
    if snap.side and snap.phase is not Phase.SWITCH:
        banner += f"   {snap.side.upper()} {word}"
    if snap.state is State.PAUSED:
        banner = f"‖ PAUSED ‖ ({banner})"
    return banner


def _note(engine: Engine, snap: Snapshot, ahead: Step | None, looks: Looks) -> str:
    step = ahead or engine.step
    if snap.state is State.FINISHED:
        return ""
    ex = engine.routine.exercises[step.exercise]
    lines = []
    if snap.side and ahead is None:
        lines.append(f"Working leg: {snap.side.upper()} (the one you stand on, or step with)" if ex.side_word == "leg"
                     else f"Working {ex.side_word}: {snap.side.upper()}")
    last = looks.last_time(step.exercise)
    if last and (ahead is not None or snap.phase is Phase.GET_READY):
        lines.append(f"Last time: {last}")
    if ex.note:
        lines.append(ex.note)
    return "\n".join(lines)


def _numbers(snap: Snapshot) -> tuple[str, str, str, str]:
    """(the big number, its label, the small one, its label). The big one is what the runner follows from across
    the room: the seconds left (or gone), but in a set paced rep by rep the rep count, with the phase's 1-3 seconds
    small beside it (the banner and the sounds carry the phase; a "1" filling the screen told nothing)."""
    time, time_label, rep, rep_label = _time_and_rep(snap)
    if rep:
        return rep, rep_label, time, time_label
    return time, time_label, rep, rep_label


def _time_and_rep(snap: Snapshot) -> tuple[str, str, str, str]:
    """(time, its label, rep, its label)."""
    if snap.phase is Phase.DONE:
        time, time_label = "", ""
    elif snap.phase is Phase.WAIT:
        time, time_label = time_text(snap.elapsed), "waiting for you · seconds since the rest"
    elif snap.remaining is None:
        time, time_label = time_text(snap.elapsed), "seconds in this set"
    else:
        time, time_label = time_text(math.ceil(snap.remaining - 1e-9)), f"{snap.phase.value} · seconds left"
    rep, rep_label = "", ""
    if snap.rep is not None and snap.rep_target is not None:
        rep, rep_label = str(snap.rep), f"rep {snap.rep} of {snap.rep_target.label}"
    elif snap.phase is Phase.WORK and snap.rep_target is not None:
        rep_label = f"target {snap.rep_target.label} reps"
    return time, time_label, rep, rep_label


def make_view(engine: Engine, looks: Looks | None = None) -> View:
    looks = looks or _Plain()
    snap = engine.snapshot()
    ahead = upcoming(engine)
    ex = engine.routine.exercises[(ahead or engine.step).exercise] if snap.state is not State.FINISHED else None
    time, time_label, rep, rep_label = _numbers(snap)
    nxt = next_label(engine, looks)
    if ahead is not None and snap.phase is not Phase.REST:
        nxt = describe_set(engine, ahead, looks)  # counting in, or waiting: this set, in full
    total = engine.planned_total or 1
    return View(
        title=engine.routine.name,
        exercise=ex.name if ex else engine.routine.name,
        where=_where(engine, snap, ahead, looks),
        phase=snap.phase,
        banner=_banner(snap),
        paused=snap.state is State.PAUSED,
        time=time,
        time_label=time_label,
        rep=rep,
        rep_label=rep_label,
        next=(f"Next: {nxt}" if ahead is None or snap.phase is Phase.REST else f"Now: {nxt}") if nxt else "",
        # Whole per cent: the line repaints only when that changes. 100 % only when the workout is done: a last
        # set run past its estimate stays at 99 %.
        progress=int(snap.progress * 100) if snap.state is State.FINISHED else min(99, int(snap.progress * 100)),
        # Whole minutes: the session's progress need not repaint every second (the big digits do that).
        # A resumed session counts the minutes done before it was cut off (as its summary does).
        progress_label=f"{int((looks.active_before + snap.active_seconds) // 60)} of ~{round(total / 60)} min",
        note=_note(engine, snap, ahead, looks),
    )


def _part_text(part: Part) -> str:
    if part.skipped:
        return "skipped"
    what = f"hold {part.hold_seconds:g} s" if part.hold_seconds is not None else (
        str(part.reps) if part.reps is not None else "done")
    return what if part.completed else f"{what} (stopped)"


def reps_text(rec: SetRecord) -> str:
    """What the set was, in a few words: "12 of 12–16", "hold 45 s", "8 of 8 per side", "left 10 · right 8",
    "skipped"."""
    if rec.sides and (len(rec.sides) < 2 or len({_part_text(p) for p in rec.sides}) > 1):
        return " · ".join(f"{p.side} {_part_text(p)}" for p in rec.sides) + (
            "" if len(rec.sides) == 2 else f" · {'right' if rec.sides[0].side == 'left' else 'left'} not done")
    if rec.skipped:
        return "skipped" if not rec.reps else f"{rec.reps} (skipped the rest)"
    if rec.hold_seconds is not None:
        what = f"hold {rec.hold_seconds:g} s"
    elif rec.reps is None:
        what = "done" if rec.completed else "stopped"
    else:
        what = f"{rec.reps} of {rec.target_label}" if rec.target_label else str(rec.reps)
    if rec.sides:
        what += " per side"
    return what if rec.completed or rec.reps is None else f"{what}, ended early"
