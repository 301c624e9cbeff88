"""checklist.ics read back by a small RFC 5545 parser of our own; folding and escaping round-trip."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from endingnote.importer._checklist import Task, build_checklist
from endingnote.importer._ics import escape_text, fold_line, to_ics

ROOT = Path(__file__).resolve().parents[2]
GENERATED = dt.datetime(2026, 2, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))


def unfold(data: bytes) -> list[str]:
    """Content lines: CRLF only, continuation lines start with one space (removed with the CRLF)."""
    assert data.endswith(b"\r\n")
    physical = data[:-2].split(b"\r\n")
    assert all(b"\n" not in p and b"\r" not in p for p in physical)
    assert all(len(p) <= 75 for p in physical), [len(p) for p in physical if len(p) > 75]
    for p in physical:
        p.decode("utf-8")  # folding never splits a UTF-8 character
    logical: list[bytes] = []
    for p in physical:
        if p.startswith(b" "):
            logical[-1] += p[1:]
        else:
            logical.append(p)
    return [x.decode("utf-8") for x in logical]


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == "\\":
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            assert c not in ";,", f"unescaped {c!r}"
            out.append(c)
            i += 1
    return "".join(out)


def parse(data: bytes) -> dict[str, Any]:
    cal: dict[str, Any] = {"events": []}
    current: dict[str, str] | None = None
    for line in unfold(data):
        name_params, _, value = line.partition(":")
        name = name_params.split(";")[0]
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            cal["events"].append(current)
            current = None
        elif current is not None:
            current[name] = unescape(value) if name in {"SUMMARY", "DESCRIPTION"} else value
        else:
            cal[name] = value
    return cal


def _tasks() -> list[Task]:
    doc = json.loads((ROOT / "standard/1.1/generated/examples/full.json").read_text("utf-8"))
    return build_checklist(doc, dt.date(2024, 11, 30))


def test_calendar_reads_back() -> None:
    tasks = _tasks()
    data = to_ics(tasks, decedent_name="山田 太郎", generated=GENERATED)
    cal = parse(data)
    assert cal["BEGIN"] == "VCALENDAR" and cal["VERSION"] == "2.0" and cal["PRODID"]
    dated = [t for t in tasks if t.due]
    assert len(cal["events"]) == len(dated)
    by_summary = {e["SUMMARY"]: e for e in cal["events"]}
    renounce = by_summary["【期限】相続放棄・限定承認の判断(家庭裁判所)"]
    assert renounce["DTSTART"] == "20250228" and renounce["DTEND"] == "20250301"
    assert "民法915条1項" in renounce["DESCRIPTION"]
    assert all(e["DTSTAMP"] == "20260201T003000Z" for e in cal["events"])


def test_uids_are_stable_and_distinct() -> None:
    tasks = _tasks()
    a = parse(to_ics(tasks, decedent_name="山田 太郎", generated=GENERATED))
    b = parse(to_ics(tasks, decedent_name="山田 太郎", generated=GENERATED + dt.timedelta(days=3)))
    c = parse(to_ics(tasks, decedent_name="山田 花子", generated=GENERATED))
    uids = [e["UID"] for e in a["events"]]
    assert len(set(uids)) == len(uids)
    assert uids == [e["UID"] for e in b["events"]]
    assert not set(uids) & {e["UID"] for e in c["events"]}


def test_hostile_text_cannot_inject_properties() -> None:
    task = Task(
        "k", "x\r\nEND:VEVENT\r\nBEGIN:VEVENT;a,b\\", "t", dt.date(2026, 1, 1), "b", "b", "w", "statutory"
    )
    cal = parse(to_ics([task], decedent_name="n", generated=GENERATED))
    assert len(cal["events"]) == 1
    assert cal["events"][0]["SUMMARY"] == "【期限】x\nEND:VEVENT\nBEGIN:VEVENT;a,b\\"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300))
def test_fold_and_escape_round_trip(text: str) -> None:
    data = fold_line("SUMMARY:" + escape_text(text))
    (line,) = unfold(data)
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    # control characters other than tab and line breaks are not allowed in TEXT: they are dropped
    expected = "".join(c for c in expected if c in "\t\n" or not (c < " " or c == "\x7f"))
    decoded = unescape(line.removeprefix("SUMMARY:"))
    assert decoded == expected
    assert not any(c < " " and c != "\t" for c in line)


GOLDEN = Path(__file__).parent / "golden" / "checklist-2024-11-30.ics"


def test_golden_calendar() -> None:
    """The published calendar for the full example, byte for byte (regenerate: ENDINGNOTE_UPDATE_GOLDEN=1)."""
    import os

    data = to_ics(_tasks(), decedent_name="山田 太郎", generated=GENERATED)
    if os.environ.get("ENDINGNOTE_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_bytes(data)
    assert data == GOLDEN.read_bytes()
