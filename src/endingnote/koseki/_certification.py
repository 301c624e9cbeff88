"""The closing block of a register certificate, and what marks a certificate as complete.

Every copy a municipality issues ends with a statement, the date, the certifying authority and its
seal:

- a 謄本 or 抄本 of a paper register (戸籍法施行規則12条2項): ``この謄本は、除籍の原本と相違ないことを
  認証する。`` (``この抄本は、…戸籍の全員を記載したものであることを認証する。`` for an extract that
  nevertheless shows everyone);
- a 全部事項証明 / 個人事項証明 of a computerised register: ``これは、戸籍に記録されている事項の全部を
  証明した書面である。`` (``…の一部を…``, ``戸籍中の一部の者について…`` for a partial one);

then ``令和8年10月1日`` and ``東京都千代田区長　千代田　一郎　　印``. The statement is what says the
copy is whole: text that stops before it may have been cut off mid-member (a page not scanned, a
file truncated), and is refused rather than read as a complete register. A multi-page printout
numbers its pages ``（1の3）``; a missing page number is refused too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from endingnote import _codes
from endingnote._issues import Issue, Severity
from endingnote.calendar import WarekiError, parse_date
from endingnote.koseki import _codes as _koseki_codes  # noqa: F401 - registers the codes
from endingnote.koseki._model import CertificateKind, Certification

_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_WIDTH |= {ord("［"): ord("【"), ord("］"): ord("】")}  # typed full-width square brackets
_PAGE_PREFIX = re.compile(r"^\s*[(（]\s*\d+\s*の\s*\d+\s*[)）]")
_START = re.compile(r"^(?:これは[、,]?|この(?:謄|抄)本は[、,]?)")
_SEAL = re.compile(r"[\[【(（]?\s*(職印|公印|市長印|区長印|町長印|村長印|印|㊞)\s*[\]】)）]?\s*$")
_DATE_HEAD = re.compile(r"^(.+?日)\s*(.*)$")
_PAGE = re.compile(r"^[(（]\s*(\d+)\s*の\s*(\d+)\s*[)）]")
MAX_STATEMENT = 300


def fold(text: str) -> str:
    """Full-width ASCII and U+3000 to half-width; nothing else changes (kanji stay as written)."""
    return text.translate(_WIDTH)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def starts_certification(flat: str) -> bool:
    """Whether a (space-free) line opens the closing block."""
    return bool(_START.match(flat)) and any(
        word in flat for word in ("記録されている", "証明", "原本", "認証", "謄本", "抄本")
    )


def page_marker(flat: str) -> tuple[int, int, str] | None:
    """``（1の3）…`` → (1, 3, the rest of the line)."""
    m = _PAGE.match(flat)
    if m is None:
        return None
    return int(m.group(1)[:6]), int(m.group(2)[:6]), flat[m.end() :]


@dataclass
class Closing:
    """Reads the closing block line by line and judges completeness at the end."""

    statement_lines: list[str] = field(default_factory=list)
    statement_done: bool = False
    started_at: int | None = None
    issued_on: dt.date | None = None
    issuer: str | None = None
    seal: str | None = None
    pages: set[int] = field(default_factory=set)
    page_total: int = 0
    blank_mark: bool = False  # 以下余白 seen
    issues: list[Issue] = field(default_factory=list)

    def add(self, code: str, line: int, **params: Any) -> None:
        self.issues.append(_codes.issue(code, f"line:{line}", **params))

    @property
    def started(self) -> bool:
        return self.started_at is not None

    def start(self, n: int, line: str) -> None:
        self.started_at = n
        self._statement(line)

    def _statement(self, line: str) -> None:
        self.statement_lines.append(line.strip())
        flat = squash("".join(self.statement_lines))
        if flat.endswith("。") or flat.endswith(("認証する", "書面である")) or len(flat) > MAX_STATEMENT:
            self.statement_done = True

    def page(self, n: int, number: int, total: int) -> None:
        if total < 1 or number < 1 or number > total or total > 999:
            self.add("koseki.text.page_marker", n, value=f"{number}の{total}")
            return
        self.pages.add(number)
        self.page_total = max(self.page_total, total)

    def route(self, n: int, raw: str) -> tuple[str, str] | None:
        """Take what belongs to the page furniture and the closing block (page markers, 発行番号,
        以下余白, the statement, date, issuer and seal); give back any other line as (folded line,
        line without spaces) for the register's body."""
        line = fold(raw).strip()
        flat = squash(line)
        if not flat or flat.startswith("発行番号"):
            return None
        page = page_marker(flat)
        if page is not None:  # (1の2) page markers of a multi-page printout
            self.page(n, page[0], page[1])
            line, flat = _PAGE_PREFIX.sub("", line, count=1).strip(), page[2]
            if not flat:
                return None
        if flat == "以下余白":
            self.blank_mark = True
            return None
        if self.started:
            if not (flat.endswith(("事項証明", "事項証明書")) and "【" not in line):  # a repeated page title
                self.feed(n, line)
            return None
        if starts_certification(flat):
            self.start(n, line)
            return None
        return line, flat

    def feed(self, n: int, line: str) -> None:
        """A line after the statement began."""
        text = line.strip()
        flat = squash(text)
        if not self.statement_done:
            self._statement(text)
            return
        if self.issued_on is None:
            head = _DATE_HEAD.match(text)
            if head is not None:
                try:
                    self.issued_on = parse_date(head.group(1))
                except WarekiError:
                    pass
                else:
                    text = head.group(2).strip()
                    if not text:
                        return
        seal = _SEAL.search(text)
        if seal is not None and self.seal is None:
            self.seal = seal.group(1)
            text = text[: seal.start()].strip()
            if not text:
                return
        if self.issuer is None and self.issued_on is not None:
            self.issuer = re.sub(r"\s+", " ", text).strip()[:200] or None
            return
        if flat:
            self.add("koseki.text.after_certification", n, text=text[:40])

    def statement(self) -> str:
        return re.sub(r"\s+", "", "".join(self.statement_lines))[:MAX_STATEMENT]

    def certification(self) -> Certification | None:
        if not self.started:
            return None
        text = self.statement()
        partial = ("一部" in text or "抄本" in text or "個人事項" in text) and "全員を記載" not in text
        return Certification(text, "一部" if partial else "全部", self.seal)

    def kind(self) -> CertificateKind | None:
        """What the statement says the copy is of, when it says."""
        text = self.statement()
        if "改製原" in text or "原戸籍" in text:
            return CertificateKind.PRE_REFORMAT
        if "除籍" in text or "除かれた戸籍" in text:
            return CertificateKind.CLOSED
        return None

    def finish(self, last_line: int) -> None:
        """Judge completeness once the text has ended."""
        if self.started_at is None:
            self.add("koseki.text.truncated", last_line)
            return
        if self.issued_on is None:
            self.add("koseki.text.certification_incomplete", self.started_at, field="証明日 / date")
        if self.issuer is None:
            self.add("koseki.text.certification_incomplete", self.started_at, field="証明者 / issuer")
        if self.page_total:
            missing = [str(i) for i in range(1, self.page_total + 1) if i not in self.pages]
            if missing:
                self.add(
                    "koseki.text.pages_missing",
                    last_line,
                    pages="・".join(missing[:20]),
                    total=self.page_total,
                )


_DATE_REASONS = {
    "pre_1873": "明治6年より前の太陰太陽暦 / lunisolar calendar before 1873",
    "date": "暦にない日付 / no such day",
    "before_era": "元号の開始前 / before the era began",
    "after_era": "元号の終了後 / after the era ended",
}


class CertificateReader:
    """What both text layouts share: findings at ``line:N``, the closing block, the kind the
    title or the statement gives, and dates read with the reason they could not be."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.kind = CertificateKind.FULL
        self.closing = Closing()

    def add(self, code: str, line: int, **params: Any) -> None:
        self.issues.append(_codes.issue(code, f"line:{line}", **params))

    def read_date(self, line: int, value: str) -> tuple[dt.date | None, str | None]:
        """The date, or ``None`` and the text kept (a lunisolar date before 1873 only warns)."""
        try:
            return parse_date(value), None
        except WarekiError as exc:
            severity = Severity.WARNING if exc.reason == "pre_1873" else None
            reason = _DATE_REASONS.get(exc.reason, "書式 / format")
            self.issues.append(
                _codes.issue(
                    "koseki.text.date", f"line:{line}", value=value[:80], reason=reason, severity=severity
                )
            )
            return None, value

    def final_kind(self) -> CertificateKind:
        """The title's kind, else the one the statement names (除籍, 改製原戸籍)."""
        if self.kind is CertificateKind.FULL:
            return self.closing.kind() or self.kind
        return self.kind
