"""Reasons why a person is not an heir, with the articles applied (Japanese and English)."""

from __future__ import annotations

REASONS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "decedent": ((), "被相続人本人です", "the decedent"),
    "renounced": (
        ("939", "887(2)"),
        "相続放棄をしたため初めから相続人とならなかったものとみなされます。放棄は代襲原因ではないため、その子も代襲しません",
        "renounced: deemed never to have been an heir; renunciation is not a ground of representation",
    ),
    "disqualified": (
        ("891", "887(2)"),
        "相続欠格者です{represent_ja}",
        "disqualified (art. 891){represent_en}",
    ),
    "disinherited": (
        ("892", "893", "887(2)"),
        "推定相続人から廃除されています{represent_ja}",
        "disinherited (arts. 892/893){represent_en}",
    ),
    "predeceased": (
        ("882", "887(2)"),
        "被相続人より前に死亡しています ({death}){represent_ja}",
        "died before the decedent ({death}){represent_en}",
    ),
    "simultaneous": (
        ("32-2", "882", "887(2)"),
        "被相続人と同時に死亡したものと推定され、相互に相続しません ({death}){represent_ja}",
        "presumed to have died simultaneously with the decedent "
        "({death}); no succession between them{represent_en}",
    ),
    "stillborn": (("886(2)",), "死産のため相続人となりません", "stillborn: never an heir"),
    "born_after": (
        ("882", "886(1)"),
        "相続開始後に出生しており、相続開始時に胎児であった記録がありません",
        "born after the opening of succession, with no record of having been in utero at the death",
    ),
    "former_spouse": (
        ("890",),
        "相続開始時に被相続人の配偶者ではありません (婚姻が終了しています)",
        "not the decedent's spouse at the death (the marriage had ended)",
    ),
    "spouse_predeceased": (
        ("890", "882"),
        "配偶者でしたが被相続人より前 (または同時) に死亡しています",
        "was the spouse but died before (or with) the decedent",
    ),
    "spouse_after_death": (
        ("890",),
        "被相続人の死亡時に婚姻していません",
        "was not married to the decedent at the death",
    ),
    "pre_adoption_child": (
        ("727", "887(2)"),
        "養子縁組前に生まれた養子の子は養親の直系卑属ではないため、"
        "代襲相続人になりません (民法887条2項ただし書)",
        "a child of an adoptee born before the adoption is not the adopter's "
        "lineal descendant and cannot represent (art. 887(2) proviso)",
    ),
    "special_adoption_cut": (
        ("817-9",),
        "特別養子縁組により実方の親族との親族関係が終了しています",
        "a special adoption ended the kinship with the birth family",
    ),
    "adoption_dissolved": (
        ("729",),
        "離縁により養親側との親族関係が終了しています",
        "the adoption was dissolved, ending the adoptive kinship",
    ),
    "unacknowledged": (
        ("779", "787"),
        "父の認知がないため、法律上の親子関係がありません",
        "not acknowledged by the father: no legal parent-child relation",
    ),
    "excluded_by_rank": (
        ("889(1)",),
        "先順位の相続人 ({rank_ja}) がいるため相続人となりません",
        "excluded because heirs of a prior rank ({rank_en}) inherit",
    ),
    "excluded_by_nearer": (
        ("889(1)(i)",),
        "より親等の近い直系尊属が相続人であるため相続人となりません",
        "an ascendant of a nearer degree inherits",
    ),
    "line_taken": (
        ("887(2)",),
        "直系卑属ですが、親 ({by}) が相続人であるため代襲相続は生じません",
        "a descendant, but the parent ({by}) inherits, so there is no representation",
    ),
    "line_renounced": (
        ("939", "887(2)"),
        "直系卑属ですが、その系統の ({by}) が相続放棄をしたため代襲しません",
        "a descendant, but {by} in this line renounced, and renunciation gives no representation",
    ),
    "line_ended": (
        ("887(2)",),
        "直系卑属ですが、その系統 ({by}) は相続人ではなく、代襲相続の要件を満たしません",
        "a descendant, but the line through {by} does not give rise to representation",
    ),
    "nephew_parent_heir": (
        ("889(2)",),
        "兄弟姉妹の子ですが、親である兄弟姉妹 ({by}) が相続人 (または放棄者) であるため代襲しません",
        "a sibling's child, but the sibling ({by}) inherits or renounced, so there is no representation",
    ),
    "grand_nephew": (
        ("889(2)",),
        "兄弟姉妹の代襲相続は兄弟姉妹の子 (甥・姪) までです (887条3項は準用されません)",
        "representation of a sibling extends to the sibling's children only (art. 887(3) does not apply)",
    ),
    "not_kin": (
        ("887", "889", "890"),
        "被相続人の配偶者・子 (代襲者を含む)・直系尊属・兄弟姉妹 (代襲者を含む) "
        "のいずれでもないため法定相続人ではありません",
        "neither the spouse, a child (or representative), an ascendant "
        "nor a sibling (or representative) of the decedent",
    ),
}

RANK_JA = {1: "子またはその代襲者", 2: "直系尊属"}
RANK_EN = {1: "children or their representatives", 2: "ascendants"}


def explain(code: str, **params: str) -> tuple[tuple[str, ...], str, str]:
    """The articles and the Japanese and English explanation for ``code``."""
    articles, ja, en = REASONS[code]
    params.setdefault("represent_ja", "")
    params.setdefault("represent_en", "")
    return articles, ja.format(**params), en.format(**params)


_ITEMS_ONLY = {"900", "891"}  # articles whose numbered parts are items (号), not paragraphs
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}


def article_ja(article: str) -> str:
    """``"887(2)"`` → ``"887条2項"``, ``"889(1)(i)"`` → ``"889条1項1号"``, ``"32-2"`` → ``"32条の2"``."""
    head, _, rest = article.partition("(")
    base, _, branch = head.partition("-")
    out = f"{base}条" + (f"の{branch}" if branch else "")
    parts = [p.rstrip(")") for p in rest.split("(")] if rest else []
    if parts and base in _ITEMS_ONLY:
        return out + f"{parts[0]}号"
    if parts:
        out += f"{parts[0]}項"
    if len(parts) > 1:
        out += f"{_ROMAN.get(parts[1], parts[1])}号"
    return out
