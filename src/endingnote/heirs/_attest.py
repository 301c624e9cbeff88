"""Heir attestations: a CMS SignedData (RFC 5652) by an attesting party over a JSON statement
naming the decedent, the heirs and their shares, and the SHA-256 of every document relied on.

The statement is the encapsulated content (``id-data``, attached), so ``openssl cms -verify``
checks it as well. Signing goes through the :class:`~endingnote.sign.Signer` protocol (a key file,
a PKCS#12 or a card); verification checks the signature, the chain to a **pinned** trust anchor,
the content, and optionally that the statement equals what the engine computes from the graph.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from endingnote._codes import issue
from endingnote._issues import Issue, Severity
from endingnote.heirs import _codes as _codes  # registers the codes
from endingnote.heirs._engine import Options, compute
from endingnote.heirs._graph import FamilyGraph, graph_to_dict
from endingnote.heirs._result import fraction_str
from endingnote.sign import KeyFileSigner as KeyFileSigner  # re-exported: attestations' signer since 1.0
from endingnote.sign import cades
from endingnote.sign.verify import certificates_from

if TYPE_CHECKING:
    from cryptography import x509

    from endingnote.sign import Signer

FORMAT = "endingnote-heir-attestation"
VERSION = "1.0"
MAX_ATTESTATION_BYTES = 16 * 1024 * 1024


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no insignificant whitespace, UTF-8: the bytes that are signed."""
    import orjson

    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def graph_digest(graph: FamilyGraph) -> str:
    return hashlib.sha256(canonical_json(graph_to_dict(graph))).hexdigest()


def build_statement(
    graph: FamilyGraph,
    decedent_id: str,
    *,
    attested_at: dt.datetime,
    options: Options | None = None,
    note: str | None = None,
) -> tuple[dict[str, Any] | None, list[Issue]]:
    """The statement to sign, or ``None`` with the findings when the heirs cannot be determined."""
    result = compute(graph, decedent_id, options)
    if result.status == "indeterminate":
        return None, list(result.findings)
    decedent = graph.person(decedent_id)
    if decedent is None or decedent.death is None:  # compute() would have refused
        return None, list(result.findings)
    persons = {p.id: p for p in graph.persons}
    statement: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "statement_ja": f"被相続人{decedent.name.full}の相続人及び法定相続分は"
        "下記のとおりであることを証明する。",
        "statement_en": f"The heirs of {decedent.name.full} and their statutory shares are as follows.",
        "decedent": {
            "id": decedent.id,
            "name": decedent.name.full,
            "birth_date": decedent.birth_date.isoformat() if decedent.birth_date else None,
            "death_date": decedent.death.date.isoformat(),
        },
        "rule_set": result.rule_set,
        "status": result.status,
        "heirs": [
            {
                "id": h.id,
                "name": persons[h.id].name.full,
                "birth_date": b.isoformat() if (b := persons[h.id].birth_date) else None,
                "capacity": h.capacity,
                "share": fraction_str(h.share),
                "via": list(h.via),
            }
            for h in result.heirs
        ],
        "sources": [
            {"id": s.id, "kind": s.kind, "sha256": s.sha256, **({"file": s.file} if s.file else {})}
            for s in graph.sources
        ],
        "graph_sha256": graph_digest(graph),
        "attested_at": attested_at.astimezone(dt.UTC).isoformat(timespec="seconds"),
        "assumptions": sorted({f.code for f in result.findings if f.code.startswith("heirs.assume.")}),
    }
    if note:
        statement["note"] = note
    return statement, list(result.findings)


def sign_statement(statement: dict[str, Any], signer: Signer, *, signing_time: dt.datetime) -> bytes:
    """DER of a CMS ``ContentInfo`` (SignedData, attached ``id-data`` content)."""
    return cades.sign_attached(canonical_json(statement), signer, signing_time=signing_time)


@dataclass
class AttestationVerdict:
    """Signature intact? Signer trusted? Content well-formed? Equal to the recomputation?"""

    intact: bool = False
    trusted: bool = False
    content_ok: bool = False
    matches: bool | None = None  # None: no graph given to recompute
    signer: str | None = None
    signing_time: dt.datetime | None = None
    statement: dict[str, Any] | None = None
    issues: list[Issue] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.intact and self.trusted and self.content_ok and self.matches is not False

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "intact": self.intact,
            "trusted": self.trusted,
            "content_ok": self.content_ok,
            "matches": self.matches,
            "signer": self.signer,
            "signing_time": self.signing_time.isoformat() if self.signing_time else None,
            "statement": self.statement,
            "issues": [i.to_dict() for i in self.issues],
        }


# What the shared SignerInfo check found before the signature value, in the words attestations use.
_REASONS = {
    "unsupported": "no signed attributes",
    "content_type": "content type attribute is not id-data",
    "digest_mismatch": "message digest does not match the content",
    "no messageDigest attribute": "message digest does not match the content",
}


def _signature_problem(
    signer_info: Any, content: bytes, leaf: x509.Certificate, verdict: AttestationVerdict
) -> str | None:
    """Why the signature of an attestation does not verify, or ``None``; sets the signing time."""
    from asn1crypto import core
    from cryptography.hazmat.primitives.asymmetric import rsa

    problem: cades.SignatureProblem | None = None
    try:
        cades.check_signer_info(signer_info, content, [leaf], "data")
    except cades.SignatureProblem as exc:
        problem = exc
    except cades.parse_errors() as exc:
        return f"malformed signer info: {exc}"[:200]
    if problem is not None and (problem.code == "malformed" or problem.code in _REASONS):
        return _REASONS.get(problem.code) or _REASONS.get(problem.detail, problem.detail)
    try:
        attrs = signer_info["signed_attrs"]  # absent only when the digest algorithm failed first
        signing_time = None if isinstance(attrs, core.Void) else cades.signed_attribute(attrs, "signing_time")
        when = signing_time.native if signing_time is not None else None
    except cades.SignatureProblem as exc:
        return exc.detail
    except cades.parse_errors():
        return "malformed signing time"
    verdict.signing_time = when if isinstance(when, dt.datetime) else None
    if signer_info["digest_algorithm"]["algorithm"].native != "sha256":
        return "digest algorithm is not SHA-256"
    if not isinstance(leaf.public_key(), rsa.RSAPublicKey):
        return "only RSA signatures are accepted"
    if problem is not None:
        return "RSA signature invalid" if problem.code in ("algorithm", "crypto_failure") else problem.detail
    return None


def _chain_ok(
    leaf: x509.Certificate, pool: list[x509.Certificate], anchors: list[x509.Certificate], at: dt.datetime
) -> str | None:
    """``None`` when ``leaf`` chains to one of ``anchors`` through ``pool`` at ``at`` (the trust
    core: RFC 5280 path validation); else why not."""
    from cryptography import x509

    from endingnote.sign.trust import validate_chain

    try:
        usage = leaf.extensions.get_extension_for_class(x509.KeyUsage).value
        if not (usage.digital_signature or usage.content_commitment):
            return "the signer's key usage allows neither digitalSignature nor nonRepudiation"
    except x509.ExtensionNotFound:
        pass
    result = validate_chain(leaf, anchors, pool, at=at)
    return None if result.ok else result.detail[:300]


def verify_attestation(
    data: bytes,
    trust_anchors: Sequence[bytes],
    *,
    graph: FamilyGraph | None = None,
    options: Options | None = None,
    documents: dict[str, bytes] | None = None,
) -> AttestationVerdict:
    """Verify an attestation. ``trust_anchors``: pinned CA certificates (PEM or DER). With ``graph``
    the statement must equal the engine's result; with ``documents`` (file name → bytes) every
    listed source must have the stated SHA-256."""
    verdict = AttestationVerdict()

    def fail(code: str, **params: Any) -> AttestationVerdict:
        verdict.issues.append(issue(code, "", **params))
        return verdict

    if len(data) > MAX_ATTESTATION_BYTES:
        return fail("heirs.attest.unreadable", reason="too large")
    if data.startswith(b"-----BEGIN"):
        import base64

        body = b"".join(line for line in data.splitlines() if line and not line.startswith(b"-----"))
        try:
            data = base64.b64decode(body, validate=True)
        except ValueError:
            return fail("heirs.attest.unreadable", reason="bad PEM")
    try:
        sd, content, signer_infos = cades.open_signed_data(data)
        embedded = [c.chosen.dump() for c in sd["certificates"] or [] if c.name == "certificate"]
    except cades.SignatureProblem:
        return fail("heirs.attest.unreadable", reason="not a CMS SignedData")
    except cades.parse_errors() as exc:
        return fail("heirs.attest.unreadable", reason=str(exc)[:200])
    if content is None or len(signer_infos) != 1:
        return fail("heirs.attest.unreadable", reason="expected attached content and exactly one signer")
    si = signer_infos[0]
    anchors: list[x509.Certificate] = []
    for index, anchor in enumerate(trust_anchors, 1):
        try:
            anchors += certificates_from([anchor])
        except cades.parse_errors() as exc:  # a wrong file given as anchor: said, not ignored
            verdict.issues.append(issue("heirs.attest.trust_anchor", "", index=index, reason=str(exc)[:200]))
    try:  # cryptography parses certificates lazily: names may fail only when first read
        certs = certificates_from(embedded)
        by_issuer_serial = si["sid"].name == "issuer_and_serial_number"
        leaf = cades.find_signer(si["sid"], certs) if by_issuer_serial else None
        signer = leaf.subject.rfc4514_string() if leaf is not None else None
    except cades.parse_errors() as exc:
        return fail("heirs.attest.unreadable", reason=f"bad certificate: {exc}"[:200])
    if not by_issuer_serial:
        return fail("heirs.attest.signature", reason="unsupported signer identifier")
    if leaf is None:
        return fail("heirs.attest.signature", reason="the signer's certificate is not embedded")
    verdict.signer = signer
    reason = _signature_problem(si, content, leaf, verdict)
    if reason is not None:
        return fail("heirs.attest.signature", reason=reason)
    verdict.intact = True
    at = verdict.signing_time or dt.datetime.now(dt.UTC)
    try:
        problem = _chain_ok(leaf, certs, anchors, at) if anchors else "no trust anchor given"
    except cades.parse_errors() as exc:
        problem = f"bad certificate: {exc}"[:200]
    if problem is not None:
        verdict.issues.append(issue("heirs.attest.untrusted", "", reason=problem))
        return verdict  # verify, then parse: nobody vouches for the content of an untrusted signer
    verdict.trusted = True
    statement = _check_content(content, verdict)
    if statement is None:
        return verdict
    verdict.statement = statement
    if graph is not None:
        _compare(statement, graph, options, verdict)
    if documents is not None:
        for src in statement.get("sources", []):
            name = src.get("file") or src.get("id")
            blob = documents.get(Path(str(name)).name)
            if blob is None or hashlib.sha256(blob).hexdigest() != src.get("sha256"):
                verdict.issues.append(issue("heirs.attest.digest_mismatch", "", id=str(src.get("id"))))
                verdict.matches = False
    return verdict


@functools.cache
def _statement_model() -> type[Any]:
    """The statement's schema, with bounds on every string, list and number (shares are small
    fractions: ``Fraction("1e10000000000")`` would never finish)."""
    from typing import Literal

    from pydantic import BaseModel, ConfigDict, Field

    text = Field(max_length=1000)
    ident = Field(min_length=1, max_length=200)
    date = Field(default=None, pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

    class _Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", strict=True)

    class Decedent(_Strict):
        id: str = ident
        name: str = text
        birth_date: str | None = date
        death_date: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

    class Heir(_Strict):
        id: str = ident
        name: str = text
        birth_date: str | None = date
        capacity: str = Field(max_length=100)
        share: str = Field(pattern=r"^[0-9]{1,9}/[1-9][0-9]{0,8}$")
        via: list[str] = Field(max_length=100)

    class Source(_Strict):
        id: str = ident
        kind: str = Field(max_length=100)
        sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
        file: str | None = Field(default=None, max_length=1000)

    class Statement(_Strict):
        format: Literal["endingnote-heir-attestation"]
        version: Literal["1.0"]
        statement_ja: str = Field(max_length=10_000)
        statement_en: str = Field(max_length=10_000)
        decedent: Decedent
        rule_set: str = Field(max_length=100)
        status: str = Field(max_length=100)
        heirs: list[Heir] = Field(max_length=10_000)
        sources: list[Source] = Field(max_length=10_000)
        graph_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
        attested_at: dt.datetime
        assumptions: list[str] = Field(max_length=100)
        note: str | None = Field(default=None, max_length=10_000)

    return Statement


def _check_content(content: bytes, verdict: AttestationVerdict) -> dict[str, Any] | None:
    """The statement, parsed by its schema; ``None`` (and a finding) when it does not fit."""
    from endingnote.sign._content import parse_signed_json

    parsed, doc, why = parse_signed_json(content, _statement_model())
    if parsed is None or not isinstance(doc, dict):
        verdict.issues.append(issue("heirs.attest.content", "", reason=why or "not an object"))
        return None
    total = sum((Fraction(h.share) for h in parsed.heirs), Fraction(0))
    if total not in (0, 1):
        verdict.issues.append(
            issue("heirs.attest.content", "", reason=f"the shares add up to {total}, not 1")
        )
        return doc
    verdict.content_ok = True
    return doc


def _compare(
    statement: dict[str, Any], graph: FamilyGraph, options: Options | None, verdict: AttestationVerdict
) -> None:
    decedent = statement.get("decedent", {}).get("id")
    expected, findings = build_statement(
        graph,
        str(decedent),
        attested_at=dt.datetime.fromisoformat(statement.get("attested_at", "1970-01-01T00:00:00+00:00")),
        options=options,
        note=statement.get("note"),
    )
    if expected is None:
        reason = "; ".join(f.message_en for f in findings if f.severity is Severity.ERROR)
        verdict.issues.append(
            issue("heirs.attest.mismatch", "", reason=reason or "heirs cannot be determined")
        )
        verdict.matches = False
        return
    diffs = [k for k in expected if expected[k] != statement.get(k)]
    diffs += [k for k in statement if k not in expected]
    if diffs:
        verdict.issues.append(
            issue("heirs.attest.mismatch", "", reason="differs in " + ", ".join(sorted(diffs)))
        )
        verdict.matches = False
    else:
        verdict.matches = True
