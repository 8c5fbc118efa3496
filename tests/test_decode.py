"""The fast reader of stored sessions (msgspec, store/decode.py) against the full checker (Session.from_json):
it never accepts what the full checker refuses, and what it accepts it reads the same, field for field."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runtrainer.store import Part, Session, SetRecord, Store, history_file
from runtrainer.store.decode import _typed, for_export, for_figures, session_from_text
from runtrainer.store.model import TYPES

BIG = "__1e999__"
"""Written as the number 1e999 (a float's range overflows: JSON has no Infinity, but a file may hold this)."""

SPECIAL = {f'"{BIG}"': "1e999", '"__-1e400__"': "-1e400", '"__2^70__"': str(2 ** 70), '"__5.0__"': "5.0",
           '"__-0.0__"': "-0.0", '"__surrogate__"': '"\\ud800"'}

VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=4), st.sampled_from(["completed", "ended_early", "in_progress", "warmup", "dropset", "normal",
                                          "left", "2026-01-01T07:00:00+01:00", "garbage", *[k.strip('"') for k in
                                                                                             SPECIAL]]),
    st.lists(st.integers(0, 2), max_size=2), st.just({}), st.just([{}]), st.just([{"side": "left"}]))
"""Right and wrong values for any field: each type JSON has, the values two fields allow, and text that a
generator cannot write as JSON (1e999, a 70-bit integer, 5.0 for an int, a lone surrogate escape)."""

FIELDS = st.sampled_from(sorted(TYPES) + ["sides", "sets", "unknown"])


def base() -> dict:
    s = Session("s1", "Gym", "gym", "2026-01-01T07:00:00+01:00", "2026-01-01T07:30:00+01:00", "completed", 1800.0,
                3.5, 2, "gym", "a note")
    s.sets = [SetRecord("Squats", 0, 1, 2, 5, 8, reps=6, weight=40, unit="kg", rest_seconds=90, rpe=8.5,
                        started="2026-01-01T07:01:00+01:00", ended="2026-01-01T07:02:00+01:00"),
              SetRecord("Lunges", 1, 1, 1, reps=8, hold_seconds=None, completed=False, set_type="warmup",
                        sides=[Part("left", 8, started="2026-01-01T07:03:00+01:00"), Part("right", 7, skipped=True)])]
    return s.to_json()


def text_of(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False)
    for marker, literal in SPECIAL.items():
        text = text.replace(marker, literal)
    return text


def full(text: str) -> Session | None:
    try:
        return Session.from_json(history_file.loads(text))
    except (ValueError, TypeError):
        return None


INTERESTING = [None, True, False, 0, 7, -3, 2.5, 0.0, 1e308, "", "x", "completed", "ended_early", "in_progress",
               "paused", "warmup", "superset", "left", "2026-01-01T07:00:00+01:00", "garbage", [], [1], {}, [{}],
               [{"side": "left"}], *[k.strip('"') for k in SPECIAL]]


def damaged(changes: list[tuple[str, str, object, bool]]) -> str:
    data = base()
    targets = {"session": data, "set": data["sets"][1], "part": data["sets"][1]["sides"][0]}
    for where, name, value, remove in changes:
        target = targets[where]
        if remove:
            target.pop(name, None)
        else:
            target[name] = value
    return text_of(data)


def agree(text: str) -> None:
    checked, fast = full(text), _typed(text)
    if fast is not None:
        assert checked is not None, text
        assert fast == checked and fast.to_json(full=True) == checked.to_json(full=True), text
        assert json.dumps(fast.to_json()) == json.dumps(checked.to_json()), text  # 40 stays 40, 3.5 stays 3.5
    for struct in (for_export, for_figures):  # the Structs of the JSON export and the figures: checked the same
        if struct(text) is not None:
            assert checked is not None, text
    if checked is None:
        with pytest.raises((ValueError, TypeError)):
            session_from_text(text)
    else:
        assert session_from_text(text).to_json(full=True) == checked.to_json(full=True), text


def test_the_fast_reader_agrees_with_the_full_checker_on_every_field_and_value():
    """Every field of a session, a set and a part, set to each right and wrong value (and taken away)."""
    for where in ("session", "set", "part"):
        for name in sorted(TYPES) + ["sides", "sets", "unknown"]:
            agree(damaged([(where, name, None, True)]))
            for value in INTERESTING:
                agree(damaged([(where, name, value, False)]))


@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["session", "set", "part"]), FIELDS, VALUES | st.sampled_from(INTERESTING),
                          st.booleans()), min_size=2, max_size=4))
def test_the_fast_reader_never_accepts_what_the_full_checker_refuses(changes):
    agree(damaged(changes))


@pytest.mark.parametrize("change", [
    {"status": "paused"}, {"started": "yesterday"}, {"active_seconds": BIG}, {"active_seconds": True},
    {"planned_sets": 2.0}, {"sets": [{"exercise": "x", "exercise_index": 0, "set_number": 1, "set_count": 1,
                                      "set_type": "superset"}]},
    {"sets": [{"exercise": "x", "exercise_index": 0, "set_number": 1, "set_count": 1, "weight": BIG}]},
    {"sets": [{"exercise": "x", "exercise_index": 0, "set_number": 1, "set_count": 1, "sides": [{"reps": 1}]}]},
])
def test_each_damage_is_refused_in_the_full_checkers_words(change):
    text = text_of({**base(), **change})
    assert _typed(text) is None and for_export(text) is None and for_figures(text) is None
    with pytest.raises((ValueError, TypeError)) as fast:
        session_from_text(text)
    with pytest.raises((ValueError, TypeError)) as slow:
        Session.from_json(history_file.loads(text))
    assert str(fast.value) == str(slow.value)


def test_a_schema_1_session_and_a_lone_surrogate_are_read_by_the_full_checker():
    v1 = {**base(), "sets": [{"exercise": "Lunges", "set_number": 1, "set_count": 1, "side": "left", "reps": 8},
                             {"exercise": "Lunges", "set_number": 1, "set_count": 1, "side": "right", "reps": 7}]}
    session = session_from_text(text_of(v1))
    assert [(r.exercise_index, [p.side for p in r.sides]) for r in session.sets] == [(0, ["left", "right"])]
    odd = session_from_text(text_of({**base(), "notes": "__surrogate__"}))
    assert odd.notes == "\ud800"


def test_a_decoded_session_writes_every_field_it_did_not_hold(tmp_path):
    """A record msgspec decoded keeps its defaults on the class: to_json still writes them, and the store
    writes it back as it read it."""
    text = text_of({"id": "a", "routine": "r", "kind": "gym", "started": "2026-01-01T07:00:00+01:00",
                    "sets": [{"exercise": "x", "exercise_index": 0, "set_number": 1, "set_count": 1}]})
    session = session_from_text(text)
    assert session.to_json(full=True)["sets"][0]["unit"] == "kg" and session.status == "in_progress"
    checked = full(text)
    assert checked is not None and history_file.dumps(session.to_json()) == history_file.dumps(checked.to_json())
    store = Store(tmp_path)
    store.save(session)
    assert Store(tmp_path).session("a") == session


def test_an_integer_wider_than_64_bits_is_kept_as_it_was_written(tmp_path):
    """orjson (the reader before msgspec) turned it into the nearest float: 2**70 + 1 came back 2**70."""
    wide = 2 ** 70 + 1
    text = text_of({**base(), "active_seconds": wide})
    (tmp_path / "history.json").write_text(history_file.render([text]))
    session = Store(tmp_path).session("s1")
    assert session.active_seconds == wide and type(session.active_seconds) is int
    assert history_file.loads(str(wide)) == wide
