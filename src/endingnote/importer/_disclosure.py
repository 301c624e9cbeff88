"""The note's disclosure rules (standard 1.1 ``disclosure_rule``) applied for one claimant.

A rule's ``section`` is ``all``, ``category:<key>`` or a record type key; its ``audience`` is
``all_heirs``, ``named_persons`` (``persons``: ``family_member`` ids), ``executor`` or ``nobody``.
The narrower rule wins (record type > category > all); several rules on the same section must
all allow the claimant (the most restrictive reading). A section without a rule goes to all heirs.

Notes of standard 1.0 have no rules: the decedent expressed no restriction (1.0 could not express
one), so everything goes to all heirs, and an ``importer.no_rules`` finding says so.

Always kept: ``header`` and ``person`` (the decedent's identity, which the heir already knows from
the registers and every procedure needs). The executor is whoever the note names: ``will[].executor``
or ``posthumous_mandate[].mandatary_person``; with no such field nobody qualifies as executor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote.importer._records import records

ALWAYS_KEPT = frozenset({"header", "person"})
AUDIENCES = ("all_heirs", "named_persons", "executor", "nobody")


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is asking: an heir identified by name and birth date, or (``name`` None) a professional
    presenting an attestation on behalf of all heirs."""

    is_heir: bool
    name: str | None = None
    birth_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Withheld:
    section: str
    label_ja: str
    label_en: str
    audience: str

    def to_dict(self) -> dict[str, str]:
        return {
            "section": self.section,
            "label_ja": self.label_ja,
            "label_en": self.label_en,
            "audience": self.audience,
        }


@dataclass(slots=True)
class Disclosure:
    document: dict[str, Any]
    withheld: list[Withheld] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    executor_names: list[str] = field(default_factory=list)
    viewer_family_members: list[str] = field(default_factory=list)
    viewer_is_executor: bool = False


def _key(text: str) -> str:
    from endingnote.koseki.names import name_key

    return name_key(text)


def _person_name(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        family, given = value.get("family"), value.get("given")
        if isinstance(family, str) and isinstance(given, str):
            return family + given
    return None


def executor_names(doc: Mapping[str, Any]) -> list[str]:
    """The executor(s) the note names (will executor, posthumous-mandate mandatary)."""
    names: list[str] = []
    for will in records(doc.get("will")):
        if (text := _person_name(will.get("executor"))) is not None:
            names.append(text)
    for mandate in records(doc.get("posthumous_mandate")):
        if (text := _person_name(mandate.get("mandatary_person"))) is not None:
            names.append(text)
    return names


def _is_executor(viewer: Viewer, names: Sequence[str]) -> bool:
    """The claimant's name appears in an executor field (titles such as 司法書士 may precede it)."""
    if viewer.name is None:
        return False
    mine = _key(viewer.name)
    return bool(mine) and any(_key(n).endswith(mine) for n in names)


def _family_member_ids(doc: Mapping[str, Any], viewer: Viewer) -> list[str]:
    """``family_member`` records naming the claimant: same name (up to notation) and, when the
    record gives one, the same date of birth."""
    if viewer.name is None:
        return []
    mine = _key(viewer.name)
    ids = []
    for member in records(doc.get("family_member")):
        name = _person_name(member.get("name"))
        if name is None or _key(name) != mine or not isinstance(member.get("id"), str):
            continue
        born = member.get("birth_date")
        if isinstance(born, str) and viewer.birth_date is not None and born != viewer.birth_date.isoformat():
            continue
        ids.append(member["id"])
    return ids


def _allows(rule: Mapping[str, Any], viewer: Viewer, member_ids: Sequence[str], executor: bool) -> bool:
    audience = rule.get("audience")
    if audience == "all_heirs":
        return viewer.is_heir
    if audience == "named_persons":
        persons = rule.get("persons")
        return isinstance(persons, list) and any(p in member_ids for p in persons)
    if audience == "executor":
        return executor
    return False  # "nobody" and anything unknown: withhold


def apply_disclosure(doc: Mapping[str, Any], viewer: Viewer) -> Disclosure:
    """The part of ``doc`` the viewer may see, and what was withheld (names only, never content)."""
    from endingnote.standard import get as get_standard

    header = doc.get("header")
    version = str(header.get("standard", "1.0")) if isinstance(header, Mapping) else "1.0"
    try:
        types = get_standard(version).records
    except Exception:  # an unknown version: categories unknown, record keys still apply
        types = {}
    rules = records(doc.get("disclosure_rule"))
    executors = executor_names(doc)
    member_ids = _family_member_ids(doc, viewer)
    executor = _is_executor(viewer, executors)
    out = Disclosure(
        document={},
        executor_names=executors,
        viewer_family_members=member_ids,
        viewer_is_executor=executor,
    )
    if not rules:
        out.issues.append(issue("importer.no_rules", "/disclosure_rule", version=version))
    for key, value in doc.items():
        if key in ALWAYS_KEPT:
            out.document[key] = value
            continue
        record = types.get(key)
        category = record.category if record is not None else None
        chosen: list[Mapping[str, Any]] = []
        for section in (key, f"category:{category}" if category else None, "all"):
            chosen = [r for r in rules if section is not None and r.get("section") == section]
            if chosen:
                break
        if not chosen or all(_allows(r, viewer, member_ids, executor) for r in chosen):
            out.document[key] = value
            continue
        audience = ",".join(sorted({str(r.get("audience")) for r in chosen}))
        label_ja = record.label_ja if record is not None else key
        label_en = record.label_en if record is not None else key
        out.withheld.append(Withheld(key, label_ja, label_en, audience))
        out.issues.append(
            issue("importer.withheld", f"/{key}", label_ja=label_ja, label_en=label_en, audience=audience)
        )
    return out
