"""The validator's Python API: what each kind of source means, and what a report's truth is."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson
import pytest

import endingnote
from endingnote.validation import load, validate, validate_bytes, validate_file, validate_text


def test_a_str_of_json_text_is_a_document_not_a_path(full_doc: dict[str, Any]) -> None:
    text = orjson.dumps(full_doc).decode()
    for report in (validate(text), validate_text(text), endingnote.validate(text)):
        assert report.valid, report.issues
    assert validate("  \n" + text).valid  # leading whitespace, as a file would have it
    assert [i.code for i in validate("[1, 2]").issues] == ["input.not_object"]
    assert [i.code for i in validate('{"header": ').issues] == ["input.json_syntax"]
    assert load(text).person.name.family == full_doc["person"]["name"]["family"]


def test_a_str_that_is_not_json_is_a_path(tmp_path: Path, full_doc: dict[str, Any]) -> None:
    path = tmp_path / "note.json"
    path.write_bytes(orjson.dumps(full_doc))
    assert validate(str(path)).valid
    assert validate(path).valid
    assert validate_file(path).path == str(path)


def test_a_file_named_like_json_is_validated_through_a_path(tmp_path: Path, full_doc: dict[str, Any]) -> None:
    odd = tmp_path / "{odd}.json"
    odd.write_bytes(orjson.dumps(full_doc))
    assert validate(odd).valid
    assert validate_file(str(odd)).valid


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda d: d / "missing.json", "input.not_found"),
        (lambda d: d, "input.not_a_file"),
        (lambda d: d / ("x" * 5000), "input.unreadable"),
    ],
)
def test_a_bad_path_is_a_finding_not_an_exception(tmp_path: Path, make: Any, code: str) -> None:
    for source in (make(tmp_path), str(make(tmp_path))):
        report = validate(source)
        assert [i.code for i in report.issues] == [code]
        assert not report.valid
        assert report.path == str(source)


def test_an_unreadable_file_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "secret.json"
    path.write_bytes(b"{}")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):  # root reads anything: make it a file we truly cannot open
            path.unlink()
            os.mkfifo(path)  # a FIFO is not a regular file
            assert [i.code for i in validate(path).issues] == ["input.not_a_file"]
        else:
            assert [i.code for i in validate(path).issues] == ["input.unreadable"]
    finally:
        path.chmod(0o600)


def test_bytes_and_buffers(full_doc: dict[str, Any]) -> None:
    raw = orjson.dumps(full_doc)
    assert validate(raw).valid and validate(bytearray(raw)).valid and validate(memoryview(raw)).valid
    assert validate_bytes(raw).valid


def test_text_with_a_lone_surrogate_is_an_encoding_finding() -> None:
    assert [i.code for i in validate_text('{"a": "\ud800"}').issues] == ["input.encoding"]


def test_a_report_has_no_truth_value(full_doc: dict[str, Any]) -> None:
    """``if report:`` could mean "valid" or "has issues"; it raises, so nobody guesses."""
    good, bad = validate(full_doc), validate({"header": {"standard": "1.0"}})
    for report in (good, bad):
        with pytest.raises(TypeError, match=r"report\.valid"):
            bool(report)
    assert good.valid and not bad.valid
    assert len(good) == 0 and len(bad) > 0  # the number of issues, warnings included
    from endingnote import Report

    with pytest.raises(TypeError):
        bool(Report())
