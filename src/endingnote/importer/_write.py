"""The seam between the journey and the outputs (7B's ``build_checklist`` / ``write_outputs``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from endingnote.heirs import FamilyGraph, Person
    from endingnote.importer._journey import ImportResult


def heir_map_svg(graph: FamilyGraph, decedent_id: str) -> str | None:
    """The 一覧図 (SVG) from the heirs module, ``None`` when the heirs cannot be determined."""
    from endingnote.heirs import heir_map, render_svg

    chart, _ = heir_map(graph, decedent_id)
    return render_svg(chart) if chart is not None else None


def summary_of(result: ImportResult, graph: FamilyGraph | None = None) -> dict[str, Any]:
    """What the report shows about the import (verification, decedent, claimant, heirs, withheld)."""
    verification = result.verification or {}
    claimant = result.claimant or {}
    signer = (verification.get("signer") or {}).get("basic4") or {}
    heirs: list[dict[str, Any]] = []
    if graph is not None and result.decedent is not None:
        from endingnote.heirs import compute

        persons = {p.id: p for p in graph.persons}
        heir_result = compute(graph, result.decedent["id"])
        heirs = [
            {
                "name": persons[h.id].name.family + persons[h.id].name.given,
                "capacity": h.capacity,
                "share": str(h.share),
            }
            for h in heir_result.heirs
        ]
    revocation_unknown = any(i.code == "importer.revocation_unknown" for i in result.issues)
    return {
        "status": "imported",
        "verdict": verification.get("indication"),
        "unverified": result.unverified,
        "revocation": verification.get("revocation"),
        "revocation_unknown": revocation_unknown,
        "signer": signer.get("name"),
        "timestamp": verification.get("timestamp_time"),
        "decedent": result.decedent,
        "claimant": {
            "kind": claimant.get("kind"),
            "name": claimant.get("name") or claimant.get("signer"),
            "capacity": claimant.get("capacity"),
            "share": claimant.get("share"),
            "executor": claimant.get("executor"),
        },
        "heirs": heirs,
        "withheld": [w.to_dict() for w in result.withheld],
        "reasons": [
            f"{i.message_ja} / {i.message_en}"
            for i in result.issues
            if i.severity == "warning" and i.code.startswith("importer.")
        ],
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
) -> dict[str, Path]:
    """The checklist (deadlines from ``death``) and every output, written by the outputs module
    (atomically; marked unverified when ``result.unverified``). Returns name → path, the name
    being the path relative to ``out_dir``."""
    from endingnote.importer._checklist import build_checklist
    from endingnote.importer._outputs import write_outputs

    header = document.get("header")
    version = str(header.get("standard", "1.0")) if isinstance(header, dict) else "1.0"
    tasks = build_checklist(document, death, standard_version=version)
    written = write_outputs(
        out_dir,
        document,
        tasks=tasks,
        standard_version=version,
        heir_map_svg=heir_map_svg(graph, owner.id),
        summary=summary_of(result, graph),
        unverified=result.unverified,
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
