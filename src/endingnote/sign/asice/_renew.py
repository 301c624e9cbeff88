"""Archive timestamps for long-term packages: ``endingnote package renew``.

Choice (ETSI EN 319 162-1 §4.4.3, "ASiC-E with long-term availability"): an
``META-INF/ASiCArchiveManifest.xml`` that references **every** file of the container — data objects,
the signature manifest, the signature (with its signature timestamp), earlier archive manifests and
their timestamps — with a SHA-256 digest each, and an RFC 3161 timestamp over that manifest in
``META-INF/timestampNNN.tst`` (its ``SigReference``). On each renewal the previous
``ASiCArchiveManifest.xml`` is renamed ``ASiCArchiveManifestNNN.xml`` and the new manifest covers it.

Why this and not CAdES ``archive-time-stamp-v3``: the signature file stays byte-identical (an
archive timestamp never touches what the signer signed); the new evidence covers the *whole*
container, including attachments, not only the CMS; each token is an ordinary file that
``openssl ts -verify`` checks on its own; and the chain of renewals is visible as files. A
verifier validates the newest archive timestamp now, and each older timestamp (down to the
signature timestamp) at the time of the next one — so the package stays verifiable after a TSA
certificate expires, as long as it is renewed before that.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

from endingnote._atomic import atomic_writer
from endingnote.errors import VerificationError
from endingnote.sign.asice._container import EntryError, Limits, open_container
from endingnote.sign.asice._manifest import Reference, build_manifest
from endingnote.sign.asice._write import _FIXED_DATE, TIMESTAMP_MIME, mime_type, write_mimetype
from endingnote.sign.asice._zip import DEFLATED
from endingnote.sign.tsa._client import TimestampSource, request_timestamp

ARCHIVE_MANIFEST = "META-INF/ASiCArchiveManifest.xml"
_NUMBERED = re.compile(r"^META-INF/(?:ASiCArchiveManifest|timestamp)(\d{3})\.(?:xml|tst)$")


def _next_number(names: list[str]) -> int:
    numbers = [int(m.group(1)) for n in names if (m := _NUMBERED.match(n))]
    return max(numbers, default=0) + 1


def renew_package(path: str | Path, tsa: TimestampSource, *, out: str | Path | None = None) -> Path:
    """Add an archive timestamp to the package at ``path`` (written to ``out``, default in place).

    Refuses (:class:`~endingnote.VerificationError`) a container that fails the hostile-input
    checks or has no signature; the signature's validity itself is ``verify``'s business.
    """
    source = Path(path)
    target = Path(out) if out is not None else source
    container, problems = open_container(source, Limits())
    if container is None:
        raise VerificationError(
            "パッケージを開けません / cannot open the package: " + "; ".join(i.message_en for i in problems)
        )
    with container:
        names = [n for n in container.entries if n != "mimetype"]
        if not any(n.lower().startswith("meta-inf/signature") for n in names):
            raise VerificationError("署名がありません / the package has no signature to preserve")
        number = _next_number(names)
        renamed = {n: n for n in names}
        if ARCHIVE_MANIFEST in renamed:
            # The previous archive manifest keeps the number of its own timestamp file.
            previous = f"META-INF/ASiCArchiveManifest{number - 1:03d}.xml"
            if previous in renamed:
                raise VerificationError(f"{previous} はすでにあります / already exists")
            renamed[ARCHIVE_MANIFEST] = previous
        token_name = f"META-INF/timestamp{number:03d}.tst"
        with atomic_writer(target) as fh, zipfile.ZipFile(fh, "w") as zf:
            write_mimetype(zf)
            refs = []
            for old in names:
                entry = container.entries[old]
                new = zipfile.ZipInfo(renamed[old], date_time=_FIXED_DATE)
                new.compress_type = zipfile.ZIP_DEFLATED if entry.method == DEFLATED else zipfile.ZIP_STORED
                new.file_size = entry.size
                h = hashlib.sha256()
                try:
                    with zf.open(new, "w", force_zip64=entry.size > zipfile.ZIP64_LIMIT) as dst:
                        for block in container.chunks(old):
                            h.update(block)
                            dst.write(block)
                except EntryError as exc:
                    raise VerificationError(f"{old}: 壊れています / corrupt: {exc}") from exc
                refs.append(Reference(renamed[old], mime_type(renamed[old]), "sha256", h.digest()))
            manifest = build_manifest(token_name, TIMESTAMP_MIME, refs)
            token = request_timestamp(manifest, tsa)
            for name, data in ((ARCHIVE_MANIFEST, manifest), (token_name, token)):
                info = zipfile.ZipInfo(name, date_time=_FIXED_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, data)
    return target
