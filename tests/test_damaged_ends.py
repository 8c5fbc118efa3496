"""A tester's findings about history.json's damaged lines: the TUI says where they went (D1); a damaged header
or closing line, a byte order mark or NUL bytes after the end never cost the history (D2); the kept lines,
mended, import back (D3); a kept duplicate says what to do (D4); a missing closing line is not called a lost
session (D5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import app_for, make_session
from hypothesis import given, settings
from hypothesis import strategies as st

from runtrainer.cli import main
from runtrainer.store import Store, history_file
from runtrainer.store.history_file import HEADER


def history(folder: Path, n: int = 20) -> list[str]:
    Store(folder).save_many([make_session(i) for i in range(n)])
    return (folder / "history.json").read_text("utf-8").split("\n")


def cut_line_11(folder: Path) -> list[str]:
    lines = history(folder)
    lines[10] = lines[10][:120]
    (folder / "history.json").write_text("\n".join(lines), "utf-8")
    return lines


def finished_journal(folder: Path, n: int = 99) -> None:
    store, session = Store(folder), make_session(n)
    store.begin(session)
    store.finish(session)


def home_says(app: object) -> str:
    return str(app.screen.query_one("#home-notices").render())  # type: ignore[attr-defined]


async def test_home_says_where_the_damaged_line_went_when_finished_sessions_are_folded_in(tmp_path, clock):
    folder = tmp_path / "data"
    cut_line_11(folder)
    finished_journal(folder)
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = home_says(app)
        [kept] = folder.glob("history.json.damaged-*")
        assert f"kept as {kept}" in said.replace("\n", "")
        assert ":11: a session is left out" not in said, "line 11 is gone from history.json: no stale line"
    assert len(Store(folder).load()) == 20


async def test_a_set_changed_from_history_says_where_the_damaged_line_went(tmp_path, clock):
    from runtrainer.tui.screens.session_detail import SessionDetail

    folder = tmp_path / "data"
    cut_line_11(folder)
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert ":11: a session is left out" in home_says(app)
        store = app.store
        detail = SessionDetail(store.session(store.sessions()[0].id), store)
        await app.push_screen(detail)
        await pilot.pause()
        await pilot.press("enter")  # the first set: its editor
        await pilot.pause()
        await pilot.press("enter")  # kept as it is: saved
        await pilot.pause()
        await detail.workers.wait_for_complete()
        await pilot.pause()
        [kept] = folder.glob("history.json.damaged-*")
        assert f"kept as {kept}" in str(detail.query_one("#detail-saved").render()).replace("\n", "")
        app.pop_screen()
        await pilot.pause()
        said = home_says(app).replace("\n", "")
        assert f"kept as {kept}" in said and ":11: a session is left out" not in said


def bom(lines: list[str]) -> bytes:
    return b"\xef\xbb\xbf" + "\n".join(lines).encode()


def nuls(lines: list[str]) -> bytes:
    return "\n".join(lines).encode() + b"\x00" * 4096


def footer(to: str):
    return lambda lines: "\n".join([*lines[:-2], to, ""]).encode()


def header_flip(lines: list[str]) -> bytes:
    return "\n".join([lines[0].replace("version", "versiom"), *lines[1:]]).encode()


@pytest.mark.parametrize("damage, told", [(bom, 0), (nuls, 0), (footer("]"), 1), (footer("]]"), 1),
                                          (header_flip, 1)])
def test_a_damaged_end_or_header_never_costs_the_history(tmp_path, capsys, damage, told):
    folder = tmp_path / "data"
    lines = history(folder)
    assert lines[-2:] == ["]}", ""]
    (folder / "history.json").write_bytes(damage(lines))
    before = (folder / "history.json").read_bytes()
    store = Store(folder)
    assert len(store.load()) == 20, "every session is read"
    assert len(store.notices) == told and all("no session is lost" in n.message for n in store.notices)
    assert main(["--data-dir", str(folder), "export", "--format", "json", "-o", str(tmp_path / "x.json")]) == 0
    assert len(json.loads((tmp_path / "x.json").read_text("utf-8"))["sessions"]) == 20
    assert (folder / "history.json").read_bytes() == before and not list(folder.glob("history.json.*")), \
        "a read never moves or rewrites the file"
    store.save(make_session(99))
    assert (folder / "history.json").read_text("utf-8").startswith(HEADER + "\n")
    assert (folder / "history.json").read_text("utf-8").endswith("\n]}\n")
    assert len(list(folder.glob("history.json.damaged-*"))) == told, "a copy only when more than NULs was dropped"
    again = Store(folder)
    assert len(again.load()) == 21 and not again.notices


def test_text_after_the_closing_line_is_kept_when_the_next_write_drops_it(tmp_path):
    folder = tmp_path / "data"
    lines = history(folder)
    (folder / "history.json").write_text("\n".join([*lines[:-1], "oops", ""]), "utf-8")
    store = Store(folder)
    assert len(store.load()) == 20 and "after the closing line" in store.notices[0].message
    store.save(make_session(99))
    [kept] = folder.glob("history.json.damaged-*")
    assert kept.read_text("utf-8").split("\n")[-2] == "oops"


def test_a_header_naming_a_newer_schema_is_still_honoured(tmp_path):
    folder = tmp_path / "data"
    lines = history(folder)
    lines[0] = lines[0].replace('"schema_version": 3', '"schema_versiom": 9')
    (folder / "history.json").write_text("\n".join(lines), "utf-8")
    before = (folder / "history.json").read_bytes()
    store = Store(folder)
    assert store.load() == [] and "newer runtrainer" in store.notices[0].message
    with pytest.raises(Exception, match="not written"):
        store.save(make_session(99))
    assert (folder / "history.json").read_bytes() == before


def test_kept_lines_mended_by_plain_replacement_import_back(tmp_path, capsys):
    folder = tmp_path / "data"
    lines = history(folder)
    lost = json.loads(lines[19].rstrip(","))["id"]
    lines[19] = lines[19].replace('"started":"', '"started":"x', 1)  # the last session line (trailing comma)
    lines[5] = lines[5].replace('"started":"', '"started":"x', 1)
    (folder / "history.json").write_text("\n".join(lines), "utf-8")
    store = Store(folder)
    store.load()
    store.save(make_session(99))
    [kept] = folder.glob("history.json.damaged-*")
    kept.write_text(kept.read_text("utf-8").replace('"started":"x', '"started":"'), "utf-8")
    assert main(["--data-dir", str(folder), "import", str(kept)]) == 0
    assert "2 new sessions" in capsys.readouterr().out
    assert lost in {s.id for s in Store(folder).load()} and len(Store(folder).load()) == 21


def test_a_kept_duplicate_says_to_give_it_a_new_id_and_then_imports(tmp_path, capsys):
    folder = tmp_path / "data"
    lines = history(folder)
    twin = lines[5].replace('"weight":12.0', '"weight":14.0')  # line 6's id, other content
    (folder / "history.json").write_text("\n".join([*lines[:6], twin, *lines[6:]]), "utf-8")
    store = Store(folder)
    store.load()
    store.save(make_session(99))
    [told] = [n.message for n in store.notices if "kept as" in n.message]
    assert "Line 7 had the id of another session" in told and "give it a new id" in told
    [kept] = folder.glob("history.json.damaged-*")
    sid = json.loads(lines[5].rstrip(","))["id"]
    kept.write_text(kept.read_text("utf-8").replace(sid, "mended-twin"), "utf-8")
    assert main(["--data-dir", str(folder), "import", str(kept)]) == 0
    assert "1 new session" in capsys.readouterr().out
    assert Store(folder).session("mended-twin").sets[0].weight == 14.0


def test_a_missing_closing_line_is_not_called_a_lost_session(tmp_path):
    folder = tmp_path / "data"
    lines = history(folder)
    (folder / "history.json").write_text("\n".join(lines[:-2]), "utf-8")
    store = Store(folder)
    assert len(store.load()) == 20
    [said] = [n.message for n in store.notices]
    assert "closing line ]} is missing" in said and "left out" not in said


def test_a_missing_header_costs_no_session_and_an_export_is_imported_as_before(tmp_path, capsys):
    folder = tmp_path / "data"
    lines = history(folder)
    (folder / "history.json").write_text("\n".join(lines[1:]), "utf-8")
    store = Store(folder)
    assert len(store.load()) == 20 and "header" in store.notices[0].message
    assert main(["--data-dir", str(folder), "export", "--format", "json", "-o", str(tmp_path / "x.json")]) == 0
    newer = (tmp_path / "x.json").read_text("utf-8").replace('"schema_version": 2', '"schema_version": 9', 1)
    (tmp_path / "x.json").write_text(newer, "utf-8")
    assert main(["--data-dir", str(tmp_path / "other"), "import", str(tmp_path / "x.json")]) != 0
    assert "newer runtrainer" in capsys.readouterr().err


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet="\ufeff\r\n\x00 \t\x0b\x0c{}a,é", max_size=40))
def test_history_json_read_line_by_line_gives_the_lines_the_whole_text_gave(tmp_path_factory, text):
    """The history is read line by line (never whole beside its lines): the same lines as splitting the text text
    mode reads, a byte order mark, \\r\\n or \\r line ends, and NULs and blanks at the end included."""
    path = tmp_path_factory.mktemp("h") / "history.json"
    path.write_bytes(text.encode("utf-8"))
    assert history_file.read_lines(path) == history_file.split(path.read_text("utf-8"))
