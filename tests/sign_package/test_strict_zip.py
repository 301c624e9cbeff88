"""The strict package reader: each hostile package is built from a valid one, byte by byte.

The control (the same entries written back unchanged by :mod:`._zipcraft`) verifies VALID, so each
refusal below is caused by the one change it makes. Where it matters, the test also shows that a
lenient reader (Python's ``zipfile``, or a streaming reader that walks local headers) sees
something other than what the signer approved.
"""

from __future__ import annotations

import struct
import unicodedata
import zipfile
import zlib
from pathlib import Path

import pytest

from endingnote.importer import AttestationClaim, run_import
from endingnote.sign import Indication, renew_package, verify_package
from endingnote.sign.testpki import TestPki
from endingnote.sign.tsa import TimestampAuthority

from . import _zipcraft as zc
from .conftest import PackageFactory, codes, fresh_crl

REGISTERS = Path(__file__).resolve().parents[2] / "standard" / "koseki" / "examples" / "yamada"


@pytest.fixture
def good(make_package: PackageFactory) -> Path:
    return make_package(attachments={"photo.jpg": b"\xff\xd8photo" * 50})


@pytest.fixture
def entries(good: Path) -> list[zc.Entry]:
    return zc.entries_of(good)


def _by_name(entries: list[zc.Entry], name: str) -> int:
    return next(i for i, e in enumerate(entries) if e.name == name.encode())


def _write(tmp_path: Path, data: bytes, name: str = "hostile.asice") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _refused(path: Path, code: str, trust: Path | None = None) -> None:
    report = verify_package(path, trust=trust)
    assert report.indication is Indication.INVALID, codes(report)
    assert code in codes(report), codes(report)
    assert report.exit_code == 1


def test_the_rewritten_control_verifies_valid(
    entries: list[zc.Entry], tmp_path: Path, trust: Path, pki_copy: TestPki
) -> None:
    path = _write(tmp_path, zc.build(entries), "control.asice")
    report = verify_package(path, trust=trust, crls=fresh_crl(pki_copy))
    assert report.indication is Indication.VALID, codes(report)


def test_a_forged_note_record_outside_the_central_directory(entries: list[zc.Entry], tmp_path: Path) -> None:
    """A streaming reader (Java's ZipInputStream, or the loop below) returns the forged note first."""
    i = _by_name(entries, "note.json")
    forged = zc.local_record(zc.stored("note.json", b'{"person": {"name": {"family": "forged"}}}'))
    entries[i] = entries[i].with_(before=forged)
    path = _write(tmp_path, zc.build(entries))
    raw = path.read_bytes()
    first_note = raw.find(b"PK\x03\x04", raw.find(b"PK\x03\x04") + 4)  # what a streaming reader meets next
    assert (
        raw[first_note + 30 : first_note + 39] == b"note.json"
        and b"forged" in raw[first_note : first_note + 90]
    )
    with zipfile.ZipFile(path) as zf:  # the lenient central-directory reader sees the signed note
        assert b"forged" not in zf.read("note.json")
    _refused(path, "sign.package.hidden_entry")


def test_local_sizes_that_disagree_with_the_central_directory(
    entries: list[zc.Entry], tmp_path: Path
) -> None:
    i = _by_name(entries, "attachments/photo.jpg")
    entries[i] = entries[i].with_(local={"size": entries[i].size + 1})
    _refused(_write(tmp_path, zc.build(entries)), "sign.package.header_mismatch")


@pytest.mark.parametrize("field", ["name", "flags", "method", "crc"])
def test_each_local_field_is_compared(entries: list[zc.Entry], tmp_path: Path, field: str) -> None:
    i = _by_name(entries, "attachments/photo.jpg")
    value = {"name": b"attachments/photo.jpx", "flags": 0x0002, "method": 8, "crc": entries[i].crc ^ 1}[field]
    entries[i] = entries[i].with_(local={field: value})
    _refused(_write(tmp_path, zc.build(entries)), "sign.package.header_mismatch")


def _described(e: zc.Entry, crc: int | None = None, signed: bool = True) -> zc.Entry:
    body = struct.pack("<III", e.crc if crc is None else crc, len(e.data), e.size)
    return e.with_(
        flags=e.flags | 0x08,
        local={"crc": 0, "csize": 0, "size": 0},
        descriptor=(b"PK\x07\x08" if signed else b"") + body,
    )


@pytest.mark.parametrize("signed", [True, False])
def test_a_correct_data_descriptor_is_accepted(
    entries: list[zc.Entry], tmp_path: Path, trust: Path, pki_copy: TestPki, signed: bool
) -> None:
    """Java and streaming writers put CRC and sizes after the data: that is legitimate."""
    i = _by_name(entries, "attachments/photo.jpg")
    entries[i] = _described(entries[i], signed=signed)
    path = _write(tmp_path, zc.build(entries))
    report = verify_package(path, trust=trust, crls=fresh_crl(pki_copy))
    assert report.indication is Indication.VALID, codes(report)


def test_a_data_descriptor_that_disagrees(entries: list[zc.Entry], tmp_path: Path) -> None:
    i = _by_name(entries, "attachments/photo.jpg")
    entries[i] = _described(entries[i], crc=entries[i].crc ^ 0xFFFF)
    _refused(_write(tmp_path, zc.build(entries)), "sign.package.descriptor_mismatch")


def test_bytes_after_the_end_record(entries: list[zc.Entry], tmp_path: Path) -> None:
    path = _write(tmp_path, zc.build(entries, trailing=b"appended by someone"))
    with zipfile.ZipFile(path) as zf:  # lenient readers do not mind
        assert zf.testzip() is None
    _refused(path, "sign.package.trailing_data")


def test_bytes_before_the_first_entry_with_adjusted_offsets(entries: list[zc.Entry], tmp_path: Path) -> None:
    """A self-extractor-style stub: every offset shifted so that lenient readers open it."""
    path = _write(tmp_path, zc.build(entries, prefix=b"#!/bin/sh\nexit 0\n"))
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
    _refused(path, "sign.package.prepended_data")


def test_bytes_between_entries(entries: list[zc.Entry], tmp_path: Path) -> None:
    i = _by_name(entries, "attachments/photo.jpg")
    entries[i] = entries[i].with_(before=b"\0" * 16)
    _refused(_write(tmp_path, zc.build(entries)), "sign.package.unaccounted_bytes")


def test_bytes_between_the_central_directory_and_the_end_record(
    entries: list[zc.Entry], tmp_path: Path
) -> None:
    _refused(_write(tmp_path, zc.build(entries, between_cd=b"hidden")), "sign.package.central_directory")


def test_a_comment_hiding_a_second_end_record(entries: list[zc.Entry], tmp_path: Path) -> None:
    """``zipfile`` takes the last end-record signature it finds, even inside the comment."""
    fake_eocd = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, 46, 0, 0)
    _refused(_write(tmp_path, zc.build(entries, comment=b"x" + fake_eocd)), "sign.package.end_record")


def test_an_innocent_comment_is_fine(
    entries: list[zc.Entry], tmp_path: Path, trust: Path, pki_copy: TestPki
) -> None:
    path = _write(tmp_path, zc.build(entries, comment=b"mimetype=application/vnd.etsi.asic-e+zip"))
    assert verify_package(path, trust=trust, crls=fresh_crl(pki_copy)).indication is Indication.VALID


def test_duplicate_central_entries_for_one_record(entries: list[zc.Entry], tmp_path: Path) -> None:
    i = _by_name(entries, "attachments/photo.jpg")
    first = zc.build(entries)
    offset = first.find(b"PK\x03\x04attachments/photo.jpg"[:4], first.find(b"attachments/photo.jpg") - 30)
    path = _write(tmp_path, zc.build(entries, extra_central=[(entries[i], offset)]))
    _refused(path, "sign.package.overlap")


def test_an_entry_inside_another_entrys_data(entries: list[zc.Entry], tmp_path: Path) -> None:
    """Two central entries whose records overlap: one file's bytes are also part of another's."""
    i = _by_name(entries, "attachments/photo.jpg")
    inner = zc.stored("attachments/inner.bin", b"inner")
    outer_data = zc.local_record(inner)
    outer = zc.stored("attachments/outer.bin", outer_data)
    entries.insert(i, outer)
    base = zc.build(entries)
    inner_offset = base.find(b"PK\x03\x04attachments/inner.bin"[:4], base.find(b"attachments/inner.bin") - 30)
    path = _write(tmp_path, zc.build(entries, extra_central=[(inner, inner_offset)]))
    _refused(path, "sign.package.overlap")


def test_nfc_and_nfd_twins_both_signed(make_package: PackageFactory, tmp_path: Path) -> None:
    nfc, nfd = unicodedata.normalize("NFC", "café.txt"), unicodedata.normalize("NFD", "café.txt")
    assert nfc != nfd
    pkg = make_package(attachments={nfc: b"one", nfd: b"two"})
    with zipfile.ZipFile(pkg) as zf:
        assert {f"attachments/{nfc}", f"attachments/{nfd}"} <= set(zf.namelist())
    _refused(pkg, "sign.package.name_collision")


def test_a_right_to_left_override_in_a_signed_name(make_package: PackageFactory) -> None:
    pkg = make_package(attachments={"invoice\u202egpj.exe": b"MZ"})  # shows as "invoiceexe.jpg"
    report = verify_package(pkg)
    assert report.indication is Indication.INVALID
    found = [i for i in report.issues if i.code == "sign.package.name_characters"]
    assert found and "U+202E" in found[0].message_en and "\u202e" not in found[0].message_en


@pytest.mark.parametrize("char", ["\u200b", "\u0007", "\u2028", "\U000e0001", "\u0378"])
def test_other_refused_characters(entries: list[zc.Entry], tmp_path: Path, char: str) -> None:
    entries.append(zc.stored(f"attachments/a{char}b.txt", b"x"))
    _refused(_write(tmp_path, zc.build(entries)), "sign.package.name_characters")


def test_a_file_that_is_also_a_folder(entries: list[zc.Entry], tmp_path: Path) -> None:
    entries += [zc.stored("attachments/a", b"file"), zc.stored("attachments/A/b", b"inside")]
    _refused(_write(tmp_path, zc.build(entries)), "sign.package.name_collision")


def test_a_wrong_crc_in_a_stored_entry(entries: list[zc.Entry], tmp_path: Path, trust: Path) -> None:
    """Headers agree with each other, but not with the data: found while hashing, in verify too."""
    i = _by_name(entries, "attachments/photo.jpg")
    entries[i] = entries[i].with_(crc=entries[i].crc ^ 0x1)
    _refused(_write(tmp_path, zc.build(entries)), "sign.package.crc_mismatch", trust)


def test_a_wrong_crc_in_a_deflated_entry(entries: list[zc.Entry], tmp_path: Path, trust: Path) -> None:
    i = _by_name(entries, "note.json")
    assert entries[i].method == 8
    entries[i] = entries[i].with_(crc=entries[i].crc ^ 0x1)
    _refused(_write(tmp_path, zc.build(entries)), "sign.package.crc_mismatch", trust)


def test_garbage_after_a_deflate_stream(entries: list[zc.Entry], tmp_path: Path) -> None:
    i = _by_name(entries, "note.json")
    entries[i] = entries[i].with_(data=entries[i].data + b"\0junk")
    _refused(_write(tmp_path, zc.build(entries)), "sign.package.entry_corrupt")


def test_a_name_in_an_unflagged_legacy_encoding(entries: list[zc.Entry], tmp_path: Path) -> None:
    """Shift_JIS bytes without the UTF-8 flag: cp437 to zipfile, something else to Windows."""
    entries.append(zc.stored("x", b"x").with_(name="attachments/写真.jpg".encode("cp932"), flags=0))
    _refused(_write(tmp_path, zc.build(entries)), "sign.package.name_encoding")


def test_a_unicode_path_field_naming_another_file(entries: list[zc.Entry], tmp_path: Path) -> None:
    i = _by_name(entries, "attachments/photo.jpg")
    other = b"\x01" + struct.pack("<I", zlib.crc32(entries[i].name)) + b"attachments/other.jpg"
    field = struct.pack("<HH", 0x7075, len(other)) + other
    entries[i] = entries[i].with_(local={"extra": field}, central={"extra": field})
    _refused(_write(tmp_path, zc.build(entries)), "sign.package.name_encoding")


def test_encrypted_in_both_headers(entries: list[zc.Entry], tmp_path: Path) -> None:
    i = _by_name(entries, "attachments/photo.jpg")
    entries[i] = entries[i].with_(flags=entries[i].flags | 0x01)
    _refused(_write(tmp_path, zc.build(entries)), "sign.package.encrypted")


@pytest.mark.parametrize(
    "zip64",
    [
        {"count": 99},  # the ZIP64 record and the end record disagree on the entry count
        {"cd_offset": 1},  # … on where the central directory is
        {"record_at": 0},  # the locator points at a local header, not a ZIP64 record
    ],
)
def test_zip64_records_that_disagree(entries: list[zc.Entry], tmp_path: Path, zip64: dict[str, int]) -> None:
    _refused(_write(tmp_path, zc.build(entries, zip64=zip64)), "sign.package.zip64")


def test_consistent_zip64_records_are_accepted(
    entries: list[zc.Entry], tmp_path: Path, trust: Path, pki_copy: TestPki
) -> None:
    path = _write(tmp_path, zc.build(entries, zip64={}, eocd={"cd_offset": 0xFFFFFFFF}))
    assert verify_package(path, trust=trust, crls=fresh_crl(pki_copy)).indication is Indication.VALID


def test_zip64_sentinel_without_a_zip64_record(entries: list[zc.Entry], tmp_path: Path) -> None:
    _refused(_write(tmp_path, zc.build(entries, eocd={"cd_size": 0xFFFFFFFF})), "sign.package.zip64")


def test_an_end_record_whose_count_is_wrong(entries: list[zc.Entry], tmp_path: Path) -> None:
    _refused(
        _write(tmp_path, zc.build(entries, eocd={"count": len(entries) - 1})),
        "sign.package.central_directory",
    )


@pytest.mark.parametrize(
    "variant",
    ["hidden_entry", "trailing_data", "crc_mismatch", "name_collision"],
)
def test_import_refuses_without_an_output_folder(
    entries: list[zc.Entry], make_package: PackageFactory, tmp_path: Path, trust: Path, variant: str
) -> None:
    if variant == "name_collision":
        path = make_package(attachments={"café.txt": b"1", unicodedata.normalize("NFD", "café.txt"): b"2"})
    else:
        i = _by_name(entries, "note.json")
        if variant == "hidden_entry":
            entries[i] = entries[i].with_(before=zc.local_record(zc.stored("note.json", b"{}")))
        elif variant == "crc_mismatch":
            entries[i] = entries[i].with_(crc=entries[i].crc ^ 1)
        data = zc.build(entries, trailing=b"tail" if variant == "trailing_data" else b"")
        path = _write(tmp_path, data)
    out = tmp_path / "out"
    result = run_import(path, REGISTERS, AttestationClaim(b"unused"), out, trust=trust)
    assert (result.status, result.exit_code) == ("refused", 1)
    assert f"sign.package.{variant}" in [i.code for i in result.issues]
    assert not out.exists()


def test_renew_refuses_a_package_with_a_hidden_record(
    entries: list[zc.Entry], tmp_path: Path, tsa: TimestampAuthority
) -> None:
    from endingnote.errors import VerificationError

    i = _by_name(entries, "note.json")
    entries[i] = entries[i].with_(before=zc.local_record(zc.stored("note.json", b"{}")))
    path = _write(tmp_path, zc.build(entries))
    with pytest.raises(VerificationError, match="central directory"):
        renew_package(path, tsa, out=tmp_path / "renewed.asice")
    assert not (tmp_path / "renewed.asice").exists()


def test_a_folder_entry_that_carries_data(entries: list[zc.Entry], tmp_path: Path) -> None:
    entries.append(zc.stored("attachments/folder/", b"hidden inside a folder entry"))
    _refused(_write(tmp_path, zc.build(entries)), "sign.package.entry_corrupt")


def test_a_central_directory_beyond_its_limit(entries: list[zc.Entry], tmp_path: Path) -> None:
    from endingnote.sign._limits import PACKAGE_CENTRAL_DIRECTORY

    i = _by_name(entries, "attachments/photo.jpg")
    padding = b"\0" * 60_000
    blob = struct.pack("<HH", 0xCAFE, len(padding)) + padding  # an unknown extra field, 60 KB a copy
    entries[i] = entries[i].with_(central={"extra": blob})
    copies = [(entries[i], 0)] * (PACKAGE_CENTRAL_DIRECTORY.value // 60_000 + 1)
    report = verify_package(_write(tmp_path, zc.build(entries, extra_central=copies)))
    assert codes(report) == ["sign.package.central_directory"]
    assert "sign.package.max_central_directory" in report.issues[0].message_en
