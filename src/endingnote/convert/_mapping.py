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
from endingnote.convert._limits import MAPPING_BYTES, MAPPING_DEPTH, MAPPING_NODES, TARGET_INDEX
from endingnote.convert._secrets import secret_name
from endingnote.convert._transforms import (
    TRANSFORMS,
    V2_TRANSFORMS,
    Transform,
    build,
    check_params,
    split_spec,
)
from endingnote.convert._where import Where, WhereError, compile_where
from endingnote.errors import EndingNoteError, InputError, StandardError

MAX_MAPPING_BYTES = MAPPING_BYTES.value
UNMATCHED = ("report", "keep", "error")


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
    source: str  # "" for a constant
    target: str
    steps: tuple[Step, ...]
    transforms: tuple[Transform, ...]
    label: str = ""
    const: Any = None  # a constant value (``value:``), when ``source`` is ""
    primary: bool = True  # False: another target of the same source (``targets``), derived on the way back
    is_const: bool = field(init=False)
    invertible: bool = field(init=False)
    lossy: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:  # computed once: the engine asks for every value
        object.__setattr__(self, "is_const", self.source == "")
        object.__setattr__(self, "invertible", all(t.invertible for t in self.transforms))
        object.__setattr__(self, "lossy", tuple(t.name for t in self.transforms if not t.invertible))


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
            {f.source for f in self.fields if not f.is_const}
            | {e.source for e in self.extensions}
            | set(self.ignore)
            | set(self.secrets)
        )


@dataclass(frozen=True, slots=True)
class Group:
    record: str
    scope: Scope
    where: Where | None = None  # tabular: which rows the group takes
    each: str | None = None  # xml: XPath / json: pointer to the repeating elements
    id_source: str | None = None
    id_prefix: str = ""
    repeating: bool = True  # False: a non-repeating record (language 2), filled by all its rows
    id_transforms: tuple[Transform, ...] = ()


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
    max_cell_chars: int = 32_767


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
    version: str = "1"
    unmatched_rows: str = "keep"  # language 1 keeps rows of no group in _rows; language 2 reports them


# --- loading -------------------------------------------------------------------------------------


def _read_yaml(path: Path, report: Report) -> Any:
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAPPING_BYTES.value + 1)
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file / ファイルがありません") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory / フォルダです") from exc
    return parse_yaml(raw, report)


def parse_yaml(raw: bytes, report: Report) -> Any:
    """Mapping YAML from bytes through the restricted loader (no aliases, tags, merge keys; bounded)."""
    from endingnote._yaml import RestrictedYamlError, load_restricted

    try:
        return load_restricted(
            raw, max_bytes=MAPPING_BYTES.value, max_depth=MAPPING_DEPTH.value, max_nodes=MAPPING_NODES.value
        )
    except RestrictedYamlError as exc:
        where = f"line:{exc.line}" if exc.line is not None else ""
        limit = {"too_large": MAPPING_BYTES, "too_deep": MAPPING_DEPTH, "too_many_nodes": MAPPING_NODES}.get(
            exc.reason
        )
        reason = f"{exc.reason}: {exc.detail}"[:200] if exc.detail else exc.reason
        if limit is not None:
            reason += f" ({limit.describe('en')})"
        report.add(issue("convert.mapping.unreadable", where, reason=reason))
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
            steps.append(Step(key, index=int(idx[:12])))
    return tuple(steps)


def did_you_mean(name: str, valid: list[str] | tuple[str, ...] | set[str]) -> tuple[str, str]:
    """(Japanese, English) hints: the closest valid names, then the valid ones (a few)."""
    import difflib

    names = sorted(valid)
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    shown = ", ".join(names[:40]) + (" …" if len(names) > 40 else "")
    ja = (f"もしかして {', '.join(close)}? " if close else "") + f"使える名前: {shown}"
    en = (f"did you mean {', '.join(close)}? " if close else "") + f"valid: {shown}"
    return ja, en


def _check_target(std: Any, record: str | None, steps: tuple[Step, ...], produces_object: bool) -> str | None:
    """Why ``steps`` is not a path of the standard, or None. ``record``: the group's record."""
    for step in steps:
        if step.index is not None and TARGET_INDEX.exceeded(step.index):
            return f"{TARGET_INDEX.describe('ja')} / {TARGET_INDEX.describe('en')}"
    if record is None:
        rt = std.records.get(steps[0].key)
        if rt is None:
            ja, en = did_you_mean(steps[0].key, [k for k, r in std.records.items() if not r.repeating])
            return f"未知のレコード; {ja} / unknown record type; {en}"
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
            ja, en = did_you_mean(step.key, list(fields))
            return f"「{step.key}」はありません; {ja} / no field '{step.key}'; {en}"
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


def _transforms(raw: list[Any], where: str, report: Report, version: str) -> tuple[Transform, ...]:
    out = []
    for i, spec in enumerate(raw):
        name, params = split_spec(spec)
        if name is None:
            report.add(
                issue("convert.mapping.schema", f"{where}/{i}", message="a transform is a name or one key")
            )
            continue
        problem = check_params(name, params)
        if problem == "unknown":
            ja, en = did_you_mean(name, [n for n in TRANSFORMS if version == "2" or n not in V2_TRANSFORMS])
            report.add(
                issue("convert.mapping.unknown_transform", f"{where}/{i}", name=name, hint_ja=ja, hint_en=en)
            )
            continue
        if version != "2" and name in V2_TRANSFORMS:
            report.add(issue("convert.mapping.needs_v2", f"{where}/{i}", feature=name))
            continue
        if problem:
            report.add(issue("convert.mapping.bad_params", f"{where}/{i}", name=name, reason=problem))
            continue
        out.append(build(spec))
    return tuple(out)


class _Checker:
    def __init__(self, std: Any, report: Report, version: str) -> None:
        self.std = std
        self.report = report
        self.version = version

    def scope(self, raw: dict[str, Any], where: str, record: str | None) -> Scope:
        report = self.report
        seen: set[str] = set()

        def once(source: str, path: str) -> None:
            if source in seen:
                report.add(issue("convert.mapping.duplicate_source", path, source=source))
            seen.add(source)

        fields: list[FieldRule] = []
        for i, f in enumerate(raw.get("fields", [])):
            path = f"{where}/fields/{i}"
            source = f.get("source", "")
            if source:
                once(source, path)
                if secret_name(source):
                    report.add(issue("convert.mapping.secret_kept", path, source=source))
            shared = _transforms(f.get("transforms", []), f"{path}/transforms", report, self.version)
            if "targets" in f:
                targets = [
                    (
                        t["target"],
                        shared
                        + _transforms(
                            t.get("transforms", []), f"{path}/targets/{n}/transforms", report, self.version
                        ),
                        f"{path}/targets/{n}/target",
                    )
                    for n, t in enumerate(f["targets"])
                ]
            else:
                targets = [(f["target"], shared, f"{path}/target")]
            for n, (target, ts, tpath) in enumerate(targets):
                steps = _parse_target(target)
                produces_object = any(t.produces_object for t in ts)
                problem = _check_target(self.std, record, steps, produces_object)
                if problem:
                    report.add(issue("convert.mapping.unknown_target", tpath, target=target, reason=problem))
                rule = FieldRule(
                    source, target, steps, ts, f.get("label", ""), f.get("value"), primary=n == 0
                )
                for t in ts:
                    if not t.invertible and source:
                        report.add(
                            issue(
                                "convert.mapping.not_invertible", path, source=source, reason=t.note or t.name
                            )
                        )
                fields.append(rule)
        exts = []
        for i, e in enumerate(raw.get("extensions", [])):
            path = f"{where}/extensions/{i}"
            once(e["source"], path)
            if secret_name(e["source"]):
                report.add(issue("convert.mapping.secret_kept", path, source=e["source"]))
            rec = e.get("record")
            if rec is not None and (
                record is not None or rec not in self.std.records or self.std.records[rec].repeating
            ):
                reason = "繰り返さないレコードのみ / only a non-repeating record, at the person level"
                report.add(
                    issue("convert.mapping.unknown_target", f"{path}/record", target=rec, reason=reason)
                )
            ts = _transforms(e.get("transforms", []), path, report, self.version)
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

    def group(self, g: dict[str, Any], where: str, fmt: str) -> Group | None:
        report = self.report
        rt = self.std.records.get(g["record"])
        if rt is None or (not rt.repeating and self.version != "2"):
            if rt is None:
                ja, en = did_you_mean(g["record"], list(self.std.records))
                reason = f"未知のレコード; {ja} / unknown record type; {en}"
            else:
                reason = '繰り返さないレコード (mapping "2" で可) / not repeating (allowed in mapping "2")'
            report.add(
                issue("convert.mapping.unknown_target", f"{where}/record", target=g["record"], reason=reason)
            )
            return None
        if not rt.repeating and "id" in g:
            report.add(
                issue("convert.mapping.schema", f"{where}/id", message="a non-repeating record has no id")
            )
        scope = self.scope(g, where, g["record"])
        cond: Where | None = None
        if "where" in g:
            raw_where = g["where"]
            if self.version != "2" and set(raw_where) != {"column", "equals"}:
                report.add(issue("convert.mapping.needs_v2", f"{where}/where", feature="where"))
            else:
                try:
                    cond = compile_where(raw_where, f"{where}/where")
                except WhereError as exc:
                    report.add(issue("convert.mapping.schema", exc.path, message=exc.reason))
        id_ = g.get("id", {})
        id_ts = _transforms(id_.get("transforms", []), f"{where}/id/transforms", report, self.version)
        if fmt in ("xml", "json") and "each" not in g:
            report.add(issue("convert.mapping.schema", where, message="'each' is required for xml/json"))
        if fmt in ("csv", "xlsx") and "where" not in g:
            report.add(issue("convert.mapping.schema", where, message="'where' is required for csv/xlsx"))
        return Group(
            g["record"], scope, cond, g.get("each"), id_.get("source"), id_.get("prefix", ""),
            repeating=rt.repeating, id_transforms=id_ts,
        )  # fmt: skip


def _non_text_key(data: Any, where: list[str | int]) -> tuple[list[str | int], Any] | None:
    """The first mapping key that is not a string, with where it is (the loader bounds the depth)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if not isinstance(key, str):
                return where, key
            found = _non_text_key(value, [*where, key])
            if found is not None:
                return found
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found = _non_text_key(value, [*where, i])
            if found is not None:
                return found
    return None


def check_mapping_data(
    data: Any, *, path: str | None = None, root: Path | None = None
) -> tuple[Mapping | None, Report]:
    """Check parsed mapping data; return the typed mapping (None if it has errors) and the report."""
    import jsonschema_rs

    from endingnote.convert._metaschema import META_SCHEMA, META_SCHEMA_2
    from endingnote.standard import get as get_standard

    report = Report(path=path)
    bad_key = _non_text_key(data, [])
    if bad_key is not None:  # YAML allows `{1}` or `1: x`; JSON Schema (and the mapping) knows text keys only
        where, key = bad_key
        message = f"keys must be text, not {type(key).__name__} {str(key)[:40]!r}"
        report.add(issue("convert.mapping.schema", _pointer(where), message=message))
        return None, report
    version = str(data.get("mapping")) if isinstance(data, dict) else "1"
    schema = META_SCHEMA_2 if version == "2" else META_SCHEMA
    validator = jsonschema_rs.validator_for(schema)
    for n, err in enumerate(validator.iter_errors(data)):
        if n >= 100:
            break
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
    checker = _Checker(std, report, version)
    person = checker.scope(data, "", None)
    src = data["source"]
    fmt = src["format"]
    groups = []
    for i, g in enumerate(data.get("groups", [])):
        group = checker.group(g, f"/groups/{i}", fmt)
        if group is not None:
            groups.append(group)
    from endingnote.convert._limits import CELL_CHARS, INPUT_BYTES

    source = Source(
        format=fmt,
        encoding={"shift_jis": "cp932"}.get(src.get("encoding", "auto"), src.get("encoding", "auto")),
        sheet=src.get("sheet"),
        person_key=src.get("person_key"),
        persons=src.get("persons", ""),
        namespaces=dict(src.get("namespaces", {})),
        max_bytes=min(src.get("max_bytes", INPUT_BYTES.value), INPUT_BYTES.value),
        formula_escape=src.get("formula_escape", True),
        max_cell_chars=min(src.get("max_cell_chars", CELL_CHARS.value), CELL_CHARS.value),
    )
    if fmt == "xml":
        from endingnote.convert._xmlsafe import check_xpaths

        for where_, expr in _xpaths(data):
            problem = check_xpaths(expr, source.namespaces)
            if problem:
                report.add(issue("convert.mapping.bad_xpath", where_, xpath=expr[:100], reason=problem))
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
        version=version,
        unmatched_rows=data.get("unmatched_rows", "report") if version == "2" else "keep",
    )
    return mapping, report


def _xpaths(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(pointer, XPath) of every XPath a mapping for XML uses."""
    out = [("/source/persons", data["source"].get("persons", ""))]
    if data["source"].get("person_key"):
        out.append(("/source/person_key", data["source"]["person_key"]))

    def scope(raw: dict[str, Any], where: str) -> None:
        for key in ("fields", "extensions", "ignore", "secrets"):
            for i, f in enumerate(raw.get(key, [])):
                if f.get("source"):
                    out.append((f"{where}/{key}/{i}/source", f["source"]))

    scope(data, "")
    for i, g in enumerate(data.get("groups", [])):
        if g.get("each"):
            out.append((f"/groups/{i}/each", g["each"]))
        if g.get("id", {}).get("source"):
            out.append((f"/groups/{i}/id/source", g["id"]["source"]))
        scope(g, f"/groups/{i}")
    return out


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
