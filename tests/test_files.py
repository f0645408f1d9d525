"""Outputs are written all or nothing; unreadable inputs and unwritable outputs are one line."""

from __future__ import annotations

import os
import stat

import pytest

from papergraph.errors import InputError, PapergraphError
from papergraph.files import read_user_file, write_output


def test_write_output_makes_folders_and_keeps_newlines(tmp_path):
    path = write_output(tmp_path / "a" / "b" / "x.txt", "one\ntwo\n")
    assert path.read_bytes() == b"one\ntwo\n"
    assert os.listdir(path.parent) == ["x.txt"]  # no temporary file left behind


def test_write_output_has_the_usual_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        path = write_output(tmp_path / "x.bib", "@misc{a}\n")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_failed_write_leaves_the_old_file_whole(tmp_path):
    path = tmp_path / "seminar.bib"
    path.write_text("the old entries\n")
    with pytest.raises(UnicodeEncodeError):
        write_output(path, "half of the new text \ud800 and the rest")
    assert path.read_text() == "the old entries\n"
    assert os.listdir(tmp_path) == ["seminar.bib"]


def test_an_unwritable_target_is_one_error(tmp_path):
    (tmp_path / "out").mkdir()
    with pytest.raises(PapergraphError) as info:
        write_output(tmp_path / "out", "text")  # a folder is in the way
    assert str(info.value) == f"cannot write {tmp_path / 'out'}: Is a directory"
    assert os.listdir(tmp_path) == ["out"]


def test_read_user_file_names_the_file(tmp_path):
    (tmp_path / "latin1.toml").write_bytes("caf\xe9 au lait".encode("latin-1"))
    with pytest.raises(InputError) as info:
        read_user_file(tmp_path / "latin1.toml", "latin1.toml")
    assert [str(p) for p in info.value.problems] == [
        "latin1.toml:1: not UTF-8 text (invalid continuation byte)"]
