"""The checklist as an iCalendar file (RFC 5545): one all-day VEVENT per dated task.

VEVENT rather than VTODO: every common calendar (Google, Apple, Outlook) shows all-day events,
while VTODO support is patchy. Lines end in CRLF and are folded at 75 octets without splitting a
UTF-8 character; TEXT values escape ``\\ ; ,`` and newlines (3.3.11). UIDs are stable: a hash of
the decedent's name and the task key, so re-importing updates rather than duplicates events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from endingnote.importer._checklist import Task

__all__ = ["escape_text", "fold_line", "to_ics"]

PRODID = "-//endingnote//heir import//JA"


_CONTROLS = {c: None for c in (*range(0x00, 0x09), *range(0x0B, 0x0D), *range(0x0E, 0x20), 0x7F)}


def escape_text(value: str) -> str:
    """RFC 5545 TEXT: backslash, ';', ',' and line breaks escaped; other control characters, which
    TEXT may not contain (tab aside), are dropped."""
    value = value.translate(_CONTROLS)
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold_line(line: str) -> bytes:
    """One content line, folded at 75 octets (continuations start with a space), CRLF-ended."""
    out: list[bytes] = []
    current = b""
    limit = 75
    for ch in line:
        enc = ch.encode("utf-8")
        if len(current) + len(enc) > limit:
            out.append(current)
            current = b" "
            limit = 75
        current += enc
    out.append(current)
    return b"\r\n".join(out) + b"\r\n"


def _uid(decedent_name: str, key: str) -> str:
    digest = hashlib.sha256(f"{decedent_name}\x00{key}".encode()).hexdigest()[:32]
    return f"{digest}@endingnote"


def to_ics(tasks: list[Task], *, decedent_name: str, generated: dt.datetime) -> bytes:
    stamp = generated.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines.append("X-WR-CALNAME:" + escape_text(f"{decedent_name} 様の手続き / Procedures"))
    for task in tasks:
        if task.due is None:
            continue
        description = "\n".join(
            x
            for x in (
                task.title_en,
                f"根拠 / Basis: {task.basis_ja} / {task.basis_en}",
                f"窓口: {task.where_ja}",
                task.contact,
            )
            if x
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid(decedent_name, task.key)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{task.due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{task.due + dt.timedelta(days=1):%Y%m%d}",
            "SUMMARY:" + escape_text(f"【期限】{task.title_ja}"),
            "DESCRIPTION:" + escape_text(description),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return b"".join(fold_line(line) for line in lines)
