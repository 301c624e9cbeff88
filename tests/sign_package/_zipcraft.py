"""Rewriting a valid package byte by byte, the way an attacker's tool would.

:func:`entries_of` takes the entries of a real signed package (name, raw compressed bytes, method,
CRC-32, sizes); :func:`build` writes them back as a ZIP from :class:`Entry` records whose every
field can be overridden separately in the local header and the central directory, with optional
data descriptors, bytes before/between/after the records, hidden local records, comments and
ZIP64 end records. Unchanged, :func:`build` reproduces a package that verifies VALID.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

_DATE = 0x21  # 1980-01-01


@dataclass
class Entry:
    name: bytes
    data: bytes  # as stored in the archive (compressed when method 8)
    method: int
    crc: int
    size: int
    flags: int = 0x0800
    external: int = 0
    local: dict[str, Any] = field(
        default_factory=dict
    )  # overrides: name, flags, method, crc, csize, size, extra
    central: dict[str, Any] = field(default_factory=dict)  # overrides: same keys + offset
    descriptor: bytes | None = None  # written after the data (set flags |= 8 yourself)
    before: bytes = b""  # bytes written just before this entry's local header

    def with_(self, **kw: Any) -> Entry:
        return replace(self, **kw)


def entries_of(path: Path) -> list[Entry]:
    """The entries of a valid package, with their stored bytes exactly as in the file."""
    out = []
    raw = path.read_bytes()
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            n_len, e_len = struct.unpack_from("<HH", raw, info.header_offset + 26)
            start = info.header_offset + 30 + n_len + e_len
            out.append(
                Entry(
                    info.filename.encode("utf-8"),
                    raw[start : start + info.compress_size],
                    info.compress_type,
                    info.CRC,
                    info.file_size,
                    flags=0x0800 if not info.filename.isascii() else 0,
                )
            )
    return out


def stored(name: str, data: bytes, **kw: Any) -> Entry:
    return Entry(name.encode("utf-8"), data, 0, zlib.crc32(data), len(data), flags=0x0800, **kw)


def local_record(e: Entry) -> bytes:
    o = e.local
    name = o.get("name", e.name)
    extra = o.get("extra", b"")
    head = struct.pack(
        "<4sHHHHHIIIHH",
        b"PK\x03\x04",
        20,
        o.get("flags", e.flags),
        o.get("method", e.method),
        0,
        _DATE,
        o.get("crc", e.crc),
        o.get("csize", len(e.data)),
        o.get("size", e.size),
        len(name),
        len(extra),
    )
    return head + name + extra + e.data + (e.descriptor or b"")


def central_record(e: Entry, offset: int) -> bytes:
    o = e.central
    name = o.get("name", e.name)
    extra = o.get("extra", b"")
    return (
        struct.pack(
            "<4sHHHHHHIIIHHHHHII",
            b"PK\x01\x02",
            (3 << 8) | 20,
            20,
            o.get("flags", e.flags),
            o.get("method", e.method),
            0,
            _DATE,
            o.get("crc", e.crc),
            o.get("csize", len(e.data)),
            o.get("size", e.size),
            len(name),
            len(extra),
            0,
            0,
            0,
            o.get("external", e.external),
            o.get("offset", offset),
        )
        + name
        + extra
    )


def build(
    entries: list[Entry],
    *,
    prefix: bytes = b"",
    shift_offsets: bool = True,
    extra_central: list[tuple[Entry, int]] = (),  # type: ignore[assignment]
    between_cd: bytes = b"",
    comment: bytes = b"",
    trailing: bytes = b"",
    zip64: dict[str, int] | None = None,
    eocd: dict[str, int] | None = None,
) -> bytes:
    """A ZIP of ``entries``. ``prefix`` goes before the first record (offsets include it when
    ``shift_offsets``); ``extra_central`` adds central entries pointing at given offsets;
    ``zip64`` writes a ZIP64 end record + locator with the given overrides."""
    body = bytearray(prefix)
    offsets = []
    for e in entries:
        body += e.before
        offsets.append(len(body) if shift_offsets else len(body) - len(prefix))
        body += local_record(e)
    cd_offset = len(body)
    central = b"".join(central_record(e, off) for e, off in zip(entries, offsets, strict=True))
    central += b"".join(central_record(e, off) for e, off in extra_central)
    count = len(entries) + len(extra_central)
    body += central
    body += between_cd
    cd_size = len(central)
    if zip64 is not None:
        z = {"count": count, "cd_size": cd_size, "cd_offset": cd_offset, **zip64}
        record_at = len(body)
        body += struct.pack(
            "<4sQHHIIQQQQ",
            b"PK\x06\x06",
            44,
            45,
            45,
            0,
            0,
            z["count"],
            z["count"],
            z["cd_size"],
            z["cd_offset"],
        )
        body += struct.pack("<4sIQI", b"PK\x06\x07", 0, z.get("record_at", record_at), 1)
    e_ = {"count": count, "cd_size": cd_size, "cd_offset": cd_offset, **(eocd or {})}
    body += struct.pack(
        "<4sHHHHIIH",
        b"PK\x05\x06",
        0,
        0,
        e_["count"],
        e_["count"],
        e_["cd_size"],
        e_["cd_offset"],
        len(comment),
    )
    body += comment + trailing
    return bytes(body)
