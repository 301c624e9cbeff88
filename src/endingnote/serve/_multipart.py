"""Reading a form as it streams in: fields kept in memory (a password never touches the disk),
files written straight into the session's private folder, every limit enforced while reading.

Starlette's own form parser spools files to the system's temporary folder; here nothing of an
upload is written anywhere but ``folder`` (0700), and an upload over a limit stops at that byte
with a finding that names the limit, leaving nothing behind.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from endingnote import Issue
from endingnote._codes import issue
from endingnote.serve import _codes as _codes  # registers serve.* codes
from endingnote.serve._limits import MAX_FIELD_BYTES, MAX_FILE_BYTES, MAX_FILES, MAX_REQUEST_BYTES

if TYPE_CHECKING:
    from endingnote._limits import Limit

_SAFE_NAME = re.compile(r"[^\w.\-]+", re.UNICODE)


@dataclass(slots=True)
class Upload:
    """One uploaded file: the name the browser gave (for people and reports) and where it is."""

    field: str
    filename: str
    path: Path
    size: int


@dataclass(slots=True)
class Form:
    fields: dict[str, str] = field(default_factory=dict)
    files: list[Upload] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    def uploads(self, name: str) -> list[Upload]:
        return [u for u in self.files if u.field == name]


def display_name(raw: str) -> str:
    """The file's own name without any folder the browser may send (``C:\\fakepath\\x.json``)."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return "".join(c for c in name if c.isprintable())[:200] or "upload"


def _disk_name(name: str) -> str:
    stem = _SAFE_NAME.sub("_", name)[:80].lstrip(".") or "file"
    return f"{secrets.token_hex(4)}-{stem}"


def _limit_params(limit: Limit) -> dict[str, Any]:
    return {"limit": limit.describe("ja"), "limit_en": limit.describe("en")}


class _Stop(Exception):
    pass


@dataclass(slots=True)
class _Part:
    name: str = ""
    filename: str | None = None
    path: Path | None = None
    fh: BinaryIO | None = None
    size: int = 0
    buffer: bytearray | None = None
    skip: bool = False


class _Reader:
    """python-multipart's callbacks, writing into ``folder`` under the limits."""

    def __init__(self, folder: Path, form: Form) -> None:
        self.folder = folder
        self.form = form
        self.part = _Part()
        self.headers: dict[bytes, bytes] = {}
        self.header_field = b""
        self.header_value = b""
        self.total = 0

    def callbacks(self) -> dict[str, Any]:
        return {
            "on_part_begin": self.on_part_begin,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
        }

    def refuse(self, code: str, name: str, limit: Limit) -> None:
        self.form.issues.append(issue(code, "", name=name, **_limit_params(limit)))
        raise _Stop

    def on_part_begin(self) -> None:
        self.headers.clear()
        self.part = _Part()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        self.headers[self.header_field.lower()] = self.header_value
        self.header_field = self.header_value = b""

    def on_headers_finished(self) -> None:
        from python_multipart.multipart import parse_options_header

        _, disp = parse_options_header(self.headers.get(b"content-disposition", b""))
        part = self.part
        part.name = disp.get(b"name", b"").decode("utf-8", "replace")
        raw = disp.get(b"filename")
        if raw is None:
            part.buffer = bytearray()
            return
        if not raw:
            part.skip = True  # an empty file input sends a part with filename=""
            return
        if len(self.form.files) >= int(MAX_FILES):
            self.refuse("serve.upload.too_many", "", MAX_FILES)
        part.filename = display_name(raw.decode("utf-8", "replace"))
        part.path = self.folder / _disk_name(part.filename)
        fd = os.open(part.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        part.fh = os.fdopen(fd, "wb")

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        part = self.part
        if part.skip:
            return
        size = end - start
        self.total += size
        if part.buffer is not None:
            if len(part.buffer) + size > int(MAX_FIELD_BYTES):
                self.refuse("serve.upload.too_large", part.name, MAX_FIELD_BYTES)
            part.buffer += data[start:end]
            return
        part.size += size
        if part.size > int(MAX_FILE_BYTES):
            self.refuse("serve.upload.too_large", part.filename or "", MAX_FILE_BYTES)
        if self.total > int(MAX_REQUEST_BYTES):
            self.refuse("serve.upload.too_large", part.filename or "", MAX_REQUEST_BYTES)
        assert part.fh is not None  # noqa: S101 - opened in on_headers_finished
        part.fh.write(data[start:end])

    def on_part_end(self) -> None:
        part = self.part
        if part.skip:
            return
        if part.buffer is not None:
            self.form.fields[part.name] = part.buffer.decode("utf-8", "replace")
            return
        assert part.fh is not None and part.path is not None  # noqa: S101
        part.fh.close()
        part.fh = None
        self.form.files.append(Upload(part.name, part.filename or "upload", part.path, part.size))
        self.part = _Part()

    def discard(self) -> None:
        """A refused upload leaves nothing on disk."""
        if self.part.fh is not None:
            self.part.fh.close()
        if self.part.path is not None:
            self.part.path.unlink(missing_ok=True)
        for upload in self.form.files:
            upload.path.unlink(missing_ok=True)
        self.form.files.clear()


async def read_form(content_type: str, body: AsyncIterator[bytes], folder: Path) -> Form:
    """Parse ``multipart/form-data`` (or ``application/x-www-form-urlencoded``) from ``body``."""
    from python_multipart.multipart import MultipartParser, parse_options_header

    form = Form()
    kind, params = parse_options_header(content_type)
    if kind == b"application/x-www-form-urlencoded":
        return await _urlencoded(body, form)
    boundary = params.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        form.issues.append(issue("serve.upload.malformed", "", reason="not multipart/form-data"))
        return form
    reader = _Reader(folder, form)
    parser = MultipartParser(boundary, reader.callbacks())  # type: ignore[arg-type]
    try:
        async for chunk in body:
            parser.write(chunk)
        parser.finalize()
    except _Stop:
        reader.discard()
    except Exception as exc:
        form.issues.append(issue("serve.upload.malformed", "", reason=type(exc).__name__))
        reader.discard()
    return form


async def _urlencoded(body: AsyncIterator[bytes], form: Form) -> Form:
    from urllib.parse import parse_qsl

    data = bytearray()
    async for chunk in body:
        data += chunk
        if len(data) > int(MAX_FIELD_BYTES) * 4:
            too_large = issue("serve.upload.too_large", "", name="form", **_limit_params(MAX_FIELD_BYTES))
            form.issues.append(too_large)
            return form
    for key, value in parse_qsl(data.decode("utf-8", "replace"), keep_blank_values=True):
        form.fields[key] = value
    return form
