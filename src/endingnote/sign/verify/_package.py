"""Verifying a signed ASiC-E package (ETSI EN 319 102-1 style, validation with time).

Order of the checks, each adding issues rather than stopping:

1. the container (hostile-input checks), the manifest, every file against the manifest, no file
   outside it;
2. the CMS signature over the manifest (messageDigest, signature value, ESSCertIDv2);
3. timestamps: the signature timestamp (imprint = hash of the signature value) and any archive
   timestamps (``ASiCArchiveManifest``); each TSA chain is validated at the time of the next archive
   timestamp that covers it, the newest one at the validation time;
4. the signer's chain to pinned anchors **at the timestamp's time**, key usage, JPKI policy;
5. revocation at that time (CRLs, OCSP): revoked before → INVALID, after → still VALID, no data →
   the explicit status ``revocation_unknown`` (INDETERMINATE);
6. the owner binding (the note's ``person`` vs the certificate's basic four data).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from endingnote._issues import Severity
from endingnote.sign.asice._container import Container, EntryError, Limits, entry_issue, open_container
from endingnote.sign.verify._report import VerificationReport
from endingnote.sign.verify._signer import check_signer
from endingnote.sign.verify._stamps import (
    ARCHIVE_MANIFEST,
    Stamp,
    archive_stamps,
    signature_stamps,
    validate_stamps,
)
from endingnote.sign.verify._state import State

if TYPE_CHECKING:
    from cryptography import x509

    from endingnote.sign.asice._manifest import Manifest

NOTE_NAME = "note.json"
_SIGNATURE_MANIFEST = re.compile(r"^META-INF/ASiCManifest[^/]*\.xml$", re.IGNORECASE)
_KNOWN_META = re.compile(r"^META-INF/(signature[^/]*\.p7s|timestamp[^/]*\.tst)$", re.IGNORECASE)

TrustInput: TypeAlias = "str | Path | Sequence[x509.Certificate] | None"
CrlInput: TypeAlias = "str | Path | x509.CertificateRevocationList"


def _anchors(trust: TrustInput) -> list[x509.Certificate]:
    from endingnote.sign.trust._keys import load_certificates

    if trust is None:
        return []
    if isinstance(trust, (str, Path)):
        return load_certificates(trust)
    return list(trust)


def _crls(crls: Sequence[CrlInput]) -> list[tuple[str, x509.CertificateRevocationList]]:
    from endingnote.sign.trust._keys import load_crl

    out = []
    for i, crl in enumerate(crls):
        if isinstance(crl, (str, Path)):
            out.append((Path(crl).name, load_crl(crl)))
        else:
            out.append((f"#{i + 1}", crl))
    return out


def verify_package(
    path: str | Path,
    *,
    trust: TrustInput = None,
    crls: Sequence[CrlInput] = (),
    ocsp: str | None = None,
    at: dt.datetime | None = None,
    limits: Limits | None = None,
) -> VerificationReport:
    """Verify the package at ``path``; see the module docstring for what is checked.

    ``trust``: a directory or PEM bundle of pinned anchors (JPKI signing-CA generations and TSA
    roots), or certificate objects. ``at``: the validation time (default: now). Raises only for
    I/O errors (:class:`~endingnote.InputError`) — everything about the package is in the report.
    """
    return verify_with_note(path, trust=trust, crls=crls, ocsp=ocsp, at=at, limits=limits)[0]


def verify_with_note(
    path: str | Path,
    *,
    trust: TrustInput = None,
    crls: Sequence[CrlInput] = (),
    ocsp: str | None = None,
    at: dt.datetime | None = None,
    limits: Limits | None = None,
) -> tuple[VerificationReport, bytes | None]:
    """:func:`verify_package`, and the bytes of ``note.json`` exactly as they were checked against
    the manifest (``None`` when the note is missing, unreadable or does not match). A caller that
    goes on to use the note (the heir import) takes these bytes instead of reading the file again."""
    when = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    state = State(str(path), when)
    anchors = _anchors(trust)
    crl_list = _crls(crls)
    try:
        container, problems = open_container(path, limits)
    except OSError as exc:
        from endingnote.errors import InputError

        raise InputError(f"{path}: 読めません / cannot read: {exc}") from exc
    state.issues.extend(problems)
    if container is None:
        return state.finish(), None
    with container:
        _verify_open(container, state, anchors, crl_list, ocsp)
    return state.finish(), state.note


def _verify_open(
    container: Container,
    state: State,
    anchors: list[x509.Certificate],
    crls: list[tuple[str, x509.CertificateRevocationList]],
    ocsp: str | None,
) -> None:
    from endingnote.sign.asice._manifest import ManifestError, UnsupportedDigest, parse_manifest
    from endingnote.sign.cades._verify import parse_errors, verify_detached

    manifests = sorted(n for n in container.entries if _SIGNATURE_MANIFEST.match(n))
    if not manifests:
        state.add("sign.package.manifest_missing", "zip:META-INF/")
        return
    if len(manifests) > 1:
        state.add("sign.package.multiple_signatures", "zip:META-INF/", names=", ".join(manifests))
    manifest_name = "META-INF/ASiCManifest.xml" if "META-INF/ASiCManifest.xml" in manifests else manifests[0]
    try:
        manifest_bytes = container.read(manifest_name)
        manifest = parse_manifest(manifest_bytes)
    except UnsupportedDigest as exc:
        state.add("sign.package.digest_unsupported", f"zip:{manifest_name}", algorithm=exc.uri)
        return
    except EntryError as exc:
        state.issues.append(entry_issue(manifest_name, exc))
        return
    except ManifestError as exc:
        state.add("sign.package.manifest_malformed", f"zip:{manifest_name}", detail=str(exc))
        return
    _warm_trust_core(container)
    files_ok = _check_files(container, manifest, state)
    if manifest.sig_reference not in container.entries:
        state.add(
            "sign.package.signature_missing", f"zip:{manifest.sig_reference}", name=manifest.sig_reference
        )
        return
    try:
        sig_der = container.read(manifest.sig_reference)
    except EntryError as exc:
        state.issues.append(entry_issue(manifest.sig_reference, exc))
        return
    sig_path = f"zip:{manifest.sig_reference}"
    check = verify_detached(sig_der, manifest_bytes)
    state.signing_time = check.signing_time
    for problem in check.problems:  # messages use {detail} or {algorithm}; extra parameters are ignored
        state.add(f"sign.signature.{problem.code}", sig_path, detail=problem.detail, algorithm=problem.detail)
    if check.signer_count > 1:
        state.add("sign.signature.multiple_signers", sig_path)
    cert = check.signer_cert
    if cert is None or check.problems:
        return
    state.intact = files_ok
    if not check.has_signing_certificate_v2:
        state.add("sign.signature.not_cades", sig_path)
    try:
        # Certificates are parsed lazily (cryptography, asn1crypto): a hostile certificate can
        # still fail here, after its key verified the signature. That is a finding, not a crash.
        stamps = signature_stamps(
            check.timestamp_tokens, check.signature_value, manifest.sig_reference, state
        )
        stamps += archive_stamps(container, state)
        validate_stamps(stamps, anchors, state, manifest.sig_reference)
        _check_claimed_time(state, sig_path)
        check_signer(cert, check.certificates, anchors, crls, ocsp, state)
        _check_owner(container, cert, state)
    except parse_errors() as exc:
        state.add("sign.signature.malformed", sig_path, detail=f"malformed certificate or attribute: {exc}")
        return
    _note_unknown_meta(container, manifest_name, manifest.sig_reference, stamps, state)


def _warm_trust_core(container: Container) -> None:
    """Import the path validator in a second thread while large files are hashed (hashing releases
    the GIL): on a package of gigabytes the import then costs nothing."""
    import importlib
    import threading

    if sum(e.size for e in container.entries.values()) >= 64 << 20:
        threading.Thread(
            target=importlib.import_module, args=("pyhanko_certvalidator",), name="warm-trust", daemon=True
        ).start()


def _check_claimed_time(state: State, sig_path: str) -> None:
    """The CMS signing time (the signer's own clock) must not follow the proven time."""
    from endingnote.sign._limits import SIGNING_TIME_TOLERANCE

    claimed, proven = state.signing_time, state.timestamp_time
    tolerance = SIGNING_TIME_TOLERANCE.value
    if claimed is not None and proven is not None and claimed > proven + dt.timedelta(seconds=tolerance):
        state.add(
            "sign.timestamp.signing_time_later",
            sig_path,
            claimed=claimed.isoformat(),
            proven=proven.isoformat(),
            tolerance=tolerance,
        )


def _check_files(container: Container, manifest: Manifest, state: State) -> bool:
    ok = True
    seen: set[str] = set()
    for ref in manifest.references:
        where = f"zip:{ref.name}"
        if ref.name in seen:
            state.add("sign.package.duplicate_reference", where, name=ref.name)
            ok = False
            continue
        seen.add(ref.name)
        if ref.name not in container.entries:
            state.add("sign.package.file_missing", where, name=ref.name)
            ok = False
            continue
        data = None
        try:
            if ref.name == NOTE_NAME:  # read once: the bytes hashed are the bytes used afterwards
                data, digest = container.read_and_digest(ref.name, ref.algorithm)
            else:
                digest = container.digest(ref.name, ref.algorithm)
        except EntryError as exc:
            state.issues.append(entry_issue(ref.name, exc))
            ok = False
            continue
        if digest != ref.digest:
            state.add("sign.package.digest_mismatch", where, name=ref.name)
            ok = False
        else:
            state.files.append(ref.name)
            if data is not None:
                state.note = data
            if ref.algorithm == "sha256":
                state.digests[ref.name] = digest
    for name in container.data_objects:
        if name not in seen:
            state.add("sign.package.file_not_in_manifest", f"zip:{name}", name=name)
            ok = False
    if NOTE_NAME not in seen:
        state.add("sign.package.note_missing", f"zip:{NOTE_NAME}")
        ok = False
    return ok


def _check_owner(container: Container, cert: x509.Certificate, state: State) -> None:
    import orjson

    from endingnote.sign._binding import owner_issues
    from endingnote.sign.asice._media import media_issues

    if state.note is None:
        return
    try:
        note = orjson.loads(state.note)
    except orjson.JSONDecodeError as exc:
        state.add("sign.package.note_malformed", f"zip:{NOTE_NAME}", detail=str(exc))
        state.owner_bound = False
        return
    if not isinstance(note, dict):
        state.add("sign.package.note_malformed", f"zip:{NOTE_NAME}", detail="not an object")
        state.owner_bound = False
        return
    found = owner_issues(note, cert)
    state.issues.extend(found)
    state.owner_bound = not any(i.severity is not Severity.INFO for i in found)
    state.issues.extend(media_issues(note, state.digests))


def _note_unknown_meta(
    container: Container, manifest_name: str, sig_file: str, stamps: list[Stamp], state: State
) -> None:
    known = {manifest_name, sig_file} | {s.file for s in stamps}
    for name in container.meta_entries:
        if name in known or ARCHIVE_MANIFEST.match(name) or _KNOWN_META.match(name):
            continue
        state.add("sign.package.unknown_meta", f"zip:{name}", name=name)
