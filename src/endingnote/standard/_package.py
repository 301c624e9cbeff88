"""``endingnote standard package VERSION -o FILE``: one archive with everything a machine needs
to implement a version of the standard, and a manifest with the SHA-256 of every file.

Inside ``endingnote-standard-<version>/``:

- ``source/`` — the YAML the standard is edited in (``standard.yaml``, parts, code lists, records,
  conformance cases, changelog)
- ``schema/note.schema.json`` — the JSON Schema 2020-12 bundle of a note
- ``catalogue/catalogue.{csv,xlsx,json}`` — the item catalogue
- ``codelists/<key>.{json,csv}`` — every code list
- ``examples/minimal.json``, ``examples/full.json``, ``examples/records/<record>.json`` — a complete
  valid note per record type, with that record type filled in
- ``conformance/{valid,invalid}/`` — the conformance suite, each invalid case with its
  ``.expected.json`` (codes and JSON pointers)
- ``extensions/`` — the extension registry (one YAML per namespace) and its meta-schema
- ``family-graph/``, ``koseki/`` — the family-graph and family-register schemas
- ``context.jsonld`` — the JSON-LD ``@context``
- ``manifest.json`` — version, namespace, and ``{path, size, sha256}`` of every other file

The archive is reproducible: entries sorted, one fixed timestamp (the release date, else
1980-01-01), fixed permissions, so the same standard gives the same bytes. The committed
artifacts (schema, catalogue, examples, conformance, context) are taken as ``standard build`` wrote
them, and refused when missing; run ``endingnote standard build --check`` first.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from endingnote._atomic import write_bytes
from endingnote.errors import StandardError
from endingnote.standard._catalogue import catalogue_json
from endingnote.standard._examples import record_example
from endingnote.standard._model import Standard
from endingnote.standard._registry import get, standard_root

FORMAT = "endingnote-standard-package"
# committed artifact under standard/<v>/generated/ -> its place in the package
_GENERATED = {
    "schema.json": "schema/note.schema.json",
    "catalogue.csv": "catalogue/catalogue.csv",
    "catalogue.xlsx": "catalogue/catalogue.xlsx",
    "examples/minimal.json": "examples/minimal.json",
    "examples/full.json": "examples/full.json",
    "context.jsonld": "context.jsonld",
}
README = """# エンディングノート データ標準 {version} / Ending-note data standard {version}

`endingnote standard package` で作られた機械可読パッケージです。`manifest.json` に全ファイルの
SHA-256 があります。ノートは `schema/note.schema.json`(JSON Schema 2020-12、format の検査を有効に)で
検証でき、`examples/` はすべて有効、`conformance/invalid/` の各ケースは `.expected.json` の指摘を
出すべき文書です。`context.jsonld` を JSON-LD の expandContext に使うと、ノートを変えずに linked data
として読めます。

The machine-readable package made by `endingnote standard package`. `manifest.json` lists every
file with its SHA-256. Validate notes with `schema/note.schema.json` (JSON Schema 2020-12, with
format assertions on); every file in `examples/` is valid; each `conformance/invalid/` case must
produce the findings its `.expected.json` lists. Apply `context.jsonld` as a JSON-LD expandContext
to read a note as linked data without changing it.

Namespace: {namespace}
"""


def _json(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_INDENT_2) + b"\n"


def _files_under(base: Path, *, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Regular files below ``base`` (no dotfiles, no symbolic links), by POSIX path."""
    out: dict[str, bytes] = {}
    if not base.is_dir():
        return out
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(base)
        if any(p.startswith(".") for p in rel.parts) or (rel.parts and rel.parts[0] in skip):
            continue
        if path.is_file() and not path.is_symlink():
            out[rel.as_posix()] = path.read_bytes()
    return out


def _codelist_csv(std: Standard, key: str) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["code", "label_ja", "label_en"])
    writer.writerows([c.code, c.label_ja, c.label_en] for c in std.codelists[key].codes)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # UTF-8 with BOM, as catalogue.csv


def _codelist_json(std: Standard, key: str) -> bytes:
    cl = std.codelists[key]
    return _json(
        {
            "codelist": cl.key,
            "label_ja": cl.label_ja,
            "label_en": cl.label_en,
            "definition_ja": cl.definition_ja,
            "definition_en": cl.definition_en,
            "source": cl.source,
            "basis": list(cl.basis),
            "codes": [{"code": c.code, "label_ja": c.label_ja, "label_en": c.label_en} for c in cl.codes],
        }
    )


@dataclass(frozen=True)
class Package:
    version: str
    files: dict[str, bytes]  # path inside the package folder -> bytes (manifest.json included)
    timestamp: tuple[int, int, int, int, int, int]

    @property
    def folder(self) -> str:
        return f"endingnote-standard-{self.version}"

    def to_zip(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zf:
            for rel in sorted(self.files):
                info = zipfile.ZipInfo(f"{self.folder}/{rel}", date_time=self.timestamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # Unix, so the permissions below mean the same everywhere
                info.external_attr = 0o644 << 16
                zf.writestr(info, self.files[rel], compresslevel=9)
        return buffer.getvalue()


def build_package(version: str, root: Path | None = None) -> Package:
    """Every file of the package of ``version`` (nothing written)."""
    base = root or standard_root()
    std = get(version, base)
    directory = base / version
    generated = directory / "generated"
    files: dict[str, bytes] = {}
    for rel, data in _files_under(directory, skip=("generated",)).items():
        files[f"source/{rel}"] = data
    missing = [rel for rel in _GENERATED if not (generated / rel).is_file()]
    if missing or not (generated / "conformance").is_dir():
        raise StandardError(
            f"{generated}: missing {', '.join(missing) or 'conformance/'}; run `endingnote standard build`"
        )
    for rel, target in _GENERATED.items():
        files[target] = (generated / rel).read_bytes()
    for rel, data in _files_under(generated / "conformance").items():
        files[f"conformance/{rel}"] = data
    files["catalogue/catalogue.json"] = _json(catalogue_json(std))
    for key in std.codelists:
        files[f"codelists/{key}.json"] = _codelist_json(std, key)
        files[f"codelists/{key}.csv"] = _codelist_csv(std, key)
    for key in std.records:
        files[f"examples/records/{key}.json"] = _json(record_example(std, key))
    for rel, data in _files_under(base / "extensions").items():
        files[f"extensions/{rel}"] = data
    for rel, data in _files_under(base / "family-graph").items():
        files[f"family-graph/{rel}"] = data
    for rel, data in _files_under(base / "koseki", skip=("examples",)).items():
        files[f"koseki/{rel}"] = data
    files["README.md"] = README.format(version=version, namespace=std.namespace).encode()
    files["manifest.json"] = _json(
        {
            "format": FORMAT,
            "format_version": 1,
            "standard": std.version,
            "status": std.status,
            "released": std.released,
            "namespace": std.namespace,
            "context": std.context_uri,
            "files": [
                {"path": rel, "size": len(files[rel]), "sha256": hashlib.sha256(files[rel]).hexdigest()}
                for rel in sorted(files)
            ],
        }
    )
    stamp = (1980, 1, 1, 0, 0, 0)
    if std.released:
        y, m, d = (int(p) for p in std.released.split("-"))
        stamp = (y, m, d, 0, 0, 0)
    return Package(version, files, stamp)


def write_package(version: str, out: Path, root: Path | None = None) -> Package:
    """Build the package of ``version`` and write it to ``out`` atomically (a zip archive)."""
    package = build_package(version, root)
    write_bytes(out, package.to_zip())
    return package
