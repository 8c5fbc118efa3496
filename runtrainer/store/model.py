"""The one record of a set, and the session that holds them: what is journalled, saved and exported.

Never imports textual. A set is keyed by its place in the plan (exercise index, set number), not by the
exercise's name, so a routine that repeats an exercise keeps each set in its place. A one-legged set is one
record with a part per side.

The annotations are what a stored session is decoded by (``store/decode.py``: msgspec reads them), so they say
exactly what ``TYPES`` allows: a number is ``int | float`` (an int a file gave stays an int).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

SCHEMA_VERSION = 3
"""3: a set's and a side's ``started`` and ``ended`` are written "HH:MM:SS" when they fall on the session's day at
its UTC offset (the date and offset are the session's own ``started``): the same 17 characters were repeated four
times a set. 2 (read and migrated): one record per set (one-legged sets hold their sides as parts), each set
stamped with its own times, in full. 1 (read and migrated): one row per side, no exercise index, every set's
``ended`` the last save's time."""


def time_frame(started: str) -> tuple[str, str] | None:
    """("YYYY-MM-DDT", "+HH:MM") of a session's start as runtrainer writes it; None for any other form (then its
    sets' times are written whole)."""
    if len(started) == 25 and started[10] == "T" and started[13] == ":" and started[16] == ":":
        return started[:11], started[19:]
    return None


def _short(out: dict[str, Any], frame: tuple[str, str], keys: tuple[str, ...] = ("started", "ended")) -> None:
    """A time on the session's day at its offset as "HH:MM:SS" (any other is written whole: it reads back as is)."""
    for key in keys:
        value = out.get(key)
        if value is not None and len(value) == 25 and value.startswith(frame[0]) and value.endswith(frame[1]):
            out[key] = value[11:19]


def _whole(value: str, head: str, tail: str) -> str:
    return head + value + tail if len(value) == 8 and value[2] == ":" and value[5] == ":" else value


def expand_times(session: Session, sets: bool = True) -> None:
    """Schema 3's "HH:MM:SS" times of the session's end, its sets and sides back to whole ISO times, in place
    (any other value, schema 2's whole times among them, is left as it is). ``sets`` False: the session's end
    only (the sets' times stay as stored, for a reader that never looks at them: a CSV export of years)."""
    frame = time_frame(session.started)
    if frame is None:
        return
    head, tail = frame
    session.ended = _whole(session.ended, head, tail)
    if not sets:
        return
    for record in session.sets:  # ``_whole`` inline: its 4.1 M calls were ~1 s of a 4.5 s export of 100k sessions
        items: tuple[SetRecord | Part, ...] = (record, *record.sides)
        for item in items:
            if len(start := item.started) == 8 and start[2] == ":" and start[5] == ":":
                item.started = f"{head}{start}{tail}"
            if len(end := item.ended) == 8 and end[2] == ":" and end[5] == ":":
                item.ended = f"{head}{end}{tail}"


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass
class Part:
    """One side of a one-legged set."""

    side: str
    reps: int | None = None
    hold_seconds: int | float | None = None
    completed: bool = True
    skipped: bool = False
    started: str = ""
    ended: str = ""

    @property
    def done(self) -> bool:
        return self.completed and not self.skipped


@dataclass
class SetRecord:
    """One set as it was done: recorded once when it ends, edited in place by the runner's answers."""

    exercise: str
    exercise_index: int
    set_number: int
    """1-based, as the runner counts."""
    set_count: int
    target_low: int | None = None
    target_high: int | None = None
    reps: int | None = None
    """Reps done (per side for a one-legged set); None for a hold or a self-paced set done without a count."""
    hold_seconds: int | float | None = None
    weight: int | float | None = None
    unit: str = "kg"
    rest_seconds: int | float | None = None
    """Rest actually taken after this set: from its end until the next count-in (or set) begins, pauses included."""
    duration_seconds: int | float = 0.0
    completed: bool = True
    skipped: bool = False
    rpe: int | float | None = None
    notes: str = ""
    started: str = ""
    ended: str = ""
    """Local time with UTC offset, ISO 8601: when this set started and ended."""
    sides: list[Part] = field(default_factory=list)
    set_type: str = "normal"
    """normal, warmup, dropset or failure (Hevy's names; Strong marks them W, D, F): kept from an import."""

    @property
    def key(self) -> tuple[int, int]:
        return (self.exercise_index, self.set_number)

    @property
    def done(self) -> bool:
        """Done, as the counts and the exports mean it: finished, not skipped."""
        return self.completed and not self.skipped

    @property
    def target_label(self) -> str:
        if self.target_high is None:
            return ""
        return f"{self.target_low}" if self.target_low == self.target_high else f"{self.target_low}–{self.target_high}"

    def to_json(self, full: bool = False, frame: tuple[str, str] | None = None) -> dict[str, Any]:
        """Only what differs from the defaults (history on disk stays small), or every field (``full``).
        ``frame``: the session's ``time_frame``, to write its times short (schema 3; never with ``full``)."""
        out: dict[str, Any] = {}
        for name, default in _defaults(SetRecord):
            value = getattr(self, name)  # not __dict__: a record msgspec decoded keeps its defaults on the class
            if name == "sides":
                if value or full:
                    out["sides"] = [_part_json(p, full, frame) for p in value]
                continue
            if full or value != default and value is not None and value != "":
                out[name] = value
        if frame is not None and not full:
            _short(out, frame)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SetRecord:
        known = _SET_FIELDS
        raw_sides = data.get("sides", [])
        if not isinstance(raw_sides, list) or not all(isinstance(p, dict) for p in raw_sides):
            raise ValueError("sides is not a list of objects")
        sides = []
        for p in raw_sides:
            given = {k: v for k, v in p.items() if k in _PART_FIELDS}
            sides.append(Part(**given))
            check_values(given)
        given = {k: v for k, v in data.items() if k in known}
        record = cls(**given, sides=sides)
        check_values(given)
        return record


_DEFAULTS: dict[type, tuple[tuple[str, Any], ...]] = {}


def _defaults(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, default) of each field, worked out once per class (``fields()`` is slow for years of sets)."""
    known = _DEFAULTS.get(cls)
    if known is None:
        known = _DEFAULTS[cls] = tuple((f.name, f.default) for f in fields(cls))
    return known


def _part_json(part: Part, full: bool, frame: tuple[str, str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, default in _defaults(Part):
        value = getattr(part, name)
        if full or name == "side" or value != default and value is not None and value != "":
            out[name] = value
    if frame is not None and not full:
        _short(out, frame)
    return out


STATUSES = ("completed", "ended_early", "in_progress")
SET_TYPES = ("normal", "warmup", "dropset", "failure")


@dataclass
class Session:
    """One workout as stored: its routine, kind, times and status, and one record per set."""

    id: str
    routine: str
    kind: str
    started: str
    ended: str = ""
    status: str = "in_progress"  # one of STATUSES
    active_seconds: int | float = 0.0
    paused_seconds: int | float = 0.0
    planned_sets: int = 0
    """Sets as the routine defines them (a one-legged set counts once)."""
    routine_id: str = ""
    """The routine's id (its file name without .toml), never a path."""
    notes: str = ""
    sets: list[SetRecord] = field(default_factory=list)

    @classmethod
    def new(cls, routine: str, kind: str, planned_sets: int, routine_id: str = "", started: str = "") -> Session:
        import uuid  # here, not at the top: it costs start-up 2 ms and only a workout needs it

        return cls(id=uuid.uuid4().hex, routine=routine, kind=kind, started=started or now_iso(),
                   planned_sets=planned_sets, routine_id=routine_id)

    @property
    def started_at(self) -> datetime:
        return datetime.fromisoformat(self.started)

    @property
    def sets_done(self) -> int:
        return sum(1 for s in self.sets if s.done)

    @property
    def counts_for_goals(self) -> bool:
        """The weekly goals count a session once at least half its planned sets were done."""
        return self.status != "in_progress" and self.sets_done * 2 >= max(1, self.planned_sets)

    def to_json(self, full: bool = False) -> dict[str, Any]:
        """Every field (``full``), or as history.json keeps it (schema 3): the fields that may be left out at
        their defaults left out, and the times on the session's day and offset as "HH:MM:SS"."""
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "sets"}
        frame = None if full else time_frame(self.started)
        if frame is not None:
            for name, default in _SESSION_OPTIONAL:
                if data[name] == default and type(data[name]) is type(default):
                    del data[name]
            _short(data, frame, ("ended",))
        data["sets"] = [s.to_json(full, frame) for s in self.sets]
        return data

    @classmethod
    def from_json(cls, data: Any) -> Session:
        if not isinstance(data, dict):
            raise ValueError(f"a session is {type(data).__name__}, expected an object")
        missing = [k for k in ("id", "routine", "kind", "started") if k not in data]
        if missing:
            raise ValueError(f"a session has no {', '.join(missing)}")
        raw_sets = data.get("sets", [])
        if not isinstance(raw_sets, list) or not all(isinstance(s, dict) for s in raw_sets):
            raise ValueError(f"session {data.get('id')}: sets is not a list of objects")
        if raw_sets and all("exercise_index" not in s for s in raw_sets):
            raw_sets = migrate_v1_sets(raw_sets)
        given = {k: v for k, v in data.items() if k in _SESSION_FIELDS}
        session = cls(**given, sets=[SetRecord.from_json(s) for s in raw_sets])
        check_values(given)
        datetime.fromisoformat(session.started)
        expand_times(session)
        return session


_SESSION_OPTIONAL = (("ended", ""), ("paused_seconds", 0.0), ("routine_id", ""), ("notes", ""))
"""A session's fields left out of history.json at their defaults (schema 3); ``status`` never is (a session
without one is read as completed, from before it was written)."""
_PART_FIELDS = frozenset(("side", "reps", "hold_seconds", "completed", "skipped", "started", "ended"))
_SET_FIELDS = frozenset(f.name for f in fields(SetRecord)) - {"sides"}
_SESSION_FIELDS = frozenset(f.name for f in fields(Session)) - {"sets"}


def migrate_v1_sets(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Schema 1 kept one row per side and no exercise index: join the sides of a set into one record, and
    number the exercises in the order they were done (a new block whenever the name changes)."""
    out: list[dict[str, Any]] = []
    index = -1
    previous = None
    for row in rows:
        row = dict(row)
        name = row.get("exercise")
        if name != previous:
            index += 1
            previous = name
        side = row.pop("side", None)
        row["exercise_index"] = index
        if side is None:
            out.append(row)
            continue
        part: dict[str, Any] = {k: row[k] for k in ("reps", "hold_seconds", "completed", "skipped", "ended")
                                if k in row}
        part["side"] = side
        last = out[-1] if out else None
        if last is not None and last.get("sides") and last["exercise_index"] == index \
                and last.get("set_number") == row.get("set_number"):
            last["sides"].append(part)
            last["completed"] = last.get("completed", True) and row.get("completed", True)
            last["skipped"] = last.get("skipped", False) and row.get("skipped", False)
            continue
        row["sides"] = [part]
        out.append(row)
    return out


@dataclass(frozen=True)
class Summary:
    """One line of the history list: what the list, the goals and the charts need, without the sets."""

    id: str
    routine: str
    kind: str
    started: str
    status: str
    active_seconds: float
    planned_sets: int
    sets_done: int
    routine_id: str = ""

    @property
    def counts_for_goals(self) -> bool:
        """The weekly goals count a session once at least half its planned sets were done."""
        return self.status != "in_progress" and self.sets_done * 2 >= max(1, self.planned_sets)


def summary_of(data: Any) -> Summary:
    """Check a session's own fields (cheaply: its sets are checked when the session is opened)."""
    if not isinstance(data, dict):
        raise ValueError(f"a session is {type(data).__name__}, expected an object")
    for key in ("id", "routine", "kind", "started"):
        if key not in data:
            raise ValueError(f"a session has no {key}")
    check_fields(data, ("id", "routine", "kind", "started", "status", "active_seconds", "planned_sets"))
    sets = data.get("sets", [])
    if not isinstance(sets, list) or not all(isinstance(x, dict) for x in sets):
        raise ValueError(f"session {data['id']}: sets is not a list of objects")
    datetime.fromisoformat(data["started"])
    done = sum(1 for x in sets if x.get("completed", True) is True and x.get("skipped", False) is False
               and x.get("side") != "right")  # schema 1 wrote a row per side
    return Summary(data["id"], data["routine"], data["kind"], data["started"], data.get("status", "completed"),
                   float(data.get("active_seconds", 0.0)), data.get("planned_sets", 0), done,
                   data.get("routine_id", ""))


_NONE = type(None)
TYPES: dict[str, tuple[type, ...]] = {
    "exercise": (str,), "exercise_index": (int,), "set_number": (int,), "set_count": (int,), "side": (str,),
    "target_low": (int, _NONE), "target_high": (int, _NONE), "reps": (int, _NONE),
    "hold_seconds": (int, float, _NONE), "weight": (int, float, _NONE), "unit": (str,),
    "rest_seconds": (int, float, _NONE), "duration_seconds": (int, float), "completed": (bool,),
    "skipped": (bool,), "rpe": (int, float, _NONE), "notes": (str,), "ended": (str,), "id": (str,),
    "routine": (str,), "kind": (str,), "started": (str,), "status": (str,), "active_seconds": (int, float),
    "paused_seconds": (int, float), "planned_sets": (int,), "routine_id": (str,), "set_type": (str,),
}
"""What each field may hold; numbers must be finite (a NaN saved once would poison every later screen)."""


def _problem(name: str, value: Any) -> str | None:
    kinds = TYPES[name]
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        return f"{name} is {type(value).__name__} ({value!r:.30}), expected {' or '.join(k.__name__ for k in kinds)}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{name} is {value!r}, expected a finite number"
    if name == "status" and value not in STATUSES:
        return f"status is {value!r:.30}, expected one of {', '.join(STATUSES)}"
    if name == "set_type" and value not in SET_TYPES:
        return f"set_type is {value!r:.30}, expected one of {', '.join(SET_TYPES)}"
    return None


def check_fields(data: dict[str, Any], names: tuple[str, ...]) -> None:
    for name in names:
        if name in data:
            problem = _problem(name, data[name])
            if problem:
                raise ValueError(problem)


_FAST: dict[str, tuple[frozenset[type], bool]] = {
    name: (frozenset() if name in ("status", "set_type") else frozenset(kinds) - {float}, float in kinds)
    for name, kinds in TYPES.items()}
"""Per field: the exact types that pass at once, and whether a finite float does (the common case, so that
reading ten years of sets stays fast); anything else is looked at by ``_problem``."""


def check_values(values: dict[str, Any]) -> None:
    """``check`` for the fields a file gave (the others keep their defaults, which pass)."""
    for name, value in values.items():
        fast, floats = _FAST.get(name, (None, False))
        if fast is None or type(value) in fast or floats and type(value) is float and math.isfinite(value):
            continue
        problem = _problem(name, value)
        if problem:
            raise ValueError(problem)


def check(obj: object) -> None:
    """Raise ValueError naming the first field whose value is of the wrong type or not a finite number."""
    for name in TYPES:
        if hasattr(obj, name):
            problem = _problem(name, getattr(obj, name))
            if problem:
                raise ValueError(problem)
