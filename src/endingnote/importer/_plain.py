"""Every value of a note as a person reads it: the one place the report, the workbook and the CSV
files take their words and numbers from.

- code values → their label (Japanese, or English in the English report);
- references → what they name: 「山田　一郎(長男)」「光明寺 3区12番」
  「株式会社サンプル銀行 本店営業部 普通預金 ***4567」;
- amounts → ``240,000円``; postal codes → ``〒100-0013``; dates → ``令和6年3月15日 (2024-03-15)``;
  times → Japan time (``令和6年1月20日 10:00 (日本時間)``); booleans → あり/なし; shares → 4分の1;
- names → one spelling: the register's when the person is found in the registers, otherwise the
  note's written as the register writes names (氏と名の間に全角空白).

Each value is a :class:`Cell`: the text people read, and for spreadsheets a typed value (a date, a
number with its format) where one exists. Record ids and code tokens never reach the text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from endingnote.calendar import wareki_label

if TYPE_CHECKING:
    from endingnote.standard._model import Field, Standard

__all__ = [
    "ATOMIC_PARTS",
    "JST",
    "Cell",
    "Column",
    "Lang",
    "Plain",
    "PlainTable",
    "address_text",
    "date_text",
    "datetime_text",
    "full_name",
    "iso_date",
    "iso_datetime",
    "plain_tables",
    "share_text",
]

Lang = Literal["ja", "en"]
JST = dt.timezone(dt.timedelta(hours=9), "JST")
# parts shown as one value (one column), not split into their items
ATOMIC_PARTS = frozenset(
    {
        "money",
        "address",
        "person_name",
        "register_name",
        "register_reading",
        "contact_point",
        "document_location",
        "media_reference",
    }
)
_CURRENCY_JA = {"JPY": "円", "USD": "米ドル", "EUR": "ユーロ"}


@dataclass(frozen=True, slots=True)
class Cell:
    """A value as read (``text``) and, for spreadsheets, typed (``value`` with ``number_format``)."""

    text: str
    value: Any = None  # dt.date / dt.datetime / int; None: the text is the value
    number_format: str | None = None

    @property
    def typed(self) -> Any:
        return self.text if self.value is None else self.value


EMPTY = Cell("")


def full_name(family: str, given: str) -> str:
    """氏名 as the register writes it: 氏, a full-width space, 名."""
    family, given = family.strip(), given.strip()
    return f"{family}{'　' if family and given else ''}{given}"


def date_text(day: dt.date | None, lang: Lang = "ja") -> str:
    """``令和6年3月15日 (2024-03-15)``; ISO in English."""
    if day is None:
        return "不詳" if lang == "ja" else "unknown"
    return wareki_label(day, seireki=True) if lang == "ja" else day.isoformat()


def datetime_text(moment: dt.datetime | None, lang: Lang = "ja") -> str:
    """A moment in Japan time: ``令和6年1月20日 (2024-01-20) 10:00 (日本時間)``."""
    if moment is None:
        return "不明" if lang == "ja" else "unknown"
    local = (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(JST)
    if lang == "ja":
        return f"{date_text(local.date())} {local:%H:%M} (日本時間)"
    return f"{local:%Y-%m-%d %H:%M} JST"


def share_text(share: str | Fraction | None, lang: Lang = "ja") -> str:
    """``1/4`` → ``4分の1`` (``1/4`` in English); the whole estate → ``全部``."""
    if share is None or share == "":
        return ""
    try:
        f = Fraction(str(share))
    except (ValueError, ZeroDivisionError):
        return str(share)
    if f == 1:
        return "全部" if lang == "ja" else "all"
    return f"{f.denominator}分の{f.numerator}" if lang == "ja" else f"{f.numerator}/{f.denominator}"


def iso_date(value: Any) -> dt.date | None:
    """A date from an ISO string (or a date), ``None`` when it is not one."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def iso_datetime(value: Any) -> dt.datetime | None:
    """An aware moment from an ISO string (``Z`` or an offset; UTC when none), or ``None``."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return None


def postal_text(value: Any) -> str:
    """``1000013`` → ``〒100-0013``."""
    if not isinstance(value, str) or not value:
        return ""
    digits = value.replace("-", "").replace("〒", "").strip()
    return f"〒{digits[:3]}-{digits[3:]}" if len(digits) == 7 and digits.isdigit() else f"〒{value}"


def address_text(value: Any, *, postal: bool = True) -> str:
    """``〒100-0013 東京都千代田区霞が関二丁目1-2`` (without the postal code: ``postal=False``)."""
    if not isinstance(value, dict):
        return value if isinstance(value, str) else ""
    lines = "".join(str(value[k]) for k in ("prefecture", "city", "town") if isinstance(value.get(k), str))
    if isinstance(value.get("block"), str):
        lines += value["block"]
    if isinstance(value.get("building"), str):
        lines += f" {value['building']}"
    code = postal_text(value.get("postal_code")) if postal else ""
    return f"{code} {lines}".strip()


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # dotted path in the record
    label: str
    field: Field


@dataclass(frozen=True, slots=True)
class PlainTable:
    """One record type's records, each row headed by the record's title."""

    key: str
    label_ja: str
    label_en: str
    columns: list[Column]
    titles: list[str]
    rows: list[list[Cell]]

    @property
    def headers(self) -> list[str]:
        return [c.label for c in self.columns]


class Plain:
    """The reader of one note: resolves references, names and code labels for one language.

    ``names``: record id → the person's name as the registers spell it; ``relations``: record id →
    the 続柄 the registers give (長男 …); both for family members found in the registers.
    ``spellings``: name key (:func:`endingnote.koseki.names.name_key`) → the register's spelling,
    so a name written in free text (``山田 太郎``) reads as the register writes it.
    """

    def __init__(
        self,
        doc: dict[str, Any],
        std: Standard,
        lang: Lang = "ja",
        *,
        names: dict[str, str] | None = None,
        relations: dict[str, str] | None = None,
        spellings: dict[str, str] | None = None,
    ) -> None:
        self.doc = doc
        self.spellings = spellings or {}
        self.std = std
        self.lang: Lang = lang
        self.names = names or {}
        self.relations = relations or {}
        self.index: dict[str, tuple[str, dict[str, Any], int]] = {}
        for key in std.records:
            value = doc.get(key)
            for k, rec in enumerate(value if isinstance(value, list) else [value]):
                if isinstance(rec, dict) and isinstance(rec.get("id"), str):
                    self.index.setdefault(rec["id"], (key, rec, k if isinstance(value, list) else -1))
        self.codes = {
            k: {c.code: (c.label_ja if lang == "ja" else c.label_en) for c in cl.codes}
            for k, cl in std.codelists.items()
        }

    # --- words -----------------------------------------------------------------------------

    @property
    def sep(self) -> str:
        return "、" if self.lang == "ja" else "; "

    def code(self, codelist: str | None, value: Any) -> str:
        if not isinstance(value, str):
            return ""
        label = self.codes.get(codelist or "", {}).get(value)
        if label is not None:
            return label
        return "(不明な区分)" if self.lang == "ja" else "(unknown category)"

    def yes_no(self, value: Any) -> str:
        if not isinstance(value, bool):
            return ""
        if self.lang == "ja":
            return "あり" if value else "なし"
        return "yes" if value else "no"

    def label(self, rtype: str) -> str:
        rt = self.std.records.get(rtype)
        if rt is None:
            return rtype
        return rt.label_ja if self.lang == "ja" else rt.label_en

    # --- parts -----------------------------------------------------------------------------

    def spelled(self, text: str) -> str:
        """``text`` in the register's spelling when it is the name of someone the registers know."""
        if not self.spellings or not text or len(text) > 40:
            return text
        from endingnote.koseki.names import name_key

        return self.spellings.get(name_key(text), text)

    def person_name(self, value: Any) -> str:
        if not isinstance(value, dict):
            return self.spelled(value) if isinstance(value, str) else ""
        fam, giv = value.get("family"), value.get("given")
        name = self.spelled(
            full_name(fam if isinstance(fam, str) else "", giv if isinstance(giv, str) else "")
        )
        kana = [value.get(k) for k in ("family_kana", "given_kana")]
        if name and all(isinstance(k, str) for k in kana):
            name += f"({full_name(str(kana[0]), str(kana[1]))})"
        return name

    def address(self, value: Any) -> str:
        return address_text(value)

    @staticmethod
    def postal(value: Any) -> str:
        return postal_text(value)

    def money(self, value: Any) -> Cell:
        if not isinstance(value, dict) or not isinstance(value.get("amount"), int):
            return EMPTY
        amount, currency = value["amount"], value.get("currency") or "JPY"
        if self.lang == "ja":
            unit = _CURRENCY_JA.get(currency) or self.code("currency", currency)
            text = f"{amount:,}{unit}"
        else:
            text = f"¥{amount:,}" if currency == "JPY" else f"{amount:,} {self.code('currency', currency)}"
        fmt = '#,##0"円"' if currency == "JPY" else f'#,##0" {currency}"'
        return Cell(text, amount, fmt)

    def contact(self, value: Any) -> str:
        if not isinstance(value, dict):
            return ""
        parts = [p for p in value.get("phones") or [] if isinstance(p, str)]
        parts += [e for e in value.get("emails") or [] if isinstance(e, str)]
        if isinstance(value.get("address"), dict):
            parts.append(self.address(value["address"]))
        if isinstance(value.get("url"), str):
            parts.append(value["url"])
        return self.sep.join(p for p in parts if p)

    def location(self, value: Any) -> str:
        if not isinstance(value, dict):
            return ""
        place = value.get("place") if isinstance(value.get("place"), str) else ""
        extra = []
        if isinstance(value.get("custodian"), str):
            extra.append(("保管者: " if self.lang == "ja" else "kept by ") + value["custodian"])
        if isinstance(value.get("note"), str):
            extra.append(value["note"])
        return f"{place}({'、'.join(extra)})" if place and extra else place or "、".join(extra)

    def media(self, value: Any) -> str:
        if not isinstance(value, dict):
            return ""
        caption = value.get("caption")
        file = value.get("file")
        name = file.rsplit("/", 1)[-1] if isinstance(file, str) else ""
        if isinstance(caption, str) and caption:
            return f"{caption}({name})" if name else caption
        return name

    def reading(self, value: Any) -> str:
        if not isinstance(value, dict):
            return ""
        fam, giv = value.get("family"), value.get("given")
        return full_name(fam if isinstance(fam, str) else "", giv if isinstance(giv, str) else "")

    # --- references ------------------------------------------------------------------------

    def title(self, rtype: str, rec: dict[str, Any], ordinal: int = 0) -> str:
        """What a person calls this record: 山田　一郎(長男), 光明寺 3区12番 …"""

        def s(*keys: str) -> str:
            value: Any = rec
            for k in keys:
                value = value.get(k) if isinstance(value, dict) else None
            return value if isinstance(value, str) else ""

        rid = rec.get("id") if isinstance(rec.get("id"), str) else None
        if rtype in ("family_member", "acquaintance", "emergency_contact", "obituary_contact"):
            name = self.names.get(rid or "") or self.person_name(rec.get("name")).split("(")[0]
            rel = self.relations.get(rid or "") or self.code("relationship", rec.get("relationship"))
            if not rec.get("relationship") and not self.relations.get(rid or ""):
                rel = ""
            if not name and isinstance(rec.get("family_member"), str):
                return self.ref(rec["family_member"])
            return f"{name}({rel})" if name and rel else name or self._fallback(rtype, ordinal)
        if rtype == "deposit_account":
            kind = self.code("deposit_type", rec.get("deposit_type")) if rec.get("deposit_type") else ""
            parts = [s("bank", "name"), s("branch_name"), kind, s("account_number")]
            return " ".join(p for p in parts if p) or self._fallback(rtype, ordinal)
        if rtype == "grave":
            return " ".join(p for p in (s("cemetery", "name"), s("plot_number")) if p) or self._fallback(
                rtype, ordinal
            )
        for keys in (
            ("name",),
            ("service_name",),
            ("title",),
            ("bank", "name"),
            ("broker", "name"),
            ("provider", "name"),
            ("creditor", "name"),
            ("insurer", "name"),
            ("contract", "counterparty", "name"),
            ("cemetery", "name"),
            ("service",),
            ("label",),
        ):
            value = s(*keys)
            if value:
                return value
        person = rec.get("name")
        if isinstance(person, dict):
            return self.person_name(person).split("(")[0]
        return self._fallback(rtype, ordinal)

    def _fallback(self, rtype: str, ordinal: int) -> str:
        return f"{self.label(rtype)} {ordinal + 1}" if ordinal >= 0 else self.label(rtype)

    def ref(self, target: Any) -> str:
        if not isinstance(target, str):
            return ""
        found = self.index.get(target)
        if found is None:
            return "(ノートにない項目)" if self.lang == "ja" else "(not in the note)"
        rtype, rec, ordinal = found
        return self.title(rtype, rec, ordinal)

    # --- one value -------------------------------------------------------------------------

    def cell(self, f: Field, value: Any) -> Cell:
        if value is None or value == "" or value == []:
            return EMPTY
        if f.cardinality.endswith("*") and isinstance(value, list):
            cells = [self._one(f, v) for v in value]
            return Cell(self.sep.join(c.text for c in cells if c.text))
        return self._one(f, value)

    def _one(self, f: Field, value: Any) -> Cell:
        t = f.type
        if t == "money":
            return self.money(value)
        if t == "code":
            return Cell(self.code(f.codelist, value))
        if t == "ref":
            return Cell(self.ref(value))
        if t == "boolean":
            return Cell(self.yes_no(value))
        if t == "date":
            day = iso_date(value)
            return Cell(date_text(day, self.lang), day, "yyyy-mm-dd") if day else Cell(str(value))
        if t == "datetime":
            moment = iso_datetime(value)
            if moment is None:
                return Cell(str(value))
            local = moment.astimezone(JST).replace(tzinfo=None)
            return Cell(datetime_text(moment, self.lang), local, "yyyy-mm-dd hh:mm")
        if t == "year_month" and isinstance(value, str):
            day = iso_date(value + "-01")
            if day is None:
                return Cell(value)
            text = wareki_label(day)[: wareki_label(day).index("月") + 1] if self.lang == "ja" else value
            return Cell(text, day, "yyyy-mm")
        if t == "integer" and isinstance(value, int) and not isinstance(value, bool):
            return Cell(f"{value:,}", value, "#,##0")
        if t == "postal_code":
            return Cell(self.postal(value))
        if t == "last4" and isinstance(value, str):
            return Cell(f"****{value}")
        if t == "address":
            return Cell(self.address(value))
        if t == "person_name":
            return Cell(self.person_name(value))
        if t == "contact_point":
            return Cell(self.contact(value))
        if t == "document_location":
            return Cell(self.location(value))
        if t == "media_reference":
            return Cell(self.media(value))
        if t in ("register_reading",):
            return Cell(self.reading(value))
        if t == "register_name" and isinstance(value, dict):
            return Cell(self.spelled(str(value.get("text") or "")))
        if isinstance(value, (dict, list)):  # a part not shown as columns (deeper than we expand)
            return Cell(self._nested(value))
        if t == "country" and value == "JPN":
            return Cell("日本" if self.lang == "ja" else "Japan")
        return Cell(self.spelled(str(value)) if t == "string" else str(value))

    def _nested(self, value: Any) -> str:
        if isinstance(value, dict):
            if "name" in value and isinstance(value["name"], str):
                return value["name"]
            return self.sep.join(self._nested(v) for v in value.values() if v not in (None, "", []))
        if isinstance(value, list):
            return self.sep.join(self._nested(v) for v in value)
        if isinstance(value, bool):
            return self.yes_no(value)
        return str(value)

    # --- tables ----------------------------------------------------------------------------

    def columns(self, fields: tuple[Field, ...], prefix: str = "", label: str = "") -> list[Column]:
        out: list[Column] = []
        for f in fields:
            name = prefix + f.key
            text = (label + "・" if label else "") + (f.label_ja if self.lang == "ja" else f.label_en)
            part = self.std.parts.get(f.type)
            if (
                part is not None
                and f.type not in ATOMIC_PARTS
                and not f.cardinality.endswith("*")
                and len(prefix.split(".")) < 4
            ):
                out += self.columns(part.fields, name + ".", text)
            else:
                out.append(Column(name, text, f))
        return out

    def table(self, rtype: str) -> PlainTable | None:
        rt = self.std.records.get(rtype)
        value = self.doc.get(rtype)
        recs = [r for r in (value if isinstance(value, list) else [value]) if isinstance(r, dict)]
        if rt is None or not recs:
            return None
        cols = self.columns(rt.items)
        rows = [[self.cell(c.field, _get(r, c.key)) for c in cols] for r in recs]
        keep = [i for i in range(len(cols)) if any(row[i].text for row in rows)]
        ordinal = (lambda k: k) if isinstance(value, list) else (lambda k: -1)
        return PlainTable(
            rtype,
            rt.label_ja,
            rt.label_en,
            [cols[i] for i in keep],
            [self.title(rtype, r, ordinal(k)) for k, r in enumerate(recs)],
            [[row[i] for i in keep] for row in rows],
        )


def _get(record: dict[str, Any], dotted: str) -> Any:
    value: Any = record
    for key in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def plain_tables(reader: Plain) -> list[PlainTable]:
    """One table per record type present, in the catalogue's order."""
    return [t for t in (reader.table(k) for k in reader.std.records) if t is not None]
