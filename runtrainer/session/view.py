"""What the workout screen shows, as plain data: one frozen ``View`` made from the engine's snapshot. The
screen redraws only what differs from the last one. No textual, and no key names (the key bar says those)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from runtrainer.core.engine import Engine, Snapshot, State
from runtrainer.core.plan import Phase, Step, end_of_run, format_clock, next_work
from runtrainer.store import SetRecord

BANNER_TEXT = {
    Phase.GET_READY: "GET READY",
    Phase.LIFT: "LIFT",
    Phase.HOLD: "HOLD",
    Phase.LOWER: "LOWER",
    Phase.PAUSE: "PAUSE AT THE BOTTOM",
    Phase.WORK: "GO — done when the set is done",
    Phase.REST: "REST",
    Phase.SWITCH: "SWITCH SIDES",
    Phase.DONE: "WORKOUT COMPLETE",
}


def time_text(seconds: float) -> str:
    """Digits for a duration: "45" under a minute, "1:30" above."""
    whole = max(0, int(seconds))
    return str(whole) if whole < 60 else f"{whole // 60}:{whole % 60:02d}"


@dataclass(frozen=True)
class View:
    """Exactly what the screen shows. The screen redraws only when this changes."""

    title: str
    exercise: str
    where: str
    phase: Phase
    banner: str
    paused: bool
    time: str
    time_label: str
    rep: str
    rep_label: str
    next: str
    progress: int
    progress_label: str
    note: str


def describe_set(engine: Engine, step: Step) -> str:
    ex = engine.routine.exercises[step.exercise]
    parts = [ex.name, f"set {step.set_index + 1}/{ex.sets}"]
    if step.side:
        parts.append(f"{step.side} side")
    if ex.hold_seconds:
        parts.append(f"hold {format_clock(ex.hold_seconds)}")
    elif ex.reps:
        parts.append(f"{ex.reps.label} reps")
    variation = ex.variation_for(step.set_index)
    if variation:
        parts.append(variation)
    return " · ".join(parts)


def _describe_from(engine: Engine, i: int) -> str:
    j = next_work(engine.steps, i)
    return "the end" if j is None else describe_set(engine, engine.steps[j])


def next_label(engine: Engine) -> str:
    """What comes after the step in progress, in words."""
    step, steps = engine.step, engine.steps
    if step.phase is Phase.DONE:
        return ""
    if engine.resume_to is not None:
        return _describe_from(engine, engine.resume_to)
    if step.in_set:
        j = end_of_run(steps, engine.index, lambda st: st.set_key == step.set_key)
        nxt = steps[j]
        if nxt.phase is Phase.SWITCH:
            return f"Switch to the {nxt.side} side"
        if nxt.phase is Phase.REST:
            return f"Rest {format_clock(nxt.seconds or 0)}, then " + _describe_from(engine, j)
        if nxt.phase is Phase.DONE:
            return "Workout complete"
        return _describe_from(engine, j)
    return _describe_from(engine, engine.index + 1 if step.phase is Phase.SWITCH else engine.index)


def _where(snap: Snapshot) -> str:
    if snap.state is State.FINISHED:
        return ""
    parts = [f"Exercise {snap.exercise_number}/{snap.exercise_count}", f"Set {snap.set_number}/{snap.set_count}"]
    if snap.side:
        parts.append(f"{snap.side.upper()} side")
    if snap.variation:
        parts.append(snap.variation)
    ex = snap.exercise
    if ex and ex.weight is not None:
        parts.append(f"{ex.weight:g} {ex.unit}")
    return " · ".join(parts)


def _banner(snap: Snapshot) -> str:
    banner = BANNER_TEXT[snap.phase]
    if snap.phase is Phase.SWITCH and snap.side:
        banner = f"SWITCH SIDES → {snap.side.upper()}"
    if snap.phase is Phase.HOLD and snap.remaining is not None:
        banner = f"HOLD  {math.ceil(snap.remaining - 1e-9)}"
    if snap.state is State.PAUSED:
        banner = f"PAUSED ({banner.lower()})"
    return banner


def _numbers(snap: Snapshot) -> tuple[str, str, str, str]:
    """(time, its label, rep, its label)."""
    if snap.phase is Phase.DONE:
        time, time_label = "", ""
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


def make_view(engine: Engine) -> View:
    snap = engine.snapshot()
    ex = snap.exercise
    time, time_label, rep, rep_label = _numbers(snap)
    nxt = next_label(engine)
    total = engine.planned_total or 1
    return View(
        title=engine.routine.name,
        exercise=ex.name if ex else engine.routine.name,
        where=_where(snap),
        phase=snap.phase,
        banner=_banner(snap),
        paused=snap.state is State.PAUSED,
        time=time,
        time_label=time_label,
        rep=rep,
        rep_label=rep_label,
        next=f"Next: {nxt}" if nxt else "",
        progress=int(snap.progress * 100),  # whole per cent: the line repaints only when that changes
        # Whole minutes: the session's progress need not repaint every second (the big digits do that).
        progress_label=f"{int(snap.active_seconds // 60)} of ~{round(total / 60)} min",
        note=ex.note if ex else "",
    )


def reps_text(rec: SetRecord) -> str:
    """What the set was, in a few words: "12 of 12–16", "hold 45 s", "8 of 8 per side", "skipped"."""
    if rec.skipped:
        return "skipped" if not rec.reps else f"{rec.reps} (skipped the rest)"
    if rec.hold_seconds is not None:
        what = f"hold {rec.hold_seconds:g} s"
    elif rec.reps is None:
        what = "done" if rec.completed else "stopped"
    else:
        what = f"{rec.reps} of {rec.target_label}" if rec.target_label else str(rec.reps)
    if rec.sides:
        what += " per side" if len(rec.sides) == 2 else f" ({rec.sides[0].side} side only)"
    return what if rec.completed or rec.reps is None else f"{what}, ended early"
