"""Registers → one family graph (``standard/family-graph/1.0/schema.json``, built by the heirs
concern). Only what the registers state is emitted: persons (register-form names, comparable
forms, 振り仮名, birth, death with 時分, 失踪 deemed deaths), parent–child links typed by the
register (父/母 = biological unless a 特別養子縁組 made them adoptive; 養父/養母 = adoptive with the
縁組/離縁 dates; 認知 dates for non-marital fathers), marriages (with divorces) and 推定相続人廃除 as an
estate fact. Every element cites the registers it came from by SHA-256 (``sources``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from endingnote import _codes
from endingnote._issues import Issue, Report
from endingnote.koseki import _codes as _koseki_codes  # noqa: F401 - registers the codes
from endingnote.koseki._json import register_to_json
from endingnote.koseki._model import CertificateKind, Entry, EntryType, Member, Register
from endingnote.koseki._persons import ParentLink, Person, Persons, index_persons
from endingnote.koseki.names import kana_key, name_key, split_full_name

if TYPE_CHECKING:
    from cryptography import x509

_SOURCE_KIND = {
    CertificateKind.FULL: "koseki",
    CertificateKind.CLOSED: "joseki",
    CertificateKind.PRE_REFORMAT: "kaisei_genkoseki",
}
_OLD_NON_MARITAL = {"男", "女"}  # 続柄 of non-marital children before 2004-11-01


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != [] and v != {}}


def source_id(register: Register) -> str:
    digest = (
        register.source_sha256
        or hashlib.sha256(
            json.dumps(register_to_json(register), sort_keys=True, ensure_ascii=False).encode("utf-8")
        ).hexdigest()
    )
    return f"src-{digest[:16]}"


@dataclass
class _Builder:
    persons: Persons
    issues: list[Issue]
    _source_ids: dict[int, str] = field(default_factory=dict)

    def source(self, register: Register) -> str:
        key = id(register)
        if key not in self._source_ids:
            self._source_ids[key] = source_id(register)
        return self._source_ids[key]

    def name(self, person: Person) -> dict[str, Any]:
        name = person.name
        family, given = name.family, name.given
        if family is None or given is None:
            family, given = split_full_name(name.text)
        family, given = family or "", given or name.text
        out: dict[str, Any] = {
            "family": family,
            "given": given,
            "family_normalized": name_key(family),
            "given_normalized": name_key(given),
        }
        furigana = next((m.furigana for _, m in reversed(person.records) if m.furigana), None)
        if furigana is not None:
            if furigana.family:
                out["family_kana"] = kana_key(furigana.family)
            if furigana.given:
                out["given_kana"] = kana_key(furigana.given)
        return out

    def person(self, person: Person) -> dict[str, Any]:
        out: dict[str, Any] = {"id": person.id, "name": self.name(person), "sex": person.sex or "unknown"}
        out["birth_date"] = _iso(person.birth_date)
        death = person.death
        if death is not None and death.effective_date is not None:
            deemed = death.type is EntryType.DISAPPEARANCE
            out["death"] = _clean(
                {
                    "date": death.effective_date.isoformat(),
                    "time": death.time if not deemed else None,
                    "deemed": True if deemed else None,
                    "declared_on": _iso(death.decree_date) if deemed else None,
                }
            )
        if person.records:
            register, member = person.latest
            out["register"] = _clean(
                {
                    "honseki": register.honseki,
                    "hittosha": register.head.text,
                    "zokugara": member.adoptive_relationship or member.relationship,
                    "sources": sorted({self.source(r) for r, _ in person.records}),
                }
            )
        else:
            out["note"] = "戸籍の父母欄にのみ記載 / known only from a 父/母 column"
        return _clean(out)

    def parent_edges(self, person: Person) -> list[dict[str, Any]]:
        edges: dict[tuple[str, str], dict[str, Any]] = {}
        for link in person.parent_links:
            edge = self.edge(person, link)
            if edge is None:
                continue
            key = (edge["parent"], edge["kind"])
            if key in edges:
                merged = edges[key]
                merged["sources"] = sorted({*merged["sources"], *edge["sources"]})
                for field_name in ("acknowledged_on", "adopted_on", "dissolved_on", "decreed_on"):
                    merged.setdefault(field_name, edge.get(field_name))
                    if merged[field_name] is None:
                        del merged[field_name]
                if edge.get("marital") is False:
                    merged["marital"] = False
            else:
                edges[key] = edge
        return list(edges.values())

    def edge(self, person: Person, link: ParentLink) -> dict[str, Any] | None:
        member, register = link.member, link.register
        base: dict[str, Any] = {
            "parent": link.parent,
            "child": person.id,
            "parent_role": link.role,
            "sources": [self.source(register)],
        }
        if link.column in ("adoptive_father", "adoptive_mother"):
            adoption = _first(member, EntryType.ADOPTION, role="child")
            if adoption is None or adoption.effective_date is None:
                self.issues.append(
                    _codes.issue(
                        "koseki.graph.adoption_date_missing", f"person:{person.id}", name=member.name.display
                    )
                )
                return None
            dissolution = _first(member, EntryType.ADOPTION_DISSOLUTION)
            return _clean(
                {
                    **base,
                    "kind": "adoptive",
                    "adopted_on": adoption.effective_date.isoformat(),
                    "dissolved_on": _iso(dissolution.effective_date) if dissolution else None,
                }
            )
        special = _first(member, EntryType.SPECIAL_ADOPTION)
        if special is not None and special.next_register is None and special.effective_date is not None:
            return {**base, "kind": "special_adoptive", "decreed_on": special.effective_date.isoformat()}
        acknowledgment = _first(member, EntryType.ACKNOWLEDGMENT, role="child")
        marital = not (
            acknowledgment is not None or member.relationship in _OLD_NON_MARITAL or member.father is None
        )
        out = {**base, "kind": "biological", "marital": marital}
        if link.role == "father" and acknowledgment is not None and acknowledgment.effective_date:
            out["acknowledged_on"] = acknowledgment.effective_date.isoformat()
        return out

    def marriages(self, registers: Sequence[Register]) -> list[dict[str, Any]]:
        found: dict[tuple[tuple[str, str], str], dict[str, Any]] = {}
        unresolved: list[tuple[Person, Register, Member, Entry]] = []
        for register in registers:
            for index, member in enumerate(register.members):
                me = self.persons.of(register, index)
                for entry in member.entries_of(EntryType.MARRIAGE):
                    if entry.date is None:
                        continue
                    spouse = self.spouse(register, member, entry)
                    if spouse is None:
                        if not _ended(member, entry):
                            unresolved.append((me, register, member, entry))
                        continue
                    pair = (me.id, spouse.id) if me.id < spouse.id else (spouse.id, me.id)
                    key = (pair, entry.date.isoformat())
                    item = found.setdefault(
                        key, {"spouses": list(pair), "start": entry.date.isoformat(), "sources": []}
                    )
                    item["sources"] = sorted({*item["sources"], self.source(register)})
                    divorce = next(
                        (
                            d
                            for d in member.entries_of(EntryType.DIVORCE)
                            if d.date and d.date >= entry.date and _names_person(d, spouse)
                        ),
                        None,
                    )
                    if divorce is not None and divorce.date is not None:
                        item["end"], item["end_reason"] = divorce.date.isoformat(), "divorce"
        matched = {(pid, start) for (pair, start) in found for pid in pair}
        for me, register, member, entry in unresolved:
            if entry.date is None or (me.id, entry.date.isoformat()) in matched:
                continue  # the same marriage is shown with the spouse in another register
            self.issues.append(
                _codes.issue(
                    "koseki.graph.spouse_unresolved",
                    f"person:{me.id}",
                    file=register.source,
                    name=member.name.display,
                    spouse=entry.counterpart.text if entry.counterpart else "?",
                    date=entry.date.isoformat(),
                )
            )
        return list(found.values())

    def spouse(self, register: Register, member: Member, entry: Entry) -> Person | None:
        other_role = {"夫": "妻", "妻": "夫"}.get(member.spouse_role or "")
        for index, other in enumerate(register.members):
            if other is member or (other_role and other.spouse_role not in (other_role, None)):
                continue
            if any(e.date == entry.date for e in other.entries_of(EntryType.MARRIAGE)):
                return self.persons.of(register, index)
        if entry.counterpart is None:
            return None
        key = entry.counterpart.key
        hits = [
            p
            for p in self.persons.persons.values()
            if not p.is_reference
            and key in p.name_keys()
            and any(e.date == entry.date for _, e in p.entries(EntryType.MARRIAGE))
        ]
        return hits[0] if len(hits) == 1 else None

    def estate_facts(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for person in self.persons.persons.values():
            for register, entry in person.entries(EntryType.DISINHERITANCE):
                decedent = self.named(entry)
                if decedent is None:
                    self.issues.append(
                        _codes.issue(
                            "koseki.graph.decedent_unresolved",
                            f"person:{person.id}",
                            file=register.source,
                            name=person.name.display,
                            decedent=entry.counterpart.text if entry.counterpart else "?",
                        )
                    )
                    continue
                out.append(
                    _clean(
                        {
                            "decedent": decedent.id,
                            "person": person.id,
                            "kind": "disinheritance",
                            "date": _iso(entry.decree_date or entry.date),
                            "evidence": {"kind": "戸籍（推定相続人廃除）", "source": self.source(register)},
                        }
                    )
                )
        return out

    def named(self, entry: Entry) -> Person | None:
        if entry.counterpart is None:
            return None
        key = entry.counterpart.key
        hits = [p for p in self.persons.persons.values() if not p.is_reference and key in p.name_keys()]
        return hits[0] if len(hits) == 1 else None


def _first(member: Member, type_: EntryType, role: str | None = None) -> Entry | None:
    for e in member.entries_of(type_):
        if role is None or e.role in (role, None):
            return e
    return None


def _ended(member: Member, marriage: Entry) -> bool:
    return any(
        d.date and marriage.date and d.date >= marriage.date for d in member.entries_of(EntryType.DIVORCE)
    )


def _names_person(entry: Entry, person: Person) -> bool:
    return entry.counterpart is None or entry.counterpart.key in person.name_keys()


def build_family_graph(registers: Sequence[Register]) -> tuple[dict[str, Any], list[Issue]]:
    """The family graph of ``registers`` and the findings made while building it. Of several
    certificates of one register the one covering the longest period is used."""
    from endingnote.koseki._supersede import select_certificates

    registers, selection = select_certificates(list(registers))
    persons = index_persons(registers)
    builder = _Builder(persons, [*selection, *persons.issues])
    people = sorted(persons.persons.values(), key=lambda p: p.id)
    sources: dict[str, dict[str, Any]] = {}
    for register in registers:
        sid = builder.source(register)
        sources.setdefault(
            sid,
            _clean(
                {
                    "id": sid,
                    "kind": "koseki_e_certificate" if register.ecert_code else _SOURCE_KIND[register.kind],
                    "title": register.label()[:500],
                    "sha256": register.source_sha256,
                    "file": register.source,
                }
            ),
        )
    graph: dict[str, Any] = {
        "format": "endingnote-family-graph",
        "version": "1.0",
        "description": "戸籍から生成 / generated from family registers by endingnote.koseki",
        "persons": [builder.person(p) for p in people],
        "parent_child": [edge for p in people for edge in builder.parent_edges(p)],
        "marriages": builder.marriages(registers),
        "estate_facts": builder.estate_facts(),
        "sources": [sources[k] for k in sorted(sources)],
    }
    return graph, builder.issues


def family_graph_from_files(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    trusted_issuers: Sequence[bytes | x509.Certificate] = (),
    now: dt.datetime | None = None,
) -> tuple[dict[str, Any] | None, Report]:
    """Load a directory (or list) of register files and build their family graph.

    Returns ``(None, report)`` when a file has errors (nothing is silently dropped); otherwise
    the graph and a report with the warnings. Raises :class:`endingnote.InputError` only when the
    directory cannot be read."""
    from endingnote.koseki._load import load_registers

    loaded = load_registers(paths, trusted_issuers=trusted_issuers, now=now)
    report = loaded.report
    report.path = str(paths) if isinstance(paths, (str, os.PathLike)) else None
    if not report.valid:
        return None, report
    graph, issues = build_family_graph(loaded.registers)
    report.extend(issues)
    return graph, report


def to_family_graph(
    registers: Sequence[Register] | str | os.PathLike[str],
) -> dict[str, Any]:
    """The family graph (``standard/family-graph/1.0``) of ``registers`` as a JSON-ready dict.

    ``registers`` may also be a directory of register files; then a file with errors raises
    :class:`endingnote.InvalidDocumentError` carrying the report. Use :func:`build_family_graph`
    or :func:`family_graph_from_files` to also get the warnings."""
    if isinstance(registers, (str, os.PathLike)):
        from endingnote.errors import InvalidDocumentError

        graph, report = family_graph_from_files(registers)
        if graph is None:
            raise InvalidDocumentError(report)
        return graph
    return build_family_graph(registers)[0]
