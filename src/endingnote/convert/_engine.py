"""Vendor → standard: apply a mapping to source persons, keeping an account of every field."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from endingnote import __version__
from endingnote._codes import issue
from endingnote._issues import Issue, Report, Severity
from endingnote.convert._accounts import Accounts
from endingnote.convert._mapping import ExtensionRule, FieldRule, Mapping, Scope, Step
from endingnote.convert._read import SourcePerson, SourceRecord, read_persons
from endingnote.convert._secrets import my_number_value, secret_name
from endingnote.convert._transforms import Fallback, Transform, TransformError

PERSON_SCOPE = "person"


@dataclass(slots=True)
class PersonResult:
    """One converted person: the standard document (as JSON bytes), its findings and validity."""

    key: str
    document_json: bytes
    issues: list[Issue] = field(default_factory=list)
    provenance: dict[str, str] | None = None

    @property
    def document(self) -> dict[str, Any]:
        doc: dict[str, Any] = orjson.loads(self.document_json)
        return doc

    @property
    def valid(self) -> bool:
        return not any(i.severity is Severity.ERROR for i in self.issues)


@dataclass(slots=True)
class Conversion:
    """The result of converting one vendor file: persons, file-level findings and the loss report."""

    mapping: Mapping
    source: str | None
    persons: list[PersonResult]
    issues: list[Issue]
    accounts: Accounts
    refused: bool = False

    @property
    def valid(self) -> bool:
        return (
            not self.refused
            and not any(i.severity is Severity.ERROR for i in self.issues)
            and all(p.valid for p in self.persons)
        )

    def report(self) -> Report:
        out = Report(path=self.source)
        out.extend(self.issues)
        for p in self.persons:
            out.extend(p.issues)
        return out

    def loss_report(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "mapping": self.mapping.path,
            "vendor": self.mapping.vendor,
            "standard": self.mapping.standard,
            "refused": self.refused,
            "persons": len(self.persons),
            "valid_persons": sum(p.valid for p in self.persons),
            "fields": self.accounts.to_list(),
            "issues": [i.to_dict() for i in self.issues]
            + [{**i.to_dict(), "person": p.key} for p in self.persons for i in p.issues],
        }


def apply_forward(transforms: tuple[Transform, ...], value: Any) -> tuple[Any, Fallback | None]:
    fallback = None
    for t in transforms:
        try:
            value = t.forward(value)
        except Fallback as fb:
            value, fallback = fb.value, fb
    return value, fallback


def set_path(obj: dict[str, Any], steps: tuple[Step, ...], value: Any) -> None:
    cur: Any = obj
    for i, step in enumerate(steps):
        last = i == len(steps) - 1
        if step.index is None and not step.append:
            if last:
                if isinstance(value, dict) and isinstance(cur.get(step.key), dict):
                    cur[step.key].update(value)
                else:
                    cur[step.key] = value
                return
            cur = cur.setdefault(step.key, {})
            continue
        arr = cur.setdefault(step.key, [])
        if step.append:
            if last:
                arr.extend(value if isinstance(value, list) else [value])
                return
            arr.append({})
            cur = arr[-1]
            continue
        index = step.index or 0
        while len(arr) <= index:
            arr.append(None)
        if last:
            arr[index] = value
            return
        if arr[index] is None:
            arr[index] = {}
        cur = arr[index]


def _compact(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_compact(v) for v in value if v is not None]
    return value


def pointer_of(prefix: str, steps: tuple[Step, ...]) -> str:
    out = prefix
    for s in steps:
        out += f"/{s.key}"
        if s.index is not None:
            out += f"/{s.index}"
    return out


class _Builder:
    """Builds one document from one source person."""

    def __init__(self, mapping: Mapping, accounts: Accounts) -> None:
        self.m = mapping
        self.acc = accounts
        self.issues: list[Issue] = []
        self.prov: dict[str, str] = {}

    def run(self, person: SourcePerson) -> dict[str, Any]:
        m = self.m
        doc: dict[str, Any] = {
            "header": {
                "standard": m.standard,
                "extensions": {m.alias: m.namespace},
                "generator": {"name": "endingnote convert", "version": __version__},
            }
        }
        ext: dict[str, Any] = {}
        self._scope(person.record, m.person, doc, "", ext, PERSON_SCOPE, key_column=m.source.person_key)
        for gi, g in enumerate(m.groups):
            items = person.items.get(gi, [])
            if not items:
                continue
            arr: list[dict[str, Any]] = []
            for n, rec in enumerate(items):
                item: dict[str, Any] = {}
                pointer = f"/{g.record}/{len(doc.get(g.record, [])) + n}"
                if g.id_source:
                    got = rec.get(g.id_source)
                    self.acc.count(g.record, g.id_source, "id", f"{g.record}[].id")
                    if got is not None:
                        item["id"] = f"{g.id_prefix}{got[0]}"
                        self.prov[f"{pointer}/id"] = got[1]
                if g.where is not None:
                    rec.get(g.where[0])
                    self.acc.count(g.record, g.where[0], "discriminator", f"{g.record}[]")
                item_ext: dict[str, Any] = {}
                self._scope(rec, g.scope, item, pointer, item_ext, g.record)
                if item_ext:
                    item["extensions"] = {m.alias: item_ext}
                self.prov.setdefault(pointer, rec.loc)
                arr.append(item)
            doc.setdefault(g.record, []).extend(arr)
        if person.unmatched_rows:
            rows = []
            for loc, row in person.unmatched_rows:
                self.issues.append(issue("convert.row.unmatched", loc))
                rows.append({c: v for c, v in row.items() if v != ""})
            ext["_rows"] = rows
            self.acc.count(PERSON_SCOPE, "(row)", "kept_unmatched_row", "extensions._rows", n=len(rows))
        for source, loc in getattr(person.record, "conflicts", []):
            self.issues.append(issue("convert.value.conflict", loc, source=source))
        for name, value, _loc in person.file_fields:
            ext.setdefault("_file", {})[name] = value
            self.acc.count("file", name, "kept_file_level", "extensions._file")
        if ext:
            doc["extensions"] = {m.alias: ext}
        self.issues[:0] = person.issues
        return _compact(doc)  # type: ignore[no-any-return]

    def _scope(
        self,
        rec: SourceRecord,
        scope: Scope,
        target: dict[str, Any],
        prefix: str,
        ext: dict[str, Any],
        scope_name: str,
        key_column: str | None = None,
    ) -> None:
        for rule in scope.fields:
            self._field(rec, rule, target, prefix, ext, scope_name)
        for erule in scope.extensions:
            value = self._extension(rec, erule, scope_name)
            if value is None:
                continue
            slot, where = ext, prefix
            if erule.record is not None:
                record = target.setdefault(erule.record, {})
                slot = record.setdefault("extensions", {}).setdefault(self.m.alias, {})
                where = f"/{erule.record}"
            slot[erule.key] = value[0]
            self.prov[f"{where}/extensions/{self.m.alias}/{erule.key}"] = value[1]
        for source, reason in scope.ignore.items():
            got = rec.get(source)
            self.acc.count(scope_name, source, "ignored", None, reason=reason, n=int(got is not None))
        for source in scope.secrets:
            got = rec.get(source)
            self.acc.count(scope_name, source, "dropped_secret", None, n=int(got is not None))
            if got is not None:
                self.issues.append(issue("convert.secret.dropped", got[1], source=source))
        if key_column is not None and key_column not in scope.declared():
            got = rec.get(key_column)
            self.acc.count(scope_name, key_column, "person_key", "(file name)", n=int(got is not None))
        for name, value, loc in rec.leftovers():
            if secret_name(name) or my_number_value(value):
                code = "convert.secret.my_number" if my_number_value(value) else "convert.secret.dropped"
                self.issues.append(issue(code, loc, source=name))
                self.acc.count(scope_name, name, "dropped_secret", None)
                continue
            self.issues.append(issue("convert.field.unmapped", loc, source=name))
            ext.setdefault("_unmapped", {})[name] = value
            self.prov[f"{prefix}/extensions/{self.m.alias}/_unmapped"] = loc
            self.acc.count(scope_name, name, "kept_unmapped", "extensions._unmapped")

    def _field(
        self,
        rec: SourceRecord,
        rule: FieldRule,
        target: dict[str, Any],
        prefix: str,
        ext: dict[str, Any],
        scope: str,
    ) -> None:
        got = rec.get(rule.source)
        status = "mapped" if rule.invertible else "mapped_lossy"
        if got is None:
            # a default still applies to an empty field
            if any(t.name == "default" for t in rule.transforms):
                value, _ = apply_forward(tuple(t for t in rule.transforms if t.name == "default"), None)
                set_path(target, rule.steps, value)
            self.acc.count(scope, rule.source, status, rule.target, n=0, lossy=rule.lossy)
            return
        raw, loc = got
        try:
            value, fallback = apply_forward(rule.transforms, raw)
        except TransformError as exc:
            self.issues.append(issue("convert.value.rejected", loc, value=str(raw)[:50], reason=exc.reason))
            ext.setdefault("_rejected", {})[rule.source] = raw
            self.prov[f"{prefix}/extensions/{self.m.alias}/_rejected"] = loc
            self.acc.count(scope, rule.source, status, rule.target, lossy=rule.lossy, rejected=1)
            return
        if fallback is not None:
            self.issues.append(issue(fallback.code, loc, **fallback.params))
        set_path(target, rule.steps, value)
        self.prov[pointer_of(prefix, rule.steps)] = loc
        self.acc.count(scope, rule.source, status, rule.target, lossy=rule.lossy)

    def _extension(self, rec: SourceRecord, rule: ExtensionRule, scope: str) -> tuple[Any, str] | None:
        """The value (and its location) to keep under the extension key, or None."""
        got = rec.get(rule.source)
        if got is None:
            self.acc.count(scope, rule.source, "extension", f"extensions.{rule.key}", n=0)
            return None
        raw, loc = got
        if my_number_value(raw):
            self.issues.append(issue("convert.secret.my_number", loc, source=rule.source))
            self.acc.count(scope, rule.source, "dropped_secret", None)
            return None
        try:
            value, _ = apply_forward(rule.transforms, raw)
        except TransformError:
            value = raw  # kept verbatim: an extension never loses a value
        self.acc.count(scope, rule.source, "extension", f"extensions.{rule.key}")
        return value, loc


def _remap(issue_: Issue, prov: dict[str, str], person: str) -> Issue:
    """Point a validation finding at the source location the value came from."""
    pointer = issue_.path
    probe = pointer
    while probe and probe not in prov:
        probe = probe.rsplit("/", 1)[0]
    loc = prov.get(probe, pointer or "/")
    return issue(
        "convert.validation",
        loc,
        item=issue_.item,
        file=person,
        severity=issue_.severity,
        message_ja=issue_.message_ja,
        message_en=issue_.message_en,
        pointer=pointer or "/",
        vcode=issue_.code,
    )


Validator = Callable[[dict[str, Any]], Iterable[Issue]]


def default_validator(root: Path | None = None) -> Validator:
    from endingnote.validation import validate_document

    def run(doc: dict[str, Any]) -> Iterable[Issue]:
        return validate_document(doc, root=root).issues

    return run


def convert_persons(
    mapping: Mapping,
    persons: list[SourcePerson],
    *,
    validate: bool | Validator = True,
    keep_provenance: bool = False,
    progress: Callable[[int], None] | None = None,
    consume: bool = False,
) -> tuple[list[PersonResult], Accounts]:
    """Convert source persons; ``consume=True`` empties ``persons`` as it goes (saves memory)."""
    accounts = Accounts()
    check: Validator | None = default_validator() if validate is True else (validate or None)
    results: list[PersonResult] = []
    seen_keys: set[str] = set()
    # the loop builds many long-lived objects and no reference cycles: the cyclic collector would
    # only rescan them again and again
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        _convert_all(
            mapping, persons, accounts, check, results, seen_keys, keep_provenance, progress, consume
        )
    finally:
        if gc_was_enabled:
            gc.enable()
    return results, accounts


def _convert_all(
    mapping: Mapping,
    persons: list[SourcePerson],
    accounts: Accounts,
    check: Validator | None,
    results: list[PersonResult],
    seen_keys: set[str],
    keep_provenance: bool,
    progress: Callable[[int], None] | None,
    consume: bool,
) -> None:
    # consume the source persons as we go: what was converted need not stay in memory twice
    total = len(persons)
    pending = persons[::-1] if consume else None
    if consume:
        persons.clear()
    for n in range(total):
        person = pending.pop() if pending is not None else persons[n]
        builder = _Builder(mapping, accounts)
        doc = builder.run(person)
        issues = builder.issues
        if check is not None:
            issues.extend(_remap(i, builder.prov, person.key) for i in check(doc))
        key = person.key
        if key in seen_keys:  # the same id twice in an XML/JSON file: keep both
            key = f"{key}-{n + 1}"
        seen_keys.add(key)
        results.append(
            PersonResult(key, orjson.dumps(doc), issues, builder.prov if keep_provenance else None)
        )
        if progress is not None:
            progress(n + 1)


def convert_bytes(
    raw: bytes,
    mapping: Mapping,
    *,
    source: str | None = None,
    validate: bool | Validator = True,
    keep_provenance: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Conversion:
    """Convert one vendor file's bytes into standard documents (all parsed before anything is written)."""
    persons, issues = read_persons(mapping, raw)
    refused = any(i.severity is Severity.ERROR for i in issues) and not persons
    if not persons and not refused:
        issues.append(issue("convert.input.no_persons", ""))
    total = len(persons)
    cb = (lambda n: progress(n, total)) if progress is not None else None
    results, accounts = convert_persons(
        mapping, persons, validate=validate, keep_provenance=keep_provenance, progress=cb, consume=True
    )
    return Conversion(mapping, source, results, issues, accounts, refused=refused)


def convert_file(
    path: str | os.PathLike[str],
    mapping: Mapping,
    *,
    validate: bool | Validator = True,
    keep_provenance: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Conversion:
    from endingnote.errors import InputError

    p = Path(path)
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise InputError(f"{p}: not a regular file / 通常のファイルではありません")
        with p.open("rb") as fh:
            raw = fh.read(min(size, mapping.source.max_bytes) + 1)
    except FileNotFoundError as exc:
        raise InputError(f"{p}: no such file / ファイルがありません") from exc
    except PermissionError as exc:
        raise InputError(f"{p}: permission denied / 読み取り権限がありません") from exc
    if len(raw) > mapping.source.max_bytes:
        conv = Conversion(mapping, os.fspath(p), [], [], Accounts(), refused=True)
        conv.issues.append(issue("convert.input.too_large", "", size=size, limit=mapping.source.max_bytes))
        return conv
    return convert_bytes(
        raw,
        mapping,
        source=os.fspath(p),
        validate=validate,
        keep_provenance=keep_provenance,
        progress=progress,
    )
