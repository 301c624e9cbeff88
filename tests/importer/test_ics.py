"""checklist.ics read back by ``icalendar`` and checked at the byte level (CRLF, 75-octet folding)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from endingnote.importer._checklist import Task, build_checklist
from endingnote.importer._ics import to_ics

ROOT = Path(__file__).resolve().parents[2]
GENERATED = dt.datetime(2026, 2, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))


def physical_lines(data: bytes) -> list[bytes]:
    """RFC 5545 3.1: CRLF line ends, no line longer than 75 octets, no UTF-8 character split."""
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    assert all(b"\n" not in p and b"\r" not in p for p in lines)
    assert all(len(p) <= 75 for p in lines), [len(p) for p in lines if len(p) > 75]
    for p in lines:
        p.decode("utf-8")
    return lines


def parse(data: bytes) -> dict[str, Any]:
    """The calendar as plain values: {"events": [{"SUMMARY": …, "UID": …, "alarms": [...]}, …]}."""
    physical_lines(data)
    cal = Calendar.from_ical(data)
    out: dict[str, Any] = {"name": str(cal.get("x-wr-calname")), "events": []}
    for ev in cal.walk("VEVENT"):
        out["events"].append(
            {
                "UID": str(ev["uid"]),
                "SUMMARY": str(ev["summary"]),
                "DESCRIPTION": str(ev["description"]),
                "DTSTART": ev.decoded("dtstart"),
                "DTEND": ev.decoded("dtend"),
                "SEQUENCE": int(ev["sequence"]),
                "alarms": [a.decoded("trigger") for a in ev.walk("VALARM")],
            }
        )
    return out


def _tasks() -> list[Task]:
    doc = json.loads((ROOT / "standard/1.1/generated/examples/full.json").read_text("utf-8"))
    return build_checklist(doc, dt.date(2024, 11, 30))


def test_calendar_reads_back() -> None:
    tasks = _tasks()
    cal = parse(to_ics(tasks, decedent_name="山田　太郎", generated=GENERATED))
    assert cal["name"].startswith("山田　太郎")
    assert len(cal["events"]) == len(tasks)  # contract tasks too, on their target date
    by_summary = {e["SUMMARY"]: e for e in cal["events"]}
    renounce = by_summary["【期限】相続放棄・限定承認の申述(家庭裁判所)"]
    assert renounce["DTSTART"] == dt.date(2025, 2, 28) and renounce["DTEND"] == dt.date(2025, 3, 1)
    assert "民法915条1項" in renounce["DESCRIPTION"] and "民法140条" in renounce["DESCRIPTION"]
    contracts = [e for e in cal["events"] if e["SUMMARY"].startswith("【目安】")]
    assert len(contracts) == sum(1 for t in tasks if t.category == "contract") > 0
    assert all(e["DTSTART"] == dt.date(2025, 2, 28) for e in contracts)
    assert "法定の期限はありません" in contracts[0]["DESCRIPTION"]


def test_every_event_reminds_a_week_and_a_day_before() -> None:
    cal = parse(to_ics(_tasks(), decedent_name="山田　太郎", generated=GENERATED))
    for e in cal["events"]:
        start = dt.datetime.combine(e["DTSTART"], dt.time())
        fires = sorted(start + t for t in e["alarms"])
        assert fires == [
            start - dt.timedelta(days=7) + dt.timedelta(hours=9),
            start - dt.timedelta(days=1) + dt.timedelta(hours=9),
        ]


def test_uids_are_stable_and_a_later_import_is_an_update() -> None:
    tasks = _tasks()
    a = parse(to_ics(tasks, decedent_name="山田　太郎", generated=GENERATED))
    b = parse(to_ics(tasks, decedent_name="山田　太郎", generated=GENERATED + dt.timedelta(days=3)))
    c = parse(to_ics(tasks, decedent_name="山田　花子", generated=GENERATED))
    uids = [e["UID"] for e in a["events"]]
    assert len(set(uids)) == len(uids)
    assert uids == [e["UID"] for e in b["events"]]
    assert all(y["SEQUENCE"] > x["SEQUENCE"] for x, y in zip(a["events"], b["events"], strict=True))
    assert not set(uids) & {e["UID"] for e in c["events"]}


def test_hostile_text_cannot_inject_properties() -> None:
    task = Task(
        "k", "x\r\nEND:VEVENT\r\nBEGIN:VEVENT;a,b\\\x07", "t", dt.date(2026, 1, 1), "b", "b", "w", "statutory"
    )
    data = to_ics([task], decedent_name="n", generated=GENERATED)
    cal = parse(data)
    assert len(cal["events"]) == 1
    assert cal["events"][0]["SUMMARY"] == "【期限】x\nEND:VEVENT\nBEGIN:VEVENT;a,b\\"
    assert physical_lines(data).count(b"BEGIN:VEVENT") == 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300))
def test_any_title_round_trips(text: str) -> None:
    task = Task("k", text, "t", dt.date(2026, 1, 1), "b", "b", "w", "statutory")
    (event,) = parse(to_ics([task], decedent_name="n", generated=GENERATED))["events"]
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    expected = "".join(c for c in expected if c in "\t\n" or not (c < " " or c == "\x7f"))
    assert event["SUMMARY"] == "【期限】" + expected
