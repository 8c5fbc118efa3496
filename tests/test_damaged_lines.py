"""One damaged line of history.json costs one session: it is named (file, line, why), every other session is
shown, exported and charted, reads never move or rewrite the file, and the next write keeps the damaged lines
verbatim in history.json.damaged-<time> (and says so). Only a file not in the line-per-session layout is set aside
whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import app_for, make_session

from runtrainer.cli import main
from runtrainer.store import Store, index
from runtrainer.store.history_file import OLDER_HEADERS, body


def sixty_one(folder: Path) -> list[str]:
    Store(folder).save_many([make_session(i) for i in range(61)])
    return (folder / "history.json").read_text("utf-8").split("\n")


def damage(folder: Path, how: str) -> tuple[list[str], str]:
    """Damage line 4 of a 61-session history; returns the file's lines and the id of the session lost."""
    lines = sixty_one(folder)
    lost = json.loads(lines[3].rstrip(","))["id"]
    if how == "cut":
        lines[3] = lines[3][:150]
    elif how == "started":
        lines[3] = lines[3].replace('"started":"', '"started":"garbage-', 1)
    elif how == "duplicate":
        lines[3] = lines[2]  # line 3's session twice: the first is kept, line 4 is reported
    (folder / "history.json").write_text("\n".join(lines), "utf-8")
    return lines, lost


def ids(store: Store) -> set[str]:
    return {s.id for s in store.load()}


@pytest.mark.parametrize("how, says", [("cut", "not valid JSON (column "), ("started", "garbage-2026"),
                                       ("duplicate", "the same id as line 3, which is kept")])
def test_one_damaged_line_costs_one_session_and_a_read_leaves_the_file_as_it_is(tmp_path, how, says):
    folder = tmp_path / "data"
    lines, lost = damage(folder, how)
    before = (folder / "history.json").read_bytes()
    for _ in range(2):  # and again: still read, still told
        store = Store(folder)
        found = ids(store)
        assert len(found) == 60 and lost not in found
        [notice] = store.notices
        assert notice.message.startswith(f"{folder / 'history.json'}:4: a session is left out") and says in \
            notice.message and "\n" not in notice.message
    assert (folder / "history.json").read_bytes() == before, "a read never rewrites the file"
    assert not list(folder.glob("history.json.*")), "nor moves it aside"
    assert index.summaries(folder, folder / "history.json") is None, "the index never describes a damaged file"


def test_the_cli_shows_exports_and_charts_every_other_session_and_names_the_damaged_one(tmp_path, capsys):
    folder = tmp_path / "data"
    damage(folder, "cut")
    assert main(["--data-dir", str(folder), "history", "--all"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 61, "the header and 60 sessions"
    [said] = err.splitlines()
    assert f"{folder / 'history.json'}:4: a session is left out (session id " in said and "perhaps cut short" in said
    assert main(["--data-dir", str(folder), "export", "--format", "json", "-o", str(tmp_path / "x.json")]) == 0
    assert len(json.loads((tmp_path / "x.json").read_text("utf-8"))["sessions"]) == 60
    assert main(["--data-dir", str(folder), "stats"]) == 0
    assert "Calf raises" in capsys.readouterr().out
    assert not list(folder.glob("history.json.*"))


def test_the_next_write_keeps_the_damaged_lines_verbatim_beside_the_file_and_says_so(tmp_path):
    folder = tmp_path / "data"
    lines, _ = damage(folder, "cut")
    lines[9] = lines[9].replace('"started":"', '"started":"x', 1)
    (folder / "history.json").write_text("\n".join(lines), "utf-8")
    store = Store(folder)
    store.load()
    store.notices.clear()
    store.save(make_session(99))
    [told] = [n.message for n in store.notices]
    [kept] = folder.glob("history.json.damaged-*")
    assert told.startswith(f"2 damaged lines of {folder / 'history.json'} (lines 4, 10) were left out of it and "
                           f"kept as {kept}")
    assert kept.read_text("utf-8").split("\n")[1:3] == [lines[3], lines[9]], "verbatim"
    again = Store(folder)
    assert len(again.load()) == 60 and not again.notices, "the file is whole again"
    assert index.summaries(folder, folder / "history.json") is not None, "and its index describes it"
    header, _cut, wrong, footer = kept.read_text("utf-8").split("\n")[:4]  # the cut one cannot be mended
    mended = body(wrong).replace('"started":"x', '"started":"')
    (tmp_path / "mended.json").write_text("\n".join([header, mended, footer]), "utf-8")
    assert main(["--data-dir", str(folder), "import", str(tmp_path / "mended.json")]) == 0
    assert len(Store(folder).load()) == 61, "mended, a damaged line can be imported back"


def test_a_duplicated_line_is_kept_aside_too_at_the_next_write(tmp_path):
    folder = tmp_path / "data"
    lines, _ = damage(folder, "duplicate")
    store = Store(folder)
    store.load()
    store.save(make_session(99))
    [kept] = folder.glob("history.json.damaged-*")
    assert kept.read_text("utf-8").split("\n")[1] == lines[3]
    assert any("was left out of it" in n.message for n in store.notices)


def test_an_older_schema_with_a_damaged_line_is_read_and_migrated_keeping_both(tmp_path):
    folder = tmp_path / "data"
    lines = sixty_one(folder)
    lines[0] = OLDER_HEADERS[0]  # schema 2 (its sessions read the same for this)
    lines[5] = lines[5][:40]
    (folder / "history.json").write_text("\n".join(lines), "utf-8")
    store = Store(folder)
    assert len(store.load()) == 60 and ":6: a session is left out" in store.notices[0].message
    store.save(make_session(99))
    assert (folder / "history.json.schema2").read_text("utf-8") == "\n".join(lines)
    [kept] = folder.glob("history.json.damaged-*")
    assert kept.read_text("utf-8").split("\n")[:2] == [OLDER_HEADERS[0], lines[5]]
    assert len(Store(folder).load()) == 61


def test_a_file_cut_short_at_its_end_keeps_the_sessions_before_the_cut(tmp_path):
    folder = tmp_path / "data"
    lines = sixty_one(folder)
    (folder / "history.json").write_text("\n".join(lines[:30]) + "\n" + lines[30][:77], "utf-8")
    store = Store(folder)
    assert len(store.load()) == 29
    said = [n.message for n in store.notices]
    assert len(said) == 2 and ":31: a session is left out" in said[0] and "closing line ]} is missing" in said[1]
    assert not list(folder.glob("history.json.*"))


def test_many_damaged_lines_are_named_up_to_ten_then_counted(tmp_path):
    folder = tmp_path / "data"
    lines = sixty_one(folder)
    for i in range(1, 16):
        lines[i] = "{garbage"
    (folder / "history.json").write_text("\n".join(lines), "utf-8")
    store = Store(folder)
    assert len(store.load()) == 46
    assert len(store.notices) == 11 and "5 more lines are left out" in store.notices[-1].message


def test_a_file_with_no_session_line_is_left_as_it_is_by_reads_and_kept_whole_by_the_next_write(tmp_path, capsys):
    folder = tmp_path / "data"
    folder.mkdir()
    garbage = b"\x89PNG\r\n\x1a\n\x00\x00garbage"
    (folder / "history.json").write_bytes(garbage)
    store = Store(folder)
    assert store.load() == []
    [said] = [n.message for n in store.notices]
    assert said.startswith(f"{folder / 'history.json'} could not be read: ") and "left as it is" in said
    assert main(["--data-dir", str(folder), "history"]) == 0  # a read from the command line too: one line
    assert len(capsys.readouterr().err.splitlines()) == 1
    assert (folder / "history.json").read_bytes() == garbage and not list(folder.glob("history.json.*"))
    new = make_session(1)
    Store(folder).save(new)
    [kept] = folder.glob("history.json.corrupt-*")
    assert kept.read_bytes() == garbage, "nothing is lost: the old bytes are beside the new history"
    assert [s.id for s in Store(folder).load()] == [new.id]


async def test_home_names_the_damaged_line_and_history_shows_the_rest(tmp_path, clock):
    damage(tmp_path / "data", "cut")
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        said = str(app.screen.query_one("#home-notices").render())
        assert "history.json:4: a session is left out" in said and "corrupt" not in said
        assert len(app.store.sessions()) == 60


def kept_after_a_write(folder: Path) -> tuple[Path, list[str]]:
    """A history with line 4 damaged (a bad "started", which can be mended), written once: the kept file."""
    lines, _ = damage(folder, "started")
    store = Store(folder)
    store.load()
    store.save(make_session(99))
    [kept] = folder.glob("history.json.damaged-*")
    return kept, lines


def test_runtrainer_history_reminds_of_kept_damaged_lines_until_the_file_is_gone(tmp_path, capsys):
    folder = tmp_path / "data"
    kept, lines = kept_after_a_write(folder)
    for _ in range(2):  # every time, not once
        assert main(["--data-dir", str(folder), "history"]) == 0
        [said] = capsys.readouterr().err.splitlines()
        assert said == (f"runtrainer: Damaged lines of {folder / 'history.json'} are still kept in {kept}: mend them "
                        "there and `runtrainer import` that file to bring them back, then delete it (said at every "
                        "start until it is gone).")
    # As the README and the message say: mended there, imported, the session is back; deleted, nothing is said.
    text = kept.read_text("utf-8").replace('"started":"garbage-', '"started":"')
    kept.write_text(text, "utf-8")
    assert main(["--data-dir", str(folder), "import", str(kept)]) == 0
    assert len(Store(folder).load()) == 62
    kept.unlink()
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "history"]) == 0
    assert capsys.readouterr().err == ""


async def test_home_reminds_of_kept_damaged_lines_at_every_start_until_the_file_is_gone(tmp_path, clock):
    kept, _ = kept_after_a_write(tmp_path / "data")
    for present in (True, True, False):
        if not present:
            kept.unlink()
        app = app_for(tmp_path, clock)
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            said = str(app.screen.query_one("#home-notices").render())
            assert (f"still kept in {kept}" in said and "`runtrainer import`" in said) is present, said


async def test_the_start_whose_write_keeps_damaged_lines_says_so_once(tmp_path, clock):
    """A finished session folded in at start writes the file: its own notice says where; no reminder besides."""
    folder = tmp_path / "data"
    damage(folder, "started")
    Store(folder).finish(make_session(99))  # waits in its journal for the next start
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = str(app.screen.query_one("#home-notices").render())
        [kept] = folder.glob("history.json.damaged-*")
        assert said.count(str(kept)) == 1 and "kept as" in said and "still kept" not in said, said


def test_a_kept_file_with_no_session_in_it_is_named_without_an_import_to_do(tmp_path):
    from runtrainer.store import rewrite

    folder = tmp_path / "data"
    lines = sixty_one(folder)
    (folder / "history.json").write_text("\n".join([*lines[:-1], "what a crash left"]), "utf-8")  # after the end
    store = Store(folder)
    store.load()
    store.save(make_session(99))
    [kept] = folder.glob("history.json.damaged-*")
    said = rewrite.reminder(folder / "history.json")
    assert said == (f"{kept} still keeps what was dropped from {folder / 'history.json'} around its sessions (no "
                    "session was lost): delete it once looked at.")
