"""Loading and checking a mapping file (``converters/<vendor>/mapping.yaml``).

A mapping is data, not code. :func:`load_mapping` reads the YAML safely, checks it against the
meta-schema and then against the standard (every target is an item of the standard, every
transform is known with sensible parameters, secret-looking fields are declared as secrets) and
returns a typed :class:`Mapping`, or raises :class:`MappingError` carrying every finding.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from endingnote._codes import issue
from endingnote._issues import Issue, Report
from endingnote._resources import data_dirs
from endingnote.convert import _codes  # noqa: F401 - registers convert.* codes
from endingnote.convert._secrets import secret_name
from endingnote.convert._transforms import Transform, build, check_params
from endingnote.errors import EndingNoteError, InputError, StandardError

MAX_MAPPING_BYTES = 1_000_000


class MappingError(EndingNoteError, ValueError):
    """The mapping file is unusable; ``report`` holds every finding."""

    def __init__(self, report: Report) -> None:
        best = report.best()
        super().__init__(
            f"{report.path or '<mapping>'}: {len(report.errors)} error(s)"
            + (f"; first: {best.code} at {best.path}: {best.message_en}" if best else "")
        )
        self.report = report


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    index: int | None = None  # position in a repeating field
    append: bool = False  # "[]": append to a repeating field


@dataclass(frozen=True, slots=True)
class FieldRule:
    source: str
    target: str
    steps: tuple[Step, ...]
    transforms: tuple[Transform, ...]
    label: str = ""

    @property
    def invertible(self) -> bool:
        return all(t.invertible for t in self.transforms)

    @property
    def lossy(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.transforms if not t.invertible)


@dataclass(frozen=True, slots=True)
class ExtensionRule:
    source: str
    key: str
    transforms: tuple[Transform, ...]
    record: str | None = None  # person scope only: a non-repeating record's slot instead of the root


@dataclass(frozen=True, slots=True)
class Scope:
    fields: tuple[FieldRule, ...] = ()
    extensions: tuple[ExtensionRule, ...] = ()
    ignore: dict[str, str] = field(default_factory=dict)
    secrets: dict[str, str] = field(default_factory=dict)

    def declared(self) -> set[str]:
        return (
            {f.source for f in self.fields}
            | {e.source for e in self.extensions}
            | set(self.ignore)
            | set(self.secrets)
        )


@dataclass(frozen=True, slots=True)
class Group:
    record: str
    scope: Scope
    where: tuple[str, str] | None = None  # tabular: (column, value)
    each: str | None = None  # xml: XPath / json: pointer to the repeating elements
    id_source: str | None = None
    id_prefix: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    format: str
    encoding: str = "auto"
    sheet: str | None = None
    person_key: str | None = None
    persons: str = ""
    namespaces: dict[str, str] = field(default_factory=dict)
    max_bytes: int = 512 * 1024 * 1024
    formula_escape: bool = True


@dataclass(frozen=True, slots=True)
class Mapping:
    vendor: str
    title_ja: str
    title_en: str
    standard: str
    alias: str
    namespace: str
    source: Source
    person: Scope
    groups: tuple[Group, ...]
    path: str | None = None
    notes: tuple[Issue, ...] = ()  # info findings (e.g. non-invertible fields)


# --- loading -------------------------------------------------------------------------------------


def _read_yaml(path: Path, report: Report) -> Any:
    import yaml

    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file / ファイルがありません") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory / フォルダです") from exc
    if len(raw) > MAX_MAPPING_BYTES:
        report.add(issue("convert.mapping.unreadable", "", reason=f"{len(raw)} bytes > {MAX_MAPPING_BYTES}"))
        return None
    try:
        return yaml.safe_load(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        report.add(issue("convert.mapping.unreadable", "", reason=str(exc).splitlines()[0][:200]))
        return None


def _pointer(parts: list[Any]) -> str:
    return "".join(f"/{p}" for p in parts)


_TARGET_STEP = re.compile(r"^([a-z][a-z0-9_]*)(?:\[([0-9]*)\])?$")


def _parse_target(target: str) -> tuple[Step, ...]:
    steps = []
    for part in target.split("."):
        m = _TARGET_STEP.match(part)
        key, idx = (m.group(1), m.group(2)) if m else (part, None)  # the meta-schema checked the pattern
        if idx is None:
            steps.append(Step(key))
        elif idx == "":
            steps.append(Step(key, append=True))
        else:
            steps.append(Step(key, index=int(idx)))
    return tuple(steps)


def _check_target(std: Any, record: str | None, steps: tuple[Step, ...], produces_object: bool) -> str | None:
    """Why ``steps`` is not a path of the standard, or None. ``record``: the group's record."""
    if record is None:
        rt = std.records.get(steps[0].key)
        if rt is None:
            return "未知のレコード / unknown record type"
        if rt.repeating:
            return "繰り返すレコードは groups で / repeating records belong in groups"
        if steps[0].index is not None or steps[0].append:
            return "レコードに添字は付けられません / no index on a record"
        rest = steps[1:]
    else:
        rt = std.records[record]
        rest = steps
    if not rest:
        return "項目がありません / no item named"
    fields = rt.item_map()
    for i, step in enumerate(rest):
        f = fields.get(step.key)
        if f is None:
            return f"「{step.key}」はありません / no field '{step.key}'"
        if (step.index is not None or step.append) and not f.repeating:
            return f"「{step.key}」は繰り返しません / '{step.key}' does not repeat"
        last = i == len(rest) - 1
        is_part = f.type in std.parts
        if not last:
            if not is_part:
                return f"「{step.key}」は構造を持ちません / '{step.key}' has no fields"
            if f.repeating and step.index is None:
                return f"「{step.key}」には添字が必要です / '{step.key}' needs an index"
            fields = std.parts[f.type].field_map()
        elif produces_object and not is_part:
            return f"「{step.key}」は構造ではありません / '{step.key}' is not a structure"
        elif not produces_object and is_part:
            return (
                f"「{step.key}」は構造です。下位項目を指定 / '{step.key}' is a structure; name a field in it"
            )
    return None


def _transforms(raw: list[Any], where: str, report: Report) -> tuple[Transform, ...]:
    out = []
    for i, spec in enumerate(raw):
        name, params = (spec, {}) if isinstance(spec, str) else next(iter(spec.items()))
        params = params or {}
        problem = check_params(name, params)
        if problem == "unknown":
            report.add(issue("convert.mapping.unknown_transform", f"{where}/{i}", name=name))
            continue
        if problem:
            report.add(issue("convert.mapping.bad_params", f"{where}/{i}", name=name, reason=problem))
            continue
        out.append(build({name: params}))
    return tuple(out)


def _scope(raw: dict[str, Any], where: str, std: Any, record: str | None, report: Report) -> Scope:
    seen: set[str] = set()

    def once(source: str, path: str) -> None:
        if source in seen:
            report.add(issue("convert.mapping.duplicate_source", path, source=source))
        seen.add(source)

    fields = []
    for i, f in enumerate(raw.get("fields", [])):
        path = f"{where}/fields/{i}"
        once(f["source"], path)
        if secret_name(f["source"]):
            report.add(issue("convert.mapping.secret_kept", path, source=f["source"]))
        ts = _transforms(f.get("transforms", []), f"{path}/transforms", report)
        steps = _parse_target(f["target"])
        produces_object = any(t.produces_object for t in ts)
        problem = _check_target(std, record, steps, produces_object)
        if problem:
            report.add(
                issue("convert.mapping.unknown_target", f"{path}/target", target=f["target"], reason=problem)
            )
        rule = FieldRule(f["source"], f["target"], steps, ts, f.get("label", ""))
        for t in ts:
            if not t.invertible:
                reason = t.note or t.name
                report.add(issue("convert.mapping.not_invertible", path, source=f["source"], reason=reason))
        fields.append(rule)
    exts = []
    for i, e in enumerate(raw.get("extensions", [])):
        path = f"{where}/extensions/{i}"
        once(e["source"], path)
        if secret_name(e["source"]):
            report.add(issue("convert.mapping.secret_kept", path, source=e["source"]))
        rec = e.get("record")
        if rec is not None and (record is not None or rec not in std.records or std.records[rec].repeating):
            reason = "繰り返さないレコードのみ / only a non-repeating record, at the person level"
            report.add(issue("convert.mapping.unknown_target", f"{path}/record", target=rec, reason=reason))
        ts = _transforms(e.get("transforms", []), path, report)
        exts.append(ExtensionRule(e["source"], e["key"], ts, rec))
    ignore = {}
    for i, g in enumerate(raw.get("ignore", [])):
        once(g["source"], f"{where}/ignore/{i}")
        ignore[g["source"]] = g["reason"]
    secrets = {}
    for i, s in enumerate(raw.get("secrets", [])):
        once(s["source"], f"{where}/secrets/{i}")
        secrets[s["source"]] = s.get("reason", "secret")
    return Scope(tuple(fields), tuple(exts), ignore, secrets)


def check_mapping_data(
    data: Any, *, path: str | None = None, root: Path | None = None
) -> tuple[Mapping | None, Report]:
    """Check parsed mapping data; return the typed mapping (None if it has errors) and the report."""
    import jsonschema_rs

    from endingnote.convert._metaschema import META_SCHEMA
    from endingnote.standard import get as get_standard

    report = Report(path=path)
    validator = jsonschema_rs.validator_for(META_SCHEMA)
    for err in validator.iter_errors(data):
        report.add(
            issue("convert.mapping.schema", _pointer(list(err.instance_path)), message=err.message[:300])
        )
    if not report.valid:
        return None, report
    try:
        std = get_standard(data["standard"], root)
    except StandardError:
        report.add(issue("convert.mapping.unknown_standard", "/standard", version=data["standard"]))
        return None, report
    person = _scope(data, "", std, None, report)
    groups = []
    for i, g in enumerate(data.get("groups", [])):
        where = f"/groups/{i}"
        rt = std.records.get(g["record"])
        if rt is None or not rt.repeating:
            reason = (
                "未知のレコード / unknown record type"
                if rt is None
                else "繰り返さないレコード / not repeating"
            )
            report.add(
                issue("convert.mapping.unknown_target", f"{where}/record", target=g["record"], reason=reason)
            )
            continue
        scope = _scope(g, where, std, g["record"], report)
        where_ = (g["where"]["column"], g["where"]["equals"]) if "where" in g else None
        id_ = g.get("id", {})
        groups.append(
            Group(g["record"], scope, where_, g.get("each"), id_.get("source"), id_.get("prefix", ""))
        )
    src = data["source"]
    fmt = src["format"]
    if fmt in ("xml", "json"):
        for i, g in enumerate(data.get("groups", [])):
            if "each" not in g:
                report.add(
                    issue("convert.mapping.schema", f"/groups/{i}", message="'each' is required for xml/json")
                )
    elif fmt in ("csv", "xlsx"):
        for i, g in enumerate(data.get("groups", [])):
            if "where" not in g:
                report.add(
                    issue(
                        "convert.mapping.schema", f"/groups/{i}", message="'where' is required for csv/xlsx"
                    )
                )
    source = Source(
        format=fmt,
        encoding={"shift_jis": "cp932"}.get(src.get("encoding", "auto"), src.get("encoding", "auto")),
        sheet=src.get("sheet"),
        person_key=src.get("person_key"),
        persons=src.get("persons", ""),
        namespaces=dict(src.get("namespaces", {})),
        max_bytes=src.get("max_bytes", 512 * 1024 * 1024),
        formula_escape=src.get("formula_escape", True),
    )
    if not report.valid:
        return None, report
    ext = data["extension"]
    mapping = Mapping(
        vendor=data["vendor"],
        title_ja=data.get("title_ja", data["vendor"]),
        title_en=data.get("title_en", data["vendor"]),
        standard=data["standard"],
        alias=ext["alias"],
        namespace=ext["namespace"],
        source=source,
        person=person,
        groups=tuple(groups),
        path=path,
        notes=tuple(report.issues),
    )
    return mapping, report


def check_mapping(path: str | os.PathLike[str], *, root: Path | None = None) -> Report:
    """Every finding about a mapping file (errors make it unusable)."""
    report = Report(path=os.fspath(path))
    data = _read_yaml(Path(path), report)
    if not report.valid:
        return report
    _, checked = check_mapping_data(data, path=os.fspath(path), root=root)
    return checked


def load_mapping(path: str | os.PathLike[str], *, root: Path | None = None) -> Mapping:
    """Load a mapping file; raises :class:`MappingError` (with the report) when it is unusable."""
    report = Report(path=os.fspath(path))
    data = _read_yaml(Path(path), report)
    if not report.valid:
        raise MappingError(report)
    mapping, checked = check_mapping_data(data, path=os.fspath(path), root=root)
    if mapping is None:
        raise MappingError(checked)
    return mapping


ENTRY_POINT_GROUP = "endingnote.converters"


def known_mappings() -> dict[str, Path]:
    """The vendor mappings a name can choose (``converters/<name>/mapping.yaml`` in the current
    folder or the source tree, then packages' entry points), name → mapping file, sorted by name."""
    found: dict[str, Path] = {}
    for base in (Path.cwd() / "converters", *data_dirs("converters")):
        if base.is_dir():
            for candidate in sorted(base.glob("*/mapping.yaml")):
                found.setdefault(candidate.parent.name, candidate)
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name not in found:
            found[ep.name] = resolve_mapping(ep.name)
    return dict(sorted(found.items()))


def resolve_mapping(name: str | os.PathLike[str]) -> Path:
    """A mapping file from a path, or from a vendor name: ``converters/<name>/mapping.yaml`` in the
    current folder or the source tree, or a package's ``endingnote.converters`` entry point (whose
    value is ``module:attribute`` naming a path to the mapping file)."""
    path = Path(name)
    if path.exists() or os.sep in str(name) or str(name).endswith((".yaml", ".yml")):
        return path
    vendor = str(name)
    for base in (Path.cwd() / "converters", *data_dirs("converters")):
        candidate = base / vendor / "mapping.yaml"
        if candidate.is_file():
            return candidate
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name == vendor:
            return Path(ep.load())
    return path
