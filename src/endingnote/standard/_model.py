"""The standard as plain data: what ``standard/<version>/*.yaml`` says, after loading and checks.

Vocabulary: a *record type* is a kind of record in a note (本人, 預貯金口座 …); its *items* are
the catalogue's items (``record.item`` keys such as ``deposit_account.bank``); a *part* is a
shared structure items use as their type (address, person name, organisation, contract …).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TIERS = ("common", "cooperative", "vendor")
TIER_LABELS = {
    "common": ("共通項目", "Common"),
    "cooperative": ("協調項目", "Cooperative"),
    "vendor": ("独自項目", "Vendor-specific"),
}
STATUSES = ("draft", "trial", "normative", "deprecated")
CARDINALITIES = ("1", "0..1", "0..*", "1..*")

# Primitive types: name -> (label_ja, label_en, description)
PRIMITIVES: dict[str, tuple[str, str, str]] = {
    "string": ("文字列", "String", "one line of text (JIS X 0213 characters, no control characters)"),
    "text": ("テキスト", "Text", "free text, line breaks allowed"),
    "kana": ("カナ", "Kana", "全角カタカナ, the long-vowel mark and spaces"),
    "latin": ("ローマ字", "Romaji", "half-width upper-case Latin letters (Hepburn), spaces, hyphens"),
    "date": ("日付", "Date", "YYYY-MM-DD (西暦; 和暦 only at input and output)"),
    "datetime": ("日時", "Date-time", "YYYY-MM-DDTHH:MM:SS with a UTC offset, e.g. +09:00"),
    "year_month": ("年月", "Year-month", "YYYY-MM"),
    "boolean": ("真偽値", "Boolean", "true or false"),
    "integer": ("整数", "Integer", "a whole number"),
    "email": ("メールアドレス", "E-mail address", "addr-spec, e.g. taro@example.jp"),
    "phone": ("電話番号", "Phone number", "digits with optional + ( ) - , e.g. 03-1234-5678"),
    "postal_code": ("郵便番号", "Postal code", "7 digits, no hyphen, e.g. 1008926"),
    "url": ("URL", "URL", "an https or http URL"),
    "corporate_number": ("法人番号", "Corporate number", "13 digits with a valid check digit"),
    "bank_code": ("金融機関コード", "Bank code", "4 digits (全銀協 統一金融機関コード)"),
    "branch_code": ("店番号", "Branch code", "3 digits"),
    "account_number": (
        "口座番号(マスク可)",
        "Account number (maskable)",
        "7 digits, or masked with * keeping at most the last 4 digits, e.g. ***4567",
    ),
    "last4": ("下4桁", "Last four digits", "exactly 4 digits"),
    "local_government_code": ("全国地方公共団体コード", "Local government code", "6 digits with check digit"),
    "country": ("国コード", "Country code", "ISO 3166-1 alpha-3, e.g. JPN"),
    "code": ("コード", "Code", "a code from the item's code list"),
    "ref": ("参照", "Reference", "the id of another record in the same note"),
}


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    label_ja: str
    label_en: str


@dataclass(frozen=True, slots=True)
class CodeList:
    key: str
    label_ja: str
    label_en: str
    definition_ja: str
    definition_en: str
    codes: tuple[Code, ...]
    basis: tuple[str, ...] = ()
    source: str = ""

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.codes)


@dataclass(frozen=True, slots=True)
class Field:
    """A field of a record type (a catalogue item) or of a part (a structural field)."""

    key: str
    label_ja: str
    label_en: str
    definition_ja: str
    definition_en: str
    type: str
    cardinality: str = "0..1"
    codelist: str | None = None
    ref: str | None = None
    constraints: dict[str, Any] = field(default_factory=dict)
    example: Any = None
    # catalogue-only attributes (None for part fields)
    tier: str | None = None
    basis: tuple[str, ...] = ()
    gif: str | None = None
    alpha_item: str | None = None
    status: str = "normative"
    since: str = "1.0"
    deprecated_in: str | None = None
    replaced_by: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def required(self) -> bool:
        return self.cardinality in ("1", "1..*")

    @property
    def repeating(self) -> bool:
        return self.cardinality.endswith("*")


@dataclass(frozen=True, slots=True)
class Part:
    key: str
    label_ja: str
    label_en: str
    definition_ja: str
    definition_en: str
    fields: tuple[Field, ...]
    basis: tuple[str, ...] = ()

    def field_map(self) -> dict[str, Field]:
        return {f.key: f for f in self.fields}


@dataclass(frozen=True, slots=True)
class RecordType:
    key: str
    category: str
    label_ja: str
    label_en: str
    definition_ja: str
    definition_en: str
    cardinality: str
    items: tuple[Field, ...]
    since: str = "1.0"
    status: str = "normative"

    @property
    def repeating(self) -> bool:
        return self.cardinality.endswith("*")

    def item_map(self) -> dict[str, Field]:
        return {f.key: f for f in self.items}


@dataclass(frozen=True, slots=True)
class Category:
    key: str
    label_ja: str
    label_en: str
    origin: str  # "programme" or "project"


@dataclass(frozen=True, slots=True)
class Item:
    """A catalogue row: one field of one record type, with its full key and URI."""

    record: RecordType
    field: Field
    uri: str

    @property
    def key(self) -> str:
        return f"{self.record.key}.{self.field.key}"


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: one load per version
class Standard:
    version: str
    status: str  # "released" or "draft"
    released: str | None
    title_ja: str
    title_en: str
    namespace: str
    categories: tuple[Category, ...]
    parts: dict[str, Part]
    codelists: dict[str, CodeList]
    records: dict[str, RecordType]
    previous: str | None = None

    def items(self) -> list[Item]:
        return [Item(rt, f, self.item_uri(rt.key, f.key)) for rt in self.records.values() for f in rt.items]

    def item(self, key: str) -> Item | None:
        record_key, _, field_key = key.partition(".")
        rt = self.records.get(record_key)
        if rt is None:
            return None
        f = rt.item_map().get(field_key)
        return Item(rt, f, self.item_uri(rt.key, f.key)) if f else None

    def category(self, key: str) -> Category:
        return next(c for c in self.categories if c.key == key)

    # Canonical URIs under the namespace, stable across versions.
    def item_uri(self, record: str, item: str) -> str:
        return f"{self.namespace}/item/{record}.{item}"

    def record_uri(self, key: str) -> str:
        return f"{self.namespace}/record/{key}"

    def part_uri(self, part: str, field: str) -> str:
        return f"{self.namespace}/part/{part}.{field}"

    @property
    def context_uri(self) -> str:
        """Where this version's JSON-LD ``@context`` is published."""
        return f"{self.namespace}/{self.version}/context.jsonld"
