"""Hostile packages are refused, each with its own finding, and nothing is extracted."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from endingnote.errors import InputError, VerificationError
from endingnote.sign import Indication, renew_package, verify_package
from endingnote.sign.asice import MIMETYPE, Limits
from endingnote.sign.tsa import TimestampAuthority

from .conftest import PackageFactory, codes


def _copy_entries(src: Path) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(src) as zf:
        return [(info, zf.read(info)) for info in zf.infolist()]


def _write(dst: Path, entries: Sequence[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with zipfile.ZipFile(dst, "w") as zf:
        for info, data in entries:
            zf.writestr(info, data)
    return dst


@pytest.fixture
def good(make_package: PackageFactory) -> Path:
    return make_package()


def _expect(path: Path, code: str, trust: Path | None = None) -> None:
    report = verify_package(path, trust=trust)
    assert report.indication is Indication.INVALID, codes(report)
    assert code in codes(report)


@pytest.mark.parametrize(
    "name", ["../evil.txt", "/etc/evil", "a/../../evil", "C:/evil", "a\\..\\evil", "./x"]
)
def test_zip_slip_names(good: Path, tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / "slip.asice", [*_copy_entries(good), (name, b"evil")])
    _expect(path, "sign.package.unsafe_name")


def test_symlink_entry(good: Path, tmp_path: Path) -> None:
    link = zipfile.ZipInfo("attachments/link")
    link.create_system = 3
    link.external_attr = (0o120777 << 16) | 0
    path = _write(tmp_path / "link.asice", [*_copy_entries(good), (link, b"/etc/passwd")])
    _expect(path, "sign.package.symlink")


def test_duplicate_entries(good: Path, tmp_path: Path) -> None:
    entries = _copy_entries(good)
    note = next(e for e in entries if e[0].filename == "note.json")
    with pytest.warns(UserWarning, match="Duplicate name"):
        path = _write(tmp_path / "dup.asice", [*entries, ("note.json", b'{"person": {}}')])
    _expect(path, "sign.package.duplicate_entry")
    # case-only duplicates collide on case-insensitive file systems
    path = _write(tmp_path / "dup2.asice", [*entries, ("NOTE.json", note[1])])
    _expect(path, "sign.package.name_collision")


def test_zip_bomb_ratio(good: Path, tmp_path: Path) -> None:
    bomb = zipfile.ZipInfo("attachments/bomb.bin")
    bomb.compress_type = zipfile.ZIP_DEFLATED
    path = _write(tmp_path / "bomb.asice", [*_copy_entries(good), (bomb, b"\0" * (8 << 20))])
    _expect(path, "sign.package.ratio")


def test_zip_bomb_size_limits(good: Path) -> None:
    report = verify_package(good, limits=Limits(max_total_size=100))
    assert report.indication is Indication.INVALID
    assert "sign.package.too_large" in codes(report)
    report = verify_package(good, limits=Limits(max_entries=3))
    assert codes(report) == ["sign.package.too_many_entries"]


def test_lying_size_header_is_caught(good: Path, tmp_path: Path) -> None:
    """An entry whose central directory claims fewer bytes than its data: read stops at the claim,
    and the digest then does not match — nothing beyond the declared size is ever inflated."""
    raw = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        assert zf.getinfo("attachments/photo.jpg").compress_type == zipfile.ZIP_STORED
        info = zf.getinfo("attachments/photo.jpg")
    pos = raw.find(b"attachments/photo.jpg", raw.find(b"PK\x01\x02"))
    header = pos - 46
    assert raw[header : header + 4] == b"PK\x01\x02"
    struct.pack_into("<II", raw, header + 20, info.compress_size - 2, info.file_size - 2)
    bad = tmp_path / "lying.asice"
    bad.write_bytes(bytes(raw))
    report = verify_package(bad)
    assert report.indication is Indication.INVALID
    assert codes(report) == ["sign.package.header_mismatch"]  # the local header still says 7 bytes


def test_mimetype_compressed(good: Path, tmp_path: Path) -> None:
    entries = _copy_entries(good)
    info = zipfile.ZipInfo("mimetype")
    info.compress_type = zipfile.ZIP_DEFLATED
    path = _write(tmp_path / "m.asice", [(info, MIMETYPE.encode()), *entries[1:]])
    _expect(path, "sign.package.mimetype_compressed")


def test_mimetype_wrong_content(good: Path, tmp_path: Path) -> None:
    entries = _copy_entries(good)
    path = _write(tmp_path / "m.asice", [(entries[0][0], b"application/zip"), *entries[1:]])
    _expect(path, "sign.package.mimetype_wrong")


def test_mimetype_not_first(good: Path, tmp_path: Path) -> None:
    entries = _copy_entries(good)
    path = _write(tmp_path / "m.asice", [*entries[1:], entries[0]])
    _expect(path, "sign.package.mimetype_missing")


def test_mimetype_with_extra_field(good: Path, tmp_path: Path) -> None:
    entries = _copy_entries(good)
    info = zipfile.ZipInfo("mimetype")
    info.extra = struct.pack("<HH", 0xCAFE, 2) + b"xx"
    path = _write(tmp_path / "m.asice", [(info, MIMETYPE.encode()), *entries[1:]])
    _expect(path, "sign.package.mimetype_extra")


def test_file_not_in_manifest(good: Path, tmp_path: Path, trust: Path) -> None:
    path = _write(tmp_path / "extra.asice", [*_copy_entries(good), ("attachments/added.txt", b"unsigned")])
    _expect(path, "sign.package.file_not_in_manifest", trust)


def test_file_missing_from_archive(good: Path, tmp_path: Path, trust: Path) -> None:
    entries = [e for e in _copy_entries(good) if e[0].filename != "attachments/photo.jpg"]
    _expect(_write(tmp_path / "missing.asice", entries), "sign.package.file_missing", trust)


def test_manifest_that_omits_a_file(
    make_package: PackageFactory, tmp_path: Path, trust: Path, pki: object, tsa: TimestampAuthority
) -> None:
    """A correctly signed manifest that simply does not list one of the files in the archive."""
    from endingnote.sign.asice import build_manifest, parse_manifest
    from endingnote.sign.cades import (
        OID_SIGNATURE_TIMESTAMP,
        add_unsigned_attribute,
        sign_detached,
        signature_value,
    )

    from .conftest import signer_for

    pkg = make_package(attachments={"a.txt": b"a", "b.txt": b"b"})
    entries = _copy_entries(pkg)
    manifest = parse_manifest(next(d for i, d in entries if i.filename == "META-INF/ASiCManifest.xml"))
    partial = build_manifest(
        manifest.sig_reference,
        manifest.sig_mime_type,
        [r for r in manifest.references if r.name != "attachments/b.txt"],
    )
    import hashlib

    sig = sign_detached(hashlib.sha256(partial).digest(), signer_for(pki, "taro"))  # type: ignore[arg-type]
    sig = add_unsigned_attribute(
        sig, OID_SIGNATURE_TIMESTAMP, tsa.stamp(hashlib.sha256(signature_value(sig)).digest())
    )
    replaced = {"META-INF/ASiCManifest.xml": partial, "META-INF/signature001.p7s": sig}
    path = _write(tmp_path / "omit.asice", [(i, replaced.get(i.filename, d)) for i, d in entries])
    report = verify_package(path, trust=trust)
    assert report.indication is Indication.INVALID
    assert codes(report) == ["sign.package.file_not_in_manifest", "sign.revocation.unknown"]
    assert not report.intact


def test_signature_moved_onto_another_manifest(
    make_package: PackageFactory, tmp_path: Path, trust: Path
) -> None:
    first = make_package(attachments={"a.txt": b"first"})
    second = make_package(attachments={"a.txt": b"second"})
    with zipfile.ZipFile(first) as zf:
        sig = zf.read("META-INF/signature001.p7s")
    entries = _copy_entries(second)
    path = _write(
        tmp_path / "moved.asice",
        [(i, sig if i.filename == "META-INF/signature001.p7s" else d) for i, d in entries],
    )
    report = verify_package(path, trust=trust)
    assert report.indication is Indication.INVALID
    assert codes(report) == ["sign.signature.digest_mismatch"]


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        (b"", "sign.signature.malformed"),
        (b"\x30\x82\xff\xff", "sign.signature.malformed"),
        (b"not DER at all", "sign.signature.malformed"),
        (b"\x30\x80" + b"\x00" * 10, "sign.signature.malformed"),
        (b"\x30\x03\x02\x01", "sign.signature.malformed"),
        (b"\x30\x03\x06\x01\x00", "sign.signature.unsupported"),  # well-formed, but not SignedData
    ],
)
def test_malformed_signature_der(good: Path, tmp_path: Path, payload: bytes, code: str) -> None:
    entries = _copy_entries(good)
    path = _write(
        tmp_path / "der.asice",
        [(i, payload if i.filename == "META-INF/signature001.p7s" else d) for i, d in entries],
    )
    report = verify_package(path)
    assert report.indication is Indication.INVALID
    assert codes(report) == [code]


def test_truncated_signature(good: Path, tmp_path: Path) -> None:
    entries = _copy_entries(good)
    path = _write(
        tmp_path / "trunc.asice",
        [(i, d[: len(d) // 2] if i.filename == "META-INF/signature001.p7s" else d) for i, d in entries],
    )
    assert codes(verify_package(path)) == ["sign.signature.malformed"]


@pytest.mark.parametrize(
    "manifest",
    [
        b"<not xml",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
        b'<asic:ASiCManifest xmlns:asic="urn:other"/>',
        b'<asic:ASiCManifest xmlns:asic="http://uri.etsi.org/02918/v1.2.1#"/>',
    ],
)
def test_malformed_manifest(good: Path, tmp_path: Path, manifest: bytes) -> None:
    entries = _copy_entries(good)
    path = _write(
        tmp_path / "mf.asice",
        [(i, manifest if i.filename == "META-INF/ASiCManifest.xml" else d) for i, d in entries],
    )
    assert codes(verify_package(path)) == ["sign.package.manifest_malformed"]


def test_not_a_zip_and_missing_file(tmp_path: Path) -> None:
    junk = tmp_path / "junk.asice"
    junk.write_bytes(b"PK\x03\x04 garbage")
    assert codes(verify_package(junk)) == ["sign.package.not_zip"]
    with pytest.raises(InputError):
        verify_package(tmp_path / "absent.asice")


def test_encrypted_flag_refused(good: Path, tmp_path: Path) -> None:
    # zipfile clears flag bits when writing, so set "encrypted" in the central directory by hand.
    path = _write(tmp_path / "enc.asice", [*_copy_entries(good), ("attachments/secret.bin", b"x")])
    raw = bytearray(path.read_bytes())
    pos = raw.find(b"attachments/secret.bin", raw.find(b"PK\x01\x02"))
    header = pos - 46
    assert raw[header : header + 4] == b"PK\x01\x02"
    raw[header + 8] |= 0x01
    local = raw.rfind(b"PK\x03\x04", 0, raw.find(b"attachments/secret.bin"))
    raw[local + 6] |= 0x01  # and in the local header, or the two headers disagree first
    path.write_bytes(bytes(raw))
    _expect(path, "sign.package.encrypted")


def test_renew_refuses_a_hostile_package(good: Path, tmp_path: Path, tsa: TimestampAuthority) -> None:
    path = _write(tmp_path / "slip.asice", [*_copy_entries(good), ("../evil", b"x")])
    with pytest.raises(VerificationError):
        renew_package(path, tsa)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_corruption_never_raises_and_never_passes_altered_data(
    good: Path, tmp_path: Path, data: st.DataObject
) -> None:
    """Flip bytes anywhere: the verifier always returns a report; a change inside a stored signed
    entry's data is never VALID (a flip in deflated data may leave the content itself unchanged,
    e.g. the BFINAL bit, so only stored entries give a sure "content changed")."""
    raw = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        assert zf.getinfo("attachments/photo.jpg").compress_type == zipfile.ZIP_STORED
        spans = []
        for info in zf.infolist():
            if info.filename == "mimetype" or info.compress_type != zipfile.ZIP_STORED:
                continue
            start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
            spans.append((start, start + info.compress_size))
    anywhere = st.integers(0, len(raw) - 1)
    offsets = data.draw(
        st.lists(
            st.one_of(anywhere, *[st.integers(a, b - 1) for a, b in spans]),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    for offset in offsets:
        raw[offset] ^= data.draw(st.integers(1, 255))
    path = tmp_path / "fuzz.asice"
    path.write_bytes(bytes(raw))
    report = verify_package(path)
    assert isinstance(report.indication, Indication)
    if any(a <= off < b for off in offsets for a, b in spans):
        assert report.indication is Indication.INVALID, codes(report)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_signature_and_timestamps_give_findings_not_crashes(
    good: Path, tmp_path: Path, trust: Path, tsa: TimestampAuthority, data: st.DataObject
) -> None:
    """Mutate the DER of the signature (with its embedded timestamp and certificates) or of an
    archive timestamp: verification returns a report, whatever the bytes."""
    target = data.draw(st.sampled_from(["META-INF/signature001.p7s", "META-INF/timestamp001.tst"]))
    source = tmp_path / "renewed.asice"
    if not source.exists():
        renew_package(good, tsa, out=source)
    entries = _copy_entries(source)
    blob = bytearray(next(d for i, d in entries if i.filename == target))
    for offset in data.draw(st.lists(st.integers(0, len(blob) - 1), min_size=1, max_size=3, unique=True)):
        blob[offset] ^= data.draw(st.integers(1, 255))
    path = _write(
        tmp_path / "mut.asice", [(i, bytes(blob) if i.filename == target else d) for i, d in entries]
    )
    report = verify_package(path, trust=trust)
    assert isinstance(report.indication, Indication)
    assert report.to_dict()["indication"] == report.indication.value
