"""ZIP files from the browser (a folder of documents or of registers), read as hostile input.

Why here and not the package reader: the signed-package reader (:mod:`endingnote.sign`) is strict
about ASiC-E (a ``mimetype`` first, a manifest, every byte accounted for) and keeps that private;
a folder zipped by Explorer or Finder has none of that. What both share is the attacker's list,
checked here before a byte is written: names that escape the folder (zip slip: ``..``, absolute,
drive letters, backslashes, control characters), links, duplicates (also after case folding),
encrypted entries, too many entries, too much data in total and entries compressed implausibly
well (zip bombs). Sizes are enforced while reading, never taken from the headers alone. Entries are
written into a fresh folder with ``O_EXCL``; on any refusal the folder is removed whole.
"""

from __future__ import annotations

import shutil
import stat
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from endingnote import Issue
from endingnote._codes import issue
from endingnote._limits import Limit
from endingnote.serve import _codes as _codes  # registers serve.* codes
from endingnote.serve._limits import ZIP_MAX_BYTES, ZIP_MAX_ENTRIES, ZIP_MAX_RATIO

CHUNK = 1 << 16
_RATIO_FLOOR = 1 << 20  # small entries compress well legitimately (JSON of repeated keys)


@dataclass(slots=True)
class Unpacked:
    """Files written (relative names → paths), and the findings; ``ok`` is False when refused."""

    files: dict[str, Path] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(i.severity.value == "error" for i in self.issues)


def unsafe_name(name: str) -> bool:
    """A name that could escape its folder or be confused with another."""
    if not name or "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return True
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in name):
        return True
    parts = name.rstrip("/").split("/")
    return any(part in ("", ".", "..") for part in parts)


def _limit(limit: Limit) -> dict[str, Any]:
    return {"limit": limit.describe("ja"), "limit_en": limit.describe("en")}


def unpack(archive: Path, target: Path, *, label: str) -> Unpacked:
    """Check every entry of ``archive``, then write its files under ``target`` (created, 0700).
    ``label`` names the ZIP in findings (``zip:ENTRY`` paths)."""
    out = Unpacked()
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        out.issues.append(issue("serve.zip.bad", "", file=label, name=label, reason=str(exc)))
        return out
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(zf.infolist()) > int(ZIP_MAX_ENTRIES):
            out.issues.append(issue("serve.zip.too_many", "", file=label, **_limit(ZIP_MAX_ENTRIES)))
            return out
        seen: set[str] = set()
        declared = 0
        for info in zf.infolist():
            name = info.filename
            where = f"zip:{name}"
            if unsafe_name(name):
                out.issues.append(issue("serve.zip.unsafe_name", where, file=label, entry=name))
            elif stat.S_ISLNK(info.external_attr >> 16):
                out.issues.append(issue("serve.zip.link", where, file=label, entry=name))
            elif info.flag_bits & 0x1:
                out.issues.append(issue("serve.zip.encrypted", where, file=label, entry=name))
            elif (folded := unicodedata.normalize("NFC", name).casefold()) in seen:
                out.issues.append(issue("serve.zip.duplicate", where, file=label, entry=name))
            else:
                seen.add(folded)
            declared += info.file_size
            if info.file_size > _RATIO_FLOOR and info.file_size > int(ZIP_MAX_RATIO) * max(
                info.compress_size, 1
            ):
                out.issues.append(
                    issue("serve.zip.ratio", where, file=label, entry=name, **_limit(ZIP_MAX_RATIO))
                )
        if declared > int(ZIP_MAX_BYTES):
            out.issues.append(issue("serve.zip.too_large", "", file=label, **_limit(ZIP_MAX_BYTES)))
        if not out.ok:
            return out
        target.mkdir(mode=0o700, parents=True, exist_ok=False)
        total = 0
        try:
            for info in infos:
                dest = target.joinpath(*info.filename.split("/"))
                dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                written = 0
                with zf.open(info) as src, open(dest, "xb") as fh:
                    while chunk := src.read(CHUNK):
                        written += len(chunk)
                        total += len(chunk)
                        if total > int(ZIP_MAX_BYTES):
                            raise _Refused(
                                issue("serve.zip.too_large", "", file=label, **_limit(ZIP_MAX_BYTES))
                            )
                        if written > _RATIO_FLOOR and written > int(ZIP_MAX_RATIO) * max(
                            info.compress_size, 1
                        ):
                            raise _Refused(
                                issue(
                                    "serve.zip.ratio",
                                    f"zip:{info.filename}",
                                    file=label,
                                    entry=info.filename,
                                    **_limit(ZIP_MAX_RATIO),
                                )
                            )
                        fh.write(chunk)
                out.files[info.filename] = dest
        except _Refused as refused:
            out.issues.append(refused.issue)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            out.issues.append(issue("serve.zip.bad", "", file=label, name=label, reason=str(exc)))
        if not out.ok:
            shutil.rmtree(target, ignore_errors=True)
            out.files.clear()
    return out


class _Refused(Exception):
    def __init__(self, found: Issue) -> None:
        super().__init__(found.message_en)
        self.issue = found
