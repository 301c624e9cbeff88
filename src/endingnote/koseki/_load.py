"""Reading registers from files: register JSON (``*.json``), typed/OCR certificate text
(``*.txt``) and e-certificates (``*.p7m``, DER or PEM CMS). Nothing is lost on bad input: a file
that cannot be used yields issues (with ``file`` set) and the others still load."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from endingnote import _codes
from endingnote._issues import Issue, Report
from endingnote._limits import Limit
from endingnote.koseki import _codes as _koseki_codes  # noqa: F401 - registers the codes
from endingnote.koseki._ecert import ECertResult, trusted_issuer_certificates, verify_ecert
from endingnote.koseki._json import fingerprint, register_from_json
from endingnote.koseki._limits import FILE_BYTES, JSON_DEPTH
from endingnote.koseki._model import Register
from endingnote.koseki._text import parse_certificate_text

if TYPE_CHECKING:
    from cryptography import x509

MAX_FILE_BYTES = FILE_BYTES.value
TEXT_SUFFIXES = (".txt",)
JSON_SUFFIXES = (".json",)
ECERT_SUFFIXES = (".p7m", ".p7s", ".der", ".pem")


@dataclass
class LoadResult:
    """Registers read from files, e-certificate verdicts, and every finding."""

    registers: list[Register] = field(default_factory=list)
    ecerts: list[ECertResult] = field(default_factory=list)
    report: Report = field(default_factory=Report)


def _with_file(issues: Iterable[Issue], name: str) -> list[Issue]:
    return [replace(i, file=i.file or name) for i in issues]


def _json_error_line(exc: json.JSONDecodeError) -> str:
    return f"line:{exc.lineno}"


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _too_deep(doc: Any) -> bool:
    """Deeper than the register JSON can be (an iterative walk: no recursion on hostile input)."""
    stack: list[tuple[Any, int]] = [(doc, 1)]
    while stack:
        node, level = stack.pop()
        if level > JSON_DEPTH.value:
            return True
        if isinstance(node, dict):
            stack.extend((v, level + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, level + 1) for v in node)
    return False


def _over(code: str, name: str, limit: Limit) -> Issue:
    return _codes.issue(code, "", file=name, limit=limit.describe("ja"), limit_en=limit.describe("en"))


def _read_json(text: str, name: str) -> tuple[Any, list[Issue]]:
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates)
    except RecursionError:
        return None, [_over("koseki.json.too_deep", name, JSON_DEPTH)]
    except _DuplicateKey as exc:
        return None, [_codes.issue("koseki.json.duplicate_key", "", file=name, key=exc.key[:80])]
    except json.JSONDecodeError as exc:
        return None, [_codes.issue("koseki.json.syntax", _json_error_line(exc), file=name, reason=exc.msg)]
    except ValueError as exc:  # e.g. an integer with too many digits
        return None, [_codes.issue("koseki.json.syntax", "", file=name, reason=str(exc)[:100])]
    if _too_deep(doc):
        return None, [_over("koseki.json.too_deep", name, JSON_DEPTH)]
    return doc, []


def load_register_bytes(
    data: bytes,
    name: str,
    *,
    trusted_issuers: Sequence[bytes | x509.Certificate] = (),
    now: dt.datetime | None = None,
) -> tuple[Register | None, list[Issue], ECertResult | None]:
    """Read one document whose kind is decided by ``name``'s suffix."""
    digest = hashlib.sha256(data).hexdigest()
    suffix = Path(name).suffix.lower()
    if FILE_BYTES.exceeded(len(data)):
        return None, [_over("koseki.input.too_large", name, FILE_BYTES)], None
    if suffix in ECERT_SUFFIXES:
        result = verify_ecert(data, trusted_issuers, now=now or dt.datetime.now(dt.UTC), source=name)
        register = result.register if result.valid else None
        if register is not None:  # the verified certificate's date and issuer stand for the register's
            register = replace(
                register,
                source=name,
                source_sha256=digest,
                ecert_code=result.code,
                issued_on=register.issued_on or result.issued_on,
                issuer=register.issuer or result.issuer,
            )
        return register, _with_file(result.issues, name), result
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [_codes.issue("koseki.input.encoding", "", file=name)], None
    if suffix in JSON_SUFFIXES:
        doc, problems = _read_json(text, name)
        if problems:
            return None, problems, None
        register, issues = register_from_json(doc, name)
    else:
        register, issues = parse_certificate_text(text, name)
    if register is not None:
        register = replace(register, source=name, source_sha256=digest)
    return register, _with_file(issues, name), None


def load_registers(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    trusted_issuers: Sequence[bytes | x509.Certificate] = (),
    now: dt.datetime | None = None,
) -> LoadResult:
    """Load every register file in a directory (not recursive) or in a list of files.

    Raises :class:`endingnote.InputError` only when the directory itself cannot be read."""
    from endingnote.errors import InputError

    if isinstance(paths, (str, os.PathLike)):
        root = Path(paths)
        if root.is_dir():
            try:
                files = sorted(p for p in root.iterdir() if not p.name.startswith("."))
            except OSError as exc:
                raise InputError(f"cannot read {root}: {exc.strerror}") from exc
        elif root.is_file():
            files = [root]
        else:
            raise InputError(f"no such file or directory: {root}")
    else:
        files = [Path(p) for p in paths]
    out = LoadResult()
    loaded: list[Register] = []
    for path in files:
        name = path.name
        suffix = path.suffix.lower()
        if path.is_dir():
            continue
        if (
            path.is_symlink()
            or not path.is_file()
            or suffix not in (*TEXT_SUFFIXES, *JSON_SUFFIXES, *ECERT_SUFFIXES)
        ):
            out.report.add(_codes.issue("koseki.input.unknown_kind", "", file=name))
            continue
        try:
            if FILE_BYTES.exceeded(path.stat().st_size):
                out.report.add(_over("koseki.input.too_large", name, FILE_BYTES))
                continue
            data = path.read_bytes()
        except OSError as exc:
            out.report.add(
                _codes.issue("koseki.input.unreadable", "", file=name, reason=exc.strerror or "I/O")
            )
            continue
        register, issues, ecert = load_register_bytes(data, name, trusted_issuers=trusted_issuers, now=now)
        out.report.extend(issues)
        if ecert is not None:
            out.ecerts.append(ecert)
        if register is not None:
            loaded.append(register)
    # the same content twice: keep one, chosen by content (never by file name or order)
    kept: dict[str, Register] = {}
    for register in sorted(loaded, key=lambda r: (r.source_sha256 or "", r.source or "")):
        digest = fingerprint(register)
        if digest in kept:
            out.report.add(
                _codes.issue(
                    "koseki.input.duplicate_register",
                    "",
                    file=register.source,
                    label=f"{register.label()} = {kept[digest].source}",
                )
            )
            continue
        kept[digest] = register
    out.registers = sorted(kept.values(), key=lambda r: r.source or "")
    if trusted_issuers and not out.ecerts:  # with e-certificates, their verification says it
        out.report.extend(trusted_issuer_certificates(trusted_issuers)[1])
    return out
