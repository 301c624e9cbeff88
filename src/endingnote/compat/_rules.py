"""Compatibility levels and the table of change rules.

A change between two versions of the standard is judged from the two sides of an exchange
(Confluent / buf style, direction-aware):

* **backward** — every document a producer wrote against OLD is still valid under NEW, so
  consumers can upgrade first;
* **forward** — every document written against NEW is valid under OLD, so producers can
  upgrade first.

Because every object of the document model is closed and vendors write only into the one
``extensions`` slot, a document written against OLD can never contain a property NEW adds:
adding an optional item is backward compatible (``additive``), not the "property added to an
open content model" false alarm of JSON Schema checkers.

Levels are ordered: ``editorial`` < ``additive`` < ``breaking``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Level(enum.IntEnum):
    """How much a change matters; ordered so ``max()`` gives a diff's overall level."""

    EDITORIAL = 0  # no normative effect: labels, definitions, examples, provenance
    ADDITIVE = 1  # normative, but every OLD document stays valid under NEW (backward compatible)
    BREAKING = 2  # some OLD document is invalid under NEW, or changes meaning

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Level:
        return cls[text.upper()]


class Upgrade(enum.StrEnum):
    """Which side of an exchange must move to the new version first."""

    ANY = "any"  # both directions compatible
    CONSUMERS = "consumers"  # backward only: readers first (Confluent BACKWARD)
    PRODUCERS = "producers"  # forward only: writers first (Confluent FORWARD)
    BOTH = "both"  # neither: a coordinated switch, with a migration


class Migration(enum.StrEnum):
    """What ``endingnote migrate`` does about the change in the incompatible direction."""

    NONE = "none"  # nothing to do: compatible both ways
    AUTOMATIC = "automatic"  # handled losslessly (renames, reshaping, versioned extension)
    MANUAL = "manual"  # some documents need a person (invent a required value, shorten text …)


@dataclass(frozen=True, slots=True)
class Rule:
    rule: str
    kind: str  # added | removed | renamed | changed | deprecated
    normative: bool
    backward: bool
    forward: bool
    migration: Migration
    summary_ja: str
    summary_en: str

    @property
    def level(self) -> Level:
        if not self.normative:
            return Level.EDITORIAL
        return Level.ADDITIVE if self.backward else Level.BREAKING

    @property
    def upgrade_first(self) -> Upgrade:
        if self.backward and self.forward:
            return Upgrade.ANY
        if self.backward:
            return Upgrade.CONSUMERS
        if self.forward:
            return Upgrade.PRODUCERS
        return Upgrade.BOTH


_A, _M, _N = Migration.AUTOMATIC, Migration.MANUAL, Migration.NONE

# rule: (kind, normative, backward, forward, migration)
_TABLE: dict[str, tuple[str, bool, bool, bool, Migration]] = {
    # the standard as a whole
    "NAMESPACE_CHANGED": ("changed", True, False, False, _M),
    "TITLE_CHANGED": ("changed", False, True, True, _N),
    "CATEGORY_ADDED": ("added", False, True, True, _N),
    "CATEGORY_REMOVED": ("removed", False, True, True, _N),
    "CATEGORY_LABEL_CHANGED": ("changed", False, True, True, _N),
    # record types
    "RECORD_ADDED_OPTIONAL": ("added", True, True, False, _A),
    "RECORD_ADDED_REQUIRED": ("added", True, False, False, _M),
    "RECORD_REMOVED_OPTIONAL": ("removed", True, False, True, _A),
    "RECORD_REMOVED_REQUIRED": ("removed", True, False, False, _M),
    "RECORD_CARDINALITY_WIDENED": ("changed", True, True, False, _M),
    "RECORD_CARDINALITY_NARROWED": ("changed", True, False, True, _M),
    "RECORD_TO_REPEATING": ("changed", True, False, False, _A),
    "RECORD_TO_SINGLE": ("changed", True, False, False, _A),
    "RECORD_DEPRECATED": ("deprecated", True, True, True, _N),
    "RECORD_STATUS_CHANGED": ("changed", True, True, True, _N),
    "RECORD_CATEGORY_CHANGED": ("changed", False, True, True, _N),
    "RECORD_LABEL_CHANGED": ("changed", False, True, True, _N),
    "RECORD_DEFINITION_CHANGED": ("changed", False, True, True, _N),
    # items (record items and part fields alike)
    "ITEM_ADDED_OPTIONAL": ("added", True, True, False, _A),
    "ITEM_ADDED_REQUIRED": ("added", True, False, False, _M),
    "ITEM_REMOVED_OPTIONAL": ("removed", True, False, True, _A),
    "ITEM_REMOVED_REQUIRED": ("removed", True, False, False, _M),
    "ITEM_RENAMED": ("renamed", True, False, False, _A),
    "ITEM_MOVED": ("renamed", True, False, False, _M),
    "ITEM_DEPRECATED": ("deprecated", True, True, True, _N),
    "ITEM_STATUS_CHANGED": ("changed", True, True, True, _N),
    "ITEM_TIER_CHANGED": ("changed", True, True, True, _N),
    "ITEM_TYPE_WIDENED": ("changed", True, True, False, _M),
    "ITEM_TYPE_NARROWED": ("changed", True, False, True, _M),
    "ITEM_TYPE_CHANGED": ("changed", True, False, False, _M),
    "ITEM_REF_TARGET_CHANGED": ("changed", True, False, False, _M),
    "ITEM_CODELIST_WIDENED": ("changed", True, True, False, _M),
    "ITEM_CODELIST_NARROWED": ("changed", True, False, True, _M),
    "ITEM_CODELIST_CHANGED": ("changed", True, False, False, _M),
    "ITEM_CARDINALITY_WIDENED": ("changed", True, True, False, _M),
    "ITEM_CARDINALITY_NARROWED": ("changed", True, False, True, _M),
    "ITEM_TO_REPEATING": ("changed", True, False, False, _A),
    "ITEM_TO_SINGLE": ("changed", True, False, False, _A),
    "MAX_LENGTH_NARROWED": ("changed", True, False, True, _M),
    "MAX_LENGTH_WIDENED": ("changed", True, True, False, _M),
    "MIN_LENGTH_NARROWED": ("changed", True, False, True, _M),
    "MIN_LENGTH_WIDENED": ("changed", True, True, False, _M),
    "MAXIMUM_NARROWED": ("changed", True, False, True, _M),
    "MAXIMUM_WIDENED": ("changed", True, True, False, _M),
    "MINIMUM_NARROWED": ("changed", True, False, True, _M),
    "MINIMUM_WIDENED": ("changed", True, True, False, _M),
    "MAX_ITEMS_NARROWED": ("changed", True, False, True, _M),
    "MAX_ITEMS_WIDENED": ("changed", True, True, False, _M),
    "PATTERN_ADDED": ("changed", True, False, True, _M),
    "PATTERN_REMOVED": ("changed", True, True, False, _M),
    "PATTERN_CHANGED": ("changed", True, False, False, _M),
    "ITEM_LABEL_CHANGED": ("changed", False, True, True, _N),
    "ITEM_DEFINITION_CHANGED": ("changed", False, True, True, _N),
    "ITEM_EXAMPLE_CHANGED": ("changed", False, True, True, _N),
    "ITEM_PROVENANCE_CHANGED": ("changed", False, True, True, _N),
    # parts
    "PART_ADDED": ("added", True, True, True, _N),
    "PART_REMOVED": ("removed", True, True, True, _N),
    "PART_LABEL_CHANGED": ("changed", False, True, True, _N),
    # code lists
    "CODELIST_ADDED": ("added", True, True, True, _N),
    "CODELIST_REMOVED": ("removed", True, True, True, _N),
    "CODELIST_LABEL_CHANGED": ("changed", False, True, True, _N),
    "CODE_ADDED": ("added", True, True, False, _A),
    "CODE_REMOVED": ("removed", True, False, True, _M),
    "CODE_LABEL_CHANGED": ("changed", False, True, True, _N),
}  # fmt: skip

_SUMMARIES: dict[str, tuple[str, str]] = {
    # the standard as a whole
    "NAMESPACE_CHANGED": ("名前空間の変更(全項目のURIが変化)", "namespace changed (every item URI changes)"),
    "TITLE_CHANGED": ("表題の変更", "title changed"),
    "CATEGORY_ADDED": ("分類の追加", "category added"),
    "CATEGORY_REMOVED": ("分類の削除", "category removed"),
    "CATEGORY_LABEL_CHANGED": ("分類の名称の変更", "category label changed"),
    # record types
    "RECORD_ADDED_OPTIONAL": ("任意のレコード種別の追加", "optional record type added"),
    "RECORD_ADDED_REQUIRED": ("必須のレコード種別の追加", "required record type added"),
    "RECORD_REMOVED_OPTIONAL": ("任意のレコード種別の削除", "optional record type removed"),
    "RECORD_REMOVED_REQUIRED": ("必須のレコード種別の削除", "required record type removed"),
    "RECORD_CARDINALITY_WIDENED": ("レコード種別が任意になった", "record type became optional"),
    "RECORD_CARDINALITY_NARROWED": ("レコード種別が必須になった", "record type became required"),
    "RECORD_TO_REPEATING": ("レコード種別が繰り返し(配列)になった", "record type became repeating"),
    "RECORD_TO_SINGLE": ("レコード種別が単一になった", "record type became single"),
    "RECORD_DEPRECATED": ("レコード種別の非推奨化", "record type deprecated"),
    "RECORD_STATUS_CHANGED": ("レコード種別の状態の変更", "record type status changed"),
    "RECORD_CATEGORY_CHANGED": ("レコード種別の分類の変更", "record type moved to another category"),
    "RECORD_LABEL_CHANGED": ("レコード種別の名称の変更", "record type label changed"),
    "RECORD_DEFINITION_CHANGED": ("レコード種別の定義文の変更", "record type definition changed"),
    # items (record items and part fields alike)
    "ITEM_ADDED_OPTIONAL": ("任意項目の追加", "optional item added"),
    "ITEM_ADDED_REQUIRED": ("必須項目の追加", "required item added"),
    "ITEM_REMOVED_OPTIONAL": ("任意項目の削除", "optional item removed"),
    "ITEM_REMOVED_REQUIRED": ("必須項目の削除", "required item removed"),
    "ITEM_RENAMED": ("項目の改名(旧名を別名として保持)", "item renamed (old key kept as an alias)"),
    "ITEM_MOVED": ("項目の他レコードへの移動", "item moved to another record type"),
    "ITEM_DEPRECATED": ("項目の非推奨化", "item deprecated"),
    "ITEM_STATUS_CHANGED": ("項目の状態の変更", "item status changed"),
    "ITEM_TIER_CHANGED": ("項目の層(共通/協調/独自)の変更", "item tier changed"),
    "ITEM_TYPE_WIDENED": ("型の拡大", "type widened"),
    "ITEM_TYPE_NARROWED": ("型の縮小", "type narrowed"),
    "ITEM_TYPE_CHANGED": ("型の変更", "type changed"),
    "ITEM_REF_TARGET_CHANGED": ("参照先レコード種別の変更", "reference target changed"),
    "ITEM_CODELIST_WIDENED": ("コード表の差し替え(値が増える)", "code list replaced by a larger one"),
    "ITEM_CODELIST_NARROWED": ("コード表の差し替え(値が減る)", "code list replaced by a smaller one"),
    "ITEM_CODELIST_CHANGED": ("コード表の差し替え", "code list replaced"),
    "ITEM_CARDINALITY_WIDENED": ("項目が任意になった", "item became optional"),
    "ITEM_CARDINALITY_NARROWED": ("項目が必須になった", "item became required"),
    "ITEM_TO_REPEATING": ("項目が繰り返し(配列)になった", "item became repeating (an array)"),
    "ITEM_TO_SINGLE": ("項目が単一になった", "item became single"),
    "MAX_LENGTH_NARROWED": ("最大長の縮小", "max_length narrowed"),
    "MAX_LENGTH_WIDENED": ("最大長の拡大", "max_length widened"),
    "MIN_LENGTH_NARROWED": ("最小長の引き上げ", "min_length raised"),
    "MIN_LENGTH_WIDENED": ("最小長の引き下げ", "min_length lowered"),
    "MAXIMUM_NARROWED": ("最大値の縮小", "maximum narrowed"),
    "MAXIMUM_WIDENED": ("最大値の拡大", "maximum widened"),
    "MINIMUM_NARROWED": ("最小値の引き上げ", "minimum raised"),
    "MINIMUM_WIDENED": ("最小値の引き下げ", "minimum lowered"),
    "MAX_ITEMS_NARROWED": ("最大件数の縮小", "max_items narrowed"),
    "MAX_ITEMS_WIDENED": ("最大件数の拡大", "max_items widened"),
    "PATTERN_ADDED": ("パターン制約の追加", "pattern added"),
    "PATTERN_REMOVED": ("パターン制約の削除", "pattern removed"),
    "PATTERN_CHANGED": ("パターン制約の変更", "pattern changed"),
    "ITEM_LABEL_CHANGED": ("項目名の変更", "item label changed"),
    "ITEM_DEFINITION_CHANGED": ("項目の定義文の変更", "item definition changed"),
    "ITEM_EXAMPLE_CHANGED": ("記入例の変更", "item example changed"),
    "ITEM_PROVENANCE_CHANGED": ("出典・対応付けの変更", "item provenance changed"),
    # parts
    "PART_ADDED": ("部品の追加", "part added"),
    "PART_REMOVED": ("部品の削除(未使用)", "part removed (no longer used)"),
    "PART_LABEL_CHANGED": ("部品の名称・定義文の変更", "part label or definition changed"),
    # code lists
    "CODELIST_ADDED": ("コード表の追加", "code list added"),
    "CODELIST_REMOVED": ("コード表の削除(未使用)", "code list removed (no longer used)"),
    "CODELIST_LABEL_CHANGED": ("コード表の名称・定義文の変更", "code list label or definition changed"),
    "CODE_ADDED": ("コード値の追加", "code value added"),
    "CODE_REMOVED": ("コード値の削除", "code value removed"),
    "CODE_LABEL_CHANGED": ("コード値の名称の変更", "code value label changed"),
}  # fmt: skip


RULES: dict[str, Rule] = {name: Rule(name, *spec, *_SUMMARIES[name]) for name, spec in _TABLE.items()}
