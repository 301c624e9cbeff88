"""The checklist as an iCalendar file (RFC 5545), written with ``icalendar`` (maintained).

One all-day VEVENT per task that has a date: the statutory deadline (【期限】), or for a contract,
account or policy its target (【目安】, not a statutory deadline; see :mod:`._checklist`). VEVENT
rather than VTODO: every common calendar (Google, Apple, Outlook) shows all-day events, while VTODO
support is patchy. Each event carries two reminders (VALARM, DISPLAY): 09:00 a week before and
09:00 the day before.

UIDs are stable — a hash of the decedent's name (the register's spelling) and the task key — and
SEQUENCE grows with the generation time, so importing again updates the events rather than
duplicating them. Control characters, which TEXT values may not hold, are dropped; the library
escapes ``\\ ; ,`` and line breaks and folds lines at 75 octets.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from endingnote.importer._checklist import Task

__all__ = ["PRODID", "to_ics"]

PRODID = "-//endingnote//heir import//JA"
_CONTROLS = {c: None for c in (*range(0x00, 0x09), *range(0x0B, 0x0D), *range(0x0E, 0x20), 0x7F)}
_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
# all-day events start at 00:00 local time: 09:00 a week before, and 09:00 the day before
_REMINDERS = (
    (dt.timedelta(days=-6, hours=-15), "1週間後", "in a week"),
    (dt.timedelta(hours=-15), "明日", "tomorrow"),
)


def _clean(value: str) -> str:
    """TEXT may not contain control characters other than tab and line breaks."""
    return value.translate(_CONTROLS).replace("\r\n", "\n").replace("\r", "\n")


def _uid(decedent_name: str, key: str) -> str:
    digest = hashlib.sha256(f"{decedent_name}\x00{key}".encode()).hexdigest()[:32]
    return f"{digest}@endingnote"


def _description(task: Task) -> str:
    lines = [task.title_en]
    if task.rule_ja:
        lines.append(("期限の数え方: " if task.due else "") + task.rule_ja)
    lines.append(f"根拠: {task.basis_ja}")
    if task.where_ja:
        lines.append(f"窓口: {task.where_ja}")
    if task.contract_id:
        lines.append(f"契約番号等: {task.contract_id}")
    if task.desired_action:
        lines.append(f"故人の希望: {task.desired_action}")
    if task.contact:
        lines.append(f"連絡先: {task.contact}")
    if task.rule_en:
        lines.append(task.rule_en)
    lines.append(f"Basis: {task.basis_en}")
    return "\n".join(lines)


def to_ics(tasks: list[Task], *, decedent_name: str, generated: dt.datetime) -> bytes:
    """The calendar of every dated task (deadlines and targets), with reminders."""
    from icalendar import Alarm, Calendar, Event

    stamp = generated.astimezone(dt.UTC)
    sequence = max(0, int((stamp - _EPOCH).total_seconds() // 60))
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _clean(f"{decedent_name} 様の手続き / Procedures"))
    for task in tasks:
        day = task.date
        if day is None:
            continue
        mark = "【期限】" if task.due is not None else "【目安】"
        summary = _clean(f"{mark}{task.title_ja}")
        event = Event()
        event.add("uid", _uid(decedent_name, task.key))
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", summary)
        event.add("description", _clean(_description(task)))
        event.add("transp", "TRANSPARENT")
        for trigger, when_ja, when_en in _REMINDERS:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", trigger)
            alarm.add("description", _clean(f"{when_ja}: {summary} / {when_en}: {task.title_en}"))
            event.add_component(alarm)
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
