"""What every page generator of one version needs: the standard, its neighbours, its folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from endingnote.standard import Standard

STATUS_LABELS = {
    "draft": ("草案", "draft"),
    "trial": ("試行", "trial"),
    "normative": ("規範", "normative"),
    "deprecated": ("非推奨", "deprecated"),
    "released": ("公開", "released"),
}

BASIS_LEGEND: dict[str, tuple[str, str]] = {
    "guides": (
        "市販・自治体のエンディングノートや解説に見られる項目",
        "found in published ending-note guides, templates, municipal notes or vendor products",
    ),
    "GIF": (
        "政府相互運用性フレームワーク(GIF)/ IMI のコアモデルの項目",
        "a field of the GIF / IMI core models",
    ),
    "IMI": ("IMI 共通語彙基盤の語彙", "an IMI common vocabulary term"),
    "law": ("戸籍・法定相続情報などの制度から導かれる項目", "follows from 戸籍 / 法定相続情報 rules"),
    "platforms": ("Apple・Google・Meta の故人アカウント機能", "Apple / Google / Meta legacy features"),
    "brief·T": (
        "事業の説明がこの区分の例として挙げている",
        "the programme names it as an example of this tier",
    ),
    "brief·C": (
        "事業の説明がカテゴリの例としてのみ挙げている(区分は提案)",
        "named only as an example of the category; the tier is proposed",
    ),
    "proposed": ("出典なし、本プロジェクトの提案", "no source; proposed by the project"),
}

DISCLAIMER_JA = (
    "このカタログは本プロジェクトが公開情報から再構成したものです。"
    "政府の「エンディングノートのデータ標準」α 版の公式項目一覧ではありません"
    "(α 版の一覧は公開されていません)。"
)
DISCLAIMER_EN = (
    "This catalogue is the project's own reconstruction from public sources. It is not the official "
    "item list of the government's ending-note data standard α, which has not been published."
)


def status_label(status: str) -> str:
    ja, en = STATUS_LABELS.get(status, (status, status))
    return f"{ja} / {en}"


@dataclass(frozen=True)
class VersionContext:
    std: Standard
    directory: Path  # standard/<version>/
    all_versions: tuple[str, ...]
    released: tuple[str, ...]
    previous: Standard | None
    head: dict[str, Any]  # standard.yaml as written (for notes the model does not carry)

    @property
    def version(self) -> str:
        return self.std.version

    @property
    def note_ja(self) -> str:
        return str(self.head.get("note_ja") or "").strip()

    @property
    def note_en(self) -> str:
        return str(self.head.get("note_en") or "").strip()


def read_head(directory: Path) -> dict[str, Any]:
    path = directory / "standard.yaml"
    try:
        with path.open("rb") as fh:
            data = yaml.safe_load(fh)
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}
