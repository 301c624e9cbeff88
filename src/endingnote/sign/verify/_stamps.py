"""Signature and archive timestamps: parsing, imprints, and TSA chains validated at the right time.

Each TSA chain is validated at the time of the next valid archive timestamp that covers it, the
newest at the validation time; the best signature time is the signature timestamp's (or, without
one, the earliest archive timestamp covering the signature: a proof of existence).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from endingnote.sign.asice._container import Container, EntryError, entry_issue
from endingnote.sign.verify._report import TimestampStatus
from endingnote.sign.verify._state import State

if TYPE_CHECKING:
    from cryptography import x509

    from endingnote.sign.tsa._token import TimestampToken

ARCHIVE_MANIFEST = re.compile(r"^META-INF/ASiCArchiveManifest[^/]*\.xml$", re.IGNORECASE)


@dataclass
class Stamp:
    kind: str
    file: str
    token: TimestampToken
    covers: frozenset[str] = frozenset()
    ok: bool = False


def signature_stamps(
    tokens: tuple[bytes, ...], signature_value: bytes, sig_file: str, state: State
) -> list[Stamp]:
    from endingnote.sign.tsa._token import TokenError, parse_token

    if not tokens:
        state.add("sign.timestamp.missing", f"zip:{sig_file}")
        return []
    stamps = []
    for der in tokens:
        which = f"signature timestamp in {sig_file}"
        try:
            token = parse_token(der)
        except TokenError as exc:
            state.add(f"sign.timestamp.{exc.kind}", f"zip:{sig_file}", which=which, detail=str(exc))
            continue
        if not token.matches(signature_value):
            state.add("sign.timestamp.imprint_mismatch", f"zip:{sig_file}", which=which)
            continue
        stamps.append(Stamp("signature", sig_file, token))
    return stamps


def archive_stamps(container: Container, state: State) -> list[Stamp]:
    """``META-INF/ASiCArchiveManifest*.xml`` + the timestamp token each one names."""
    from endingnote.sign.asice._manifest import ManifestError, parse_manifest
    from endingnote.sign.tsa._token import TokenError, parse_token

    stamps = []
    for name in sorted(n for n in container.entries if ARCHIVE_MANIFEST.match(n)):
        where = f"zip:{name}"
        try:
            data = container.read(name)
            manifest = parse_manifest(data)
            token_der = container.read(manifest.sig_reference)
        except EntryError as exc:
            state.issues.append(entry_issue(name, exc))
            continue
        except (ManifestError, KeyError) as exc:
            state.add(
                "sign.timestamp.archive_malformed", where, name=name, detail=str(exc) or "missing timestamp"
            )
            continue
        intact = True
        for ref in manifest.references:
            try:
                ok = ref.name in container.entries and container.digest(ref.name, ref.algorithm) == ref.digest
            except EntryError:
                ok = False
            if not ok:
                state.add("sign.timestamp.archive_mismatch", f"zip:{ref.name}", name=ref.name)
                intact = False
        which = f"archive timestamp {manifest.sig_reference}"
        try:
            token = parse_token(token_der)
        except TokenError as exc:
            state.add(
                f"sign.timestamp.{exc.kind}", f"zip:{manifest.sig_reference}", which=which, detail=str(exc)
            )
            continue
        if not token.matches(data):
            state.add("sign.timestamp.imprint_mismatch", f"zip:{manifest.sig_reference}", which=which)
            continue
        if intact:
            covers = frozenset(r.name for r in manifest.references)
            stamps.append(Stamp("archive", manifest.sig_reference, token, covers | {name}))
    return stamps


def validate_stamps(
    stamps: list[Stamp], anchors: list[x509.Certificate], state: State, sig_file: str
) -> None:
    """Validate TSA chains newest first: each at the time of the next valid archive stamp covering it.

    The best signature time is the signature timestamp's; without a valid one, the earliest valid
    archive timestamp covering the signature file is the proof of existence (EN 319 102-1 POE).
    """
    from endingnote.sign.trust import validate_chain
    from endingnote.sign.trust._keys import valid_at

    ordered = sorted(stamps, key=lambda s: s.token.gen_time if s.token else dt.datetime.min, reverse=True)
    for stamp in ordered:
        token = stamp.token
        which = f"{stamp.kind} timestamp {stamp.file}"
        covering = [
            s.token.gen_time
            for s in ordered
            if s.ok
            and s.kind == "archive"
            and s.token
            and s.token.gen_time > token.gen_time
            and stamp.file in s.covers
        ]
        check_at = min(covering) if covering else state.validation_time
        where = f"zip:{stamp.file}"
        if token.gen_time > state.validation_time:
            # validating "as of" a time before the stamp existed: it proves nothing then
            state.add(
                "sign.timestamp.after_validation_time",
                where,
                which=which,
                gen_time=token.gen_time.isoformat(),
                at=state.validation_time.isoformat(),
            )
        elif not token.eku_ok:
            state.add("sign.timestamp.eku", where, which=which)
        elif not anchors:
            state.add(
                "sign.timestamp.untrusted",
                where,
                which=which,
                at=check_at.isoformat(),
                detail="no trust anchors",
            )
        elif not (valid_at(token.tsa_cert, check_at) and valid_at(token.tsa_cert, token.gen_time)):
            state.add(
                "sign.timestamp.untrusted",
                where,
                which=which,
                at=check_at.isoformat(),
                detail=f"TSA certificate valid {token.tsa_cert.not_valid_before_utc:%Y-%m-%d} – "
                f"{token.tsa_cert.not_valid_after_utc:%Y-%m-%d}",
            )
        else:
            chain = validate_chain(token.tsa_cert, anchors, token.certificates, at=check_at)
            if chain.ok:
                stamp.ok = True
            else:
                state.add(
                    "sign.timestamp.untrusted",
                    where,
                    which=which,
                    at=check_at.isoformat(),
                    detail=chain.detail,
                )
        state.timestamps.append(
            TimestampStatus(
                stamp.kind,
                stamp.file,
                token.gen_time,
                token.tsa_cert.subject.rfc4514_string(),
                stamp.ok,
                check_at,
            )
        )
    signature_stamps = [s for s in stamps if s.kind == "signature" and s.ok and s.token]
    if signature_stamps:
        state.timestamp_time = min(s.token.gen_time for s in signature_stamps if s.token)
        late = [
            s
            for s in stamps
            if s.kind == "archive" and s.ok and s.token and s.token.gen_time < state.timestamp_time
        ]
        for s in late:
            state.add(
                "sign.timestamp.order", f"zip:{s.file}", detail=f"{s.file} predates the signature timestamp"
            )
        return
    covering = [s.token.gen_time for s in stamps if s.kind == "archive" and s.ok and sig_file in s.covers]
    if covering:
        state.timestamp_time = min(covering)
        state.issues = [i for i in state.issues if i.code != "sign.timestamp.missing"]
        state.add("sign.timestamp.archive_poe", f"zip:{sig_file}", at=state.timestamp_time.isoformat())
