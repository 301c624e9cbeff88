"""``endingnote convert`` and ``endingnote mapping init|check`` end to end (real subprocesses)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import yaml

from endingnote.convert import check_mapping
from tests.convert.conftest import CONVERTERS, SAMPLES, VENDORS


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "endingnote", *args], capture_output=True, text=True, check=False, timeout=120
    )


def _sample(vendor: str) -> str:
    return str(CONVERTERS / vendor / SAMPLES[vendor])


def _mapping(vendor: str) -> str:
    return str(CONVERTERS / vendor / "mapping.yaml")


def test_convert_to_a_folder_with_report(tmp_path: Path) -> None:
    out, report = tmp_path / "docs", tmp_path / "loss.json"
    done = run(
        "convert",
        _sample("desktop_csv"),
        "--from",
        _mapping("desktop_csv"),
        "-o",
        str(out),
        "--report",
        str(report),
    )
    assert done.returncode == 0, done.stderr
    files = sorted(out.glob("*.json"))
    assert len(files) == 60 and files[0].name == "000001.json"
    doc = orjson.loads(files[0].read_bytes())
    assert doc["header"]["extensions"] == {"vendor-a": "https://vendor-a.example/ns/endingnote"}
    loss = orjson.loads(report.read_bytes())
    assert loss["persons"] == 60 and loss["valid_persons"] == 60
    assert {f["status"] for f in loss["fields"]} >= {"mapped", "mapped_lossy", "extension", "dropped_secret"}
    assert not list(out.glob(".*.tmp"))


def test_convert_to_ndjson_with_json_summary(tmp_path: Path) -> None:
    out = tmp_path / "all.ndjson"
    done = run("convert", _sample("cloud_xml"), "--from", _mapping("cloud_xml"), "-o", str(out), "--json")
    assert done.returncode == 0, done.stderr
    summary = orjson.loads(done.stdout)
    assert summary["persons"] == summary["valid"] == 60 and summary["invalid"] == 0
    lines = out.read_bytes().splitlines()
    assert len(lines) == 60 and all(orjson.loads(line)["header"]["standard"] == "1.0" for line in lines)


def test_vendor_to_vendor_and_back_from_the_standard(tmp_path: Path) -> None:
    out, report = tmp_path / "b.json", tmp_path / "loss.json"
    done = run(
        "convert", _sample("desktop_csv"), "--from", _mapping("desktop_csv"), "--to", _mapping("phone_json"),
        "-o", str(out), "--report", str(report),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(orjson.loads(out.read_bytes())["profiles"]) == 60
    loss = orjson.loads(report.read_bytes())
    assert loss["target"]["cannot_hold"] and all(
        i["code"] == "convert.target.cannot_hold" for i in loss["target"]["cannot_hold"]
    )
    # standard documents → vendor
    docs = tmp_path / "docs"
    assert (
        run("convert", _sample("phone_json"), "--from", _mapping("phone_json"), "-o", str(docs)).returncode
        == 0
    )
    csv_out = tmp_path / "a.csv"
    done = run(
        "convert", str(docs), "--from", "standard", "--to", _mapping("desktop_csv"), "-o", str(csv_out)
    )
    assert done.returncode == 0, done.stderr
    assert csv_out.read_bytes().decode("cp932").startswith("会員番号,")


def test_invalid_documents_exit_1_and_point_at_rows(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    text = Path(_sample("desktop_csv")).read_bytes().decode("cp932").replace("user1@example.jp", "nope", 1)
    bad.write_bytes(text.encode("cp932"))
    done = run(
        "convert",
        str(bad),
        "--from",
        _mapping("desktop_csv"),
        "-o",
        str(tmp_path / "o.ndjson"),
        "--lang",
        "en",
    )
    assert done.returncode == 1
    assert "row:2 col:ﾒｰﾙｱﾄﾞﾚｽ" in done.stderr


def test_refused_input_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "utf8.csv"
    bad.write_bytes(Path(_sample("desktop_csv")).read_bytes().decode("cp932").encode("utf-8"))
    out = tmp_path / "never"
    done = run("convert", str(bad), "--from", _mapping("desktop_csv"), "-o", str(out), "--json")
    assert done.returncode == 1
    summary = orjson.loads(done.stdout)
    assert summary["refused"] and summary["issues"][0]["code"] == "convert.input.wrong_encoding"
    assert not out.exists()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert (
        run("convert", "missing.csv", "--from", _mapping("desktop_csv"), "-o", str(tmp_path / "x")).returncode
        == 2
    )
    broken = tmp_path / "m.yaml"
    broken.write_text('mapping: "1"\nvendor: X\n')
    done = run("convert", _sample("desktop_csv"), "--from", str(broken), "-o", str(tmp_path / "x"))
    assert done.returncode == 2 and "convert.mapping.schema" in done.stderr and "Traceback" not in done.stderr
    assert (
        run("convert", _sample("desktop_csv"), "--from", "standard", "-o", str(tmp_path / "x")).returncode
        == 2
    )


def test_mapping_init_drafts_a_usable_mapping_for_each_sample(tmp_path: Path) -> None:
    for vendor in VENDORS:
        out = tmp_path / f"{vendor}.yaml"
        done = run("mapping", "init", _sample(vendor), "-o", str(out), "--vendor", vendor)
        assert done.returncode == 0, done.stderr
        draft = yaml.safe_load(out.read_text(encoding="utf-8"))
        report = check_mapping(out)
        assert report.valid, [i.to_dict() for i in report.errors]
        targets = {f["source"]: f["target"] for f in draft["fields"]}
        secrets = {s["source"] for s in draft.get("secrets", [])}
        if vendor == "desktop_csv":
            assert targets["生年月日"] == "person.birth_date"
            assert targets["性別"] == "person.sex"
            assert targets["郵便番号"] == "person.residence_address.postal_code"
            assert secrets == {"暗証番号"}
        if vendor == "cloud_xml":
            assert targets["cn:profile/cn:birthDate"] == "person.birth_date"
            assert draft["source"]["persons"] == "/cn:export/cn:members/cn:member"
            assert secrets == {"cn:security/cn:pin"}
        if vendor == "phone_json":
            assert targets["/pref"] == "person.residence_address.prefecture"
            assert secrets == {"/passcode"}


def test_mapping_check(tmp_path: Path) -> None:
    assert run("mapping", "check", _mapping("cloud_xml")).returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        Path(_mapping("cloud_xml")).read_text(encoding="utf-8").replace("person.birth_date", "person.born")
    )
    done = run("mapping", "check", str(bad), "--json")
    assert done.returncode == 2
    assert orjson.loads(done.stdout)["issues"][0]["code"] == "convert.mapping.unknown_target"
