"""The seam between the journey and the outputs: what the report says about the import, and the
note's people matched to the registers (one spelling of each name, the register's)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from endingnote.heirs import FamilyGraph, HeirMap, Person
    from endingnote.importer._journey import ImportResult


def _s(value: Any) -> str:
    return value if isinstance(value, str) else ""


def match_people(doc: dict[str, Any], graph: FamilyGraph) -> dict[str, str]:
    """The note's family members found in the registers: record id → person id.

    A match needs the same name (up to register notation: 髙/高, widths, spaces) and, when the note
    gives one, the same date of birth; a name that fits several persons matches none."""
    from endingnote.importer._records import records
    from endingnote.koseki.names import name_key

    by_name: dict[str, list[Person]] = {}
    for p in graph.persons:
        by_name.setdefault(name_key(p.name.family + p.name.given), []).append(p)
    out: dict[str, str] = {}
    for rec in records(doc.get("family_member")):
        name = rec.get("name")
        rid = rec.get("id")
        if not isinstance(name, dict) or not isinstance(rid, str):
            continue
        candidates = by_name.get(name_key(_s(name.get("family")) + _s(name.get("given"))), [])
        born = _s(rec.get("birth_date"))
        if born:
            candidates = [
                p for p in candidates if p.birth_date is not None and p.birth_date.isoformat() == born
            ]
        if len(candidates) == 1:
            out[rid] = candidates[0].id
    return out


def _address_text(value: Any) -> str | None:
    from endingnote.importer._plain import address_text

    return address_text(value, postal=False) if isinstance(value, dict) else None


def heir_map_of(
    graph: FamilyGraph, owner: Person, doc: dict[str, Any], result: ImportResult, matched: dict[str, str]
) -> HeirMap | None:
    """The 一覧図: the registers' facts, with 最後の住所 and heirs' 住所 from the note where the
    registers give none, 作成日 the import day (Japan time) and the claimant as 作成者."""
    from endingnote.heirs import Preparer, heir_map
    from endingnote.importer._plain import JST
    from endingnote.importer._records import records

    person = doc.get("person") if isinstance(doc.get("person"), dict) else {}
    addresses: dict[str, str] = {}
    for rec in records(doc.get("family_member")):
        contact = rec.get("contact")
        pid = matched.get(_s(rec.get("id")))
        text = _address_text(contact.get("address")) if isinstance(contact, dict) else None
        if pid and text:
            addresses[pid] = text
    claimant = result.claimant or {}
    applicant = claimant.get("person") if isinstance(claimant.get("person"), str) else None
    preparer = None
    if applicant and graph.person(applicant) is not None:
        who = graph.person(applicant)
        assert who is not None  # noqa: S101 — checked above
        preparer = Preparer(who.name.full, claimant.get("address") or addresses.get(applicant))
    chart, _ = heir_map(
        graph,
        owner.id,
        applicant=applicant,
        prepared_on=dt.datetime.now(JST).date(),
        prepared_by=preparer,
        addresses=addresses,
        last_address=_address_text(person.get("residence_address") if isinstance(person, dict) else None),
    )
    return chart


def heir_map_svg(chart: HeirMap | None) -> str | None:
    """The 一覧図 drawn to its content's height, ``None`` when it cannot be drawn."""
    from endingnote.heirs import chart_too_large, render_svg

    if chart is None or chart_too_large(chart) is not None:
        return None
    return render_svg(chart, fit="content")


def summary_of(result: ImportResult, graph: FamilyGraph | None = None) -> dict[str, Any]:
    """What the report shows about the import: verification, decedent, claimant, heirs (names as the
    registers spell them, relationships in Japanese and English), what was withheld, the technical
    detail for professionals."""
    verification = result.verification or {}
    claimant = result.claimant or {}
    signer = (verification.get("signer") or {}).get("basic4") or {}
    heirs: list[dict[str, Any]] = []
    decedent = dict(result.decedent or {})
    claimant_rel: tuple[str | None, str | None] = (None, None)
    claimant_name = claimant.get("name") or claimant.get("signer")
    if graph is not None and result.decedent is not None:
        from endingnote.heirs import compute, describe

        owner = graph.person(result.decedent["id"])
        if owner is not None:
            decedent["name"] = owner.name.full
        described = describe(graph, compute(graph, result.decedent["id"]))
        for h in described["heirs"]:
            heirs.append(
                {
                    "name": h["name"],
                    "capacity": h["capacity"],
                    "relationship_ja": h["relationship_ja"],
                    "relationship_en": h["relationship_en"],
                    "share": h["share"],
                    "via_names": h.get("via_names"),
                }
            )
            if h["id"] == claimant.get("person"):
                claimant_rel = (h["relationship_ja"], h["relationship_en"])
                claimant_name = h["name"]
    revocation_unknown = any(i.code == "importer.revocation_unknown" for i in result.issues)
    return {
        "status": "imported",
        "verdict": verification.get("indication"),
        "unverified": result.unverified,
        "revocation": verification.get("revocation"),
        "revocation_unknown": revocation_unknown,
        "signer": decedent.get("name") or signer.get("name"),
        "timestamp": verification.get("timestamp_time"),
        "decedent": decedent,
        "claimant": {
            "kind": claimant.get("kind"),
            "name": claimant_name,
            "capacity": claimant.get("capacity"),
            "relationship_ja": claimant_rel[0],
            "relationship_en": claimant_rel[1],
            "share": claimant.get("share"),
            "executor": claimant.get("executor"),
        },
        "heirs": heirs,
        "withheld": [w.to_dict() for w in result.withheld],
        "reasons": [
            {"ja": i.message_ja, "en": i.message_en}
            for i in result.issues
            if i.severity == "warning" and i.code.startswith("importer.")
        ],
        "technical": {
            "indication": verification.get("indication"),
            "subindications": verification.get("subindications") or [],
            "revocation": verification.get("revocation"),
            "revocation_source": verification.get("revocation_source"),
            "revoked_at": verification.get("revoked_at"),
            "timestamp": verification.get("timestamp_time"),
            "validation_time": verification.get("validation_time"),
            "certificate": {
                k: (verification.get("signer") or {}).get(k)
                for k in ("subject", "issuer", "serial", "cert_sha256", "not_before", "not_after")
            },
            "tsa": [t.get("tsa") for t in verification.get("timestamps") or [] if isinstance(t, dict)],
            "findings": [
                {"code": i.code, "severity": str(i.severity), "ja": i.message_ja, "en": i.message_en}
                for i in result.issues
            ],
        },
    }


def _notice(result: ImportResult) -> str | None:
    if result.accepted_reason is None:
        return None
    return (
        f"死亡後の署名を受け入れて取り込み / imported although signed after death: {result.accepted_reason}"
    )


def write_all(
    out_dir: Path,
    document: dict[str, Any],
    graph: FamilyGraph,
    owner: Person,
    result: ImportResult,
    *,
    death: dt.date,
    learned_on: dt.date | None = None,
    lang: str = "ja",
    csv_encoding: str = "utf-8",
) -> dict[str, Path]:
    """The checklist (deadlines from ``death`` or ``learned_on``) and every output, written by the
    outputs module (atomically; marked unverified when ``result.unverified``). Returns name → path,
    the name being the path relative to ``out_dir``."""
    from endingnote.heirs import compute, describe
    from endingnote.importer._checklist import build_checklist
    from endingnote.importer._outputs import write_outputs

    header = document.get("header")
    version = str(header.get("standard", "1.0")) if isinstance(header, dict) else "1.0"
    tasks = build_checklist(document, death, learned_on=learned_on, standard_version=version)
    matched = match_people(document, graph)
    described = describe(graph, compute(graph, owner.id))
    relation = {h["id"]: h["relationship_ja"] for h in described["heirs"]}
    relation |= {n["id"]: n["relationship_ja"] for n in described["non_heirs"] if n["relationship_ja"]}
    names, relations = {}, {}
    for rid, pid in matched.items():
        person = graph.person(pid)
        if person is not None:
            names[rid] = person.name.full
        if pid in relation:
            relations[rid] = relation[pid]
    from endingnote.koseki.names import name_key

    known = [owner, *(p for p in (graph.person(pid) for pid in matched.values()) if p is not None)]
    spellings = {name_key(p.name.family + p.name.given): p.name.full for p in known}
    chart = heir_map_of(graph, owner, document, result, matched)
    written = write_outputs(
        out_dir,
        document,
        tasks=tasks,
        standard_version=version,
        heir_map_svg=heir_map_svg(chart),
        summary=summary_of(result, graph),
        unverified=result.unverified,
        lang="en" if lang == "en" else "ja",
        csv_encoding=csv_encoding,
        names=names,
        relations=relations,
        spellings=spellings,
        notice=_notice(result),
    )
    base = out_dir.resolve()
    named: dict[str, Path] = {}
    for p in map(Path, written):
        try:
            named[p.resolve().relative_to(base).as_posix()] = p
        except ValueError:
            named[p.name] = p
    return named
