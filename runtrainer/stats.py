"""``runtrainer stats [EXERCISE] [--since DATE]``: personal bests, and one exercise's progress as a plotext chart in
the terminal (plain tab-separated numbers when piped). Never imports textual. Names come from the history file:
everything printed goes through ``safe``, and Rich never reads markup from it."""

from __future__ import annotations

import json
import sys
from collections.abc import Collection
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from runtrainer.cli import UsageError
from runtrainer.progress import Track, balance, key_of, number, personal_bests, set_text, since
from runtrainer.text import plural, safe

if TYPE_CHECKING:
    from runtrainer.progress_cache import Choose, FiguresCache
    from runtrainer.store import Store, Summary
    from runtrainer.store.index import Signature

Damaged = tuple["Summary", Exception, "set[str] | None"]
"""A session whose sets cannot be read: its summary, why, and the exercises its stored sets name (None: unknown)."""


def parse_since(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f'--since is "{safe(value)}"; expected a date like 2026-01-31') from None


def chosen(keys: Collection[str], name: str) -> list[str]:
    """The key (``key_of``) of the exercise ``find`` gives for ``name``, or none."""
    wanted = key_of(name)
    if wanted in keys:
        return [wanted]
    close = [k for k in keys if wanted in k]
    return close if len(close) == 1 else []


def find(found: dict[str, Track], name: str) -> Track:
    """The exercise by its name, any case; or the one exercise whose name contains it."""
    for key in chosen(found, name):
        return found[key]
    wanted = key_of(name)
    close = [t for k, t in found.items() if wanted in k]
    names = ", ".join(sorted(t.name for t in (close or found.values())))
    what = f'"{name}" matches {plural(len(close), "exercise")}' if close else f'no exercise called "{name}"'
    raise UsageError(f"{what}; {'choose one of' if names else 'there are none yet'} {names}".rstrip())


def _bests_row(track: Track) -> list[str]:
    b = personal_bests(track)
    unit = track.unit
    return [track.name, set_text(b.heaviest.weight, b.heaviest.reps, unit) if b.heaviest else "",
            f"{number(b.e1rm.value)} {unit}" if b.e1rm else "",
            f"{number(b.hold.value)} s" if b.hold else "", str(len(track.points)), track.points[-1].day.isoformat()]


def exercises_in(text: str) -> set[str] | None:
    """The exercises (``key_of``) a damaged session's stored sets name, or None when that cannot be told."""
    try:
        sets = json.loads(text).get("sets")
    except (ValueError, AttributeError):
        return None
    if not isinstance(sets, list):
        return None
    names = [one.get("exercise") if isinstance(one, dict) else None for one in sets]
    return {key_of(n) for n in names if isinstance(n, str)} if all(isinstance(n, str) for n in names) else None


def tell_left_out(damaged: list[Damaged], exercise_key: str | None, start: date | None) -> None:
    """One line on stderr for each damaged session that could have been in the answer (in the --since window and,
    for one exercise, naming it or not telling what it holds); the others counted in one line, with where each is
    named. Nothing is left out silently, and stderr is not a whole history's list for one exercise's month."""
    from runtrainer.cli import say
    from runtrainer.commands import left_out
    from runtrainer.history import session_day

    other = named = 0
    for summary, exc, names in damaged:
        if (start is None or session_day(summary) >= start) and (
                exercise_key is None or names is None or exercise_key in names):
            left_out(summary, exc)
            named += 1
        else:
            other += 1
    if other:
        why = " or ".join(w for w in ("before --since" if start else "", "without this exercise" if exercise_key
                                      else "") if w)
        say(f"{plural(other, 'other session' if named else 'session')} with sets that cannot be read left out"
            f"{' too' if named else ''} ({why}); `runtrainer stats` with no exercise and no --since names every one")


def every_track(folder: Path, exercise: str | None = None,
                damaged: list[Damaged] | None = None) -> dict[str, Track]:
    """Every exercise's track, through the progress figures cache (as the History screen reads them): only sessions
    new or changed since the last run have their sets read, and none at all, nor history.json, while it is as the
    cache last saw it whole and clean. Each session whose sets cannot be read goes into ``damaged`` (never left out
    silently); without it, one line on stderr for each. ``exercise``: only the track ``find`` gives for it has its
    points (the others their names)."""
    from runtrainer.commands import left_out, told
    from runtrainer.progress_cache import FiguresCache, default_path
    from runtrainer.store import Store, index

    store = Store(folder)
    cache = FiguresCache(default_path(folder))
    before = index.signature(store.path)
    choose = None if exercise is None else partial(chosen, name=exercise)
    kept = _kept_tracks(cache, before, store, choose)
    if kept is not None:
        return kept
    waiting = bool(store.journals.pending())  # its sessions are counted now, but could go without history.json changing
    store.load()
    clean = not store.notices and not waiting and before is not None and index.signature(store.path) == before
    found = cache.tracks(told(store), list(before) if clean and before is not None else None, choose)
    if cache.unreadable:
        summaries = {s.id: s for s in store.sessions()}
        texts = dict(store.raw_texts()) if damaged is not None else {}
        for session_id in cache.unreadable:
            try:
                store.parse(session_id)
            except (ValueError, TypeError, KeyError) as exc:  # read again for the reason (only these few)
                if damaged is None:
                    left_out(summaries[session_id], exc)
                else:
                    damaged.append((summaries[session_id], exc, exercises_in(texts.get(session_id, ""))))
    return found


def _kept_tracks(cache: FiguresCache, signature: Signature | None, store: Store,
                 choose: Choose | None = None) -> dict[str, Track] | None:
    """The tracks from the cache alone, when it was written for history.json exactly as it is now (read whole,
    with no notice and no unreadable session) and no finished session waits in a journal; else None."""
    from runtrainer.progress_cache import gc_paused, tracks_of

    if signature is None:
        return None
    with gc_paused():
        entries = cache.read()
        if cache.history != list(signature) or store.journals.pending():
            return None
        try:
            return tracks_of([(session_id, kept[1]) for session_id, kept in entries.items()], choose=choose)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None


def stats(folder: Path, exercise: str | None, since_text: str | None, today: date | None = None) -> int:
    start = parse_since(since_text)
    today = today or date.today()
    damaged: list[Damaged] = []
    every = every_track(folder, exercise, damaged)
    if exercise is None:
        tell_left_out(damaged, None, start)
    else:
        tell_left_out(damaged, key_of(find(every, exercise).name), start)
    found = every
    if start is not None:
        found = {k: Track(t.name, t.unit, since(t.points, start)) for k, t in every.items()}
        found = {k: t for k, t in found.items() if t.points}
    tty = sys.stdout.isatty()
    if exercise is None:
        header = ["exercise", "heaviest", "est. 1RM", "longest hold", "sessions", "last"]
        rows = [_bests_row(t) for t in sorted(found.values(), key=lambda t: t.name.casefold())]
        if not tty:
            print("\t".join(header))
            for row in rows:
                print("\t".join(safe(c) for c in row))
            return 0
        if not rows:
            print(safe(f"No sets recorded since {start.isoformat()} in {folder}." if start is not None and every
                       else f"No sets recorded yet in {folder}."))
            return 0
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table(*header, header_style="bold", title="Personal bests (1RM: Epley estimate)")
        for row in rows:
            table.add_row(*(Text(safe(c)) for c in row))
        Console(highlight=False).print(table, markup=False)
        return 0
    track = find(every, exercise)  # an exercise with no sessions since --since is still that exercise
    if start is not None:
        if not since(track.points, start):
            latest = f" (the latest was {track.points[-1].day.isoformat()})" if track.points else ""
            print(safe(f"{track.name} has no sessions since {start.isoformat()}{latest}."))
            return 0
        track = Track(track.name, track.unit, since(track.points, start))
    return _one(track, today, start, tty)


def _one(track: Track, today: date, start: date | None, tty: bool) -> int:
    unit = track.unit
    if not tty:  # one write, not two a line (each a system call when Python runs unbuffered: PYTHONUNBUFFERED)
        lines = ["date\ttop_weight\treps_at_top\te1rm\tvolume\treps\thold\tleft_reps\tright_reps\tunit"]
        shown: dict[float, str] = {}

        def num(value: float | None) -> str:
            """``number``, each value formatted once (a log repeats its weights): 12 and 12.0 read the same, and no
            figure here is -0.0 (it would read as 0.0's "0")."""
            if value is None:
                return ""
            found = shown.get(value)
            if found is None:
                found = shown[value] = number(value)
            return found

        for p in track.points:
            cells = [p.day.isoformat(), num(p.top_weight), str(p.reps_at_top or ""), num(p.e1rm), num(p.volume),
                     str(p.reps), num(p.hold) if p.hold else "", str(p.left.reps) if p.left else "",
                     str(p.right.reps) if p.right else "", unit]
            lines.append("\t".join(cells))
        sys.stdout.write("\n".join(lines) + "\n")
        return 0
    import plotext

    from runtrainer.charts import available, draw, series

    b = personal_bests(track)
    print(safe(track.name))
    for label, best in (("heaviest", b.heaviest), ("best estimated 1RM", b.e1rm), ("longest hold", b.hold)):
        if best is not None:
            what = set_text(best.weight, best.reps, unit) if label == "heaviest" else \
                f"{number(best.value)} {unit} (from {set_text(best.weight, best.reps, unit)})" if best.kind == "e1rm" \
                else f"{number(best.value)} s"
            print(safe(f"  {label}: {what} on {best.day.isoformat()}"))
    found = balance(track, today)
    if found is not None:
        print(safe(f"  {found.sentence(today)}"))
    width, _ = plotext.terminal_size()
    for chart in available(track)[:2] if "weight" not in available(track) else ["weight", "volume"]:
        s = series(track, chart, today, start)
        columns = min(width or 80, 100)
        draw(plotext, s, safe(f"{track.name}: {s.title}"), theme="clear", width=columns)
        plotext.plotsize(columns, 15)
        print(plotext.build())  # the title is made safe above; the rest is plotext's own drawing
    return 0
