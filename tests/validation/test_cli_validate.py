"""``endingnote validate``: standard input, --quiet, and data that must never drive the terminal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

ENDINGNOTE = [sys.executable, "-m", "endingnote", "validate"]


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*ENDINGNOTE, *args], input=stdin, capture_output=True, check=False, timeout=120)


def test_dash_reads_one_document_from_standard_input(full_doc: dict[str, Any]) -> None:
    out = run("-", "--json", stdin=orjson.dumps(full_doc))
    assert out.returncode == 0, out.stderr
    [line] = out.stdout.decode().splitlines()
    assert json.loads(line)["valid"] is True
    out = run("-", stdin=b'{"header": {"standard": "1.0"}}')
    assert out.returncode == 1
    assert b"<stdin>" in out.stdout and b"structure.required" in out.stdout


def test_dash_between_files_keeps_the_order(tmp_path: Path, full_doc: dict[str, Any]) -> None:
    (tmp_path / "a.json").write_bytes(orjson.dumps(full_doc))
    (tmp_path / "b.json").write_bytes(b"{}")
    out = run(str(tmp_path / "a.json"), "-", str(tmp_path / "b.json"), "--json", stdin=b"[1]")
    paths = [json.loads(line)["path"] for line in out.stdout.decode().splitlines()]
    assert paths == [str(tmp_path / "a.json"), "-", str(tmp_path / "b.json")]
    assert out.returncode == 1
    assert run("-", "-").returncode == 2


def test_standard_input_over_the_size_limit_is_a_finding_without_reading_it_all() -> None:
    from endingnote.validation._limits import JSON_BYTES

    out = run("-", "--json", stdin=b" " * (JSON_BYTES.value + 10))
    assert out.returncode == 1
    [found] = json.loads(out.stdout)["issues"]
    assert found["code"] == "input.too_large"
    assert "validation.json.max_bytes" in found["message_en"]


def test_quiet_prints_only_invalid_documents(tmp_path: Path, full_doc: dict[str, Any]) -> None:
    (tmp_path / "good.json").write_bytes(orjson.dumps(full_doc))
    (tmp_path / "bad.json").write_bytes(b'{"header": {"standard": "1.0"}}')
    out = run(str(tmp_path), "--quiet", "--json")
    assert [json.loads(x)["path"] for x in out.stdout.decode().splitlines()] == [str(tmp_path / "bad.json")]
    out = run(str(tmp_path), "-q")
    assert b"bad.json" in out.stdout and b"good.json" not in out.stdout
    assert out.returncode == 1
    out = run(str(tmp_path / "good.json"), "-q")
    assert out.stdout == b"" and out.returncode == 0


HOSTILE = [
    "[/]",
    "[bold]x[/bold]",
    "[link=file:///etc/passwd]x",
    "a\x07b",
    "\x1b[2J\x1b[31mred",
    "\u202eevil",
    "\x9b31m",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_data_in_keys_values_and_paths_never_drives_the_terminal(full_doc: dict[str, Any], text: str) -> None:
    full_doc["person"][text] = text  # an unknown member: the key is in the path and the message
    full_doc["person"]["sex"] = text  # a bad code: the value is quoted in the message
    out = run("-", "--lang", "en", stdin=orjson.dumps(full_doc))
    assert out.returncode == 1, out.stderr
    assert b"Traceback" not in out.stderr
    shown = out.stdout.decode()
    for bad in ("\x07", "\x1b", "\u202e", "\x9b"):
        assert bad not in shown
    visible = text.replace("\x07", "\\x07").replace("\x1b", "\\x1b").replace("\u202e", "\\u202e")
    visible = visible.replace("\x9b", "\\x9b").replace("/", "~1")  # the path escapes "/" as ~1
    assert visible in shown  # shown, as text


@pytest.mark.parametrize("text", HOSTILE)
def test_json_output_escapes_what_a_terminal_would_act_on(full_doc: dict[str, Any], text: str) -> None:
    full_doc["person"][text] = 1
    out = run("-", "--json", stdin=orjson.dumps(full_doc))
    line = out.stdout.decode()
    for bad in ("\x07", "\x1b", "\u202e", "\x9b"):
        assert bad not in line
    assert any(i["path"] == "/person/" + text.replace("/", "~1") for i in json.loads(line)["issues"])


@pytest.mark.parametrize("text", ["C:\\dir\\", "\\[x", "a\\[bold]b", ":smile:", "[link=x]y[/link]"])
def test_brackets_backslashes_and_emoji_codes_print_as_written(full_doc: dict[str, Any], text: str) -> None:
    full_doc["person"]["sex"] = text  # quoted back in the message
    out = run("-", "--lang", "en", stdin=orjson.dumps(full_doc))
    assert out.returncode == 1
    assert text in out.stdout.decode()
