"""Vendor → standard: apply a mapping to source persons, keeping an account of every field."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from endingnote import __version__
from endingnote._codes import issue
from endingnote._issues import Issue, Report, Severity
from endingnote.convert._accounts import Accounts
from endingnote.convert._limits import ISSUES_PER_PERSON
from endingnote.convert._mapping import ExtensionRule, FieldRule, Group, Mapping, Scope, Step
from endingnote.convert._read import Input, PersonStream, SourcePerson, SourceRecord, iter_persons
from endingnote.convert._secrets import card_number_value, my_number_value, secret_name
from endingnote.convert._transforms import Fallback, Transform, TransformError
from endingnote.convert._transforms import apply_forward as _apply

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
    """(value, best-effort fallback) of ``transforms`` run forward."""
    out, fallback, _ = _apply(transforms, value)
    return out, fallback


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


@dataclass(frozen=True, slots=True)
class _FieldPlan:
    """What a field rule needs on every value, worked out once per run (not per row)."""

    status: str  # its account's status
    suffix: str  # the target's JSON pointer below the scope's prefix
    path: tuple[str, ...] | None  # a target of plain steps (no index, no append): its keys
    defaults: tuple[Transform, ...]  # its ``default`` transforms (they fill an empty field)


def _field_plan(rule: FieldRule) -> _FieldPlan:
    plain = all(step.index is None and not step.append for step in rule.steps)
    return _FieldPlan(
        "mapped" if rule.invertible else "mapped_lossy",
        pointer_of("", rule.steps),
        tuple(step.key for step in rule.steps) if plain and rule.steps else None,
        tuple(t for t in rule.transforms if t.name == "default"),
    )


def _set_plain(obj: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    """:func:`set_path` for a target of plain steps."""
    cur = obj
    for key in path[:-1]:
        cur = cur.setdefault(key, {})
    key = path[-1]
    if isinstance(value, dict) and isinstance(cur.get(key), dict):
        cur[key].update(value)
    else:
        cur[key] = value


class _Builder:
    """Builds one document from one source person."""

    def __init__(
        self, mapping: Mapping, accounts: Accounts, plans: dict[tuple[str, int], tuple[Scope, Any]]
    ) -> None:
        self.m = mapping
        self.acc = accounts
        self.plans = plans  # (what, id(scope)) → (scope, what it needs on every record), run-wide
        self.issues: list[Issue] = []
        self.prov: dict[str, str] = {}

    def _declared(self, scope: Scope) -> set[str]:
        hit = self.plans.get(("declared", id(scope)))
        if hit is None or hit[0] is not scope:
            hit = self.plans["declared", id(scope)] = (scope, scope.declared())
        return hit[1]

    def _plans(self, scope: Scope) -> list[tuple[FieldRule, _FieldPlan]]:
        """The scope's field rules with their plans (worked out on the run's first person)."""
        hit = self.plans.get(("fields", id(scope)))
        if hit is None or hit[0] is not scope:
            fields = [(rule, _field_plan(rule)) for rule in scope.fields]
            hit = self.plans["fields", id(scope)] = (scope, fields)
        plans: list[tuple[FieldRule, _FieldPlan]] = hit[1]
        return plans

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
            if items:
                self._group(g, items, doc)
        if person.unmatched_rows:
            self._unmatched(person, ext)
        for source, loc in getattr(person.record, "conflicts", []):
            self.issues.append(issue("convert.value.conflict", loc, source=source))
        for name, value, _loc in person.file_fields:
            ext.setdefault("_file", {})[name] = value
            self.acc.count("file", name, "kept_file_level", "extensions._file")
        if ext:
            doc.setdefault("extensions", {}).setdefault(m.alias, {}).update(ext)
        self.issues[:0] = person.issues
        return doc  # compacted by the caller, after the secret scan

    def _group(self, g: Group, items: list[SourceRecord], doc: dict[str, Any]) -> None:
        m = self.m
        if not g.repeating:  # language 2: every row of the group fills the one record
            record: dict[str, Any] = doc.setdefault(g.record, {})
            pointer = f"/{g.record}"
            for rec in items:
                item: dict[str, Any] = {}
                item_ext: dict[str, Any] = {}
                if g.where is not None:
                    for column in g.where.columns:
                        rec.get(column)
                    self.acc.count(g.record, _where_name(g), "discriminator", g.record)
                self._scope(rec, g.scope, item, pointer, item_ext, g.record)
                if item_ext:
                    item["extensions"] = {m.alias: item_ext}
                _merge(record, item, pointer, self.issues, rec.loc)
                self.prov.setdefault(pointer, rec.loc)
            return
        arr: list[dict[str, Any]] = []
        start = len(doc.get(g.record, []))
        for n, rec in enumerate(items):
            item = {}
            pointer = f"/{g.record}/{start + n}"
            if g.id_source:
                got = rec.get(g.id_source)
                self.acc.count(g.record, g.id_source, "id", f"{g.record}[].id")
                if got is not None:
                    ident: Any = got[0]
                    if g.id_transforms:
                        try:
                            ident, _ = apply_forward(g.id_transforms, ident)
                        except TransformError as exc:
                            self.issues.append(
                                issue(
                                    "convert.value.rejected",
                                    got[1],
                                    value=str(got[0])[:50],
                                    reason=exc.reason,
                                )
                            )
                            ident = None
                    if ident is not None:
                        item["id"] = f"{g.id_prefix}{ident}"
                        self.prov[f"{pointer}/id"] = got[1]
            if g.where is not None:
                for column in g.where.columns:
                    rec.get(column)
                self.acc.count(g.record, _where_name(g), "discriminator", f"{g.record}[]")
            item_ext = {}
            self._scope(rec, g.scope, item, pointer, item_ext, g.record)
            if item_ext:
                item["extensions"] = {m.alias: item_ext}
            self.prov.setdefault(pointer, rec.loc)
            arr.append(item)
        doc.setdefault(g.record, []).extend(arr)

    def _unmatched(self, person: SourcePerson, ext: dict[str, Any]) -> None:
        m = self.m
        where_cols = sorted({c for g in m.groups if g.where is not None for c in g.where.columns})
        policy = m.unmatched_rows
        rows = []
        for loc, row in person.unmatched_rows:
            label = ", ".join(f"{c}={row.get(c, '')}" for c in where_cols) or "-"
            if policy == "keep":
                self.issues.append(issue("convert.row.unmatched", loc))
                kept = {}
                for c, v in row.items():
                    if v == "":
                        continue
                    if secret_name(c) or my_number_value(v) or card_number_value(v):
                        self._secret(c, v, f"{loc} col:{c}", PERSON_SCOPE)
                        continue
                    kept[c] = v
                rows.append(kept)
                self.prov[f"/extensions/{m.alias}/_rows/{len(rows) - 1}"] = loc
                self.acc.count(PERSON_SCOPE, "(row)", "kept_unmatched_row", "extensions._rows", detail=label)
            elif policy == "error":
                self.issues.append(issue("convert.row.unmatched_refused", loc, discriminator=label))
                self.acc.count(PERSON_SCOPE, "(row)", "unmatched_row_refused", None, detail=label)
            else:
                self.issues.append(issue("convert.row.unmatched_reported", loc, discriminator=label))
                self.acc.count(PERSON_SCOPE, "(row)", "unmatched_row_reported", None, detail=label)
        if rows:
            ext["_rows"] = rows

    def _secret(self, name: str, value: Any, loc: str, scope: str) -> None:
        code = "convert.secret.my_number" if my_number_value(value) else "convert.secret.dropped"
        self.issues.append(issue(code, loc, source=name))
        self.acc.count(scope, name, "dropped_secret", None)

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
        for rule, plan in self._plans(scope):
            self._field(rec, rule, plan, target, prefix, ext, scope_name)
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
        if key_column is not None and key_column not in self._declared(scope):
            got = rec.get(key_column)
            self.acc.count(scope_name, key_column, "person_key", "(file name)", n=int(got is not None))
        for name, value, loc in rec.leftovers():
            if secret_name(name) or my_number_value(value) or card_number_value(value):
                self._secret(name, value, loc, scope_name)
                continue
            self.issues.append(issue("convert.field.unmapped", loc, source=name))
            ext.setdefault("_unmapped", {})[name] = value
            self.prov[f"{prefix}/extensions/{self.m.alias}/_unmapped"] = loc
            self.acc.count(scope_name, name, "kept_unmapped", "extensions._unmapped")

    def _field(
        self,
        rec: SourceRecord,
        rule: FieldRule,
        plan: _FieldPlan,
        target: dict[str, Any],
        prefix: str,
        ext: dict[str, Any],
        scope: str,
    ) -> None:
        status = plan.status
        if rule.is_const:
            value, _ = apply_forward(rule.transforms, rule.const)
            set_path(target, rule.steps, value)
            self.acc.count(scope, f"(value) {rule.target}", "constant", rule.target)
            return
        got = rec.get(rule.source)
        count = rule.primary
        if got is None:
            # a default still applies to an empty field
            if plan.defaults:
                value, _ = apply_forward(plan.defaults, None)
                set_path(target, rule.steps, value)
            if count:
                self.acc.count(scope, rule.source, status, rule.target, n=0, lossy=rule.lossy)
            return
        raw, loc = got
        try:
            value, fallback, branch = _apply(rule.transforms, raw)
        except TransformError as exc:
            self.issues.append(issue("convert.value.rejected", loc, value=str(raw)[:50], reason=exc.reason))
            if not (secret_name(rule.source) or my_number_value(raw) or card_number_value(raw)):
                ext.setdefault("_rejected", {})[rule.source] = raw
                self.prov[f"{prefix}/extensions/{self.m.alias}/_rejected"] = loc
            if count:
                self.acc.count(scope, rule.source, status, rule.target, lossy=rule.lossy, rejected=1)
            return
        if fallback is not None:
            self.issues.append(issue(fallback.code, loc, **fallback.params))
        if plan.path is None:
            set_path(target, rule.steps, value)
        else:
            _set_plain(target, plan.path, value)
        where = prefix + plan.suffix
        self.prov[where] = loc
        if isinstance(value, dict):
            for k in value:
                self.prov[f"{where}/{k}"] = loc
        if count:
            self.acc.count(scope, rule.source, status, rule.target, lossy=rule.lossy, detail=branch)
        else:
            self.acc.count(scope, rule.source, status, rule.target, n=0, also=(rule.target,))

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


def _where_name(g: Group) -> str:
    return "+".join(sorted(g.where.columns)) if g.where is not None else ""


def _merge(dst: dict[str, Any], src: dict[str, Any], pointer: str, issues: list[Issue], loc: str) -> None:
    """Fill a non-repeating record from one more row: new values added, lists extended, a
    disagreeing value kept as first read (and reported)."""
    for k, v in src.items():
        if k not in dst or dst[k] in (None, "", [], {}):
            dst[k] = v
        elif isinstance(dst[k], dict) and isinstance(v, dict):
            _merge(dst[k], v, f"{pointer}/{k}", issues, loc)
        elif isinstance(dst[k], list) and isinstance(v, list):
            dst[k].extend(v)
        elif dst[k] != v:
            issues.append(issue("convert.value.group_conflict", loc, target=f"{pointer}/{k}"))


def _locate(pointer: str, prov: dict[str, str]) -> str:
    probe = pointer
    while probe and probe not in prov:
        probe = probe.rsplit("/", 1)[0]
    return prov.get(probe, pointer or "/")


def _remap(issue_: Issue, prov: dict[str, str], person: str) -> Issue:
    """Point a validation finding at the source location the value came from."""
    pointer = issue_.path
    return issue(
        "convert.validation",
        _locate(pointer, prov),
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


def _validate_serialised(doc: dict[str, Any], raw: bytes) -> list[Issue]:
    """The default validator on a document whose bytes (``orjson.dumps(doc)``) are known: the
    same checks and findings as ``validate_document(doc)``, without serialising it again."""
    from endingnote.validation import validate_document

    return validate_document(doc, raw=raw).issues


def _gate_secrets(doc: dict[str, Any], prov: dict[str, str], issues: list[Issue], raw: bytes) -> bool:
    """The policy scan on the finished document (``raw``: its bytes): every caught value dropped
    and reported (row, column, code) — never written, never echoed. True when one was caught."""
    from endingnote.convert._policy_gate import drop_caught, policy_findings

    caught = False
    for finding in policy_findings(doc, raw):
        caught = True
        if drop_caught(doc, finding.path):
            loc = _locate(finding.path, prov)
            source = loc.split(" col:", 1)[1] if " col:" in loc else finding.path
            issues.append(issue("convert.secret.value_dropped", loc, source=source, policy=finding.code))
    return caught


def _check_postal(doc: Any, prov: dict[str, str], issues: list[Issue], pointer: str = "") -> None:
    """Addresses whose postal code and municipality disagree (Japan Post's data)."""
    from endingnote.convert._address import postal_areas

    if isinstance(doc, dict):
        postal, code = doc.get("postal_code"), doc.get("local_government_code")
        if isinstance(postal, str) and isinstance(code, str) and "prefecture" in doc:
            areas = postal_areas(postal)
            if not areas:
                issues.append(
                    issue(
                        "convert.address.unknown_postal_code",
                        _locate(f"{pointer}/postal_code", prov),
                        postal_code=postal,
                    )
                )
            elif code not in {c for c, _ in areas}:
                issues.append(
                    issue(
                        "convert.address.postal_mismatch",
                        _locate(f"{pointer}/postal_code", prov),
                        postal_code=postal,
                        city=str(doc.get("city", "")),
                    )
                )
        for k, v in doc.items():
            if k not in ("header", "extensions"):
                _check_postal(v, prov, issues, f"{pointer}/{k}")
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            _check_postal(v, prov, issues, f"{pointer}/{i}")


def _uses_address(mapping: Mapping) -> bool:
    def names(ts: tuple[Transform, ...]) -> set[str]:
        return {t.name for t in ts} | {n for t in ts for chain in t.branches for n in names(chain)}

    scopes = [mapping.person, *(g.scope for g in mapping.groups)]
    return any("address" in names(f.transforms) for s in scopes for f in s.fields)


class Converter:
    """Converts source persons one by one: build, drop secrets, check addresses, validate."""

    def __init__(
        self, mapping: Mapping, *, validate: bool | Validator = True, keep_provenance: bool = False
    ) -> None:
        self.mapping = mapping
        self.accounts = Accounts()
        self.check: Validator | None = default_validator() if validate is True else (validate or None)
        self.default_check = validate is True
        self.keep_provenance = keep_provenance
        self.seen_keys: set[str] = set()
        self.addresses = _uses_address(mapping)
        self.plans: dict[tuple[str, int], tuple[Scope, Any]] = {}
        self.n = 0

    def convert(self, person: SourcePerson) -> PersonResult:
        self.n += 1
        builder = _Builder(self.mapping, self.accounts, self.plans)
        doc = builder.run(person)
        issues = builder.issues
        # one serialisation serves the secret scan, the validator and the output, unless the scan
        # dropped a value or the document holds a null (a list gap): then it is compacted first
        first = orjson.dumps(doc)
        raw: bytes | None = first
        if _gate_secrets(doc, builder.prov, issues, first) or b"null" in first:
            doc = _compact(doc)
            raw = None
        if self.addresses:
            _check_postal(doc, builder.prov, issues)
        if self.check is not None:
            if self.default_check:
                raw = orjson.dumps(doc) if raw is None else raw
                found: Iterable[Issue] = _validate_serialised(doc, raw)
            else:  # a caller's validator: it may look at (or touch) the document as it likes
                found, raw = list(self.check(doc)), None
            issues.extend(_remap(i, builder.prov, person.key) for i in found)
        if ISSUES_PER_PERSON.exceeded(len(issues)):
            errors = [i for i in issues if i.severity is Severity.ERROR]
            issues = (errors + [i for i in issues if i.severity is not Severity.ERROR])[
                : ISSUES_PER_PERSON.value
            ]
        key = person.key
        if key in self.seen_keys:  # the same id twice in an XML/JSON file: keep both
            key = f"{key}-{self.n}"
        self.seen_keys.add(key)
        data = orjson.dumps(doc) if raw is None else raw
        return PersonResult(key, data, issues, builder.prov if self.keep_provenance else None)

    def convert_all(
        self, persons: Iterable[SourcePerson], progress: Callable[[int], None] | None = None
    ) -> Iterator[PersonResult]:
        # the loop builds many short-lived objects and no reference cycles: the cyclic collector
        # would only rescan them again and again
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            for n, person in enumerate(persons, start=1):
                yield self.convert(person)
                if progress is not None:
                    progress(n)
        finally:
            if gc_was_enabled:
                gc.enable()


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
    conv = Converter(mapping, validate=validate, keep_provenance=keep_provenance)

    def take() -> Iterator[SourcePerson]:
        if not consume:
            yield from persons
            return
        pending = persons[::-1]
        persons.clear()
        while pending:
            yield pending.pop()

    return list(conv.convert_all(take(), progress)), conv.accounts


def open_stream(source: str | os.PathLike[str] | bytes, mapping: Mapping) -> tuple[PersonStream, str | None]:
    """The persons of ``source`` (a path or bytes) and its name; a missing file is an InputError."""
    from endingnote.errors import InputError

    if isinstance(source, bytes):
        return iter_persons(mapping, Input(data=source)), None
    p = Path(source)
    try:
        if not p.is_file():
            if not p.exists():
                raise InputError(f"{p}: no such file / ファイルがありません")
            raise InputError(f"{p}: not a regular file / 通常のファイルではありません")
        with p.open("rb"):
            pass
    except PermissionError as exc:
        raise InputError(f"{p}: permission denied / 読み取り権限がありません") from exc
    return iter_persons(mapping, Input(path=p)), os.fspath(p)


def _conversion(
    mapping: Mapping,
    stream: PersonStream,
    source: str | None,
    validate: bool | Validator,
    keep_provenance: bool,
    progress: Callable[[int, int], None] | None,
) -> Conversion:
    conv = Converter(mapping, validate=validate, keep_provenance=keep_provenance)
    results = list(conv.convert_all(stream.persons, (lambda n: progress(n, 0)) if progress else None))
    issues = stream.issues
    refused = stream.refused and not results
    if not results and not refused:
        issues.append(issue("convert.input.no_persons", ""))
    return Conversion(mapping, source, results, issues, conv.accounts, refused=refused)


def convert_bytes(
    raw: bytes,
    mapping: Mapping,
    *,
    source: str | None = None,
    validate: bool | Validator = True,
    keep_provenance: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Conversion:
    """Convert one vendor file's bytes into standard documents (held in memory)."""
    stream = iter_persons(mapping, Input(data=raw))
    return _conversion(mapping, stream, source, validate, keep_provenance, progress)


def as_mapping(mapping: Mapping | str | os.PathLike[str]) -> Mapping:
    """A mapping object, or the mapping loaded from a path or a vendor name."""
    if isinstance(mapping, Mapping):
        return mapping
    from endingnote.convert._mapping import load_mapping, resolve_mapping

    return load_mapping(resolve_mapping(mapping))


def convert_file(
    path: str | os.PathLike[str],
    mapping: Mapping | str | os.PathLike[str],
    *,
    validate: bool | Validator = True,
    keep_provenance: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Conversion:
    """Convert a vendor file (held in memory; for large files see :func:`endingnote.convert.run`).

    ``mapping``: a :class:`Mapping`, or a mapping file's path, or a vendor name
    (``converters/<name>/mapping.yaml``). A missing or unreadable file is an
    :class:`~endingnote.errors.InputError`; everything wrong inside it is a finding.
    """
    m = as_mapping(mapping)
    stream, name = open_stream(path, m)
    return _conversion(m, stream, name, validate, keep_provenance, progress)
