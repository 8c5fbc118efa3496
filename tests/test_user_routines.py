"""The runner's own routine files: every mistake is one line naming file, line, field, expected and found."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runtrainer.core import catalog
from runtrainer.core.routine import Exercise, RepTarget, Routine, RoutineError, TempoPhase, parse_routine, to_toml
from runtrainer.text import controls_in

HEAD = 'name = "Mine"\nkind = "gym"\n'
EX = '\n[[exercises]]\nname = "Squat"\n'

# (file text, the message it must produce). Line numbers are where TOML lets us tell.
MALFORMED = [
    ("", 'routine: missing "name" (expected a text)'),
    ('kind = "gym"\n' + EX + "sets = 3\nreps = 10\n", 'routine: missing "name"'),
    ('name = "X"\n' + EX + "sets = 3\nreps = 10\n", 'routine: missing "kind"'),
    ('name = "X"\nkind = "yoga"\n' + EX + "sets = 3\nreps = 10\n",
     'x.toml:2: routine > kind: expected "gym" or "post-run", found "yoga" (text)'),
    ('name = 5\nkind = "gym"\n' + EX + "sets = 3\nreps = 10\n", "x.toml:1: routine > name: expected a text, found 5"),
    ('name = ""\nkind = "gym"\n' + EX + "sets = 3\nreps = 10\n", "routine > name: expected a non-empty text"),
    (HEAD, "routine: no exercises: expected at least one [[exercises]] table"),
    (HEAD + "exercises = 3\n", "routine > exercises: expected [[exercises]] tables, found 3"),
    (HEAD + "exercises = []\n", "routine > exercises: expected [[exercises]] tables, found a list"),
    (HEAD + 'nmae = "x"\n' + EX + "sets = 3\nreps = 10\n", 'x.toml:3: nmae: unknown field (did you mean "name"?)'),
    (HEAD + "get_ready_seconds = -1\n" + EX + "sets = 3\nreps = 10\n",
     "x.toml:3: routine > get_ready_seconds: expected more than 0 seconds, found -1"),
    (HEAD + "get_ready_seconds = 7200\n" + EX + "sets = 3\nreps = 10\n", "expected at most 3600 seconds (an hour)"),
    (HEAD + EX + "reps = 10\n", 'x.toml:4: exercise 1 "Squat": missing "sets"'),
    (HEAD + EX + "sets = 0\nreps = 10\n",
     'x.toml:6: exercise 1 "Squat" > sets: expected a whole number from 1 to 50, found 0'),
    (HEAD + EX + "sets = 51\nreps = 10\n", "expected a whole number from 1 to 50, found 51"),
    (HEAD + EX + "sets = -2\nreps = 10\n", "found -2"),
    (HEAD + EX + "sets = 2.5\nreps = 10\n", "found 2.5"),
    (HEAD + EX + 'sets = "3"\nreps = 10\n', 'found "3" (text)'),
    (HEAD + EX + "sets = true\nreps = 10\n", "found true (a true/false)"),
    (HEAD + EX + "sets = 3\n", 'missing "reps" (a number or [low, high]) or "hold_seconds"'),
    (HEAD + EX + "sets = 3\nreps = 0\n", "reps: expected a whole number from 1 to 500"),
    (HEAD + EX + "sets = 3\nreps = 501\n", "found 501"),
    (HEAD + EX + "sets = 3\nreps = [16, 12]\n",
     'x.toml:7: exercise 1 "Squat" > reps: the range is upside down: expected low <= high, found [16, 12]'),
    (HEAD + EX + "sets = 3\nreps = [1, 2, 3]\n", "reps: expected a whole number"),
    (HEAD + EX + 'sets = 3\nreps = "ten"\n', 'found "ten" (text)'),
    (HEAD + EX + "sets = 3\nreps = [0, 10]\n", "reps: expected"),
    (HEAD + EX + "sets = 3\nreps = 10\nhold_seconds = 30\n", 'give either "reps" or "hold_seconds"'),
    (HEAD + EX + "sets = 3\nhold_seconds = 0\n", "hold_seconds: expected more than 0 seconds, found 0"),
    (HEAD + EX + "sets = 3\nhold_seconds = 4000\n", "expected at most 3600 seconds"),
    (HEAD + EX + 'sets = 3\nreps = 10\ntempo = "up 1, down 2"\n', '"up 1" is not a phase'),
    (HEAD + EX + 'sets = 3\nreps = 10\ntempo = "lift 0, lower 2"\n', "a phase must last more than 0 s"),
    (HEAD + EX + "sets = 3\nreps = 10\ntempo = 3\n", 'tempo: expected a text such as "lift 1, hold 3, lower 2"'),
    (HEAD + EX + 'sets = 3\nreps = 10\ntempo = "0-0-0-0"\n', "all four tempo numbers are 0"),
    (HEAD + EX + 'sets = 3\nreps = 10\ntempo = "lift 4000"\n', "a phase longer than an hour"),
    (HEAD + EX + 'sets = 3\nhold_seconds = 30\ntempo = "lift 1"\n', "a timed hold"),
    (HEAD + EX + 'sets = 3\nreps = 10\nper_side = "yes"\n', 'per_side: expected true, false, "leg", "side" or "arm"'),
    (HEAD + EX + "sets = 3\nreps = 10\nswitch_seconds = 0\n", "switch_seconds: expected more than 0 seconds"),
    (HEAD + EX + "sets = 3\nreps = 10\nrest_seconds = -30\n", "rest_seconds: expected more than 0 seconds"),
    (HEAD + EX + 'sets = 3\nreps = 10\nrest_seconds = "1 min"\n', "rest_seconds: expected a number of seconds"),
    (HEAD + EX + "sets = 3\nreps = 10\nrest_after_seconds = 99999\n", "rest_after_seconds: expected at most 3600"),
    (HEAD + EX + 'sets = 3\nreps = 10\nvariations = "wide"\n', "variations: expected a list of texts"),
    (HEAD + EX + "sets = 3\nreps = 10\nvariations = []\n", "variations: expected a list of texts"),
    (HEAD + EX + "sets = 3\nreps = 10\nweight = -5\n", "weight: expected a number from 0 to 1000, found -5"),
    (HEAD + EX + 'sets = 3\nreps = 10\nunit = "stone"\n', 'unit: expected "kg" or "lb", found "stone" (text)'),
    (HEAD + EX + "sets = 3\nreps = 10\nnote = 5\n", "note: expected a text, found 5"),
    (HEAD + EX + "sets = 3\nreps = 10\nrest = 60\n", 'exercise 1 "Squat" > rest: unknown field'),
    (HEAD + EX + "sets = 3\nreps = 10\nrest_secs = 60\n", '(did you mean "rest_seconds"?)'),
    (HEAD + EX + "sets = 3\nreps = 10\ntemp = 60\n", '(did you mean "tempo"?)'),
    (HEAD + EX + "sets = 3\nreps = 10\n" + EX + "sets = 0\nreps = 10\n", 'x.toml:11: exercise 2 "Squat" > sets'),
    (HEAD + "[[exercises]]\nsets = 3\nreps = 10\n", 'x.toml:3: exercise 1: missing "name"'),
    (HEAD + "[[exercises]\n", "x.toml:3: not valid TOML"),
    ('name = "X\nkind = "gym"\n', "x.toml:1: not valid TOML"),
    ("name = \n", "x.toml:1: not valid TOML"),
    (HEAD + 'name = "again"\n', "x.toml:3: not valid TOML"),
]


@pytest.mark.parametrize("text, message", MALFORMED, ids=range(len(MALFORMED)))
def test_each_mistake_gets_its_message(text, message):
    with pytest.raises(RoutineError) as info:
        parse_routine(text, "x.toml")
    lines = str(info.value).splitlines()
    assert any(message in line for line in lines), lines
    assert all(line.startswith("x.toml") for line in lines)


def test_several_problems_are_all_reported_at_once():
    text = HEAD + EX + "sets = 0\nreps = [16, 12]\nrest_secnds = 5\n"
    with pytest.raises(RoutineError) as info:
        parse_routine(text, "x.toml")
    assert len(info.value.problems) == 3


def test_a_file_over_a_megabyte_is_refused(tmp_path):
    big = tmp_path / "big.toml"
    big.write_text(HEAD + "# " + "x" * 1_100_000 + "\n")
    out = subprocess.run([sys.executable, "-m", "runtrainer", "routines", "check", str(big)], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 2 and out.stdout.strip() == f"{big}: file is over 1 MB; a routine is a few kB"


def test_check_exit_codes_and_not_utf8(tmp_path):
    bad = tmp_path / "bin.toml"
    bad.write_bytes(b"\xff\x00name")  # (FF FE would be a UTF-16 mark: said so, see test_routines)
    out = subprocess.run([sys.executable, "-m", "runtrainer", "routines", "check", str(bad), str(tmp_path)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert out.stdout.splitlines() == [f"{bad}: not UTF-8 text (byte 0)",
                                       f"{tmp_path}: is a directory; expected a .toml routine file"]
    assert "Traceback" not in out.stderr


def test_users_routines_appear_beside_the_built_ins_and_broken_ones_are_listed(tmp_path):
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "mine.toml").write_text(HEAD + EX + "sets = 2\nreps = 20\n")
    (folder / "broken.toml").write_text(HEAD + EX + "sets = 99\nreps = 20\n")
    entries = {e.id: e for e in catalog.entries(tmp_path)}
    assert entries["mine"].origin == "yours" and entries["mine"].routine.name == "Mine"
    assert entries["broken"].routine is None and "found 99" in str(entries["broken"].problems[0])
    env = {**os.environ, "RUNTRAINER_CONFIG_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "runtrainer", "routines"], capture_output=True, text=True, env=env,
                         timeout=60)
    assert "mine" in out.stdout and "broken: 1 problem " in out.stdout


async def test_markup_in_names_and_notes_is_shown_literally(tmp_path):
    from helpers import RecordingBackend

    from runtrainer.audio import CuePlayer
    from runtrainer.core.clock import FakeClock
    from runtrainer.tui.app import make_app

    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "odd.toml").write_text(
        'name = "[bold]Loud[/bold] day"\nkind = "gym"\n[[exercises]]\n'
        'name = "[link=http://x]Squat[/link]"\nsets = 1\nreps = 5\nnote = "[red]careful"\n')
    clock = FakeClock()
    app = make_app(config_dir=tmp_path, data_dir=tmp_path / "data", clock=clock,
                   audio=CuePlayer(RecordingBackend(), threaded=False))
    async with app.run_test(size=(100, 30)) as pilot:
        routines = app.screen.query_one("#routines")
        assert str(routines.get_option_at_index(2).prompt).startswith("[bold]Loud[/bold] day  ")
        await pilot.press("down", "down", "enter")
        screen = app.screen
        assert str(screen.query_one("#exercise").render()) == "[LINK=HTTP://X]SQUAT[/LINK]"
        assert str(screen.query_one("#note").render()) == "[red]careful"
        assert str(screen.query_one("#title").render()) == "[bold]Loud[/bold] day"


names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(str.strip).filter(
    lambda t: not controls_in(t))  # what the loader refuses in a name (bidi controls, line separators) is not valid
seconds = st.integers(min_value=1, max_value=600).map(float)


@st.composite
def exercises(draw):
    timed = draw(st.booleans())
    low = draw(st.integers(1, 40))
    high = draw(st.integers(low, 60))
    tempo = () if timed else tuple(TempoPhase(n, draw(seconds)) for n in draw(
        st.lists(st.sampled_from(["lift", "hold", "lower", "pause"]), max_size=4)))
    return Exercise(
        name=draw(names), sets=draw(st.integers(1, 50)), reps=None if timed else RepTarget(low, high),
        hold_seconds=draw(seconds) if timed else None, tempo=tempo, per_side=draw(st.booleans()),
        switch_seconds=draw(seconds), rest_seconds=draw(st.integers(0, 600)).__float__(),
        rest_after_seconds=draw(st.integers(0, 600)).__float__(),
        variations=tuple(draw(st.lists(names, max_size=3))), equipment=draw(st.one_of(st.just(""), names)),
        weight=draw(st.one_of(st.none(), st.integers(0, 300).map(float))), unit=draw(st.sampled_from(["kg", "lb"])),
        note=draw(st.one_of(st.just(""), names)))


@st.composite
def routines(draw):
    return Routine(name=draw(names), kind=draw(st.sampled_from(["gym", "post-run"])),
                   exercises=tuple(draw(st.lists(exercises(), min_size=1, max_size=4))),
                   description=draw(st.one_of(st.just(""), names)), get_ready_seconds=draw(seconds))


@settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routines())
def test_every_valid_routine_survives_show_then_load_unchanged(routine):
    assert parse_routine(to_toml(routine)) == routine


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_messages_never_exceptions(tmp_path_factory, data):
    from runtrainer.core.routine import load_routine

    path = tmp_path_factory.mktemp("b") / "r.toml"
    path.write_bytes(data)
    try:
        load_routine(path)
    except RoutineError as exc:
        assert exc.problems and all(str(p).startswith(str(path)) for p in exc.problems)


toml_values = st.recursive(
    st.one_of(st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False), st.text(max_size=10)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=10)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.dictionaries(st.sampled_from(["name", "kind", "exercises", "get_ready_seconds", "x"]), toml_values),
       st.lists(st.dictionaries(st.sampled_from(["name", "sets", "reps", "tempo", "hold_seconds", "per_side",
                                                 "rest_seconds", "variations", "weight", "unit", "y"]), toml_values),
                max_size=3))
def test_arbitrary_toml_gives_messages_never_exceptions(top, exs):
    import json

    def dump(value):
        return json.dumps(value)  # JSON scalars and arrays are TOML too (inline tables differ; keep them out)

    lines = [f"{k} = {dump(v)}" for k, v in top.items() if k != "exercises" and not isinstance(v, dict)
             and not (isinstance(v, list) and any(isinstance(x, dict) for x in v))]
    for ex in exs:
        lines.append("[[exercises]]")
        lines += [f"{k} = {dump(v)}" for k, v in ex.items() if not isinstance(v, dict)
                  and not (isinstance(v, list) and any(isinstance(x, (dict, list)) for x in v))]
    try:
        parse_routine("\n".join(lines), "g.toml")
    except RoutineError as exc:
        assert exc.problems


def test_a_side_plank_says_side_not_leg(tmp_path):
    """per_side = "side": the banner, the switch and the note call a side a side (a side plank said "RIGHT LEG");
    true stays a leg, and anything else is one line naming the field."""
    from runtrainer.core.clock import FakeClock
    from runtrainer.session import WorkoutSession

    text = ('name = "Core"\nkind = "gym"\nget_ready_seconds = 2\n[[exercises]]\nname = "Side plank"\nsets = 1\n'
            'hold_seconds = 3\nper_side = "side"\nswitch_seconds = 2\n')
    session = WorkoutSession(parse_routine(text, "core.toml"), FakeClock(0.0))
    update = session.start()
    seen = set()
    while update.next_in is not None and session.clock() < 30:
        session.clock.advance(update.next_in)
        update = session.tick()
        seen |= {update.view.banner, update.view.note.splitlines()[0] if update.view.note else ""}
    assert "■ HOLD  3 ■   LEFT SIDE" in seen and "⇄ SWITCH SIDES → RIGHT SIDE ⇄" in seen
    assert "Working side: RIGHT" in seen and not any("LEG" in s for s in seen)
    assert parse_routine(text.replace('"side"', "true"), "core.toml").exercises[0].side_word == "leg"
    with pytest.raises(RoutineError) as caught:
        parse_routine(text.replace('"side"', '"wing"'), "core.toml")
    assert 'per_side: expected true, false, "leg", "side" or "arm", found' in str(caught.value)


def test_one_rep_is_said_in_the_singular():
    """A tester saw "Now: Squats · set 2/2 · 1 reps" and "Set 1 Squats: 1 reps at 20 kg"."""
    from runtrainer.core.engine import Engine
    from runtrainer.session import Question
    from runtrainer.session.view import describe_set
    from runtrainer.tui.widgets.workout_view import question_text

    r = parse_routine('name = "One"\nkind = "gym"\n[[exercises]]\nname = "Squats"\nsets = 2\nreps = 1\n'
                      'tempo = "lift 1"\nweight = 20\n', "one.toml")
    engine = Engine(r, lambda: 0.0)
    assert "· 1 rep ·" in describe_set(engine, engine.steps[1]) + " ·"
    q = Question((0, 1), "Squats", 1, 2, 1, None, 20.0, "kg", None)
    assert question_text(q).startswith("Set 1 Squats: 1 rep at 20 kg.")
