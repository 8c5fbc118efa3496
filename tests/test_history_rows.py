"""The History screen with a long history: the newest rows first, the rest added after the first frame, and every
session reachable (Ctrl+End to the oldest, Enter on it, its best marked, a resize, one finished meanwhile)."""

from __future__ import annotations

import pytest
from helpers import app_for, make_session

from runtrainer.store import Session, Store, history_file, index
from runtrainer.tui.screens.history import HistoryScreen

N = 300


def history_of(tmp_path, n: int = N) -> list[Session]:
    """``n`` sessions, oldest first, in history.json (and index.json, as any earlier read leaves it)."""
    data = tmp_path / "data"
    data.mkdir()
    sessions = []
    for i in range(n):
        s = make_session(i, weight=10 + i)  # heavier each time: each sets a best (but the first)
        s.started = f"{2020 + i // 336:04d}-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}T07:{i % 60:02d}:00+01:00"
        sessions.append(s)
    (data / "history.json").write_text(history_file.render([history_file.dumps(s.to_json()) for s in sessions]))
    Store(data).load()
    assert (data / index.INDEX_FILE).exists()
    return sessions


def shown(session: Session) -> str:
    return session.started[:16].replace("T", " ")


def date_at(table, row: int) -> str:
    return str(table.get_row_at(row)[1])


async def settled(pilot) -> None:
    """Until the rows and the exercises' figures are all in."""
    screen = pilot.app.screen
    await screen.workers.wait_for_complete()
    for _ in range(N):
        if screen.complete:
            break
        await pilot.pause()
    assert screen.complete
    await pilot.pause()


async def test_the_newest_come_first_and_ctrl_end_reaches_the_oldest_which_opens(tmp_path, clock):
    sessions = history_of(tmp_path)
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one("#sessions")
        assert date_at(table, 0) == shown(sessions[-1])
        await pilot.press("ctrl+end")
        assert table.cursor_row == N - 1 and table.row_count == N
        assert date_at(table, N - 1) == shown(sessions[0])
        await settled(pilot)
        assert table.row_count == N and table.cursor_row == N - 1
        assert [date_at(table, r) for r in range(N)] == [shown(s) for s in reversed(sessions)]  # none twice
        marks = [str(table.get_row_at(r)[0]) for r in range(N)]
        assert marks == ["★"] * (N - 1) + [""]  # every row marked once the figures are in (the first: none to beat)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.session.id == sessions[0].id


async def test_ctrl_end_before_the_rows_are_all_in_adds_the_rest_first(tmp_path, clock, monkeypatch):
    sessions = history_of(tmp_path)
    monkeypatch.setattr(HistoryScreen, "BATCH", 1)  # a row a frame: Ctrl+End comes long before the last
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h", "ctrl+end")
        table = app.screen.query_one("#sessions")
        assert table.row_count == N and table.cursor_row == N - 1
        assert date_at(table, N - 1) == shown(sessions[0])
        await pilot.press("ctrl+home", "pagedown")  # the keys as before
        row = table.cursor_row
        assert row > 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.session.id == sessions[-1 - row].id


async def test_a_resize_keeps_every_row_and_the_cursor(tmp_path, clock):
    sessions = history_of(tmp_path)
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("h")
        await settled(pilot)
        table = app.screen.query_one("#sessions")
        table.move_cursor(row=250)
        await pilot.resize_terminal(80, 24)
        await settled(pilot)
        assert table.row_count == N and table.cursor_row == 250
        assert date_at(table, 250) == shown(sessions[N - 1 - 250])


@pytest.mark.parametrize("folded_meanwhile", [False, True])
async def test_a_session_finished_in_its_journal_is_listed(tmp_path, clock, monkeypatch, folded_meanwhile):
    """A finished session waits in its journal until the app folds it into history.json (on a thread, at start):
    it is listed whether History reads the list before that or (``folded_meanwhile``) while it happens."""
    history_of(tmp_path)
    newest = make_session(0)
    newest.started = "2030-01-01T07:00:00+01:00"
    writer = Store(tmp_path / "data")
    writer.begin(newest)
    writer.finish(newest)
    monkeypatch.setattr("runtrainer.tui.background.merge_pending", lambda data_dir: [])  # not at start: below
    if folded_meanwhile:
        read, folds = index.summaries, [1]

        def folded_after_reading(folder, history):
            found = read(folder, history)
            if folds:  # once (the fold itself reads the index too)
                folds.pop()
                assert Store(folder).merge_pending() == 1  # history.json and the index rewritten, the journal gone
            return found

        monkeypatch.setattr(index, "summaries", folded_after_reading)
    app = app_for(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        table = app.screen.query_one("#sessions")
        await settled(pilot)
        assert table.row_count == N + 1 and date_at(table, 0) == shown(newest)
