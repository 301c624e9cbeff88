"""Findings of one kind beyond the limit are summarised in outputs ("and 54,900 more"); --all prints all."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson

from endingnote._codes import all_codes, issue
from endingnote._issues import Report, Severity
from endingnote._summary import PER_KIND, summarise, summarise_dicts


def _report() -> Report:
    all_codes()  # registers the input.* codes used here
    report = Report()
    report.extend(issue("input.empty", f"zip:missing-{n}") for n in range(55_000))
    report.extend(issue("input.bom", f"/w{n}") for n in range(3))
    return report


def test_a_kind_beyond_the_limit_becomes_one_finding_with_the_count() -> None:
    report = _report()
    shown = summarise(report.issues)
    assert PER_KIND.value == 100
    assert len(shown) == 100 + 3 + 1
    assert shown[:100] == report.issues[:100] and shown[100:103] == report.issues[55_000:]
    more = shown[-1]
    assert more.code == "report.more_of_kind" and more.severity is Severity.ERROR  # as the kind it stands for
    assert "54,900" in more.message_en and "54,900" in more.message_ja and "input.empty" in more.message_en
    assert "--all" in more.message_en and "report.max_per_kind" in more.message_en
    assert Report(issues=shown).valid == report.valid
    assert len(report.issues) == 55_003  # the report itself keeps everything


def test_the_json_form_is_summarised_alike() -> None:
    report = _report()
    as_dicts = summarise_dicts([i.to_dict() for i in report.issues])
    assert as_dicts == [i.to_dict() for i in summarise(report.issues)]
    assert len(orjson.dumps(as_dicts)) < 50_000  # not megabytes


def test_validate_json_summarises_and_all_prints_everything(full_doc: dict[str, Any], tmp_path: Path) -> None:
    account = full_doc["deposit_account"][0]
    full_doc["deposit_account"] = [dict(copy.deepcopy(account), id=f"d{n}", unknown=1) for n in range(300)]
    note = tmp_path / "many.json"
    note.write_bytes(orjson.dumps(full_doc))

    def codes(*flags: str) -> list[str]:
        out = subprocess.run(
            [sys.executable, "-m", "endingnote", "validate", str(note), "--json", *flags],
            capture_output=True,
            check=False,
            timeout=120,
        )
        assert out.returncode == 1
        return [i["code"] for i in orjson.loads(out.stdout)["issues"]]

    short, full = codes(), codes("--all")
    assert full.count("structure.unknown_property") == 300
    assert short.count("structure.unknown_property") == 100 and short.count("report.more_of_kind") == 1
    human = subprocess.run(
        [sys.executable, "-m", "endingnote", "validate", str(note), "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert "and 200 more findings of structure.unknown_property" in human.stdout.replace("\n", " ")
