"""Writing a signed ASiC-E package: ``mimetype`` (first, stored), ``note.json``, ``attachments/…``,
``META-INF/ASiCManifest.xml`` and ``META-INF/signature001.p7s`` (detached CAdES-B-T over the manifest).

Data is hashed while it is copied into the archive (one pass, constant memory); the archive is
written to a temporary file beside the target and renamed only when complete.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from endingnote._atomic import atomic_writer
from endingnote.errors import InputError, SigningError
from endingnote.sign.asice._container import CHUNK, MIMETYPE, unsafe_name
from endingnote.sign.asice._manifest import Reference, build_manifest

if TYPE_CHECKING:
    from endingnote.sign._check import SigningCertificateCheck
    from endingnote.sign._signer import Signer
    from endingnote.sign.tsa._client import TimestampSource

NOTE_NAME = "note.json"
ATTACHMENTS = "attachments/"
MANIFEST_NAME = "META-INF/ASiCManifest.xml"
SIGNATURE_NAME = "META-INF/signature001.p7s"
SIGNATURE_MIME = "application/pkcs7-signature"
TIMESTAMP_MIME = "application/vnd.etsi.timestamp-token"
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def mime_type(name: str) -> str:
    if name == NOTE_NAME or name.endswith(".json"):
        return "application/json"
    return mimetypes.guess_type(name, strict=False)[0] or "application/octet-stream"


def write_mimetype(zf: zipfile.ZipFile) -> None:
    """The ``mimetype`` entry: first, stored, no extra field."""
    info = zipfile.ZipInfo("mimetype", date_time=_FIXED_DATE)
    info.compress_type = zipfile.ZIP_STORED
    info.extra = b""
    zf.writestr(info, MIMETYPE.encode("ascii"))


def copy_into(
    zf: zipfile.ZipFile, name: str, source: BinaryIO, size: int, *, compress: bool, algorithm: str = "sha256"
) -> bytes:
    """Stream ``source`` into entry ``name``; return its digest."""
    info = zipfile.ZipInfo(name, date_time=_FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.file_size = size
    h = hashlib.new(algorithm)
    with zf.open(info, "w", force_zip64=size > zipfile.ZIP64_LIMIT) as out:
        while block := source.read(CHUNK):
            h.update(block)
            out.write(block)
    return h.digest()


def _check_note(note: bytes, name: str, validate: bool) -> None:
    import orjson

    try:
        doc = orjson.loads(note)
    except orjson.JSONDecodeError as exc:
        raise SigningError(f"{name}: JSON として読めません / not JSON: {exc}") from exc
    if not isinstance(doc, dict):
        raise SigningError(f"{name}: JSON オブジェクトではありません / not a JSON object")
    if not validate:
        return
    try:
        from endingnote.validation import validate as run_validation
    except ModuleNotFoundError:
        return  # the validator is not part of this build
    from endingnote.errors import InvalidDocumentError

    report = run_validation(note)
    report.path = name
    if not report.valid:
        raise InvalidDocumentError(report)


def _check_media(note: bytes, digests: dict[str, bytes]) -> None:
    import orjson

    from endingnote.sign.asice._media import media_issues

    wrong = [i for i in media_issues(orjson.loads(note), digests) if i.code == "sign.package.media_digest"]
    if wrong:
        raise SigningError("; ".join(f"{i.path}: {i.message_ja} / {i.message_en}" for i in wrong))


def create_package(
    note: str | Path,
    attachments: Sequence[str | Path],
    out: str | Path,
    signer: Signer,
    *,
    tsa: TimestampSource | None = None,
    validate: bool = True,
    check_owner: bool = True,
    signing_time: dt.datetime | None = None,
    certificate_check: SigningCertificateCheck | None = None,
) -> Path:
    """Sign ``note`` and ``attachments`` into the ASiC-E package ``out`` and return its path.

    The note is validated first (an invalid note raises :class:`~endingnote.InvalidDocumentError`),
    and its owner must match the signing certificate's basic four data (``check_owner``), so a
    package that would fail verification is never produced. With ``tsa`` the signature gets an
    RFC 3161 signature timestamp (CAdES-B-T); without it the package is CAdES-B-B and verifies
    as INDETERMINATE (no proof of time).

    The signer's certificate must be within its validity and not revoked
    (:func:`~endingnote.sign.check_signing_certificate`, which raises :class:`SigningError`);
    pass its result as ``certificate_check`` when it was run with CRLs or OCSP, otherwise only
    the validity is checked here.
    """
    from endingnote.sign._binding import owner_issues
    from endingnote.sign._check import check_signing_certificate
    from endingnote.sign.cades._build import OID_SIGNATURE_TIMESTAMP, add_unsigned_attribute, sign_detached
    from endingnote.sign.cades._build import signature_value as sig_value
    from endingnote.sign.tsa._client import request_timestamp

    if certificate_check is None:
        check_signing_certificate(signer, at=signing_time)
    note_path = Path(note)
    try:
        note_bytes = note_path.read_bytes()
    except OSError as exc:
        raise InputError(f"{note_path}: 読めません / cannot read: {exc}") from exc
    _check_note(note_bytes, str(note_path), validate)
    if check_owner:
        import orjson
        from cryptography import x509

        cert = x509.load_der_x509_certificate(signer.certificate_der)
        problems = [i for i in owner_issues(orjson.loads(note_bytes), cert) if i.severity != "info"]
        if problems:
            raise SigningError(
                "ノートの本人と証明書の基本4情報が一致しません / "
                "the note's owner does not match the certificate: "
                + "; ".join(f"{i.message_ja} / {i.message_en}" for i in problems)
            )
    names: dict[str, Path] = {}
    for attachment in attachments:
        path = Path(attachment)
        name = ATTACHMENTS + path.name
        if unsafe_name(name) or name in names:
            raise InputError(
                f"{path}: 添付ファイル名が不正か重複しています / bad or duplicate attachment name"
            )
        if not path.is_file():
            raise InputError(f"{path}: ファイルがありません / not a file")
        names[name] = path

    with atomic_writer(out) as fh, zipfile.ZipFile(fh, "w") as zf:
        write_mimetype(zf)
        info = zipfile.ZipInfo(NOTE_NAME, date_time=_FIXED_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, note_bytes)
        refs = [Reference(NOTE_NAME, mime_type(NOTE_NAME), "sha256", hashlib.sha256(note_bytes).digest())]
        for name, path in names.items():
            try:
                with path.open("rb") as src:
                    size = path.stat().st_size
                    digest = copy_into(zf, name, src, size, compress=False)
            except OSError as exc:
                raise InputError(f"{path}: 読めません / cannot read: {exc}") from exc
            refs.append(Reference(name, mime_type(name), "sha256", digest))
        _check_media(note_bytes, {r.name: r.digest for r in refs})
        manifest = build_manifest(SIGNATURE_NAME, SIGNATURE_MIME, refs)
        signature = sign_detached(hashlib.sha256(manifest).digest(), signer, signing_time=signing_time)
        if tsa is not None:
            token = request_timestamp(sig_value(signature), tsa)
            signature = add_unsigned_attribute(signature, OID_SIGNATURE_TIMESTAMP, token)
        for name, data in ((MANIFEST_NAME, manifest), (SIGNATURE_NAME, signature)):
            info = zipfile.ZipInfo(name, date_time=_FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return Path(out)
