"""Strict reading of a ZIP file's structure: every byte accounted for.

Hand-written on purpose: Python's :mod:`zipfile` (like most ZIP libraries) is lenient by design — it
finds the end record by searching backwards, ignores bytes before, between and after the records,
never compares a local header with its central entry and trusts whichever copy of a name or size it
reads. Those gaps are exactly what lets two readers see two different packages in the same bytes
(a streaming reader returns a forged local record that a central-directory reader never sees). No
maintained Python library offers a strict mode, so this module implements APPNOTE 6.3.10 §4.3
narrowly, for the subset ASiC-E needs, and refuses everything else.

The layout accepted, and nothing else::

    [local header, data, (data descriptor)] × n   — contiguous, from byte 0, in any order
    central directory (n entries, exactly cd_size bytes, starting at cd_offset)
    [ZIP64 end record + ZIP64 locator]            — when present, consistent with the end record
    end record (+ comment)                        — ending exactly at the end of the file

Each local header must agree with its central entry (name bytes, flags, method, CRC-32, sizes;
with a data descriptor, the descriptor agrees instead). Names must be decodable without guessing
(UTF-8 with the language-encoding flag, or ASCII), must not collide after NFC and case folding,
and must not contain control, format (bidi, zero-width) or unassigned characters.

Problems raise :class:`ZipStructureError` with an issue code and parameters; the caller turns it
into a finding. Nothing here reads entry data: that is :mod:`._container`'s streaming reader.
"""

from __future__ import annotations

import struct
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

LOCAL_SIG = b"PK\x03\x04"
CENTRAL_SIG = b"PK\x01\x02"
EOCD_SIG = b"PK\x05\x06"
ZIP64_EOCD_SIG = b"PK\x06\x06"
ZIP64_LOCATOR_SIG = b"PK\x06\x07"
DESCRIPTOR_SIG = b"PK\x07\x08"
_SIGNATURES = (LOCAL_SIG, CENTRAL_SIG, EOCD_SIG, ZIP64_EOCD_SIG, ZIP64_LOCATOR_SIG)

STORED, DEFLATED = 0, 8
FLAG_ENCRYPTED = 0x0001
FLAG_DESCRIPTOR = 0x0008
FLAG_PATCHED = 0x0020
FLAG_STRONG_ENCRYPTION = 0x0040
FLAG_UTF8 = 0x0800
FLAG_MASKED_HEADERS = 0x2000
FLAGS_REFUSED = FLAG_PATCHED | FLAG_MASKED_HEADERS | 0x0010  # patched data, masked headers, enhanced deflate
_EXTRA_ZIP64 = 0x0001
_EXTRA_STRONG_ENCRYPTION = 0x0017
_EXTRA_AES = 0x9901
_EXTRA_UNICODE_PATH = 0x7075
_U32 = 0xFFFFFFFF
_U16 = 0xFFFF
_EOCD_LEN = 22
_MAX_COMMENT = 0xFFFF
# Characters a name must not contain: control (Cc), format (Cf: bidi controls, zero-width
# characters, BOM), unassigned (Cn), surrogates (Cs), line and paragraph separators (Zl, Zp).
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Cs", "Zl", "Zp"})
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class ZipStructureError(Exception):
    """The bytes are not a ZIP this reader accepts; ``code`` is a ``sign.package.*`` issue code."""

    def __init__(self, code: str, path: str = "", **params: Any) -> None:
        super().__init__(f"{code}: {params}")
        self.code = code
        self.path = path
        self.params = params


@dataclass(frozen=True, slots=True)
class ZipEntry:
    """One entry as the central directory records it, checked against its local header."""

    name: str
    flags: int
    method: int
    crc: int
    compressed_size: int
    size: int
    header_offset: int
    data_offset: int  # first byte of the (compressed) data
    end_offset: int  # first byte after the data and its data descriptor
    create_system: int
    external_attr: int
    central_extra: bytes
    local_extra: bytes

    @property
    def is_dir(self) -> bool:
        return self.name.endswith("/")

    @property
    def encrypted(self) -> bool:
        return bool(self.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION))


@dataclass(frozen=True, slots=True)
class ZipDirectory:
    entries: tuple[ZipEntry, ...]  # in central-directory order
    cd_offset: int
    comment: bytes


@dataclass(slots=True)
class _Central:
    raw_name: bytes
    flags: int
    method: int
    crc: int
    compressed_size: int
    size: int
    header_offset: int
    create_system: int
    external_attr: int
    extra: bytes
    name: str = ""


def _read_at(fp: BinaryIO, offset: int, n: int) -> bytes:
    fp.seek(offset)
    data = fp.read(n)
    if len(data) != n:
        raise ZipStructureError("sign.package.central_directory", detail=f"truncated at byte {offset}")
    return data


def _extras(blob: bytes, where: str) -> Iterator[tuple[int, bytes]]:
    """The (id, data) pairs of an extra field, which must be exactly filled by them."""
    pos = 0
    while pos < len(blob):
        if pos + 4 > len(blob):
            raise ZipStructureError("sign.package.extra_field", where, detail="truncated extra field")
        kind, size = struct.unpack_from("<HH", blob, pos)
        pos += 4
        if pos + size > len(blob):
            raise ZipStructureError(
                "sign.package.extra_field", where, detail=f"extra field {kind:#06x} overruns"
            )
        yield kind, blob[pos : pos + size]
        pos += size


def _find_end_record(fp: BinaryIO, file_size: int) -> tuple[int, bytes]:
    """Offset and bytes (without comment) of the end record, which must end at end of file."""
    if file_size < _EOCD_LEN:
        raise ZipStructureError("sign.package.not_zip", detail="too short for a ZIP file")
    span = min(file_size, _EOCD_LEN + _MAX_COMMENT)
    tail = _read_at(fp, file_size - span, span)
    found = []
    pos = tail.rfind(EOCD_SIG)
    while pos >= 0:
        found.append(pos)
        pos = tail.rfind(EOCD_SIG, 0, pos)
    fitting = [
        p
        for p in found
        if p + _EOCD_LEN <= span and p + _EOCD_LEN + struct.unpack_from("<H", tail, p + 20)[0] == span
    ]
    if not fitting:
        if not found:
            raise ZipStructureError("sign.package.not_zip", detail="no end-of-central-directory record")
        last = found[0]
        claimed = struct.unpack_from("<H", tail, last + 20)[0] if last + _EOCD_LEN <= span else 0
        extra = span - (last + _EOCD_LEN + claimed)
        raise ZipStructureError("sign.package.trailing_data", count=max(extra, 0))
    if len(fitting) > 1:
        raise ZipStructureError(
            "sign.package.end_record", detail="more than one end record could end the file"
        )
    start = fitting[0]
    comment = tail[start + _EOCD_LEN :]
    if any(sig in comment for sig in _SIGNATURES):
        raise ZipStructureError("sign.package.end_record", detail="the archive comment holds ZIP records")
    return file_size - span + start, tail[start : start + _EOCD_LEN] + comment


def _zip64_end(fp: BinaryIO, eocd_offset: int, eocd: tuple[int, ...]) -> tuple[int, int, int, int]:
    """``(entries, cd_size, cd_offset, end_of_cd)`` from the ZIP64 records when present."""
    _, disk, cd_disk, here, total, cd_size, cd_offset, _ = eocd
    sentinel = _U16 in (disk, cd_disk, here, total) or _U32 in (cd_size, cd_offset)
    locator_at = eocd_offset - 20
    has_locator = locator_at >= 0 and _read_at(fp, locator_at, 4) == ZIP64_LOCATOR_SIG
    if not has_locator:
        if sentinel:
            raise ZipStructureError(
                "sign.package.zip64", detail="ZIP64 values announced but no ZIP64 locator"
            )
        if disk or cd_disk or here != total:
            raise ZipStructureError("sign.package.end_record", detail="multi-disk archives are not supported")
        return total, cd_size, cd_offset, eocd_offset
    _, z_disk, z_offset, z_disks = struct.unpack("<4sIQI", _read_at(fp, locator_at, 20))
    if z_disk != 0 or z_disks != 1:
        raise ZipStructureError("sign.package.end_record", detail="multi-disk archives are not supported")
    if z_offset + 56 > locator_at:
        raise ZipStructureError("sign.package.zip64", detail="the ZIP64 end record lies outside the file")
    record = _read_at(fp, z_offset, 56)
    sig, rec_size, _, _, d, cd_d, z_here, z_total, z_cd_size, z_cd_offset = struct.unpack(
        "<4sQHHIIQQQQ", record
    )
    if sig != ZIP64_EOCD_SIG:
        raise ZipStructureError(
            "sign.package.zip64", detail="the ZIP64 locator points to no ZIP64 end record"
        )
    if z_offset + 12 + rec_size != locator_at:
        raise ZipStructureError(
            "sign.package.zip64", detail="bytes between the ZIP64 end record and its locator"
        )
    if d or cd_d or z_here != z_total:
        raise ZipStructureError("sign.package.end_record", detail="multi-disk archives are not supported")
    for name, small, big, top in (
        ("entry count", total, z_total, _U16),
        ("entry count on this disk", here, z_here, _U16),
        ("central directory size", cd_size, z_cd_size, _U32),
        ("central directory offset", cd_offset, z_cd_offset, _U32),
    ):
        if small not in (top, big):
            raise ZipStructureError(
                "sign.package.zip64", detail=f"{name}: end record {small}, ZIP64 end record {big}"
            )
    return z_total, z_cd_size, z_cd_offset, z_offset


def _zip64_values(extra: bytes, wanted: list[str], where: str, *, local: bool) -> dict[str, int]:
    """Values of the ZIP64 extra field for the header fields that hold the 0xFFFFFFFF sentinel."""
    blocks = [data for kind, data in _extras(extra, where) if kind == _EXTRA_ZIP64]
    if len(blocks) > 1:
        raise ZipStructureError("sign.package.zip64", where, detail="more than one ZIP64 extra field")
    if not wanted:
        if blocks and not local:
            raise ZipStructureError("sign.package.zip64", where, detail="a ZIP64 field nothing refers to")
        return {}
    if not blocks:
        raise ZipStructureError("sign.package.zip64", where, detail="0xFFFFFFFF without a ZIP64 field")
    data = blocks[0]
    need = 8 * len([w for w in wanted if w != "disk"]) + (4 if "disk" in wanted else 0)
    if len(data) != need and not (local and len(data) >= need):
        raise ZipStructureError(
            "sign.package.zip64", where, detail=f"ZIP64 field of {len(data)} bytes, {need} expected"
        )
    values: dict[str, int] = {}
    pos = 0
    for field in wanted:
        if field == "disk":
            values[field] = struct.unpack_from("<I", data, pos)[0]
            pos += 4
        else:
            values[field] = struct.unpack_from("<Q", data, pos)[0]
            pos += 8
    return values


def _check_extras(extra: bytes, name: str, where: str) -> None:
    for kind, data in _extras(extra, where):
        if kind in (_EXTRA_STRONG_ENCRYPTION, _EXTRA_AES):
            raise ZipStructureError("sign.package.encrypted", where, name=name)
        # Info-ZIP's second copy of the name: a reader that prefers it must see the same name.
        if kind == _EXTRA_UNICODE_PATH and (len(data) < 5 or data[5:] != name.encode("utf-8")):
            raise ZipStructureError(
                "sign.package.name_encoding",
                where,
                name=_shown(name),
                detail="its Unicode path field names another file",
            )


def _decode_name(raw: bytes, flags: int, offset: int) -> str:
    where = f"zip:@{offset}"
    if flags & FLAG_UTF8:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ZipStructureError(
                "sign.package.name_encoding", where, name=repr(raw)[2:-1], detail="not UTF-8"
            ) from None
    if raw.isascii():
        return raw.decode("ascii")
    raise ZipStructureError(
        "sign.package.name_encoding",
        where,
        name=repr(raw)[2:-1],
        detail="non-ASCII name without the UTF-8 flag (its encoding would be a guess)",
    )


def _shown(name: str) -> str:
    """A name as it can be shown safely: refused characters as ``<U+XXXX>``."""
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in _REFUSED_CATEGORIES else c for c in name)


def name_problem(name: str) -> str | None:
    """Why ``name`` is refused on character grounds (``U+202E RIGHT-TO-LEFT OVERRIDE``), or ``None``."""
    for c in name:
        category = unicodedata.category(c)
        if c in _BIDI or category in _REFUSED_CATEGORIES:
            kind = (
                "bidi control"
                if c in _BIDI
                else {"Cn": "unassigned", "Cs": "surrogate", "Cf": "format"}.get(category, "control")
            )
            label = unicodedata.name(c, "")
            return f"U+{ord(c):04X}{' ' + label if label else ''} ({kind})"
    return None


def fold(name: str) -> str:
    """The key two names collide on: NFC, case folded, NFC again."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def _parse_central(fp: BinaryIO, cd_offset: int, cd_size: int, count: int) -> list[_Central]:
    blob = _read_at(fp, cd_offset, cd_size)
    out: list[_Central] = []
    pos = 0
    for _ in range(count):
        if pos + 46 > len(blob) or blob[pos : pos + 4] != CENTRAL_SIG:
            raise ZipStructureError(
                "sign.package.central_directory",
                detail=f"entry {len(out) + 1} of {count} is not where expected",
            )
        (
            _,
            made_by,
            _needed,
            flags,
            method,
            _time,
            _date,
            crc,
            csize,
            usize,
            n_len,
            e_len,
            c_len,
            disk,
            _internal,
            external,
            offset,
        ) = struct.unpack_from("<4sHHHHHHIIIHHHHHII", blob, pos)
        start = pos + 46
        end = start + n_len + e_len + c_len
        if end > len(blob):
            raise ZipStructureError(
                "sign.package.central_directory", detail="an entry overruns the directory"
            )
        raw_name = blob[start : start + n_len]
        extra = blob[start + n_len : start + n_len + e_len]
        name = _decode_name(raw_name, flags, offset)
        where = f"zip:{_shown(name)}"
        _check_extras(extra, name, where)
        wanted = [
            field
            for field, value, top in (
                ("size", usize, _U32),
                ("compressed_size", csize, _U32),
                ("offset", offset, _U32),
                ("disk", disk, _U16),
            )
            if value == top
        ]
        big = _zip64_values(extra, wanted, where, local=False)
        if big.get("disk", disk) != 0:
            raise ZipStructureError(
                "sign.package.end_record", where, detail="multi-disk archives are not supported"
            )
        out.append(
            _Central(
                raw_name,
                flags,
                method,
                crc,
                big.get("compressed_size", csize),
                big.get("size", usize),
                big.get("offset", offset),
                made_by >> 8,
                external,
                extra,
                name,
            )
        )
        pos = end
    if pos != len(blob):
        raise ZipStructureError(
            "sign.package.central_directory",
            detail=f"{len(blob) - pos} bytes in the central directory belong to no entry",
        )
    return out


def _mismatch(name: str, field: str, local: object, central: object) -> ZipStructureError:
    return ZipStructureError(
        "sign.package.header_mismatch",
        f"zip:{_shown(name)}",
        name=_shown(name),
        field=field,
        local=local,
        central=central,
    )


def _local(fp: BinaryIO, c: _Central, file_size: int) -> tuple[int, bytes, bool]:
    """Check the local header of ``c``; return the data offset, local extra and whether the local
    header carries ZIP64 sizes."""
    where = f"zip:{_shown(c.name)}"
    if c.header_offset + 30 > file_size:
        raise ZipStructureError(
            "sign.package.central_directory", where, detail="local header beyond the file"
        )
    head = _read_at(fp, c.header_offset, 30)
    sig, _needed, flags, method, _t, _d, crc, csize, usize, n_len, e_len = struct.unpack(
        "<4sHHHHHIIIHH", head
    )
    if sig != LOCAL_SIG:
        raise ZipStructureError(
            "sign.package.central_directory", where, detail=f"no local header at byte {c.header_offset}"
        )
    raw_name = _read_at(fp, c.header_offset + 30, n_len)
    extra = _read_at(fp, c.header_offset + 30 + n_len, e_len)
    if raw_name != c.raw_name:
        raise _mismatch(c.name, "name", repr(raw_name)[2:-1], repr(c.raw_name)[2:-1])
    if flags != c.flags:
        raise _mismatch(c.name, "flags", f"{flags:#06x}", f"{c.flags:#06x}")
    if method != c.method:
        raise _mismatch(c.name, "method", method, c.method)
    _check_extras(extra, c.name, where)
    wanted = [f for f, v in (("size", usize), ("compressed_size", csize)) if v == _U32]
    if wanted:  # the local ZIP64 field carries both sizes, always
        wanted = ["size", "compressed_size"]
    big = _zip64_values(extra, wanted, where, local=True)
    usize, csize = big.get("size", usize), big.get("compressed_size", csize)
    described = bool(flags & FLAG_DESCRIPTOR)
    for field, local_value, central_value in (
        ("CRC-32", crc, c.crc),
        ("compressed size", csize, c.compressed_size),
        ("size", usize, c.size),
    ):
        # With a data descriptor the local values may be zero; if given they must still agree.
        if local_value != central_value and not (described and local_value == 0):
            raise _mismatch(c.name, field, local_value, central_value)
    return c.header_offset + 30 + n_len + e_len, extra, bool(big)


def _descriptor(fp: BinaryIO, c: _Central, at: int, gap: int) -> None:
    """The data descriptor filling ``gap`` bytes at ``at`` must agree with the central entry."""
    where = f"zip:{_shown(c.name)}"
    layouts = {16: ("<4sIII", True), 24: ("<4sIQQ", True), 12: ("<III", False), 20: ("<IQQ", False)}
    if gap not in layouts:
        raise ZipStructureError(
            "sign.package.descriptor_mismatch",
            where,
            name=_shown(c.name),
            detail=f"{gap} bytes after the data where a data descriptor (12–24 bytes) belongs",
        )
    layout, signed = layouts[gap]
    values = struct.unpack(layout, _read_at(fp, at, gap))
    if signed:
        if values[0] != DESCRIPTOR_SIG:
            raise ZipStructureError(
                "sign.package.descriptor_mismatch",
                where,
                name=_shown(c.name),
                detail="bad descriptor signature",
            )
        values = values[1:]
    crc, csize, usize = values
    if (crc, csize, usize) != (c.crc, c.compressed_size, c.size):
        raise ZipStructureError(
            "sign.package.descriptor_mismatch",
            where,
            name=_shown(c.name),
            detail=f"descriptor CRC/sizes {crc:08x}/{csize}/{usize}, central directory "
            f"{c.crc:08x}/{c.compressed_size}/{c.size}",
        )


def read_directory(fp: BinaryIO, file_size: int, max_entries: int) -> ZipDirectory:
    """Parse and cross-check the whole structure of the ZIP in ``fp`` (``file_size`` bytes).

    ``max_entries`` is checked from the end record before any entry is parsed.
    """
    eocd_offset, eocd_bytes = _find_end_record(fp, file_size)
    eocd = struct.unpack_from("<4sHHHHIIH", eocd_bytes)
    if eocd[4] > max_entries and eocd[4] != _U16:
        raise ZipStructureError("sign.package.too_many_entries", count=eocd[4])
    total, cd_size, cd_offset, cd_end = _zip64_end(fp, eocd_offset, eocd)
    if total > max_entries:
        raise ZipStructureError("sign.package.too_many_entries", count=total)
    from endingnote.sign._limits import PACKAGE_CENTRAL_DIRECTORY

    if PACKAGE_CENTRAL_DIRECTORY.exceeded(cd_size):
        raise ZipStructureError(
            "sign.package.central_directory",
            detail=f"{cd_size} bytes; {PACKAGE_CENTRAL_DIRECTORY.describe('en')}",
        )
    if cd_offset + cd_size != cd_end:
        raise ZipStructureError(
            "sign.package.central_directory",
            detail=f"the central directory ({cd_offset}+{cd_size}) does not end where the end record starts"
            f" ({cd_end})",
        )
    centrals = _parse_central(fp, cd_offset, cd_size, total)
    entries: list[ZipEntry] = []
    for c in centrals:
        data_offset, local_extra, _ = _local(fp, c, file_size)
        entries.append(
            ZipEntry(
                c.name,
                c.flags,
                c.method,
                c.crc,
                c.compressed_size,
                c.size,
                c.header_offset,
                data_offset,
                data_offset + c.compressed_size,  # replaced below once descriptors are accounted for
                c.create_system,
                c.external_attr,
                c.extra,
                local_extra,
            )
        )
    ends = _account(fp, centrals, entries, cd_offset)
    return ZipDirectory(
        tuple(replace(e, end_offset=end) for e, end in zip(entries, ends, strict=True)),
        cd_offset,
        eocd_bytes[_EOCD_LEN:],
    )


def _account(fp: BinaryIO, centrals: list[_Central], entries: list[ZipEntry], cd_offset: int) -> list[int]:
    """Every byte before the central directory belongs to exactly one entry's local record;
    returns each entry's end (after its data descriptor)."""
    order = sorted(range(len(entries)), key=lambda i: entries[i].header_offset)
    ends = [0] * len(entries)
    cursor = 0
    for k, i in enumerate(order):
        entry, central = entries[i], centrals[i]
        if entry.header_offset < cursor:
            raise ZipStructureError(
                "sign.package.overlap",
                f"zip:{_shown(entry.name)}",
                name=_shown(entry.name),
                other=_shown(entries[order[k - 1]].name),
            )
        if entry.header_offset > cursor:
            raise _gap(fp, cursor, entry.header_offset)
        data_end = entry.data_offset + entry.compressed_size
        following = entries[order[k + 1]].header_offset if k + 1 < len(order) else cd_offset
        if data_end > following:
            raise ZipStructureError(
                "sign.package.overlap",
                f"zip:{_shown(entry.name)}",
                name=_shown(entry.name),
                other=_shown(entries[order[k + 1]].name) if k + 1 < len(order) else "central directory",
            )
        if entry.flags & FLAG_DESCRIPTOR:
            _descriptor(fp, central, data_end, following - data_end)
            cursor = following
        else:
            cursor = data_end
        ends[i] = cursor
    if cursor != cd_offset:
        raise _gap(fp, cursor, cd_offset)
    return ends


def _gap(fp: BinaryIO, start: int, end: int) -> ZipStructureError:
    head = _read_at(fp, start, min(4, end - start))
    if head == LOCAL_SIG:
        return ZipStructureError("sign.package.hidden_entry", f"zip:@{start}", offset=start)
    if start == 0:
        return ZipStructureError("sign.package.prepended_data", "zip:@0", end=end)
    return ZipStructureError("sign.package.unaccounted_bytes", f"zip:@{start}", start=start, end=end)
