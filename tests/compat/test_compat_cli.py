"""The CLI: standard diff, standard check-compat, migrate (through the real entry point)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from endingnote.cli import main
from endingnote.compat import freeze
from tests.compat._mini import base_spec, find_item, next_spec, write


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    base = tmp_path / "std"
    write(base, base_spec())
    write(base, next_spec())
    freeze("1.0", base)
    freeze("1.1", base)
    monkeypatch.setenv("ENDINGNOTE_STANDARD_DIR", str(base))
    return base


def test_diff_json_exits_1_on_breaking(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["standard", "diff", "1.0", "1.1", "--json"], capsys)
    assert code == 1
    report = json.loads(out)
    assert report["level"] == "breaking"
    rows = {(c["rule"], c["path"]): c for c in report["changes"]}
    renamed = rows[("ITEM_RENAMED", "account.account_id_hint")]
    assert renamed["upgrade_first"] == "both" and renamed["migration"] == "automatic"
    assert renamed["acknowledged_in"] == "1.1"
    added = rows[("ITEM_ADDED_OPTIONAL", "person.furigana")]
    assert (added["level"], added["upgrade_first"]) == ("additive", "consumers")


def test_diff_without_breaking_changes_exits_0(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["standard", "diff", "1.0", "1.0"], capsys)
    assert code == 0 and "0 breaking" in err


def test_diff_of_folders_and_markdown(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["standard", "diff", str(root / "1.0"), str(root / "1.1"), "--markdown", "--lang", "en"], capsys
    )
    assert code == 1
    assert out.startswith("# 1.0 → 1.1") and "## Breaking changes" in out and "`person.furigana`" in out


def test_check_compat_passes_then_fails_on_unflagged_edit(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(["standard", "check-compat", "--json"], capsys)
    assert code == 0, out
    assert json.loads(out)["ok"] is True
    # someone narrows a released item in 1.1 without acknowledging it
    spec = next_spec()
    find_item(spec, "will", "location")["constraints"] = {"max_length": 10}
    edited = tmp_path / "edited"
    write(edited, base_spec())
    write(edited, spec)
    (edited / "frozen").mkdir()
    for v in ("1.0", "1.1"):
        (edited / "frozen" / f"{v}.json").write_bytes((root / "frozen" / f"{v}.json").read_bytes())
    monkeypatch.setenv("ENDINGNOTE_STANDARD_DIR", str(edited))
    code, out, _ = run(["standard", "check-compat"], capsys)
    assert code == 1
    assert "MAX_LENGTH_NARROWED" in out and "NOT ACKNOWLEDGED" in out and "FAILED" in out


def _write(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_migrate_down_and_up(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = {
        "header": {"standard": "1.1"},
        "person": {"name": {"family": "山田"}, "birth_date": "1950-04-01", "furigana": "ヤマダ"},
    }
    src = _write(tmp_path / "in.json", doc)
    down, back = tmp_path / "down.json", tmp_path / "back.json"
    code, out, _ = run(["migrate", str(src), "--to", "1.0", "-o", str(down), "--json"], capsys)
    report = json.loads(out)
    assert report["carried"] == 1 and report["from"] == "1.1" and report["to"] == "1.0"
    assert [i["path"] for i in report["issues"] if i["code"] == "migrate.carried"] == ["/person/furigana"]
    migrated = json.loads(down.read_text(encoding="utf-8"))
    assert "furigana" not in migrated["person"]
    code2, _, err = run(["migrate", str(down), "--to", "latest", "-o", str(back)], capsys)
    assert json.loads(back.read_text(encoding="utf-8")) == doc
    assert "1 restored" in err
    assert code in (0, 1) and code2 in (0, 1)  # validity of the mini documents is the validator's business


def test_migrate_refuses_bad_input_without_writing(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "out.json"
    src = tmp_path / "bad.json"
    src.write_bytes(b'{"header": {"standard": "1.0"}, "person": ')
    code, _, _ = run(["migrate", str(src), "--to", "1.1", "-o", str(out_path)], capsys)
    assert code == 1 and not out_path.exists()
    src2 = _write(tmp_path / "unknown.json", {"header": {"standard": "0.9"}})
    code, out, _ = run(["migrate", str(src2), "--to", "1.1", "-o", str(out_path), "--json"], capsys)
    assert code == 1 and not out_path.exists()
    assert json.loads(out)["issues"][0]["code"] == "migrate.unknown_source"
    code, _, err = run(
        ["migrate", str(tmp_path / "missing.json"), "--to", "1.1", "-o", str(out_path)], capsys
    )
    assert code == 2 and "Traceback" not in err


def test_diff_unknown_version_is_a_usage_error(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["standard", "diff", "1.0", "9.9"], capsys)
    assert code == 2 and "9.9" in err


def test_check_compat_forward_mode_flags_additions(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["standard", "check-compat", "--mode", "forward"], capsys)
    assert code == 1 and "ITEM_ADDED_OPTIONAL" in out and "NOT ACKNOWLEDGED (forward)" in out
