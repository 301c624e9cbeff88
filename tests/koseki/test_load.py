"""Loading a folder: hostile or broken files are refused safely, nothing else is lost."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from endingnote import InputError, InvalidDocumentError
from endingnote.koseki import family_graph_from_files, load_register_bytes, load_registers, to_family_graph
from endingnote.koseki._load import MAX_FILE_BYTES


def test_folder_loads_every_kind(examples_dir: Path) -> None:
    loaded = load_registers(examples_dir)
    assert len(loaded.registers) == 5
    assert all(r.source and r.source_sha256 and len(r.source_sha256) == 64 for r in loaded.registers)


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "koseki.json.too_deep"),
        ("deep33.json", b"[" * 33 + b"]" * 33, "koseki.json.too_deep"),
        (
            "dup.json",
            b'{"format": "endingnote-koseki/1.0", "honseki": "a", "honseki": "b"}',
            "koseki.json.duplicate_key",
        ),
        ("big-int.json", b"1" * 5000, "koseki.json.syntax"),
        ("latin1.txt", "本籍".encode("shift_jis"), "koseki.input.encoding"),
        ("huge.txt", b"x" * (MAX_FILE_BYTES + 1), "koseki.input.too_large"),
        ("junk.p7m", b"\x00" * 64, "koseki.ecert.malformed"),
    ],
)
def test_hostile_files_become_issues(name: str, data: bytes, code: str) -> None:
    register, issues, _ = load_register_bytes(data, name)
    assert register is None
    assert issues[0].code == code and issues[0].file == name


def test_symlinks_and_oversized_files_are_not_read(examples_dir: Path, tmp_path: Path) -> None:
    os.symlink("/etc/passwd", tmp_path / "passwd.txt")
    with (tmp_path / "big.json").open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 10)
    (tmp_path / "sub").mkdir()
    loaded = load_registers(tmp_path)
    assert loaded.registers == []
    assert {(i.file, i.code) for i in loaded.report} == {
        ("passwd.txt", "koseki.input.unknown_kind"),
        ("big.json", "koseki.input.too_large"),
    }


def test_duplicate_register_is_reported_once(examples_dir: Path, tmp_path: Path) -> None:
    data = (examples_dir / "03-yamada-taro.txt").read_bytes()
    (tmp_path / "a.txt").write_bytes(data)
    (tmp_path / "b.txt").write_bytes(data.replace(b"\n", b"\r\n"))
    loaded = load_registers(tmp_path)
    assert len(loaded.registers) == 1
    assert [i.code for i in loaded.report] == ["koseki.input.duplicate_register"]


def test_missing_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_registers(tmp_path / "nope")


def test_graph_from_a_folder(examples_dir: Path, tmp_path: Path) -> None:
    graph = to_family_graph(examples_dir)
    assert len([p for p in graph["persons"] if not p["id"].startswith("r-")]) == 10
    (tmp_path / "bad.txt").write_text("本籍 x\n", encoding="utf-8")
    graph_or_none, report = family_graph_from_files(tmp_path)
    assert graph_or_none is None and not report.valid
    with pytest.raises(InvalidDocumentError) as info:
        to_family_graph(tmp_path)
    assert info.value.report.errors[0].file == "bad.txt"
