"""``endingnote standard package``: one reproducible archive that implementers use on its own. The
round trip unpacks it and validates every example with the schema from the package alone (python
jsonschema with format assertions, not the endingnote validator)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from endingnote.standard import build_package, get, versions


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    version = versions()[-1]
    out = tmp_path_factory.mktemp("package") / "p.zip"
    done = subprocess.run(
        [sys.executable, "-m", "endingnote", "standard", "package", version, "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    target = out.parent / "unpacked"
    with zipfile.ZipFile(out) as zf:
        assert all(not n.startswith("/") and ".." not in n.split("/") for n in zf.namelist())
        zf.extractall(target)
    return target / f"endingnote-standard-{version}"


def _validator(root: Path) -> Any:
    schema = json.loads((root / "schema" / "note.schema.json").read_bytes())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    # the bundle must stand alone: no reference may leave it
    assert '"$ref": "http' not in (root / "schema" / "note.schema.json").read_text(encoding="utf-8")
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_manifest_lists_every_file_with_its_digest(unpacked: Path) -> None:
    manifest = json.loads((unpacked / "manifest.json").read_bytes())
    std = get(manifest["standard"])
    assert manifest["namespace"] == std.namespace and manifest["context"] == std.context_uri
    on_disk = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()}
    listed = {f["path"] for f in manifest["files"]}
    assert on_disk == listed | {"manifest.json"}
    for f in manifest["files"]:
        data = (unpacked / f["path"]).read_bytes()
        assert len(data) == f["size"] and hashlib.sha256(data).hexdigest() == f["sha256"], f["path"]


def test_examples_validate_with_the_packaged_schema_alone(unpacked: Path) -> None:
    validator = _validator(unpacked)
    std = get(json.loads((unpacked / "manifest.json").read_bytes())["standard"])
    examples = sorted((unpacked / "examples").rglob("*.json"))
    per_record = {p.stem for p in (unpacked / "examples" / "records").glob("*.json")}
    assert per_record == set(std.records)  # a full example per record type
    for path in [*examples, *sorted((unpacked / "conformance" / "valid").glob("*.json"))]:
        doc = json.loads(path.read_bytes())
        errors = [e.message for e in validator.iter_errors(doc)]
        assert not errors, (path.name, errors[:3])
    for key in std.records:  # each record example fills its record type
        doc = json.loads((unpacked / "examples" / "records" / f"{key}.json").read_bytes())
        assert doc.get(key)


def test_the_packaged_schema_rejects_an_impossible_date(unpacked: Path) -> None:
    validator = _validator(unpacked)
    doc = json.loads((unpacked / "examples" / "minimal.json").read_bytes())
    doc["person"]["birth_date"] = "1950-02-30"
    assert any("1950-02-30" in e.message for e in validator.iter_errors(doc))


def test_the_package_carries_everything_an_implementer_needs(unpacked: Path) -> None:
    std = get(json.loads((unpacked / "manifest.json").read_bytes())["standard"])
    for rel in (
        "source/standard.yaml",
        "source/parts.yaml",
        "catalogue/catalogue.csv",
        "catalogue/catalogue.xlsx",
        "context.jsonld",
        "extensions/meta-schema.json",
        "family-graph/1.0/schema.json",
        "koseki/1.0/schema.json",
        "README.md",
    ):
        assert (unpacked / rel).is_file(), rel
    assert sorted(p.name for p in (unpacked / "source" / "records").glob("*.yaml"))
    catalogue = json.loads((unpacked / "catalogue" / "catalogue.json").read_bytes())
    assert [i["key"] for i in catalogue] == [i.key for i in std.items()]
    for key, cl in std.codelists.items():
        as_json = json.loads((unpacked / "codelists" / f"{key}.json").read_bytes())
        rows = list(
            csv.DictReader(io.StringIO((unpacked / "codelists" / f"{key}.csv").read_text("utf-8-sig")))
        )
        assert [c["code"] for c in as_json["codes"]] == [r["code"] for r in rows] == list(cl.values)
    invalid = sorted((unpacked / "conformance" / "invalid").glob("*.expected.json"))
    assert invalid and all(json.loads(p.read_bytes())["expect"] for p in invalid)
    assert list((unpacked / "extensions").glob("*.yaml"))


def test_the_same_standard_gives_the_same_bytes() -> None:
    version = versions()[0]
    first, second = build_package(version).to_zip(), build_package(version).to_zip()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert {i.date_time for i in zf.infolist()} == {
            (*map(int, get(version).released.split("-")), 0, 0, 0)
        }  # type: ignore[union-attr]


def test_cli_refuses_an_unknown_version_and_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "p.zip"
    done = subprocess.run(
        [sys.executable, "-m", "endingnote", "standard", "package", "9.9", "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "9.9" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists() and not list(tmp_path.iterdir())
