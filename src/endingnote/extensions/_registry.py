"""Load and check the registry in ``standard/extensions/`` (one YAML file per namespace).

Registry files come from vendors: they are read by the restricted YAML loader (no aliases,
anchors, tags or merge keys; bounded size, depth and node count) and every ``pattern`` is compiled
by RE2, which runs it in linear time (``(a|a)*b`` included) or refuses it (back-references,
look-around) with ``extension.registry.bad_pattern``. Nested quantifiers (``(a+)+``) stay refused
as ``unsafe_pattern``: the published registry is read by other implementations too, whose regular
expression engines backtrack.
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path
from typing import Any

from endingnote._codes import issue
from endingnote._issues import Issue, Severity
from endingnote._show import show
from endingnote.errors import InputError, StandardError
from endingnote.extensions import _codes  # noqa: F401  (defines the codes used here)
from endingnote.extensions._limits import REGISTRY_BYTES, REGISTRY_DEPTH, REGISTRY_NODES
from endingnote.extensions._model import ExtCode, ExtField, Namespace, Registry

# a quantified group that itself contains a quantifier, e.g. (a+)+ or (\w*)* — catastrophic backtracking
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,)")


def registry_dir(root: Path | None = None) -> Path:
    from endingnote.standard import standard_root

    return (root or standard_root()) / "extensions"


@functools.cache
def _meta_validator(path: str) -> Any:
    import jsonschema_rs

    with open(path, "rb") as fh:
        return jsonschema_rs.validator_for(json.load(fh))


def _field(d: dict[str, Any]) -> ExtField:
    return ExtField(
        key=str(d["key"]),
        type=str(d["type"]),
        label_ja=str(d["label_ja"]),
        label_en=str(d["label_en"]),
        definition_ja=str(d["definition_ja"]),
        definition_en=str(d["definition_en"]),
        cardinality=str(d.get("cardinality", "0..1")),
        codes=tuple(
            ExtCode(str(c["code"]), str(c["label_ja"]), str(c["label_en"])) for c in d.get("codes", ())
        ),
        ref=d.get("ref"),
        fields=tuple(_field(f) for f in d.get("fields", ())),
        constraints=dict(d.get("constraints") or {}),
        applies_to=tuple(d.get("applies_to", ())),
        example=d.get("example"),
        status=str(d.get("status", "active")),
    )


def _namespace(d: dict[str, Any], file: str) -> Namespace:
    return Namespace(
        uri=str(d["uri"]),
        prefix=str(d["prefix"]),
        name_ja=str(d["name_ja"]),
        name_en=str(d["name_en"]),
        owner=str(d["owner"]),
        contact={str(k): str(v) for k, v in d["contact"].items()},
        status=str(d["status"]),
        standard_versions=tuple(str(v) for v in d["standard_versions"]),
        description_ja=str(d["description_ja"]),
        description_en=str(d["description_en"]),
        items=tuple(_field(i) for i in d["items"]),
        file=file,
        documentation=d.get("documentation"),
    )


def _read(path: Path) -> tuple[Any, list[Issue]]:
    from endingnote._yaml import RestrictedYamlError, load_restricted

    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError(f"{path}: not a regular file")
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from exc
    if REGISTRY_BYTES.exceeded(size):
        detail = f"{size:,} bytes; {REGISTRY_BYTES.describe('en')}"
        return None, [issue("extension.registry.unreadable", "", file=str(path), detail=detail)]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from exc
    try:
        data = load_restricted(
            raw,
            max_bytes=REGISTRY_BYTES.value,
            max_depth=REGISTRY_DEPTH.value,
            max_nodes=REGISTRY_NODES.value,
        )
    except RestrictedYamlError as exc:
        detail = _YAML_REASONS.get(exc.reason, exc.reason)
        where = f"line {exc.line}: " if exc.line is not None else ""
        limit = _YAML_LIMITS.get(exc.reason)
        suffix = f" ({limit.describe('en')})" if limit is not None else ""
        return None, [
            issue("extension.registry.unreadable", "", file=str(path), detail=f"{where}{detail}{suffix}")
        ]
    return data, []


_YAML_REASONS = {
    "too_large": "too large",
    "encoding": "not UTF-8",
    "syntax": "not valid YAML",
    "alias": "YAML aliases are not allowed",
    "anchor": "YAML anchors are not allowed",
    "tag": "YAML tags are not allowed",
    "merge_key": "YAML merge keys (<<) are not allowed",
    "too_deep": "nested too deep",
    "too_many_nodes": "too many values",
    "multiple_documents": "more than one YAML document",
}
_YAML_LIMITS = {"too_large": REGISTRY_BYTES, "too_deep": REGISTRY_DEPTH, "too_many_nodes": REGISTRY_NODES}


def _pattern_problem(pattern: Any) -> str | None:
    """Why a registered pattern cannot be used (``None``: RE2 runs it in linear time)."""
    from endingnote._regex import UserPatternError, compile_user

    if not isinstance(pattern, str):
        return "bad_pattern"
    try:
        compile_user(pattern)  # first: it bounds the length the heuristic below reads
    except UserPatternError:
        return "bad_pattern"
    return "unsafe_pattern" if _NESTED_QUANTIFIER.search(pattern) else None


def check_file(path: Path, root: Path | None = None, *, others: dict[str, str] | None = None) -> list[Issue]:
    """Every problem in one registry file: meta-schema, duplicates, patterns, record keys, versions.

    ``others`` maps URIs already registered by other files to those files' names."""
    data, issues = _read(path)
    if issues:
        return issues
    base = registry_dir(root)
    validator = _meta_validator(str(base / "meta-schema.json"))
    schema_issues = [
        issue(
            "extension.registry.schema",
            "/" + "/".join(str(p) for p in err.instance_path),
            file=str(path),
            detail=err.message,
        )
        for err in validator.iter_errors(data)
    ]
    if schema_issues:
        return schema_issues
    return _semantic(data, path, root, others or {})


def _semantic(data: dict[str, Any], path: Path, root: Path | None, others: dict[str, str]) -> list[Issue]:
    from endingnote.standard import get, standard_root, versions

    out: list[Issue] = []
    f = str(path)
    std_root = root or standard_root()
    known = versions(std_root)
    uri = data["uri"]
    for v in known:
        if uri.rstrip("/").startswith(get(v, std_root).namespace):
            out.append(issue("extension.registry.reserved_namespace", "/uri", file=f, uri=uri))
            break
    if uri in others and others[uri] != path.name:
        out.append(issue("extension.registry.uri_taken", "/uri", file=f, uri=uri, other=others[uri]))
    listed = [v for v in data["standard_versions"] if v in known]
    for i, v in enumerate(data["standard_versions"]):
        if v not in known:
            out.append(
                issue("extension.registry.unknown_version", f"/standard_versions/{i}", file=f, version=v)
            )
    records = set().union(*(set(get(v, std_root).records) for v in listed)) if listed else set()

    def fields(items: list[dict[str, Any]], where: str, top: bool) -> None:
        seen: set[str] = set()
        for i, d in enumerate(items):
            at = f"{where}/{i}"
            if d["key"] in seen:
                out.append(
                    issue("extension.registry.duplicate", f"{at}/key", file=f, what="item", key=d["key"])
                )
            seen.add(d["key"])
            codes = [c["code"] for c in d.get("codes", [])]
            for c in {c for c in codes if codes.count(c) > 1}:
                out.append(issue("extension.registry.duplicate", f"{at}/codes", file=f, what="code", key=c))
            pattern = (d.get("constraints") or {}).get("pattern")
            problem = _pattern_problem(pattern) if pattern is not None else None
            if problem == "unsafe_pattern":
                out.append(
                    issue(
                        "extension.registry.unsafe_pattern",
                        f"{at}/constraints/pattern",
                        file=f,
                        pattern=show(pattern, 80),
                    )
                )
            elif problem == "bad_pattern":
                out.append(
                    issue(
                        "extension.registry.bad_pattern",
                        f"{at}/constraints/pattern",
                        file=f,
                        pattern=show(pattern, 80),
                    )
                )
            if top and records:
                for r in d["applies_to"]:
                    if r not in ("*", "document") and r not in records:
                        out.append(
                            issue(
                                "extension.registry.unknown_record",
                                f"{at}/applies_to",
                                file=f,
                                record=r,
                                versions=", ".join(listed),
                            )
                        )
            if d.get("fields"):
                fields(d["fields"], f"{at}/fields", False)

    fields(data["items"], "/items", True)
    return out


@functools.cache
def _load(directory: str, root: str | None) -> Registry:
    base = Path(directory)
    problems: list[str] = []
    namespaces: dict[str, Namespace] = {}
    owners: dict[str, str] = {}
    for path in sorted(base.glob("*.yaml")):
        found = check_file(path, Path(root) if root else None, others=owners)
        errors = [i for i in found if i.severity is Severity.ERROR]
        if errors:
            problems += [f"{path.name} {i.path}: {i.message_en}" for i in errors]
            continue
        data, _ = _read(path)
        ns = _namespace(data, path.name)
        owners[ns.uri] = path.name
        namespaces[ns.uri] = ns
    if problems:
        raise StandardError("the extension registry has problems:\n  " + "\n  ".join(problems))
    return Registry(namespaces)


_DIRS: dict[tuple[Path | None, str | None], str] = {}  # (root, $ENDINGNOTE_STANDARD_DIR) → registry dir


def load_registry(root: Path | None = None) -> Registry:
    """Every registered namespace (cached). ``root`` is the ``standard/`` folder."""
    key = (root, os.environ.get("ENDINGNOTE_STANDARD_DIR"))
    directory = _DIRS.get(key)
    if directory is None:  # validators ask once per document: the folder is found once
        directory = _DIRS[key] = str(registry_dir(root))
    return _load(directory, str(root) if root else None)


def registered_uris(root: Path | None = None, exclude: Path | None = None) -> dict[str, str]:
    """URI -> file name of every readable registry file (except ``exclude``), without checking them."""
    out: dict[str, str] = {}
    base = registry_dir(root)
    skip = exclude.resolve() if exclude is not None else None
    for path in sorted(base.glob("*.yaml")) if base.is_dir() else []:
        if path.resolve() == skip:
            continue
        data, problems = _read(path)
        if not problems and isinstance(data, dict) and isinstance(data.get("uri"), str):
            out.setdefault(data["uri"], path.name)
    return out
