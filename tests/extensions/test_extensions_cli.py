"""``endingnote extensions list|check``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from endingnote.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


@pytest.fixture(autouse=True)
def _mini(mini_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENDINGNOTE_STANDARD_DIR", str(mini_root))


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["extensions", "list", "--json"], capsys)
    assert code == 0
    rows = json.loads(out)
    assert [r["prefix"] for r in rows] == ["vendor-a", "vendor-b", "vendor-c"]
    assert all(r["owner"] and r["contact"] and r["items"] for r in rows)


def test_list_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["extensions", "list"], capsys)
    assert code == 0 and "vendor-b" in out


def test_check_good_and_bad(mini_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["extensions", "check", str(mini_root / "extensions" / "vendor-c.yaml")], capsys)
    assert code == 0 and "valid" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text("uri: https://vendor-a.example/ns/endingnote\nprefix: Bad Alias\n", encoding="utf-8")
    code, out, _ = run(["extensions", "check", str(bad), "--json"], capsys)
    assert code == 1
    report = json.loads(out)
    assert report["valid"] is False and {i["code"] for i in report["issues"]} == {"extension.registry.schema"}
    code, _, err = run(["extensions", "check", str(tmp_path / "missing.yaml")], capsys)
    assert code == 2 and "Traceback" not in err
