"""The vendor extension registry as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class ExtCode:
    code: str
    label_ja: str
    label_en: str


@dataclass(frozen=True, slots=True)
class ExtField:
    """One item of a namespace (or one field of an ``object`` item)."""

    key: str
    type: str
    label_ja: str
    label_en: str
    definition_ja: str
    definition_en: str
    cardinality: str = "0..1"
    codes: tuple[ExtCode, ...] = ()
    ref: str | None = None
    fields: tuple[ExtField, ...] = ()
    constraints: dict[str, Any] = field(default_factory=dict)
    applies_to: tuple[str, ...] = ()  # record keys, "*" (any record) or "document"
    example: Any = None
    status: str = "active"

    @property
    def repeating(self) -> bool:
        return self.cardinality.endswith("*")

    @property
    def required(self) -> bool:
        return self.cardinality in ("1", "1..*")

    def applies(self, where: str) -> bool:
        """``where`` is a record key or ``"document"``."""
        if where in self.applies_to:
            return True
        return where != "document" and "*" in self.applies_to

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": self.key,
            "type": self.type,
            "cardinality": self.cardinality,
            "label_ja": self.label_ja,
            "label_en": self.label_en,
            "definition_ja": self.definition_ja,
            "definition_en": self.definition_en,
        }
        if self.applies_to:
            out["applies_to"] = list(self.applies_to)
        if self.codes:
            out["codes"] = [
                {"code": c.code, "label_ja": c.label_ja, "label_en": c.label_en} for c in self.codes
            ]
        if self.ref:
            out["ref"] = self.ref
        if self.fields:
            out["fields"] = [f.to_dict() for f in self.fields]
        if self.constraints:
            out["constraints"] = dict(self.constraints)
        return out


@dataclass(frozen=True, slots=True)
class Namespace:
    uri: str
    prefix: str
    name_ja: str
    name_en: str
    owner: str
    contact: dict[str, str]
    status: str
    standard_versions: tuple[str, ...]
    description_ja: str
    description_en: str
    items: tuple[ExtField, ...]
    file: str = ""
    documentation: str | None = None

    def item_map(self) -> dict[str, ExtField]:
        return {i.key: i for i in self.items}

    def to_dict(self) -> dict[str, Any]:
        return {
            "uri": self.uri,
            "prefix": self.prefix,
            "name_ja": self.name_ja,
            "name_en": self.name_en,
            "owner": self.owner,
            "contact": dict(self.contact),
            "status": self.status,
            "standard_versions": list(self.standard_versions),
            "description_ja": self.description_ja,
            "description_en": self.description_en,
            "documentation": self.documentation,
            "file": self.file,
            "items": [i.to_dict() for i in self.items],
        }


@dataclass(frozen=True, slots=True)
class Registry:
    namespaces: dict[str, Namespace]  # uri -> namespace

    def get(self, uri: str) -> Namespace | None:
        return self.namespaces.get(uri)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.namespaces.values())
