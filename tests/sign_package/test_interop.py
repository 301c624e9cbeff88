"""Interop with OpenSSL, both ways: openssl checks what we make, we check what openssl makes."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from endingnote.sign import Indication, verify_package
from endingnote.sign.asice import MIMETYPE, Reference, build_manifest
from endingnote.sign.cades import OID_SIGNATURE_TIMESTAMP, add_unsigned_attribute, signature_value
from endingnote.sign.testpki import TestPki
from endingnote.sign.tsa import TimestampAuthority, parse_token

from .conftest import TARO_NOTE, PackageFactory, codes, fresh_crl, openssl


def _extract(pkg: Path, folder: Path) -> Path:
    folder.mkdir()
    with zipfile.ZipFile(pkg) as zf:
        for name in zf.namelist():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(zf.read(name))
    return folder


def test_openssl_cms_verifies_our_signature(
    make_package: PackageFactory, pki: TestPki, tmp_path: Path
) -> None:
    out = _extract(make_package(), tmp_path / "x")
    sig, manifest = out / "META-INF/signature001.p7s", out / "META-INF/ASiCManifest.xml"
    args = ("cms", "-verify", "-binary", "-inform", "DER", "-in", sig, "-content", manifest)
    done = openssl(*args, "-CAfile", pki.sign_cas_pem, "-out", "/dev/null")
    assert done.returncode == 0, done.stderr.decode()
    assert b"CMS Verification successful" in done.stderr
    manifest.write_bytes(manifest.read_bytes().replace(b"note.json", b"note.jsom"))
    done = openssl(*args, "-CAfile", pki.sign_cas_pem, "-out", "/dev/null")
    assert done.returncode != 0 and b"content verify error" in done.stderr


def test_openssl_ts_verifies_our_timestamps(
    make_package: PackageFactory, pki: TestPki, tsa: TimestampAuthority, tmp_path: Path
) -> None:
    from asn1crypto import cms

    from endingnote.sign import renew_package

    pkg = make_package()
    renew_package(pkg, tsa)
    out = _extract(pkg, tmp_path / "x")
    p7s = (out / "META-INF/signature001.p7s").read_bytes()
    attr = cms.ContentInfo.load(p7s)["content"]["signer_infos"][0]["unsigned_attrs"][0]
    token = tmp_path / "sig-tst.der"
    token.write_bytes(attr["values"][0].dump())
    digest = hashlib.sha256(signature_value(p7s)).hexdigest()
    common = ("-CAfile", pki.services_root_pem, "-untrusted", pki.tsa.cert_path)
    done = openssl("ts", "-verify", "-digest", digest, "-token_in", "-in", token, *common)
    assert done.returncode == 0, done.stderr.decode()
    assert b"Verification: OK" in done.stdout
    done = openssl(
        "ts", "-verify", "-data", out / "META-INF/ASiCArchiveManifest.xml", "-token_in",
        "-in", out / "META-INF/timestamp001.tst", *common,
    )  # fmt: skip
    assert done.returncode == 0 and b"Verification: OK" in done.stdout, done.stderr.decode()
    done = openssl("ts", "-verify", "-digest", "00" * 32, "-token_in", "-in", token, *common)
    assert done.returncode != 0


def test_openssl_signed_package_verifies_in_endingnote(
    pki_copy: TestPki, trust: Path, tmp_path: Path
) -> None:
    """openssl cms -sign (CAdES attributes) over a manifest we wrote, stamped by openssl ts -reply:
    endingnote verifies both."""
    import json

    note = json.dumps(TARO_NOTE, ensure_ascii=False).encode()
    photo = b"\xff\xd8openssl"
    manifest = build_manifest(
        "META-INF/signature001.p7s",
        "application/pkcs7-signature",
        [
            Reference("note.json", "application/json", "sha256", hashlib.sha256(note).digest()),
            Reference("attachments/p.jpg", "image/jpeg", "sha256", hashlib.sha256(photo).digest()),
        ],
    )
    (tmp_path / "manifest.xml").write_bytes(manifest)
    holder = pki_copy.holder("taro")
    done = openssl(
        "cms", "-sign", "-binary", "-cades", "-md", "sha256", "-nosmimecap",
        "-in", tmp_path / "manifest.xml", "-signer", holder.cert_path, "-inkey", holder.key_path,
        "-outform", "DER", "-out", tmp_path / "sig.p7s",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    sig = (tmp_path / "sig.p7s").read_bytes()

    def package(signature: bytes, name: str) -> Path:
        path = tmp_path / name
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE)
            for entry, data in (
                ("note.json", note),
                ("attachments/p.jpg", photo),
                ("META-INF/ASiCManifest.xml", manifest),
                ("META-INF/signature001.p7s", signature),
            ):
                zf.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
        return path

    report = verify_package(package(sig, "plain.asice"), trust=trust)
    assert report.intact and report.trusted and report.owner_bound
    assert codes(report) == ["sign.timestamp.missing", "sign.revocation.unknown_unproven"]

    digest = hashlib.sha256(signature_value(sig)).hexdigest()
    done = openssl("ts", "-query", "-digest", digest, "-sha256", "-cert", "-out", tmp_path / "req.tsq")
    assert done.returncode == 0, done.stderr.decode()
    done = openssl(
        "ts", "-reply", "-config", pki_copy.tsa_config, "-queryfile", tmp_path / "req.tsq",
        "-token_out", "-out", tmp_path / "token.der",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    token = (tmp_path / "token.der").read_bytes()
    assert parse_token(token).matches(signature_value(sig))
    stamped = add_unsigned_attribute(sig, OID_SIGNATURE_TIMESTAMP, token)
    report = verify_package(package(stamped, "stamped.asice"), trust=trust, crls=fresh_crl(pki_copy))
    assert report.indication is Indication.VALID, codes(report)
    assert report.timestamp_time is not None
