"""The CLI contract: names, exit codes, JSON output, fast help, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

ENDINGNOTE = [sys.executable, "-m", "endingnote"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ENDINGNOTE, *args], capture_output=True, text=True, cwd=cwd, check=False, timeout=120
    )


def test_version() -> None:
    import endingnote

    out = run("--version")
    assert out.returncode == 0
    assert endingnote.__version__ in out.stdout


def test_help_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from endingnote.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pydantic', 'jsonschema_rs', 'jsonschema', 'pandas', 'lxml', 'cryptography',"
        " 'openpyxl', 'asn1crypto', 'rich') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_standard_list_json_has_the_contract_fields() -> None:
    out = run("standard", "list", "--json")
    assert out.returncode == 0, out.stderr
    items = json.loads(out.stdout)
    assert len(items) >= 150
    for key in ("key", "record", "tier", "category", "label_ja", "label_en", "type", "status"):
        assert all(key in i for i in items), key


def test_standard_show() -> None:
    out = run("standard", "show", "person.birth_date", "--json")
    assert out.returncode == 0
    item = json.loads(out.stdout)
    assert item["label_ja"] == "生年月日" and item["tier"] == "common"
    assert run("standard", "show", "no.such").returncode == 2


def test_validate_exit_codes_and_json(tmp_path: Path, full_doc: dict[str, Any]) -> None:
    good = tmp_path / "good.json"
    good.write_bytes(orjson.dumps(full_doc))
    full_doc["person"]["birth_date"] = "1950-02-30"
    bad = tmp_path / "bad.json"
    bad.write_bytes(orjson.dumps(full_doc))
    broken = tmp_path / "broken.json"
    broken.write_bytes(b"{not json")

    assert run("validate", str(good)).returncode == 0
    out = run("validate", str(good), str(bad), str(broken), "--json")
    assert out.returncode == 1
    reports = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["valid"] for r in reports] == [True, False, False]
    assert reports[1]["issues"][0]["code"] == "value.date"
    assert reports[1]["issues"][0]["path"] == "/person/birth_date"
    for key in ("code", "path", "severity", "item", "message_ja", "message_en"):
        assert key in reports[1]["issues"][0]
    assert reports[2]["issues"][0]["code"] == "input.json_syntax"
    assert "Traceback" not in out.stderr


def test_validate_missing_file_is_exit_2_without_traceback(tmp_path: Path) -> None:
    out = run("validate", str(tmp_path / "nope.json"))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and "nope.json" in out.stderr


def test_usage_error_is_exit_2() -> None:
    assert run("validate").returncode == 2
    assert run("no-such-command").returncode == 2


def test_validate_ndjson_and_folders(tmp_path: Path, full_doc: dict[str, Any]) -> None:
    lines = [orjson.dumps(full_doc)] * 3
    full_doc["person"]["sex"] = "x"
    lines.append(orjson.dumps(full_doc))
    (tmp_path / "many.ndjson").write_bytes(b"\n".join(lines) + b"\n")
    out = run("validate", str(tmp_path), "--json")
    assert out.returncode == 1
    reports = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["path"].rsplit(":", 1)[1] for r in reports] == ["1", "2", "3", "4"]
    assert [r["valid"] for r in reports] == [True, True, True, False]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_human_output_language(tmp_path: Path, full_doc: dict[str, Any], lang: str) -> None:
    full_doc["person"]["birth_date"] = "1950-02-30"
    path = tmp_path / "bad.json"
    path.write_bytes(orjson.dumps(full_doc))
    out = run("validate", str(path), "--lang", lang)
    assert out.returncode == 1
    assert ("実在する西暦" in out.stdout) == (lang == "ja")
    assert ("real Gregorian date" in out.stdout) == (lang == "en")
    assert os.sep in out.stdout or "bad.json" in out.stdout
