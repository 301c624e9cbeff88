"""A tiny builder for family graphs in tests (the JSON form, validated by the real loader)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from endingnote.heirs import FamilyGraph, HeirResult, Options, compute, load_graph


class G:
    def __init__(self) -> None:
        self.persons: list[dict[str, Any]] = []
        self.links: list[dict[str, Any]] = []
        self.marriages: list[dict[str, Any]] = []
        self.facts: list[dict[str, Any]] = []
        self.groups: list[dict[str, Any]] = []

    def p(
        self,
        pid: str,
        born: str | None = "1950-01-01",
        died: str | None = None,
        time: str | None = None,
        sex: str | None = None,
        name: tuple[str, str] | None = None,
        **extra: Any,
    ) -> G:
        person: dict[str, Any] = {
            "id": pid,
            "name": {"family": (name or ("山田", pid))[0], "given": (name or ("山田", pid))[1]},
        }
        if born:
            person["birth_date"] = born
        if sex:
            person["sex"] = sex
        if died:
            person["death"] = {"date": died} | ({"time": time} if time else {})
        person.update(extra)
        self.persons.append(person)
        return self

    def persons_set(self, pid: str, **changes: Any) -> G:
        """Change (or with ``None`` remove) fields of an existing person."""
        for person in self.persons:
            if person["id"] == pid:
                for key, value in changes.items():
                    if value is None:
                        person.pop(key, None)
                    else:
                        person[key] = value
                return self
        raise KeyError(pid)

    def child(self, parent: str, child: str, kind: str = "biological", **extra: Any) -> G:
        link: dict[str, Any] = {"parent": parent, "child": child, "kind": kind}
        if kind == "biological":
            link.setdefault("marital", True)
        link.update(extra)
        self.links.append(link)
        return self

    def couple_child(self, father: str, mother: str, child: str, **extra: Any) -> G:
        self.child(father, child, parent_role="father", **extra)
        return self.child(mother, child, parent_role="mother", **extra)

    def adopt(self, parent: str, child: str, on: str, **extra: Any) -> G:
        return self.child(parent, child, "adoptive", adopted_on=on, **extra)

    def marry(
        self, a: str, b: str, start: str = "1970-01-01", end: str | None = None, reason: str | None = None
    ) -> G:
        m: dict[str, Any] = {"spouses": [a, b], "start": start}
        if end:
            m |= {"end": end, "end_reason": reason or "divorce"}
        self.marriages.append(m)
        return self

    def fact(self, decedent: str, person: str, kind: str) -> G:
        self.facts.append({"decedent": decedent, "person": person, "kind": kind})
        return self

    def simultaneous(self, *ids: str) -> G:
        self.groups.append({"persons": list(ids)})
        return self

    def doc(self) -> dict[str, Any]:
        return {
            "format": "endingnote-family-graph",
            "version": "1.0",
            "persons": self.persons,
            "parent_child": self.links,
            "marriages": self.marriages,
            "estate_facts": self.facts,
            "simultaneous_deaths": self.groups,
        }

    def graph(self) -> FamilyGraph:
        return load_graph(self.doc())

    def compute(self, decedent: str = "d", options: Options | None = None) -> HeirResult:
        return compute(self.graph(), decedent, options)


def shares(result: HeirResult) -> dict[str, Fraction]:
    return result.shares()


def F(text: str) -> Fraction:
    return Fraction(text)
