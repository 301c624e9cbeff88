"""Reading an ASiC-E container as hostile input: the one package reader of endingnote.

``verify``, ``import`` and ``package renew`` all open packages with :func:`open_container`, so they
read the same bytes the same way. It refuses, with an issue each:

* anything :mod:`._zip` finds in the structure — bytes before, between or after the records, a local
  record missing from the central directory, local headers or data descriptors that disagree with
  the central directory, overlapping entries, inconsistent ZIP64 records;
* names: path traversal and absolute names (zip slip), names that collide after NFC and case
  folding (or a file that is also a folder), control, bidi, zero-width and unassigned characters;
* symbolic links, encrypted entries, unknown compression, zip bombs (entry count, per-entry and
  total size, compression ratio — limits declared in :mod:`endingnote.sign._limits`);
* a missing, compressed or wrong ``mimetype``.

Data is never extracted to disk. Entries are streamed in 1 MiB blocks (flat memory for any size);
the CRC-32 of every entry is computed while it is read and a mismatch raises :class:`EntryError`
after the last block, so whoever hashes an entry has checked its CRC too.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote._limits import Limit
from endingnote.sign import _limits as L
from endingnote.sign.asice import _codes as _codes  # registers the sign.package/… codes
from endingnote.sign.asice._zip import (
    DEFLATED,
    FLAGS_REFUSED,
    STORED,
    ZipDirectory,
    ZipEntry,
    ZipStructureError,
    fold,
    name_problem,
    read_directory,
)

MIMETYPE = "application/vnd.etsi.asic-e+zip"
CHUNK = 1 << 20
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True, slots=True)
class Limits:
    """Refusal thresholds (defaults: the declared limits ``sign.package.*``). The ratio applies to
    entries larger than ``ratio_floor`` bytes."""

    max_entries: int = L.PACKAGE_ENTRIES.value
    max_entry_size: int = L.PACKAGE_ENTRY_SIZE.value
    max_total_size: int = L.PACKAGE_TOTAL_SIZE.value
    max_ratio: int = L.PACKAGE_RATIO.value
    ratio_floor: int = L.PACKAGE_RATIO_FLOOR.value
    max_small: int = L.PACKAGE_SMALL.value  # note.json, manifests, signatures: read into memory


def _limit(limit: Limit, value: int) -> dict[str, Any]:
    """``limit_ja`` / ``limit_en`` parameters naming ``limit`` with the value in force."""
    effective = dataclasses.replace(limit, value=value)
    return {"limit_ja": effective.describe("ja"), "limit_en": effective.describe("en")}


class EntryError(Exception):
    """Reading an entry failed (CRC-32, size, truncation, bad compressed data).

    ``code`` is the issue code that reports it (``sign.package.crc_mismatch`` or
    ``sign.package.entry_corrupt``)."""

    def __init__(self, detail: str, code: str = "sign.package.entry_corrupt") -> None:
        super().__init__(detail)
        self.code = code


def entry_issue(name: str, exc: EntryError) -> Issue:
    """The finding for an entry that could not be read."""
    return issue(exc.code, f"zip:{name}", name=name, detail=str(exc))


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

    def __init__(self, path: Path, fp: BinaryIO, directory: ZipDirectory, limits: Limits) -> None:
        self.path = path
        self._fp = fp
        self.directory = directory
        self.limits = limits
        self.entries: dict[str, ZipEntry] = {e.name: e for e in directory.entries if not e.is_dir}
        self._digests: dict[tuple[str, str], bytes] = {}

    def close(self) -> None:
        self._fp.close()

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
        """The entry's bytes in blocks; its CRC-32 and size are checked as they stream, and
        :class:`EntryError` is raised (after the last block) when they do not match."""
        from zlib_ng import zlib_ng  # CRC-32 with carry-less multiplication: ~3× the system zlib's

        entry = self.entries[name]
        crc = 0
        produced = 0
        blocks = self._stored(entry) if entry.method == STORED else self._inflated(entry)
        for block in blocks:
            crc = zlib_ng.crc32(block, crc)
            produced += len(block)
            yield block
        if produced != entry.size:
            raise EntryError(f"{produced} bytes instead of {entry.size}")
        if crc != entry.crc:
            raise EntryError(f"CRC-32 {crc:08x}, recorded {entry.crc:08x}", "sign.package.crc_mismatch")

    def _raw(self, entry: ZipEntry) -> Iterator[memoryview]:
        """The entry's compressed bytes, in place (one reused buffer)."""
        fp = self._fp
        fp.seek(entry.data_offset)
        left = entry.compressed_size
        buf = bytearray(min(CHUNK, max(left, 1)))
        view = memoryview(buf)
        while left:
            n = fp.readinto(view[: min(left, len(buf))])  # type: ignore[attr-defined]
            if not n:
                raise EntryError("truncated entry")
            left -= n
            yield view[:n]

    def _stored(self, entry: ZipEntry) -> Iterator[memoryview]:
        yield from self._raw(entry)

    def _inflated(self, entry: ZipEntry) -> Iterator[bytes]:
        from zlib_ng import zlib_ng

        inflater = zlib_ng.decompressobj(-zlib_ng.MAX_WBITS)
        bad_data = cast(type[Exception], zlib_ng.error)  # its stub declares an instance
        produced = 0
        try:
            for block in self._raw(entry):
                data = inflater.decompress(block, CHUNK)
                while True:
                    produced += len(data)
                    if produced > entry.size:
                        raise EntryError(f"inflates beyond its recorded size {entry.size}")
                    if data:
                        yield data
                    if not inflater.unconsumed_tail:
                        break
                    data = inflater.decompress(inflater.unconsumed_tail, CHUNK)
                if inflater.eof and (inflater.unused_data or inflater.unconsumed_tail):
                    raise EntryError("data after the end of the compressed stream")
            tail = inflater.flush()
            if tail:
                produced += len(tail)
                if produced > entry.size:
                    raise EntryError(f"inflates beyond its recorded size {entry.size}")
                yield tail
        except bad_data as exc:
            raise EntryError(f"bad compressed data: {exc}") from exc
        if not inflater.eof:
            raise EntryError("the compressed stream is truncated")

    def digest(self, name: str, algorithm: str = "sha256") -> bytes:
        """The entry's digest (computed once per algorithm: the archive manifests cover the same
        files as the signature manifest)."""
        key = (name, algorithm)
        if key not in self._digests:
            h = hashlib.new(algorithm)
            for block in self.chunks(name):
                h.update(block)
            self._digests[key] = h.digest()
        return self._digests[key]

    def read(self, name: str) -> bytes:
        """A small entry's bytes (manifests, signatures, the note); size limited by ``max_small``."""
        entry = self.entries[name]
        if entry.size > self.limits.max_small:
            raise EntryError(f"larger than {self.limits.max_small} bytes ({L.PACKAGE_SMALL.name})")
        return b"".join(bytes(b) for b in self.chunks(name))

    def read_and_digest(self, name: str, algorithm: str = "sha256") -> tuple[bytes, bytes]:
        """A small entry's bytes and their digest, from one read (what was hashed is what is used)."""
        data = self.read(name)
        self._digests[(name, algorithm)] = digest = hashlib.new(algorithm, data).digest()
        return data, digest


def open_container(path: str | Path, limits: Limits | None = None) -> tuple[Container | None, list[Issue]]:
    """Open and check a container. ``None`` with the issues when it must not be read further.

    I/O errors (missing file, permissions) raise ``OSError``; everything about the bytes is an issue.
    """
    limits = limits or Limits()
    target = Path(path)
    fp = target.open("rb")  # missing/unreadable files are I/O errors, not findings
    try:
        size = os.fstat(fp.fileno()).st_size
        try:
            directory = read_directory(fp, size, limits.max_entries)
        except ZipStructureError as exc:
            params = dict(exc.params)
            if exc.code == "sign.package.too_many_entries":
                params.update(_limit(L.PACKAGE_ENTRIES, limits.max_entries))
            fp.close()
            return None, [issue(exc.code, exc.path, **params)]
        issues = _entry_issues(directory, limits)
        if not issues:
            issues = _mimetype_issues(directory)
        if issues:
            fp.close()
            return None, issues
        container = Container(target, fp, directory, limits)
        try:
            content = container.read("mimetype")
        except EntryError as exc:
            container.close()
            return None, [entry_issue("mimetype", exc)]
        if content != MIMETYPE.encode("ascii"):
            container.close()
            found = repr(content[:80])
            return None, [
                issue("sign.package.mimetype_wrong", "zip:mimetype", expected=MIMETYPE, found=found)
            ]
        return container, []
    except BaseException:
        fp.close()
        raise


def _entry_issues(directory: ZipDirectory, limits: Limits) -> list[Issue]:
    issues: list[Issue] = []
    seen: dict[str, str] = {}
    folders: dict[str, str] = {}
    total = 0
    for entry in directory.entries:
        name = entry.name
        problem = name_problem(name)
        shown = name if problem is None else ascii(name)[1:-1]
        where = f"zip:{shown}"
        if problem is not None:
            issues.append(issue("sign.package.name_characters", where, name=shown, detail=problem))
            continue
        if unsafe_name(name):
            issues.append(issue("sign.package.unsafe_name", where, name=repr(name)))
            continue
        key = fold(name.rstrip("/"))
        if key in seen:
            code = "sign.package.duplicate_entry" if seen[key] == name else "sign.package.name_collision"
            issues.append(issue(code, where, name=name, other=seen[key]))
        seen[key] = name
        parts = key.split("/")
        for depth in range(1, len(parts)):
            folders.setdefault("/".join(parts[:depth]), name)
        if entry.is_dir and (entry.size or entry.compressed_size):
            issues.append(
                issue("sign.package.entry_corrupt", where, name=name, detail="a folder entry with data")
            )
        if stat.S_ISLNK(entry.external_attr >> 16) and entry.create_system == 3:
            issues.append(issue("sign.package.symlink", where, name=name))
        if entry.encrypted:
            issues.append(issue("sign.package.encrypted", where, name=name))
        if entry.flags & FLAGS_REFUSED:
            issues.append(
                issue("sign.package.unsupported_flags", where, name=name, detail=f"flags {entry.flags:#06x}")
            )
        if entry.method not in (STORED, DEFLATED):
            issues.append(issue("sign.package.compression_method", where, name=name, method=entry.method))
        elif entry.method == STORED and entry.compressed_size != entry.size:
            issues.append(
                issue(
                    "sign.package.header_mismatch",
                    where,
                    name=name,
                    field="stored size",
                    local=entry.compressed_size,
                    central=entry.size,
                )
            )
        total += entry.size
        if entry.size > limits.max_entry_size:
            issues.append(
                issue(
                    "sign.package.too_large",
                    where,
                    size=entry.size,
                    **_limit(L.PACKAGE_ENTRY_SIZE, limits.max_entry_size),
                )
            )
        if entry.size > limits.ratio_floor:
            ratio = entry.size / max(entry.compressed_size, 1)
            if ratio > limits.max_ratio:
                issues.append(
                    issue(
                        "sign.package.ratio",
                        where,
                        name=name,
                        ratio=f"{ratio:.0f}",
                        **_limit(L.PACKAGE_RATIO, limits.max_ratio),
                    )
                )
    for folder, inside in folders.items():
        if folder in seen and not seen[folder].endswith("/"):
            issues.append(
                issue("sign.package.name_collision", f"zip:{seen[folder]}", name=seen[folder], other=inside)
            )
    if total > limits.max_total_size:
        issues.append(
            issue(
                "sign.package.too_large",
                "",
                size=total,
                **_limit(L.PACKAGE_TOTAL_SIZE, limits.max_total_size),
            )
        )
    return issues


def _mimetype_issues(directory: ZipDirectory) -> list[Issue]:
    first = min(directory.entries, key=lambda e: e.header_offset, default=None)
    if first is None or first.name != "mimetype" or first.header_offset != 0:
        return [issue("sign.package.mimetype_missing", "zip:mimetype")]
    if first.method != STORED:
        return [issue("sign.package.mimetype_compressed", "zip:mimetype")]
    if first.local_extra or first.central_extra:
        return [issue("sign.package.mimetype_extra", "zip:mimetype")]
    return []
