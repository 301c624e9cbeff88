"""Reading an ASiC-E container as hostile input.

:func:`open_container` refuses, with an issue each, what an attacker could use against whoever opens
the package: path traversal and absolute names (zip slip), symbolic links, duplicate names
(also differing only by case), encrypted entries, unknown compression, zip bombs (entry count,
total and per-entry size, compression ratio) and a missing, compressed or wrong ``mimetype``.
Data is never extracted to disk; entries are read as streams with their sizes enforced.
"""

from __future__ import annotations

import hashlib
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote.sign.asice import _codes as _codes  # registers the sign.package/… codes

MIMETYPE = "application/vnd.etsi.asic-e+zip"
CHUNK = 1 << 20
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True, slots=True)
class Limits:
    """Refusal thresholds. The ratio applies to entries larger than ``ratio_floor`` bytes."""

    max_entries: int = 10_000
    max_entry_size: int = 8 << 30
    max_total_size: int = 16 << 30
    max_ratio: int = 200
    ratio_floor: int = 1 << 20
    max_small: int = 64 << 20  # note.json, manifests, signatures: read into memory


class EntryError(Exception):
    """Reading an entry failed (CRC, size, truncation)."""


def unsafe_name(name: str) -> bool:
    """True for names that could escape an extraction folder or confuse one."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/") or _DRIVE.match(name):
        return True
    if any(ord(c) < 0x20 for c in name):
        return True
    parts = name[:-1].split("/") if name.endswith("/") else name.split("/")
    return any(part in ("", ".", "..") for part in parts)


class Container:
    """An opened, structurally checked container. Use as a context manager."""

    def __init__(self, path: Path, zf: zipfile.ZipFile, limits: Limits) -> None:
        self.path = path
        self._zf = zf
        self.limits = limits
        self.entries: dict[str, zipfile.ZipInfo] = {
            info.filename: info for info in zf.infolist() if not info.is_dir()
        }

    def close(self) -> None:
        self._zf.close()

    def __enter__(self) -> Container:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def data_objects(self) -> list[str]:
        """Entries the signature must cover: everything outside ``META-INF/`` but ``mimetype``."""
        return [n for n in self.entries if n != "mimetype" and not n.startswith("META-INF/")]

    @property
    def meta_entries(self) -> list[str]:
        return [n for n in self.entries if n.startswith("META-INF/")]

    def chunks(self, name: str) -> Iterator[bytes | memoryview]:
        """The entry's bytes in chunks. Stored entries are read straight from the file (the SHA-2
        digest the manifest checks supersedes CRC-32); deflated ones go through zipfile (CRC checked)."""
        info = self.entries[name]
        if info.compress_type == zipfile.ZIP_STORED:
            yield from self._stored_chunks(info)
            return
        try:
            with self._zf.open(info) as stream:
                while block := stream.read(CHUNK):
                    yield block
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as exc:
            raise EntryError(str(exc)) from exc

    def _stored_chunks(self, info: zipfile.ZipInfo) -> Iterator[memoryview]:
        fp: BinaryIO = self._zf.fp  # type: ignore[assignment]
        fp.seek(info.header_offset)
        header = fp.read(30)
        if len(header) != 30 or header[:4] != b"PK\x03\x04":
            raise EntryError("bad local file header")
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        local_name = fp.read(name_len)
        encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
        if local_name.decode(encoding, errors="replace") != info.orig_filename:
            raise EntryError("local header name differs from the central directory")
        fp.seek(extra_len, 1)
        left = info.file_size
        if info.compress_size != left:
            raise EntryError("stored entry with different sizes")
        buf = bytearray(min(CHUNK, max(left, 1)))
        view = memoryview(buf)
        while left:
            n = fp.readinto(view[: min(left, len(buf))])  # type: ignore[attr-defined]
            if not n:
                raise EntryError("truncated entry")
            left -= n
            yield view[:n]

    def digest(self, name: str, algorithm: str = "sha256") -> bytes:
        h = hashlib.new(algorithm)
        for block in self.chunks(name):
            h.update(block)
        return h.digest()

    def read(self, name: str) -> bytes:
        """A small entry's bytes (manifests, signatures, the note); size limited by ``max_small``."""
        info = self.entries[name]
        if info.file_size > self.limits.max_small:
            raise EntryError(f"larger than {self.limits.max_small} bytes")
        return b"".join(bytes(b) for b in self.chunks(name))


def open_container(path: str | Path, limits: Limits | None = None) -> tuple[Container | None, list[Issue]]:
    """Open and check a container. ``None`` with the issues when it must not be read further.

    I/O errors (missing file, permissions) raise ``OSError``; everything about the bytes is an issue.
    """
    limits = limits or Limits()
    target = Path(path)
    with target.open("rb"):
        pass  # missing/unreadable files are I/O errors, not findings
    try:
        zf = zipfile.ZipFile(target)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError) as exc:
        return None, [issue("sign.package.not_zip", "", detail=str(exc))]
    issues = _structure_issues(zf, limits)
    if issues:
        zf.close()
        return None, issues
    container = Container(target, zf, limits)
    issues = _mimetype_issues(container)
    if issues:
        container.close()
        return None, issues
    return container, []


def _structure_issues(zf: zipfile.ZipFile, limits: Limits) -> list[Issue]:
    infos = zf.infolist()
    issues: list[Issue] = []
    if len(infos) > limits.max_entries:
        return [issue("sign.package.too_many_entries", "", count=len(infos), limit=limits.max_entries)]
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        where = f"zip:{name}"
        if unsafe_name(name) or unsafe_name(info.orig_filename):
            issues.append(issue("sign.package.unsafe_name", where, name=repr(name)))
            continue
        folded = name.casefold()
        if folded in seen:
            issues.append(issue("sign.package.duplicate_entry", where, name=name))
        seen.add(folded)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            issues.append(issue("sign.package.symlink", where, name=name))
        if info.flag_bits & 0x41:  # traditional (bit 0) or strong (bit 6) encryption
            issues.append(issue("sign.package.encrypted", where, name=name))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            issues.append(
                issue("sign.package.compression_method", where, name=name, method=info.compress_type)
            )
        total += info.file_size
        if info.file_size > limits.max_entry_size:
            issues.append(
                issue("sign.package.too_large", where, size=info.file_size, limit=limits.max_entry_size)
            )
        if info.file_size > limits.ratio_floor:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                issues.append(issue("sign.package.ratio", where, name=name, ratio=f"{ratio:.0f}"))
    if total > limits.max_total_size:
        issues.append(issue("sign.package.too_large", "", size=total, limit=limits.max_total_size))
    return issues


def _mimetype_issues(container: Container) -> list[Issue]:
    infos = container._zf.infolist()
    first = infos[0] if infos else None
    if first is None or first.filename != "mimetype" or first.header_offset != 0:
        return [issue("sign.package.mimetype_missing", "zip:mimetype")]
    if first.compress_type != zipfile.ZIP_STORED:
        return [issue("sign.package.mimetype_compressed", "zip:mimetype")]
    fp: BinaryIO = container._zf.fp  # type: ignore[assignment]
    fp.seek(0)
    header = fp.read(30)
    if first.extra or struct.unpack("<H", header[28:30])[0] != 0:
        return [issue("sign.package.mimetype_extra", "zip:mimetype")]
    try:
        content = container.read("mimetype")
    except EntryError as exc:
        return [issue("sign.package.entry_corrupt", "zip:mimetype", name="mimetype", detail=str(exc))]
    if content != MIMETYPE.encode("ascii"):
        return [
            issue("sign.package.mimetype_wrong", "zip:mimetype", expected=MIMETYPE, found=repr(content[:80]))
        ]
    return []
