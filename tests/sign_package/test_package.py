"""Writing and verifying packages: layout, the CAdES-B-T signature, tampering, the Signer protocol."""

from __future__ import annotations

import base64
import hashlib
import zipfile
from pathlib import Path

import pytest
from asn1crypto import cms

from endingnote.errors import SigningError
from endingnote.sign import Indication, Revocation, create_package, verify_package
from endingnote.sign.asice import MIMETYPE, parse_manifest
from endingnote.sign.card import JpkiCardEmulator, JpkiCardSigner
from endingnote.sign.testpki import TestPki
from endingnote.sign.tsa import TimestampAuthority

from .conftest import PackageFactory, codes, fresh_crl, write_note


def test_layout_is_asic_e(make_package: PackageFactory) -> None:
    pkg = make_package(attachments={"photo.jpg": b"\xff\xd8abc", "letter.txt": "手紙".encode()})
    raw = pkg.read_bytes()
    assert raw[30:38] == b"mimetype" and raw[38 : 38 + len(MIMETYPE)] == MIMETYPE.encode()
    with zipfile.ZipFile(pkg) as zf:
        infos = zf.infolist()
        assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
        assert infos[0].extra == b""
        names = [i.filename for i in infos]
        assert names == [
            "mimetype",
            "note.json",
            "attachments/photo.jpg",
            "attachments/letter.txt",
            "META-INF/ASiCManifest.xml",
            "META-INF/signature001.p7s",
        ]
        manifest_bytes = zf.read("META-INF/ASiCManifest.xml")
        assert b'xmlns:asic="http://uri.etsi.org/02918/v1.2.1#"' in manifest_bytes
        manifest = parse_manifest(manifest_bytes)
        assert manifest.sig_reference == "META-INF/signature001.p7s"
        for ref in manifest.references:
            assert ref.algorithm == "sha256"
            assert ref.digest == hashlib.sha256(zf.read(ref.name)).digest()
        assert {r.name for r in manifest.references} == set(names[1:4])
        signed = cms.ContentInfo.load(zf.read("META-INF/signature001.p7s"))["content"]
    signer_info = signed["signer_infos"][0]
    attrs = [a["type"].native for a in signer_info["signed_attrs"]]
    assert sorted(attrs) == ["content_type", "message_digest", "signing_certificate_v2", "signing_time"]
    assert signed["encap_content_info"]["content"].native is None  # detached
    unsigned = [a["type"].dotted for a in signer_info["unsigned_attrs"]]
    assert unsigned == ["1.2.840.113549.1.9.16.2.14"]  # id-aa-signatureTimeStampToken: CAdES-B-T


def test_valid_with_fresh_crl(make_package: PackageFactory, pki_copy: TestPki, trust: Path) -> None:
    pkg = make_package()
    report = verify_package(pkg, trust=trust, crls=fresh_crl(pki_copy))
    assert report.indication is Indication.VALID, codes(report)
    assert report.exit_code == 0
    assert report.intact and report.trusted and report.owner_bound
    assert report.revocation is Revocation.GOOD
    assert report.timestamp_time is not None
    assert report.signer is not None and report.signer.basic4 is not None
    assert report.signer.basic4["name"] == "山田\u3000太郎"
    assert report.files == ("note.json", "attachments/photo.jpg")


def test_no_revocation_data_is_explicitly_unknown(make_package: PackageFactory, trust: Path) -> None:
    report = verify_package(make_package(), trust=trust)
    assert report.indication is Indication.INDETERMINATE
    assert report.revocation is Revocation.UNKNOWN
    assert codes(report) == ["sign.revocation.unknown"]
    assert report.subindications == ["REVOCATION_UNKNOWN"]
    assert report.exit_code == 3


def test_stale_crl_does_not_prove_good(make_package: PackageFactory, pki: TestPki, trust: Path) -> None:
    # The PKI's own CRLs were issued when it was built, before this signature: they cannot
    # exclude a revocation in between.
    report = verify_package(make_package(), trust=trust, crls=pki.crl_paths)
    assert report.revocation is Revocation.UNKNOWN
    unknown = [i for i in report.issues if i.code == "sign.revocation.unknown"]
    assert unknown and "before" in unknown[0].message_en


def test_without_timestamp_is_indeterminate(
    make_package: PackageFactory, pki_copy: TestPki, trust: Path
) -> None:
    pkg = make_package(timestamp=None)
    report = verify_package(pkg, trust=trust, crls=fresh_crl(pki_copy))
    assert report.indication is Indication.INDETERMINATE
    assert "sign.timestamp.missing" in codes(report)
    assert report.timestamp_time is None and report.intact


def test_without_trust_is_indeterminate(make_package: PackageFactory) -> None:
    report = verify_package(make_package())
    assert report.indication is Indication.INDETERMINATE
    assert {"sign.chain.no_trust", "sign.timestamp.untrusted"} <= set(codes(report))
    assert not report.trusted


def _rewrite(
    src: Path, dst: Path, replace: dict[str, bytes | None], add: dict[str, bytes] | None = None
) -> Path:
    """Copy a package, replacing (or with ``None`` dropping) entries, keeping mimetype first and stored."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            if info.filename in replace:
                data = replace[info.filename]
                if data is None:
                    continue
            else:
                data = zin.read(info.filename)
            zout.writestr(info, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def test_tampered_attachment_is_invalid(make_package: PackageFactory, trust: Path, tmp_path: Path) -> None:
    pkg = make_package(attachments={"photo.jpg": b"original"})
    bad = _rewrite(pkg, tmp_path / "bad.asice", {"attachments/photo.jpg": b"forged!!"})
    report = verify_package(bad, trust=trust)
    assert report.indication is Indication.INVALID
    assert "sign.package.digest_mismatch" in codes(report)
    assert not report.intact
    assert report.subindications == ["HASH_FAILURE"]


def test_tampered_note_is_invalid(make_package: PackageFactory, trust: Path, tmp_path: Path) -> None:
    pkg = make_package()
    with zipfile.ZipFile(pkg) as zf:
        note = zf.read("note.json").replace("太郎".encode(), "次郎".encode())
    report = verify_package(_rewrite(pkg, tmp_path / "bad.asice", {"note.json": note}), trust=trust)
    assert report.indication is Indication.INVALID
    assert "sign.package.digest_mismatch" in codes(report)


def test_manifest_edited_with_matching_digest_breaks_signature(
    make_package: PackageFactory, trust: Path, tmp_path: Path
) -> None:
    """An attacker who swaps a file AND updates its digest in the manifest breaks the signature."""
    pkg = make_package(attachments={"photo.jpg": b"original"})
    with zipfile.ZipFile(pkg) as zf:
        manifest = zf.read("META-INF/ASiCManifest.xml")
    old = base64.b64encode(hashlib.sha256(b"original").digest())
    new = base64.b64encode(hashlib.sha256(b"forged!!").digest())
    forged = _rewrite(
        pkg,
        tmp_path / "forged.asice",
        {"attachments/photo.jpg": b"forged!!", "META-INF/ASiCManifest.xml": manifest.replace(old, new)},
    )
    report = verify_package(forged, trust=trust)
    assert report.indication is Indication.INVALID
    assert codes(report) == ["sign.signature.digest_mismatch"]


def test_signed_on_the_emulated_card(
    pki: TestPki, tsa: TimestampAuthority, trust: Path, tmp_path: Path
) -> None:
    """The same code path signs with the JPKI card (in-process emulator): it never knows which."""
    note = write_note(tmp_path)
    emulator = JpkiCardEmulator.from_test_pki(pki, "taro")
    holder = pki.holder("taro")
    assert holder.password is not None
    with JpkiCardSigner.over(emulator, holder.password) as signer:
        pkg = create_package(note, [], tmp_path / "card.asice", signer, tsa=tsa, validate=False)
        assert signer.signatures == 1
    report = verify_package(pkg, trust=trust)
    assert codes(report) == ["sign.revocation.unknown"]
    assert report.intact and report.trusted and report.owner_bound


def test_refuses_to_sign_for_another_owner(pki: TestPki, tmp_path: Path) -> None:
    from .conftest import signer_for

    with pytest.raises(SigningError, match="does not match"):
        create_package(
            write_note(tmp_path), [], tmp_path / "x.asice", signer_for(pki, "stranger"), validate=False
        )
    assert not (tmp_path / "x.asice").exists()
    assert list(tmp_path.glob(".x.asice*")) == []


def test_refuses_an_invalid_note(pki: TestPki, tmp_path: Path) -> None:
    from endingnote.errors import InvalidDocumentError

    from .conftest import signer_for

    note = write_note(tmp_path, {"header": {"standard": "1.0"}, "person": "not an object"})
    with pytest.raises(InvalidDocumentError):
        create_package(note, [], tmp_path / "x.asice", signer_for(pki, "taro"), check_owner=False)
    assert not (tmp_path / "x.asice").exists()


def test_a_signer_whose_signature_is_wrong_is_caught(pki: TestPki, tmp_path: Path) -> None:
    from .conftest import signer_for

    class WrongKey:
        """Presents taro's certificate but signs with the stranger's key."""

        def __init__(self) -> None:
            self.cert = signer_for(pki, "taro")
            self.key = signer_for(pki, "stranger")

        @property
        def certificate_der(self) -> bytes:
            return self.cert.certificate_der

        @property
        def chain_der(self) -> list[bytes]:
            return []

        def sign_digest_info(self, digest_info_der: bytes) -> bytes:
            return self.key.sign_digest_info(digest_info_der)

    with pytest.raises(SigningError, match="public key"):
        create_package(write_note(tmp_path), [], tmp_path / "x.asice", WrongKey(), validate=False)
    assert not (tmp_path / "x.asice").exists()


def test_report_to_dict_is_complete(make_package: PackageFactory, trust: Path) -> None:
    data = verify_package(make_package(), trust=trust).to_dict()
    assert data["indication"] == "INDETERMINATE"
    assert data["revocation"] == "revocation_unknown"
    assert data["timestamps"][0]["kind"] == "signature" and data["timestamps"][0]["valid"] is True
    assert data["issues"][0]["message_ja"] and data["issues"][0]["message_en"]


def test_verification_in_a_fresh_interpreter(make_package: PackageFactory, trust: Path) -> None:
    """asn1crypto registers CAdES attribute names only when its tsp module is imported: the
    verifier must not depend on the signing code having run first in the same process."""
    import json
    import subprocess
    import sys

    code = (
        "import json, sys\nfrom endingnote.sign import verify_package\n"
        "r = verify_package(sys.argv[1], trust=sys.argv[2])\nprint(json.dumps([i.code for i in r.issues]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(make_package()), str(trust)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == ["sign.revocation.unknown"]


def test_non_ascii_attachment_names_roundtrip(make_package: PackageFactory, trust: Path) -> None:
    pkg = make_package(attachments={"写真 1.jpg": b"\xff\xd8", "a%20b.txt": b"literal percent"})
    with zipfile.ZipFile(pkg) as zf:
        manifest = zf.read("META-INF/ASiCManifest.xml").decode()
    assert 'URI="attachments/%E5%86%99%E7%9C%9F%201.jpg"' in manifest
    assert 'URI="attachments/a%2520b.txt"' in manifest
    report = verify_package(pkg, trust=trust)
    assert codes(report) == ["sign.revocation.unknown"]
    assert "attachments/写真 1.jpg" in report.files and "attachments/a%20b.txt" in report.files


def test_duplicate_attachment_names_are_refused(pki: TestPki, tmp_path: Path) -> None:
    from endingnote.errors import InputError

    from .conftest import signer_for

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_bytes(b"1")
    (tmp_path / "b" / "x.txt").write_bytes(b"2")
    with pytest.raises(InputError, match="duplicate"):
        create_package(
            write_note(tmp_path),
            [tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt"],
            tmp_path / "o.asice",
            signer_for(pki, "taro"),
            validate=False,
        )


def test_media_references_are_checked(
    make_package: PackageFactory, pki: TestPki, trust: Path, tmp_path: Path
) -> None:
    import copy

    from .conftest import TARO_NOTE, signer_for

    photo = b"\xff\xd8portrait"
    note = copy.deepcopy(TARO_NOTE)
    note["person"]["photo"] = {
        "file": "attachments/photo.jpg",
        "media_type": "image/jpeg",
        "sha256": hashlib.sha256(photo).hexdigest(),
    }
    note["person"]["voice"] = {"file": "attachments/voice.m4a", "media_type": "audio/mp4"}
    report = verify_package(make_package(note=note, attachments={"photo.jpg": photo}), trust=trust)
    assert [(i.code, i.path) for i in report.issues if i.code.startswith("sign.package.media")] == [
        ("sign.package.media_missing", "/person/voice")
    ]
    assert report.indication is Indication.INDETERMINATE  # only revocation unknown: media_missing is info

    note["person"]["photo"]["sha256"] = "0" * 64
    src = write_note(tmp_path, note)
    (tmp_path / "photo.jpg").write_bytes(photo)
    with pytest.raises(SigningError, match="/person/photo"):
        create_package(
            src, [tmp_path / "photo.jpg"], tmp_path / "x.asice", signer_for(pki, "taro"), validate=False
        )
    assert not (tmp_path / "x.asice").exists()


GOLDEN = Path(__file__).parent / "golden"


def test_manifest_format_is_pinned() -> None:
    """The published manifest bytes (what the signature covers) are stable; a change is deliberate."""
    from endingnote.sign.asice import Reference, build_manifest

    refs = [
        Reference("note.json", "application/json", "sha256", hashlib.sha256(b"{}").digest()),
        Reference("attachments/写真 1.jpg", "image/jpeg", "sha256", hashlib.sha256(b"jpg").digest()),
        Reference("attachments/a&b.pdf", "application/pdf", "sha512", hashlib.sha512(b"pdf").digest()),
    ]
    built = build_manifest("META-INF/signature001.p7s", "application/pkcs7-signature", refs)
    assert built == (GOLDEN / "ASiCManifest.xml").read_bytes()
    assert parse_manifest(built).references == tuple(refs)


def test_unknown_meta_inf_files_are_reported_not_trusted(
    make_package: PackageFactory, trust: Path, tmp_path: Path
) -> None:
    pkg = make_package()
    extra = _rewrite(pkg, tmp_path / "meta.asice", {}, add={"META-INF/notes.html": b"<script>"})
    report = verify_package(extra, trust=trust)
    assert codes(report) == ["sign.revocation.unknown", "sign.package.unknown_meta"]
    with zipfile.ZipFile(pkg) as zf:
        second = zf.read("META-INF/ASiCManifest.xml")
    two = _rewrite(pkg, tmp_path / "two.asice", {}, add={"META-INF/ASiCManifest002.xml": second})
    report = verify_package(two, trust=trust)
    assert "sign.package.multiple_signatures" in codes(report)
    assert report.indication is Indication.INDETERMINATE
