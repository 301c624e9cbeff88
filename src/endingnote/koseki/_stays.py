"""A person's stay in one register, and the links by which they came and left.

Each register a person appears in gives a **stay** ``[start, end]`` with the link by which they
came (the inbound link) and the one by which they left (the outbound link). Links come from what
the registers state, never from guesses:

- a member's 身分事項 with 【従前戸籍】/【従前本籍】 (inbound) or 【新本籍】/【入籍戸籍】 (outbound),
  including the ``reformat`` entry a 昭和32年 改製 leaves on each member it moved into a register
  of their own (the predecessor is then the 戸主's register, 昭和32年法務省令第27号5条);
- the register's own events (戸籍事項, or in a 旧法戸籍 the 戸主's 事項欄): 改製 (the 改製原戸籍
  before it: same 本籍 and head, or the ``previous_honseki``/``previous_head`` the event records),
  転籍 (従前本籍 / 新本籍), 家督相続 (the 前戸主's register before it, 明治民法964条; the 家督相続人's
  after it), 分家 (the 本家's register, 明治民法743条);
- 廃家 (明治民法762条), 絶家 (764条) and 消除 close a register without naming a successor; 簡易改製
  (昭和32年法務省令第27号4条1項) only deems an old-form register a new-law one and is no boundary.

Which register a link needs is named by 本籍 and head, and the head is a 戸主 when the register is a
旧法戸籍: for links dated before 1948-01-01 (the new 戸籍法, 昭和22年法律第224号, took effect then),
links between 旧法戸籍, and the 改製原戸籍 of a 昭和32年 改製.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from endingnote.koseki._model import (
    CertificateKind,
    Entry,
    EntryType,
    Member,
    Register,
    RegisterEvent,
    RegisterEventType,
    RegisterRef,
)
from endingnote.koseki.names import place_key

NEW_LAW_FROM = dt.date(1948, 1, 1)  # 戸籍法 (昭和22年法律第224号) 附則1条

LINK_LABELS = {
    "previous": ("従前戸籍", "previous register (従前戸籍)"),
    "next": ("新本籍・入籍戸籍", "next register (新本籍/入籍戸籍)"),
    "pre_reformat": ("改製原戸籍", "pre-reformat register (改製原戸籍)"),
    "post_reformat": ("改製後の戸籍", "register after the reformat"),
    "transfer_from": ("転籍前の戸籍（従前本籍）", "register before the transfer (従前本籍)"),
    "transfer_to": ("転籍後の戸籍（新本籍）", "register after the transfer (新本籍)"),
    "previous_head": ("前戸主の戸籍（家督相続前）", "the previous 戸主's register (before the 家督相続)"),
    "successor": ("家督相続人の戸籍", "the register of the successor 戸主 (家督相続)"),
    "main_house": ("本家の戸籍（分家前）", "the main house's register (before the 分家)"),
}
_OUTBOUND_KINDS = ("next", "post_reformat", "transfer_to", "successor")

_SHOWA32 = re.compile(r"昭和(?:32|三十二|参拾弐|卅二|三二)年法務省令")


def is_showa32_reformat(text: str | None) -> bool:
    """Whether a reason names the 昭和32年 改製 (昭和32年法務省令第27号)."""
    return bool(text and _SHOWA32.search(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))))


@dataclass(frozen=True, slots=True)
class Link:
    """A pointer from one register to the one before or after it for this person."""

    ref: RegisterRef
    kind: str  # key of LINK_LABELS
    date: dt.date | None
    head_title: str = "筆頭者"

    @property
    def outbound(self) -> bool:
        return self.kind in _OUTBOUND_KINDS

    def request_kind(self) -> str:
        if self.kind == "pre_reformat":
            return "改製原戸籍"
        if self.kind in ("transfer_from", "previous_head"):
            return "除籍"  # a register left by 転籍 or 家督相続 is closed
        return "戸籍（除籍）"

    def label(self) -> tuple[str, str]:
        return LINK_LABELS[self.kind]


@dataclass(frozen=True, slots=True)
class Boundary:
    """How a register began or ended: ``kind`` (created, reformat, transfer, succession, branch,
    founded, closed), its date, and the link to the register on the other side, when stated."""

    kind: str
    date: dt.date | None
    link: Link | None


@dataclass(frozen=True, slots=True)
class Stay:
    """One register's contribution to a person's chain."""

    register: Register
    member: Member
    start: dt.date | None
    end: dt.date | None  # None: still in it (the register was current when certified)
    end_reason: str  # death | left | reformat | transfer | succession | closed | open
    inbound: Link | None
    outbound: Link | None


def _title(register: Register, date: dt.date | None, house_link: bool) -> str:
    """筆頭者 or 戸主 for the register a link names."""
    if date is not None and date < NEW_LAW_FROM:
        return "戸主"
    return "戸主" if house_link and register.head_title == "戸主" else "筆頭者"


def _dated(events: list[RegisterEvent]) -> RegisterEvent | None:
    dated = [e for e in events if e.date is not None]
    if dated:
        return min(dated, key=lambda e: e.date or dt.date.min)
    return events[0] if events else None


def _reformats(register: Register) -> tuple[list[RegisterEvent], RegisterEvent | None]:
    """The 改製 events that made the register, and the one that closed it (a 改製原戸籍's last)."""
    events = [e for e in register.events if e.type is RegisterEventType.REFORMATTED]
    if register.kind is not CertificateKind.PRE_REFORMAT or not events:
        return events, None
    last = max(events, key=lambda e: (e.date is not None, e.date or dt.date.min))
    return [e for e in events if e is not last], last


_MAKING = (RegisterEventType.CREATED, RegisterEventType.BRANCH_HOUSE, RegisterEventType.HOUSE_FOUNDED)
_CLOSING = (RegisterEventType.CLOSED, RegisterEventType.HOUSE_ABOLISHED, RegisterEventType.HOUSE_EXTINCT)


def _boundary_events(register: Register, making: bool) -> list[RegisterEvent]:
    """The events that made (``making``) or closed the register. 転籍 and 家督相続 do either, told
    apart by which side they name; 改製 makes the new register and closes the 改製原戸籍."""
    made, closed_by_reformat = _reformats(register)
    out = []
    for e in register.events:
        if e.type is RegisterEventType.REFORMATTED:
            hit = e in made if making else e is closed_by_reformat
        elif e.type is RegisterEventType.TRANSFERRED:
            hit = bool(e.previous_honseki if making else e.new_honseki)
        elif e.type is RegisterEventType.HEADSHIP_SUCCESSION:
            hit = (e.new_head is None) is making
        else:
            hit = e.type in (_MAKING if making else _CLOSING)
        if hit:
            out.append(e)
    return out


def _boundary(register: Register, making: bool) -> Boundary | None:
    event = _dated(_boundary_events(register, making))
    if event is None:
        return None
    date, old = event.date, register.head_title == "戸主"
    honseki, head = (
        (event.previous_honseki, event.previous_head) if making else (event.new_honseki, event.new_head)
    )
    if event.type is RegisterEventType.REFORMATTED:
        if not making:
            return Boundary("reformat", date, Link(register.ref, "post_reformat", date))
        split = head is not None and head.key != register.head.key
        title = "戸主" if split or is_showa32_reformat(event.reason) else _title(register, date, old)
        ref = RegisterRef(honseki or register.honseki, head or register.head)
        return Boundary("reformat", date, Link(ref, "pre_reformat", date, title))
    if event.type is RegisterEventType.TRANSFERRED and honseki:
        ref = RegisterRef(honseki, register.head)
        kind = "transfer_from" if making else "transfer_to"
        return Boundary("transfer", date, Link(ref, kind, date, _title(register, date, old)))
    if event.type is RegisterEventType.HEADSHIP_SUCCESSION:
        ref = RegisterRef(honseki or register.honseki, head)
        kind = "previous_head" if making else "successor"
        return Boundary("succession", date, Link(ref, kind, date, "戸主"))
    if event.type is RegisterEventType.BRANCH_HOUSE and honseki:
        return Boundary("branch", date, Link(RegisterRef(honseki, head), "main_house", date, "戸主"))
    kinds = {RegisterEventType.BRANCH_HOUSE: "branch", RegisterEventType.HOUSE_FOUNDED: "founded"}
    return Boundary(kinds.get(event.type, "created" if making else "closed"), date, None)


def creation(register: Register) -> Boundary | None:
    """How the register was made (the earliest dated of its making events)."""
    return _boundary(register, making=True)


def closing(register: Register) -> Boundary | None:
    """How the register was closed (the earliest dated of its closing events), if it was."""
    return _boundary(register, making=False)


_ENTRY_IN_KIND = {
    EntryType.REFORMAT: "pre_reformat",
    EntryType.HEADSHIP_SUCCESSION: "previous_head",
    EntryType.BRANCH_HOUSE: "main_house",
}


def _inbound(register: Register, entry: Entry) -> Link | None:
    ref = entry.previous_register
    if ref is None:
        return None
    kind = _ENTRY_IN_KIND.get(entry.type, "previous")
    date = entry.effective_date
    house = kind != "previous" or register.head_title == "戸主"
    title = (
        "戸主"
        if kind == "pre_reformat" and is_showa32_reformat(entry.reason)
        else _title(register, date, house)
    )
    if kind == "pre_reformat" and ref.head is not None and ref.head.key != register.head.key:
        title = "戸主"  # a member moved out of a house register by the 昭和32年 改製
    return Link(ref, kind, date, title)


def _outbound(register: Register, entry: Entry) -> Link | None:
    ref = entry.next_register
    if ref is None:
        return None
    date = entry.effective_date
    kind = "post_reformat" if entry.type is EntryType.REFORMAT else "next"
    return Link(ref, kind, date, _title(register, date, False))


def stay_of(register: Register, member: Member) -> Stay:
    """The period ``member`` spent in ``register`` and the links in and out."""
    inbound_entries = [e for e in member.entries if e.previous_register is not None and e.effective_date]
    made = creation(register)
    birth = member.birth_date
    start: dt.date | None = None
    inbound: Link | None = None
    created_on = made.date if made else None
    if made is not None and created_on is not None:
        later = [e for e in inbound_entries if e.effective_date and e.effective_date >= created_on]
        if later:
            entry = max(later, key=lambda e: e.effective_date or dt.date.min)
            start, inbound = entry.effective_date, _inbound(register, entry)
        elif made.link is not None and (birth is None or birth < created_on):
            start, inbound = created_on, made.link
        elif birth is not None and birth >= created_on:
            start = birth
        else:
            start = created_on
            earlier = [e for e in inbound_entries if e.effective_date and e.effective_date <= created_on]
            if earlier:
                entry = max(earlier, key=lambda e: e.effective_date or dt.date.min)
                inbound = _inbound(register, entry)
    elif inbound_entries:
        entry = max(inbound_entries, key=lambda e: e.effective_date or dt.date.min)
        start, inbound = entry.effective_date, _inbound(register, entry)
    elif member.entries_of(EntryType.BIRTH) or birth is not None:
        start = birth

    # (date, rank, reason, link): on one day a death ends the stay before anything else, and a
    # member's own outbound entry says more than the register's closing
    ends: list[tuple[dt.date, int, str, Link | None]] = []
    death = member.death
    if death and death.effective_date:
        ends.append((death.effective_date, 0, "death", None))
    for e in member.entries:
        d = e.effective_date
        link = _outbound(register, e)
        if link is not None and d and (start is None or d >= start):
            ends.append((d, 1, "left", link))
    closed = closing(register)
    if closed and closed.date:
        ends.append((closed.date, 2, closed.kind, closed.link))
    end: dt.date | None
    if ends:
        end, _, reason, outbound = min(ends, key=lambda t: (t[0], t[1]))
    elif member.removed:
        removal_dates = [e.effective_date for e in member.entries if e.effective_date]
        end, reason, outbound = max(removal_dates, default=start), "left", None
    else:
        end, reason, outbound = None, "open", None
    return Stay(register, member, start, end, reason, inbound, outbound)


def names_register(ref: RegisterRef, register: Register) -> bool:
    """Whether ``ref`` (本籍 and, when given, head) names ``register``."""
    return place_key(ref.honseki) == register.key[0] and (
        ref.head is None or ref.head.key == register.head.key
    )


def link_resolved(stay: Stay, link: Link, stays: list[Stay]) -> bool:
    """Whether another of the person's stays is the register ``link`` points to — by its 本籍 and
    head, or because that register's own link points back at ``stay``'s register (a 昭和32年 改製
    split or a 家督相続 names the predecessor, not the successor)."""
    outbound = link.outbound
    for other in stays:
        if other is stay or other.register is stay.register:
            continue
        if not _consistent(link, other):
            continue
        if link.kind == "pre_reformat" and other.register.kind is not CertificateKind.PRE_REFORMAT:
            continue
        if names_register(link.ref, other.register):
            return True
        back = other.inbound if outbound else other.outbound
        if back is not None and names_register(back.ref, stay.register):
            return True
    return False


def _consistent(link: Link, other: Stay) -> bool:
    """The other stay is where the person was on the link's date (entering it or leaving it)."""
    d = link.date
    return d is None or ((other.start is None or other.start <= d) and (other.end is None or other.end >= d))
