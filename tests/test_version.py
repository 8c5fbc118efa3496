"""``get_version`` reads the usual install's metadata itself (importlib.metadata costs ~15-20 ms to import) and
must say what importlib.metadata says, or leave the answer to it."""

from __future__ import annotations

import sys
from importlib.metadata import version

import runtrainer


def test_the_version_is_importlib_metadata_s():
    assert runtrainer.get_version() == version("runtrainer")


def _dist(folder, name: str, text: str) -> None:
    (folder / name).mkdir(parents=True)
    (folder / name / "METADATA").write_text(text, "utf-8")


def test_the_first_folder_with_our_metadata_is_read(tmp_path, monkeypatch):
    _dist(tmp_path / "a", "runtrainer-9.8.7.dist-info", "Metadata-Version: 2.1\nName: runtrainer\nVersion: 9.8.7\n")
    _dist(tmp_path / "b", "runtrainer-1.0.dist-info", "Metadata-Version: 2.1\nName: runtrainer\nVersion: 1.0\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "missing"), str(tmp_path / "a"), str(tmp_path / "b")])
    assert runtrainer.dist_info_version() == "9.8.7" == runtrainer.get_version() == version("runtrainer")


def test_anything_unusual_is_left_to_importlib_metadata(tmp_path, monkeypatch):
    """Two candidates in one folder, an egg-info, a zip on the path, another name in METADATA: not read here."""
    two = tmp_path / "two"
    _dist(two, "runtrainer-1.0.dist-info", "Name: runtrainer\nVersion: 1.0\n")
    _dist(two, "runtrainer-2.0.dist-info", "Name: runtrainer\nVersion: 2.0\n")
    _dist(tmp_path / "egg", "runtrainer.egg-info", "Name: runtrainer\nVersion: 3.0\n")
    _dist(tmp_path / "other", "runtrainer-4.0.dist-info", "Name: something-else\nVersion: 4.0\n")
    (tmp_path / "lib.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    for entry in (two, tmp_path / "egg", tmp_path / "other", tmp_path / "lib.zip"):
        monkeypatch.setattr(sys, "path", [str(entry)])
        assert runtrainer.dist_info_version() is None


def test_a_hostile_metadata_is_read_no_further_than_its_head_and_printed_safely(tmp_path, monkeypatch, capsys):
    """Attacked: a METADATA of one huge line, and a Version with an escape sequence (OSC 52 writes the clipboard)."""
    import pytest

    from runtrainer import cli

    _dist(tmp_path / "huge", "runtrainer-1.0.dist-info", "Name: runtrainer\nVersion: 1.0\n" + "x" * 5_000_000)
    monkeypatch.setattr(sys, "path", [str(tmp_path / "huge")])
    assert runtrainer.dist_info_version() == "1.0"
    _dist(tmp_path / "esc", "runtrainer-2.0.dist-info", "Name: runtrainer\nVersion: 2.0\x1b]52;c;aGk=\x07\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "esc")])
    with pytest.raises(SystemExit):
        cli.parse_args(["--version"])
    out = capsys.readouterr().out
    assert out.startswith("runtrainer 2.0") and "\x1b" not in out and "\x07" not in out
