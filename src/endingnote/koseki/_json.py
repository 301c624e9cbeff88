"""The JSON form of a register (``standard/koseki/1.0/schema.json``): read with findings, write.

:func:`register_from_json` never raises for bad data: it returns the register it could build
(or ``None``) and every :class:`~endingnote.Issue`, each at the JSON pointer of the field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from typing import Any, TypeVar

from endingnote import _codes
from endingnote._issues import Issue
from endingnote._limits import Limit
from endingnote.koseki import _codes as _koseki_codes  # noqa: F401 - registers the codes
from endingnote.koseki._limits import ITEMS, MEMBERS, VALUE_CHARS
from endingnote.koseki._model import (
    HEAD_TITLES,
    CertificateKind,
    Certification,
    Entry,
    EntryType,
    Furigana,
    Member,
    Name,
    Register,
    RegisterEvent,
    RegisterEventType,
    RegisterRef,
)

FORMAT = "endingnote-koseki/1.0"
MAX_TEXT = VALUE_CHARS.value
T = TypeVar("T")

_NAME_KEYS = {"text", "family", "given"}
_REF_KEYS = {"honseki", "head"}
_FURIGANA_KEYS = {"family", "given", "source", "recorded_on"}
_FURIGANA_SOURCES = ("notified", "filed", "ex_officio", "birth_report")
_EVENT_TEXT_KEYS = ("date_text", "reason", "previous_honseki", "new_honseki")
_EVENT_NAME_KEYS = ("previous_head", "new_head")
_EVENT_KEYS = {"type", "date", "extra", *_EVENT_TEXT_KEYS, *_EVENT_NAME_KEYS}
_CERTIFICATION_KEYS = {"statement", "scope", "seal"}
_SCOPES = ["全部", "一部"]
_ENTRY_DATE_KEYS = ("date", "reported_on", "decree_date", "deemed_death_date")
_ENTRY_TEXT_KEYS = (
    "date_text", "place", "reporter", "previous_name", "nationality", "reason", "co_adopter", "proxy",
)  # fmt: skip
_ENTRY_NAME_KEYS = ("counterpart", "adoptive_father", "adoptive_mother")
_ENTRY_REF_KEYS = ("previous_register", "next_register")
_ENTRY_KEYS = {
    "type", "time", "time_estimated", "role", "extra",
    *_ENTRY_DATE_KEYS, *_ENTRY_TEXT_KEYS, *_ENTRY_NAME_KEYS, *_ENTRY_REF_KEYS,
}  # fmt: skip
_MEMBER_NAME_KEYS = ("father", "mother", "adoptive_father", "adoptive_mother")
_MEMBER_TEXT_KEYS = (
    "relationship", "adoptive_relationship", "person_id", "birth_date_text", "head_relationship",
)  # fmt: skip
_MEMBER_KEYS = {
    "name", "birth_date", "spouse_role", "removed", "furigana", "entries",
    *_MEMBER_NAME_KEYS, *_MEMBER_TEXT_KEYS,
}  # fmt: skip
_REGISTER_KEYS = {
    "format", "id", "kind", "honseki", "head", "head_title", "events", "members", "issued_on", "issuer",
    "certification",
}  # fmt: skip
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")
_TYPE_JA = {"object": "オブジェクト", "string": "文字列", "array": "配列", "boolean": "真偽値"}


class _Reader:
    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def add(self, code: str, path: str, **params: Any) -> None:
        self.issues.append(_codes.issue(code, path, **params))

    def obj(self, value: Any, path: str, allowed: set[str], required: tuple[str, ...] = ()) -> bool:
        if not isinstance(value, dict):
            self.add("koseki.json.type", path, expected=_TYPE_JA["object"], expected_en="an object")
            return False
        for key in sorted(set(value) - allowed):
            self.add("koseki.json.unknown_field", f"{path}/{key}", field=key)
        for key in required:
            if key not in value:
                self.add("koseki.json.missing", path, field=key)
        return True

    def text(self, d: dict[str, Any], key: str, path: str) -> str | None:
        value = d.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.add(
                "koseki.json.type",
                f"{path}/{key}",
                expected="空でない文字列",
                expected_en="a non-empty string",
            )
            return None
        if len(value) > MAX_TEXT:  # the schema's maxLength
            self.add(
                "koseki.json.too_long",
                f"{path}/{key}",
                limit=VALUE_CHARS.describe("ja"),
                limit_en=VALUE_CHARS.describe("en"),
            )
            return None
        return value

    def date(self, d: dict[str, Any], key: str, path: str) -> dt.date | None:
        value = d.get(key)
        if value is None:
            return None
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.add("koseki.json.date", f"{path}/{key}", value=repr(value))
        return None

    def enum(
        self, d: dict[str, Any], key: str, path: str, enum_: Callable[[str], T], allowed: list[str]
    ) -> T | None:
        value = d.get(key)
        if value is None:
            return None
        if isinstance(value, str) and value in allowed:
            return enum_(value)
        self.add("koseki.json.enum", f"{path}/{key}", value=repr(value), allowed=", ".join(allowed))
        return None

    def name(self, value: Any, path: str) -> Name | None:
        if value is None:
            return None
        if not self.obj(value, path, _NAME_KEYS):
            return None
        family, given, text = (self.text(value, k, path) for k in ("family", "given", "text"))
        if text is None and given is None:
            self.add("koseki.json.missing", path, field="text | given")
            return None
        return Name(text or f"{family or ''}{given}", family, given)

    def ref(self, value: Any, path: str) -> RegisterRef | None:
        if value is None:
            return None
        if not self.obj(value, path, _REF_KEYS, ("honseki",)):
            return None
        honseki = self.text(value, "honseki", path)
        head = self.name(value.get("head"), f"{path}/head")
        return RegisterRef(honseki, head) if honseki else None

    def extras(self, d: dict[str, Any], path: str) -> dict[str, str]:
        value = d.get("extra")
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            self.add(
                "koseki.json.type", f"{path}/extra", expected="文字列の対応表", expected_en="a map of strings"
            )
            return {}
        return dict(value)

    def array(self, d: dict[str, Any], key: str, path: str, limit: Limit = ITEMS) -> list[Any]:
        value = d.get(key, [])
        if not isinstance(value, list):
            self.add("koseki.json.type", f"{path}/{key}", expected=_TYPE_JA["array"], expected_en="an array")
            return []
        if limit.exceeded(len(value)):  # the schema's maxItems
            self.add(
                "koseki.json.too_many",
                f"{path}/{key}",
                count=len(value),
                limit=limit.describe("ja"),
                limit_en=limit.describe("en"),
            )
            return []
        return value


def _entry(r: _Reader, value: Any, path: str) -> Entry | None:
    if not r.obj(value, path, _ENTRY_KEYS, ("type",)):
        return None
    type_ = r.enum(value, "type", path, EntryType, [t.value for t in EntryType])
    if type_ is None:
        return None
    dates: dict[str, Any] = {k: r.date(value, k, path) for k in _ENTRY_DATE_KEYS}
    texts: dict[str, Any] = {k: r.text(value, k, path) for k in _ENTRY_TEXT_KEYS}
    names: dict[str, Any] = {k: r.name(value.get(k), f"{path}/{k}") for k in _ENTRY_NAME_KEYS}
    refs: dict[str, Any] = {k: r.ref(value.get(k), f"{path}/{k}") for k in _ENTRY_REF_KEYS}
    time = r.text(value, "time", path)
    if time is not None and not _TIME.match(time):
        r.add("koseki.json.pattern", f"{path}/time", value=repr(time))
        time = None
    estimated = value.get("time_estimated", False)
    if not isinstance(estimated, bool):
        r.add(
            "koseki.json.type",
            f"{path}/time_estimated",
            expected=_TYPE_JA["boolean"],
            expected_en="a boolean",
        )
        estimated = False
    role = r.enum(value, "role", path, str, ["child", "parent"])
    return Entry(
        type=type_, time=time, time_estimated=estimated, role=role, extra=r.extras(value, path),
        **dates, **texts, **names, **refs,
    )  # fmt: skip


def _member(r: _Reader, value: Any, path: str, family: str | None) -> Member | None:
    if not r.obj(value, path, _MEMBER_KEYS, ("name", "birth_date")):
        return None
    name = r.name(value.get("name"), f"{path}/name")
    if name is None:
        return None
    if name.family is None and name.given is not None and family:
        name = Name.of(family, name.given)
    names: dict[str, Any] = {k: r.name(value.get(k), f"{path}/{k}") for k in _MEMBER_NAME_KEYS}
    texts: dict[str, Any] = {k: r.text(value, k, path) for k in _MEMBER_TEXT_KEYS}
    if texts["person_id"] is not None and not _ID.match(texts["person_id"]):
        r.add("koseki.json.pattern", f"{path}/person_id", value=repr(texts["person_id"]))
        texts["person_id"] = None
    removed = value.get("removed", False)
    if not isinstance(removed, bool):
        r.add("koseki.json.type", f"{path}/removed", expected=_TYPE_JA["boolean"], expected_en="a boolean")
        removed = False
    furigana = None
    fv = value.get("furigana")
    if fv is not None and r.obj(fv, f"{path}/furigana", _FURIGANA_KEYS):
        furigana = Furigana(
            r.text(fv, "family", f"{path}/furigana"),
            r.text(fv, "given", f"{path}/furigana"),
            r.enum(fv, "source", f"{path}/furigana", str, list(_FURIGANA_SOURCES)),
            r.date(fv, "recorded_on", f"{path}/furigana"),
        )
    entries = [_entry(r, e, f"{path}/entries/{i}") for i, e in enumerate(r.array(value, "entries", path))]
    return Member(
        name=name,
        birth_date=r.date(value, "birth_date", path),
        spouse_role=r.enum(value, "spouse_role", path, str, ["夫", "妻"]),
        removed=removed,
        furigana=furigana,
        entries=tuple(e for e in entries if e is not None),
        **names,
        **texts,
    )


def _event(r: _Reader, value: Any, path: str) -> RegisterEvent | None:
    if not r.obj(value, path, _EVENT_KEYS, ("type",)):
        return None
    type_ = r.enum(value, "type", path, RegisterEventType, [t.value for t in RegisterEventType])
    if type_ is None:
        return None
    texts: dict[str, Any] = {k: r.text(value, k, path) for k in _EVENT_TEXT_KEYS}
    names: dict[str, Any] = {k: r.name(value.get(k), f"{path}/{k}") for k in _EVENT_NAME_KEYS}
    return RegisterEvent(
        type=type_, date=r.date(value, "date", path), extra=r.extras(value, path), **texts, **names
    )


def _certification(r: _Reader, value: Any, path: str) -> Certification | None:
    if value is None or not r.obj(value, path, _CERTIFICATION_KEYS, ("statement",)):
        return None
    statement = r.text(value, "statement", path)
    scope = r.enum(value, "scope", path, str, _SCOPES)
    seal = r.text(value, "seal", path)
    return Certification(statement, scope or "全部", seal) if statement else None


def register_from_json(doc: Any, source: str | None = None) -> tuple[Register | None, list[Issue]]:
    """Build a :class:`Register` from its JSON form; return it (or ``None``) and every finding."""
    r = _Reader()
    if not r.obj(doc, "", _REGISTER_KEYS, ("format", "honseki", "head", "members")):
        return None, r.issues
    if "format" in doc and doc["format"] != FORMAT:
        r.add("koseki.json.format", "/format", value=repr(doc["format"]))
        return None, r.issues
    honseki = r.text(doc, "honseki", "")
    head = r.name(doc.get("head"), "/head")
    kind = r.enum(doc, "kind", "", CertificateKind, [k.value for k in CertificateKind])
    reg_id = r.text(doc, "id", "")
    if reg_id is not None and not _ID.match(reg_id):
        r.add("koseki.json.pattern", "/id", value=repr(reg_id))
    events = [_event(r, e, f"/events/{i}") for i, e in enumerate(r.array(doc, "events", ""))]
    family = head.family if head else None
    members = [
        _member(r, m, f"/members/{i}", family) for i, m in enumerate(r.array(doc, "members", "", MEMBERS))
    ]
    issued_on = r.date(doc, "issued_on", "")
    issuer = r.text(doc, "issuer", "")
    head_title = r.enum(doc, "head_title", "", str, list(HEAD_TITLES))
    certification = _certification(r, doc.get("certification"), "/certification")
    if r.issues or honseki is None or head is None:
        return None, r.issues
    register = Register(
        honseki=honseki,
        head=head,
        kind=kind or CertificateKind.FULL,
        events=tuple(e for e in events if e is not None),
        members=tuple(m for m in members if m is not None),
        issued_on=issued_on,
        issuer=issuer,
        id=reg_id,
        source=source,
        head_title=head_title or "筆頭者",
        certification=certification,
    )
    return register, []


# --- writing ------------------------------------------------------------------------------------


def _name_json(name: Name | None) -> dict[str, str] | None:
    if name is None:
        return None
    if name.family is not None and name.given is not None and name.text == f"{name.family}{name.given}":
        return {"family": name.family, "given": name.given}
    out = {"text": name.text}
    if name.family is not None:
        out["family"] = name.family
    if name.given is not None:
        out["given"] = name.given
    return out


def _ref_json(ref: RegisterRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    out: dict[str, Any] = {"honseki": ref.honseki}
    if ref.head is not None:
        out["head"] = _name_json(ref.head)
    return out


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != {} and v != [] and v is not False}


def _entry_json(e: Entry) -> dict[str, Any]:
    out: dict[str, Any] = {"type": e.type.value}
    out |= {k: _iso(getattr(e, k)) for k in _ENTRY_DATE_KEYS}
    out |= {k: getattr(e, k) for k in _ENTRY_TEXT_KEYS}
    out |= {"time": e.time, "time_estimated": e.time_estimated, "role": e.role}
    out |= {k: _name_json(getattr(e, k)) for k in _ENTRY_NAME_KEYS}
    out |= {k: _ref_json(getattr(e, k)) for k in _ENTRY_REF_KEYS}
    out["extra"] = dict(e.extra)
    return _clean(out)


def _member_json(m: Member) -> dict[str, Any]:
    out: dict[str, Any] = {"name": _name_json(m.name), "birth_date": _iso(m.birth_date)}
    out |= {k: _name_json(getattr(m, k)) for k in _MEMBER_NAME_KEYS}
    out |= {k: getattr(m, k) for k in _MEMBER_TEXT_KEYS}
    out |= {"spouse_role": m.spouse_role, "removed": m.removed}
    if m.furigana:
        f = m.furigana
        out["furigana"] = _clean(
            {"family": f.family, "given": f.given, "source": f.source, "recorded_on": _iso(f.recorded_on)}
        )
    out["entries"] = [_entry_json(e) for e in m.entries]
    cleaned = _clean(out)
    cleaned.setdefault("birth_date", None)  # required, may be null
    return cleaned


def register_to_json(register: Register) -> dict[str, Any]:
    """The JSON form of ``register`` (``source`` is not serialised)."""
    events = [
        _clean(
            {"type": e.type.value, "date": _iso(e.date)}
            | {k: getattr(e, k) for k in _EVENT_TEXT_KEYS}
            | {k: _name_json(getattr(e, k)) for k in _EVENT_NAME_KEYS}
            | {"extra": dict(e.extra)}
        )
        for e in register.events
    ]
    certification = register.certification
    out: dict[str, Any] = {
        "format": FORMAT,
        "id": register.id,
        "kind": register.kind.value,
        "honseki": register.honseki,
        "head": _name_json(register.head),
        "head_title": register.head_title if register.head_title != "筆頭者" else None,
        "events": events,
        "members": [_member_json(m) for m in register.members],
        "issued_on": _iso(register.issued_on),
        "issuer": register.issuer,
        "certification": _clean(
            {"statement": certification.statement, "scope": certification.scope, "seal": certification.seal}
        )
        if certification
        else None,
    }
    cleaned = _clean(out)
    cleaned["members"] = out["members"]
    return cleaned


def fingerprint(register: Register) -> str:
    """SHA-256 of the register's canonical JSON: equal for equal content, whatever file it came from."""
    text = json.dumps(register_to_json(register), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
