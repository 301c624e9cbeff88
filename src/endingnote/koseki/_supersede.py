"""The same register certified more than once: use the certificate that covers the longest period.

A register is identified by its 本籍 and head, whether it is a 改製原戸籍 (the register before a
reformat is a different register from the one after it, though both carry the same key), and the
date it was made. Two certificates of one register — say a 全部事項証明 of 2019 and a 除籍全部事項証明
of 2026 — show it as it stood on their dates; entries are only ever added, so the later one covers
a longer period (and, here, the death). That one is used and the other reported as superseded.

The choice depends on the content only — the latest date recorded, then the certificate date, then
the amount recorded, then the content's SHA-256 — never on file names or the order of the files.
A certificate that records something the chosen one lacks (a member or an entry, e.g. before a
戸籍訂正 or a 再製) is kept as well and reported, so nothing it shows is lost.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from endingnote import _codes
from endingnote._issues import Issue
from endingnote.calendar import wareki_label
from endingnote.koseki import _codes as _koseki_codes  # noqa: F401 - registers the codes
from endingnote.koseki._json import fingerprint
from endingnote.koseki._model import CertificateKind, Member, Register
from endingnote.koseki._stays import creation


def _identity(register: Register) -> tuple[str, str, bool, dt.date | None]:
    made = creation(register)
    return (
        register.key[0],
        register.key[1],
        register.kind is CertificateKind.PRE_REFORMAT,
        made.date if made else None,
    )


def _latest_date(register: Register) -> dt.date:
    dates = [e.date for e in register.events if e.date]
    dates += [
        d for m in register.members for e in m.entries for d in (e.date, e.decree_date, e.reported_on) if d
    ]
    return max(dates, default=dt.date.min)


def _rank(register: Register, digest: str) -> tuple[dt.date, dt.date, int, str]:
    recorded = sum(1 + len(m.entries) for m in register.members) + len(register.events)
    return (_latest_date(register), register.issued_on or dt.date.min, recorded, digest)


def _member_key(member: Member) -> tuple[str, str]:
    return (member.birth_date.isoformat() if member.birth_date else "", member.name.key)


def _contained(old: Register, new: Register) -> bool:
    """Whether everything ``old`` records (members and their entries) is also in ``new``."""
    newer = {_member_key(m): m for m in new.members}
    for member in old.members:
        match = newer.get(_member_key(member))
        if match is None:
            return False
        have = {(e.type, e.effective_date) for e in match.entries}
        if any((e.type, e.effective_date) not in have for e in member.entries):
            return False
    return True


def _label(register: Register) -> str:
    issued = wareki_label(register.issued_on, seireki=True, unknown="証明日不明")
    return f"{register.source or register.label()}（{issued}証明）"


def select_certificates(registers: list[Register]) -> tuple[list[Register], list[Issue]]:
    """The certificates to use, in a content-defined order, and findings on the ones set aside."""
    groups: dict[tuple[str, str, bool, dt.date | None], list[tuple[Register, str]]] = defaultdict(list)
    seen: set[str] = set()
    digests = [(fingerprint(r), r) for r in registers]
    for digest, register in sorted(
        digests, key=lambda t: (t[0], t[1].source_sha256 or "", t[1].source or "")
    ):
        if digest in seen:
            continue  # the very same content twice (the loader reports duplicate files)
        seen.add(digest)
        groups[_identity(register)].append((register, digest))
    chosen: list[Register] = []
    issues: list[Issue] = []
    for key in sorted(groups, key=lambda k: (k[0], k[1], k[2], k[3] or dt.date.min)):
        group = [r for r, _ in sorted(groups[key], key=lambda t: _rank(*t), reverse=True)]
        best = group[0]
        chosen.append(best)
        for other in group[1:]:
            contained = _contained(other, best)
            if not contained:
                chosen.append(other)  # it shows something the chosen one lacks: nothing is lost
            issues.append(
                _codes.issue(
                    "koseki.input.superseded" if contained else "koseki.input.certificates_differ",
                    "",
                    file=other.source,
                    register=best.label(),
                    old=_label(other),
                    new=_label(best),
                )
            )
    return chosen, issues
