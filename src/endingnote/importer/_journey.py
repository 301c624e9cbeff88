"""The heir import journey: from a decedent's signed export to what one heir may see.

Steps (each refusal is an ``importer.*`` issue with a clear reason; nothing of the note is written
unless verification passes — or, with ``force_unverified``, only when it is merely indeterminate,
with every output marked unverified; an INVALID package is never imported):

1. verify the package with the decedent policy (``verify_package``: valid as of its timestamp;
   revocation after the timestamp — the owner died — keeps it valid; revocation unknown is
   INDETERMINATE and always reported as ``importer.revocation_unknown``);
2. from the registers: the note's owner is a person there (name up to notation + birth date) whose
   death is recorded, and the signer's certificate (basic four data) is that person;
3. the claimant is an heir (card challenge or attestation, then ``check_claim``);
4. the disclosure rules filter the note for this claimant;
5. the outputs (7B's ``build_checklist`` / ``write_outputs``) are written atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from endingnote._codes import issue
from endingnote._issues import Issue, Severity
from endingnote.importer._claimant import (
    AttestationClaim,
    CardClaim,
    ClaimEvidence,
    Identity,
    SignedChallenge,
    prove_offline,
    prove_with_card,
)
from endingnote.importer._disclosure import Viewer, Withheld, apply_disclosure

if TYPE_CHECKING:
    from endingnote.heirs import FamilyGraph, Person
    from endingnote.sign import VerificationReport

EXIT_IMPORTED, EXIT_REFUSED, EXIT_USAGE, EXIT_INDETERMINATE = 0, 1, 2, 3
MAX_NOTE_BYTES = 32 * 1024 * 1024


@dataclass(slots=True)
class ImportResult:
    """``status``: ``imported`` | ``refused`` | ``indeterminate`` | ``error`` (outputs could not
    be written); ``exit_code`` 0 / 1 / 3 / 2."""

    status: str
    exit_code: int
    issues: list[Issue] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    verification: dict[str, Any] | None = None
    unverified: bool = False
    decedent: dict[str, Any] | None = None
    claimant: dict[str, Any] | None = None
    withheld: list[Withheld] = field(default_factory=list)
    accepted_reason: str | None = None  # why a note signed after the owner's death was imported

    @property
    def reason(self) -> Issue | None:
        """The first error (or warning, for indeterminate results)."""
        for sev in (Severity.ERROR, Severity.WARNING):
            for i in self.issues:
                if i.severity is sev and i.code.startswith("importer."):
                    return i
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "exit_code": self.exit_code,
            "unverified": self.unverified,
            "decedent": self.decedent,
            "claimant": self.claimant,
            "withheld": [w.to_dict() for w in self.withheld],
            "accepted_signed_after_death": self.accepted_reason,
            "outputs": {k: str(v) for k, v in self.outputs.items()},
            "verification": self.verification,
            "issues": [i.to_dict() for i in self.issues],
        }


def _refuse(result: ImportResult, code: str, path: str = "", **params: Any) -> ImportResult:
    result.issues.append(issue(code, path, **params))
    result.status, result.exit_code = "refused", EXIT_REFUSED
    return result


def _read_note(data: bytes | None) -> tuple[dict[str, Any] | None, str]:
    """The note from the bytes the verifier checked against the manifest (never read again from
    the file, which could have changed since)."""
    if data is None:
        return None, "note.json was not verified / 検証済みの note.json がありません"
    if len(data) > MAX_NOTE_BYTES:
        return None, "too large / 大きすぎます"
    try:
        doc = json.loads(data)
    except ValueError as exc:
        return None, str(exc)
    if not isinstance(doc, dict):
        return None, "not a JSON object / JSON オブジェクトではありません"
    return doc, ""


def _key(text: str) -> str:
    from endingnote.koseki.names import name_key

    return name_key(text)


def _person_keys(p: Person) -> set[str]:
    keys = {_key(p.name.family + p.name.given)}
    if p.name.family_normalized and p.name.given_normalized:
        keys.add(_key(p.name.family_normalized + p.name.given_normalized))
    return keys


def _find_owner(graph: FamilyGraph, doc: dict[str, Any]) -> tuple[list[Person], str, str]:
    raw_person = doc.get("person")
    person: dict[str, Any] = raw_person if isinstance(raw_person, dict) else {}
    raw_name = person.get("name")
    name: dict[str, Any] = raw_name if isinstance(raw_name, dict) else {}
    full = f"{name.get('family', '')}{name.get('given', '')}"
    birth = str(person.get("birth_date", ""))
    mine = _key(full)
    matches = [
        p
        for p in graph.persons
        if mine and p.birth_date is not None and p.birth_date.isoformat() == birth and mine in _person_keys(p)
    ]
    return matches, full, birth


def _load_graph(registers: Path, at: dt.datetime) -> tuple[FamilyGraph | None, list[Issue]]:
    from endingnote.errors import EndingNoteError
    from endingnote.heirs import graph_from_dict
    from endingnote.koseki import family_graph_from_files

    try:
        data, report = family_graph_from_files(registers, now=at)
    except EndingNoteError as exc:
        return None, [issue("importer.registers_invalid", "", reason=str(exc))]
    if data is None:
        best = report.best()
        where = f"{best.file} {best.path}".strip() if best and best.file else (best.path if best else "")
        reason = f"{where}: {best.message_ja} / {best.message_en}" if best else "?"
        return None, [*report.issues, issue("importer.registers_invalid", "", reason=reason)]
    return graph_from_dict(data), list(report.issues)


def run_import(
    package: str | Path,
    registers: str | Path,
    claim: ClaimEvidence,
    out_dir: str | Path,
    *,
    trust: str | Path | None = None,
    crls: Sequence[str | Path] = (),
    ocsp: str | None = None,
    at: dt.datetime | None = None,
    force_unverified: bool = False,
    learned_on: dt.date | None = None,
    lang: str = "ja",
    csv_encoding: str = "utf-8",
    accept_signed_after_death: str | None = None,
) -> ImportResult:
    """Run the whole journey; see the module docstring. ``learned_on``: the day the claimant
    learned of the death (deadlines that run from it; default the date of death); ``lang`` of the
    report (``ja``/``en``); ``csv_encoding`` ``utf-8`` or ``cp932`` (older Excel). Raises only for
    I/O errors on inputs (:class:`endingnote.InputError`).

    A note whose signature timestamp falls after the owner's registered death is refused unless
    ``accept_signed_after_death`` gives the reason to take it anyway; the reason is then recorded
    in the result and in every output."""
    from endingnote.sign import Indication, Revocation
    from endingnote.sign.verify import verify_with_note

    when = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    pkg = Path(package)
    result = ImportResult("refused", EXIT_REFUSED)

    # 1. the package, with the decedent policy
    report: VerificationReport
    report, note_bytes = verify_with_note(pkg, trust=trust, crls=list(crls), ocsp=ocsp, at=when)
    result.verification = report.to_dict()
    result.issues.extend(report.issues)
    if report.revocation is Revocation.UNKNOWN:
        result.issues.append(issue("importer.revocation_unknown", ""))
    if report.indication is Indication.INVALID:
        first = next((i for i in report.issues if i.severity is Severity.ERROR), None)
        reason = f"{first.code}: {first.message_ja} / {first.message_en}" if first else "INVALID"
        return _refuse(result, "importer.package_invalid", reason=reason)
    if report.indication is Indication.INDETERMINATE:
        first = next((i for i in report.issues if i.severity is Severity.WARNING), None)
        reason = f"{first.code}: {first.message_ja} / {first.message_en}" if first else "INDETERMINATE"
        if not force_unverified:
            result.issues.append(issue("importer.package_indeterminate", "", reason=reason))
            result.status, result.exit_code = "indeterminate", EXIT_INDETERMINATE
            return result
        result.issues.append(issue("importer.forced_unverified", ""))
        result.unverified = True
    doc, why = _read_note(note_bytes)
    if doc is None:
        return _refuse(result, "importer.note_unreadable", reason=why)

    # 2. the registers: the owner has died, the signer is the owner
    graph, graph_issues = _load_graph(Path(registers), when)
    result.issues.extend(graph_issues)
    if graph is None:
        return _mark_refused(result)
    owners, owner_name, owner_birth = _find_owner(graph, doc)
    if not owners:
        return _refuse(result, "importer.wrong_decedent", "/person", name=owner_name, birth=owner_birth)
    if len(owners) > 1:
        return _refuse(
            result, "importer.decedent_ambiguous", "/person", candidates=", ".join(p.id for p in owners)
        )
    owner = owners[0]
    if owner.death is None:
        return _refuse(result, "importer.owner_not_dead", "/person", name=owner_name)
    basic4 = report.signer.basic4 if report.signer else None
    signer_name = str((basic4 or {}).get("name", ""))
    signer_birth = str((basic4 or {}).get("birth_date_gregorian") or "")
    if not basic4 or _key(signer_name) not in _person_keys(owner) or not _same_birth(basic4, owner):
        return _refuse(
            result,
            "importer.signer_not_owner",
            signer=f"{signer_name} {signer_birth}".strip() or "?",
            owner=f"{owner_name} {owner_birth}",
        )
    if learned_on is not None and learned_on < owner.death.date:
        result.issues.append(
            issue(
                "importer.learned_before_death",
                "",
                learned=learned_on.isoformat(),
                death=owner.death.date.isoformat(),
            )
        )
        result.status, result.exit_code = "error", EXIT_USAGE
        return result
    if (late := signed_after_death(report.timestamp_time, owner.death.date)) is not None:
        result.issues.append(late)
        if not accept_signed_after_death or not accept_signed_after_death.strip():
            return _refuse(result, "importer.signed_after_death_refused")
        result.accepted_reason = accept_signed_after_death.strip()
        result.issues.append(issue("importer.signed_after_death_accepted", "", reason=result.accepted_reason))
    result.decedent = {
        "id": owner.id,
        "name": owner.name.full,  # one spelling of each name: the register's
        "birth_date": owner_birth,
        "death_date": owner.death.date.isoformat(),
    }

    # 3. the claimant is an heir
    viewer, identity_issues, claimant = _establish_claimant(claim, graph, owner, pkg, trust, crls, when)
    result.issues.extend(identity_issues)
    result.claimant = claimant
    if viewer is None:
        return _mark_refused(result)

    # 4. disclosure
    disclosed = apply_disclosure(doc, viewer)
    result.issues.extend(disclosed.issues)
    result.withheld = disclosed.withheld
    if result.claimant is not None:
        result.claimant["executor"] = disclosed.viewer_is_executor
        result.claimant["family_member_ids"] = disclosed.viewer_family_members

    # 5. the outputs
    from endingnote.importer._write import write_all

    try:
        result.outputs = write_all(
            Path(out_dir),
            disclosed.document,
            graph,
            owner,
            result,
            death=owner.death.date,
            learned_on=learned_on,
            lang=lang,
            csv_encoding=csv_encoding,
        )
    except OSError as exc:
        result.issues.append(issue("importer.outputs", "", reason=str(exc)))
        result.status, result.exit_code = "error", EXIT_USAGE
        return result
    result.status, result.exit_code = "imported", EXIT_IMPORTED
    return result


def package_digest(path: Path) -> bytes:
    """SHA-256 of the whole package file, read in blocks (a package may hold gigabytes)."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            h.update(block)
    return h.digest()


def signed_after_death(timestamp: dt.datetime | None, death: dt.date) -> Issue | None:
    """A warning when the proven signing time falls on a day after the recorded death (in Japan
    time, as registers record dates): the card was used after its owner died."""
    if timestamp is None:
        return None
    day = timestamp.astimezone(dt.timezone(dt.timedelta(hours=9))).date()
    if day <= death:
        return None
    return issue("importer.signed_after_death", "", signed=timestamp.isoformat(), death=death.isoformat())


def _mark_refused(result: ImportResult) -> ImportResult:
    result.status, result.exit_code = "refused", EXIT_REFUSED
    return result


def _same_birth(basic4: dict[str, Any], owner: Person) -> bool:
    from endingnote.sign.card import decode_birth_date

    raw = basic4.get("birth_date")
    try:
        born = decode_birth_date(str(raw)) if raw else None
    except Exception:
        return False
    return born is not None and born == owner.birth_date


def _establish_claimant(
    claim: ClaimEvidence,
    graph: FamilyGraph,
    owner: Person,
    pkg: Path,
    trust: str | Path | None,
    crls: Sequence[str | Path],
    when: dt.datetime,
) -> tuple[Viewer | None, list[Issue], dict[str, Any] | None]:
    from endingnote.heirs import check_claim

    decedent_label = f"{owner.name.family}{owner.name.given}"
    if isinstance(claim, AttestationClaim):
        return _attestation_viewer(claim, graph, owner, trust)
    from endingnote.sign.trust._keys import load_certificates, load_crl

    anchors = load_certificates(trust) if trust is not None else []
    crl_objs = [load_crl(c) for c in crls]
    digest = package_digest(pkg)
    identity: Identity
    if isinstance(claim, CardClaim):
        identity = prove_with_card(claim, digest, anchors, crl_objs, when)
    elif isinstance(claim, SignedChallenge):
        identity = prove_offline(claim, digest, anchors, crl_objs, when)
    else:
        raise TypeError(f"unknown claim evidence: {type(claim).__name__}")
    issues = list(identity.issues)
    if not identity.ok or identity.basic4 is None:
        return None, issues, None
    b4 = identity.basic4
    claimant: dict[str, Any] = {
        "kind": "card" if isinstance(claim, CardClaim) else "signed_challenge",
        "name": b4.name,
        "birth_date": b4.birth_date_gregorian.isoformat() if b4.birth_date_gregorian else None,
        "address": b4.address,
        "certificate_sha256": identity.certificate_sha256,
    }
    verdict = check_claim(graph, owner.id, b4)
    claimant.update(verdict.to_dict())
    if verdict.verdict == "ambiguous":
        issues.append(
            issue(
                "importer.claim_ambiguous", "", reason=verdict.explanation_ja + " / " + verdict.explanation_en
            )
        )
        return None, issues, claimant
    if verdict.verdict != "heir":
        issues.append(
            issue(
                "importer.not_heir",
                "",
                claimant=b4.name,
                decedent=decedent_label,
                reason=verdict.explanation_ja + " / " + verdict.explanation_en,
            )
        )
        return None, issues, claimant
    return Viewer(True, b4.name, b4.birth_date_gregorian), issues, claimant


def _attestation_viewer(
    claim: AttestationClaim, graph: FamilyGraph, owner: Person, trust: str | Path | None
) -> tuple[Viewer | None, list[Issue], dict[str, Any] | None]:
    from cryptography.hazmat.primitives.serialization import Encoding

    from endingnote.heirs._attest import verify_attestation
    from endingnote.sign.trust._keys import load_certificates

    anchors = list(claim.trust_anchors)
    if not anchors and trust is not None:
        anchors = [c.public_bytes(Encoding.DER) for c in load_certificates(trust)]
    verdict = verify_attestation(claim.data, anchors, graph=graph)
    issues = list(verdict.issues)
    claimant: dict[str, Any] = {"kind": "attestation", **verdict.to_dict()}
    claimant.pop("issues", None)
    if not verdict.valid:
        first = next(iter(verdict.issues), None)
        reason = f"{first.code}: {first.message_ja} / {first.message_en}" if first else "invalid"
        issues.append(issue("importer.attestation_invalid", "", reason=reason))
        return None, issues, claimant
    decedent = (verdict.statement or {}).get("decedent", {})
    if decedent.get("id") != owner.id:
        issues.append(issue("importer.attestation_other_decedent", "", name=str(decedent.get("name"))))
        return None, issues, claimant
    return Viewer(True), issues, claimant
