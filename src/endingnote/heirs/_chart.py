"""The 法定相続情報一覧図: structured form (``HeirMap``), the tree (図形式) as SVG and the listing
(列挙形式) as text.

What the Legal Affairs Bureau form shows (不動産登記規則247条): the decedent (氏名, 最後の住所,
最後の本籍, 出生, 死亡) and each heir at the opening of succession (氏名, 出生, 続柄 as the register
writes it — 長男, 妻, 養子/養女, 養父/養母 —, 住所 optional, 申出人 marked); a representative is
marked 代襲者 and the represented person appears as 被代襲者: with the date of death, or — when
alive, having lost the right by 相続欠格 (民法891条) or 廃除 (民法892条) — with that ground, never as a
death. At the end 「以下余白」, then 作成日 and the 作成者 block (住所・氏名, or a professional's
qualification and office). It never shows shares or renunciations: renouncers are listed; the map
is computed from the graph with the renunciations removed.

Layout cost is linear in the number of heirs (indexes built once; no per-heir scan of the graph),
and the drawing is bounded: more than :data:`MAX_CHART_HEIRS` heirs are not drawn on one sheet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal
from xml.sax.saxutils import escape

from endingnote._issues import Issue
from endingnote.heirs import _codes as _codes  # registers heirs.chart.*
from endingnote.heirs._engine import Options, compute
from endingnote.heirs._graph import FamilyGraph, ParentChild, Person
from endingnote.heirs._limits import MAX_CHART_HEIRS
from endingnote.heirs._result import Heir, HeirResult

Layout = Literal["figure", "list"]
Fit = Literal["a4", "content"]
Ground = Literal["death", "simultaneous", "disqualified", "disinherited"]
_GROUND_JA = {"disqualified": "相続欠格", "disinherited": "推定相続人の廃除"}
_GROUND_EN = {"disqualified": "disqualified (art. 891)", "disinherited": "disinherited (art. 892)"}


class ChartTooLarge(ValueError):
    """More heirs than one sheet of the 一覧図 holds (:data:`MAX_CHART_HEIRS`)."""


@dataclass(frozen=True, slots=True)
class Represented:
    """A 被代襲者: who, and why they do not inherit themselves (death, or a living person's ground)."""

    id: str
    name: str
    died: dt.date | None
    ground: Ground = "death"

    def label_ja(self) -> str:
        """``被代襲者　山田　二郎（令和2年8月8日死亡）`` or ``被代襲者　山田　二郎（相続欠格）``."""
        if self.ground in _GROUND_JA:
            return f"被代襲者　{self.name}（{_GROUND_JA[self.ground]}）"
        return f"被代襲者　{self.name}（{wareki(self.died)}死亡）"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "death_date": self.died.isoformat()
            if self.died and self.ground in ("death", "simultaneous")
            else None,
            "ground": self.ground,
            "ground_ja": _GROUND_JA.get(self.ground, "死亡"),
            "ground_en": _GROUND_EN.get(self.ground, "died before the decedent"),
        }


@dataclass(frozen=True, slots=True)
class Preparer:
    """作成者: a person (氏名 and 住所), or a professional (資格, 氏名, 事務所の所在地・名称)."""

    name: str
    address: str | None = None
    qualification: str | None = None  # 司法書士, 行政書士 …
    office: str | None = None  # 事務所の名称

    def lines(self) -> list[str]:
        """``作成者：住所　…`` / ``　　　　氏名　…`` (or the professional's lines)."""
        pad = "　" * 4
        if self.qualification:
            first = f"作成者：{self.qualification}　{self.name}"
            rest = [f"{pad}{x}" for x in (self.office, self.address) if x]
            return [first, *rest]
        if self.address:
            return [f"作成者：住所　{self.address}", f"{pad}氏名　{self.name}"]
        return [f"作成者：{self.name}"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "address": self.address,
            "qualification": self.qualification,
            "office": self.office,
        }


def wareki(day: dt.date | None) -> str:
    """``昭和15年4月1日`` (元年 for the first year); ISO before 1873; ``不詳`` when unknown."""
    from endingnote.calendar import wareki_label

    return wareki_label(day)


@dataclass(frozen=True, slots=True)
class MapPerson:
    id: str
    name: str
    birth: dt.date | None
    zokugara: str
    capacity: str = "child"  # the engine's first capacity: spouse, child, representative, ascendant …
    address: str | None = None
    is_applicant: bool = False
    represented: tuple[Represented, ...] = ()
    died: dt.date | None = None  # heir who died after the decedent (shown with the death date)
    relationship_en: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "birth": self.birth.isoformat() if self.birth else None,
            "zokugara": self.zokugara,
            "capacity": self.capacity,
            "address": self.address,
            "is_applicant": self.is_applicant,
            "relationship_en": self.relationship_en,
            "representative_of": [r.to_dict() for r in self.represented] or None,
            "death_date": self.died.isoformat() if self.died else None,
        }


@dataclass(frozen=True, slots=True)
class HeirMap:
    decedent_id: str
    decedent_name: str
    decedent_kana: str | None
    birth: dt.date | None
    death: dt.date
    last_address: str | None
    last_honseki: str | None
    registered_address: str | None
    heirs: tuple[MapPerson, ...]
    layout: Layout = "figure"
    prepared_on: dt.date | None = None
    prepared_by: Preparer | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": "endingnote-heir-map",
            "version": "1.0",
            "title": f"被相続人{self.decedent_name}法定相続情報",
            "decedent": {
                "id": self.decedent_id,
                "name": self.decedent_name,
                "kana": self.decedent_kana,
                "birth": self.birth.isoformat() if self.birth else None,
                "death": self.death.isoformat(),
                "last_address": self.last_address,
                "last_honseki": self.last_honseki,
                "registered_address": self.registered_address,
            },
            "heirs": [h.to_dict() for h in self.heirs],
            "layout": self.layout,
            "prepared_on": self.prepared_on.isoformat() if self.prepared_on else None,
            "prepared_by": self.prepared_by.to_dict() if self.prepared_by else None,
            "certified": None,
        }


def heir_map(
    graph: FamilyGraph,
    decedent_id: str,
    *,
    applicant: str | None = None,
    layout: Layout = "figure",
    prepared_on: dt.date | None = None,
    prepared_by: str | Preparer | None = None,
    options: Options | None = None,
    addresses: dict[str, str] | None = None,
    last_address: str | None = None,
) -> tuple[HeirMap | None, HeirResult]:
    """The 一覧図 of ``decedent_id`` (``None`` when the heirs cannot be determined) and the result
    it was drawn from (computed without renunciations, which the 一覧図 does not show).

    ``addresses`` (person id → 住所) and ``last_address`` (the decedent's 最後の住所) fill what the
    registers do not give, e.g. from the decedent's note; the registers' own entries win."""
    facts = tuple(
        f for f in graph.estate_facts if not (f.decedent == decedent_id and f.kind == "renunciation")
    )
    shown = dataclasses.replace(graph, estate_facts=facts)
    result = compute(shown, decedent_id, options)
    decedent = graph.person(decedent_id)
    if decedent is None or decedent.death is None or result.status == "indeterminate":
        return None, result
    kin = Kinship(graph, decedent, result)
    reg = decedent.register
    addresses = addresses or {}
    heirs = tuple(kin.map_person(h, applicant, addresses.get(h.id)) for h in result.heirs)
    preparer = Preparer(prepared_by) if isinstance(prepared_by, str) else prepared_by
    return (
        HeirMap(
            decedent_id=decedent.id,
            decedent_name=decedent.name.full,
            decedent_kana=decedent.name.kana,
            birth=decedent.birth_date,
            death=decedent.death.date,
            last_address=(reg.last_address if reg else None) or last_address,
            last_honseki=reg.honseki if reg else None,
            registered_address=reg.registered_address if reg else None,
            heirs=heirs,
            layout=layout,
            prepared_on=prepared_on,
            prepared_by=preparer,
        ),
        result,
    )


_ORDINAL_EN = {"長": "eldest", "二": "second", "三": "third", "四": "fourth", "五": "fifth", "六": "sixth"}
_FIXED_EN = {
    "妻": "wife",
    "夫": "husband",
    "配偶者": "spouse",
    "子": "child",
    "養子": "adopted son",
    "養女": "adopted daughter",
    "父": "father",
    "母": "mother",
    "養父": "adoptive father",
    "養母": "adoptive mother",
    "親": "parent",
    "祖父": "grandfather",
    "祖母": "grandmother",
    "祖親": "grandparent",
    "曾祖父": "great-grandfather",
    "曾祖母": "great-grandmother",
    "兄": "elder brother",
    "姉": "elder sister",
    "弟": "younger brother",
    "妹": "younger sister",
    "兄弟姉妹": "sibling",
    "孫": "grandchild",
    "曾孫": "great-grandchild",
    "玄孫": "great-great-grandchild",
    "甥": "nephew",
    "姪": "niece",
    "甥姪": "nephew or niece",
    "男": "son",
    "元配偶者": "former spouse",
    "女": "daughter",
}


def relationship_en(zokugara: str) -> str:
    """``長男`` → ``eldest son``, ``孫・代襲者`` → ``grandchild (by representation)``."""
    base, _, rep = zokugara.partition("・")
    suffix = " (by representation)" if rep else ""
    if base in _FIXED_EN:
        return _FIXED_EN[base] + suffix
    if len(base) == 2 and base[0] in _ORDINAL_EN and base[1] in "男女":
        return f"{_ORDINAL_EN[base[0]]} {'son' if base[1] == '男' else 'daughter'}{suffix}"
    return "relative" + suffix


def relationship_ja(zokugara: str) -> str:
    """The 続柄 for prose: ``孫・代襲者`` → ``孫(代襲)``."""
    base, _, rep = zokugara.partition("・")
    return f"{base}(代襲)" if rep else base


class Kinship:
    """The 続柄 of each heir towards the decedent, from indexes built once (linear in the graph)."""

    def __init__(self, graph: FamilyGraph, decedent: Person, result: HeirResult) -> None:
        self.graph = graph
        self.decedent = decedent
        self.persons = {p.id: p for p in graph.persons}
        self.links: dict[tuple[str, str], list[ParentChild]] = {}
        self.parents: dict[str, list[str]] = {}
        for e in graph.parent_child:
            self.links.setdefault((e.parent, e.child), []).append(e)
            self.parents.setdefault(e.child, []).append(e.parent)
        self.reasons = {n.id: n.reason for n in result.non_heirs}
        self._degrees: dict[str, int] | None = None

    def map_person(self, heir: Heir, applicant: str | None, address: str | None = None) -> MapPerson:
        p = self.persons[heir.id]
        cap = heir.capacities[0]
        zokugara = self.zokugara(p, cap.kind, len(cap.via))
        represented = tuple(self.represented(v) for v in heir.via)
        died = p.death.date if heir.died_after and p.death else None
        return MapPerson(
            id=p.id,
            name=p.name.full,
            birth=p.birth_date,
            zokugara=zokugara,
            capacity=cap.kind,
            address=(p.register.address if p.register else None) or address,
            is_applicant=p.id == applicant,
            represented=represented,
            died=died,
            relationship_en=relationship_en(zokugara),
        )

    def represented(self, pid: str) -> Represented:
        p = self.persons[pid]
        reason = self.reasons.get(pid)
        ground: Ground = "death"
        if reason in ("disqualified", "disinherited", "simultaneous"):
            ground = reason  # type: ignore[assignment]
        return Represented(pid, p.name.full, p.death.date if p.death else None, ground)

    def _adoptive(self, parent: str, child: str) -> bool:
        """An ordinary adoption is the tie (and no biological one): 養子/養女, 養父/養母."""
        kinds = {e.kind for e in self.links.get((parent, child), ())}
        return "adoptive" in kinds and "biological" not in kinds

    def zokugara(self, p: Person, kind: str, depth: int) -> str:
        female = p.sex == "female"
        male = p.sex == "male"
        registered = p.register.zokugara if p.register else None
        d = self.decedent
        if kind == "spouse":
            return (
                registered if registered in ("夫", "妻") else ("妻" if female else "夫" if male else "配偶者")
            )
        if kind == "child":
            if self._adoptive(d.id, p.id):
                return "養女" if female else "養子"
            return registered or "子"
        if kind == "representative":
            base = ("孫", "曾孫", "玄孫")[min(depth - 1, 2)]
            return f"{base}・代襲者"
        if kind == "ascendant":
            degree = self.degree(p.id)
            if degree == 1 and self._adoptive(p.id, d.id):
                return "養母" if female else "養父"
            prefix = {1: "", 2: "祖", 3: "曾祖"}.get(degree, "高祖")
            return prefix + ("母" if female else "父" if male else "親")
        if kind == "sibling":
            if p.birth_date and d.birth_date:
                older = p.birth_date < d.birth_date
                if female:
                    return "姉" if older else "妹"
                if male:
                    return "兄" if older else "弟"
            return "兄弟姉妹"
        return ("姪" if female else "甥" if male else "甥姪") + "・代襲者"

    def relation(self, pid: str) -> str | None:
        """The 続柄 of anyone close to the decedent (for non-heirs too), or ``None``."""
        d, p = self.decedent, self.persons.get(pid)
        if p is None or pid == d.id:
            return None
        for m in self.graph.marriages:
            if d.id in m.spouses and pid in m.spouses:
                ended = m.end is not None and (d.death is None or m.end < d.death.date)
                if ended and m.end_reason != "death":
                    return "元配偶者"
                return self.zokugara(p, "spouse", 0)
        if (d.id, pid) in self.links:
            return self.zokugara(p, "child", 0)
        if (pid, d.id) in self.links:
            return self.zokugara(p, "ascendant", 0)
        mine = set(self.parents.get(d.id, ()))
        theirs = self.parents.get(pid, ())
        if any(q in mine for q in theirs):
            return self.zokugara(p, "sibling", 0)
        if any((d.id, q) in self.links for q in theirs):
            return "孫"
        if any(set(self.parents.get(q, ())) & mine for q in theirs):
            return "姪" if p.sex == "female" else "甥" if p.sex == "male" else "甥姪"
        return None

    def degree(self, pid: str) -> int:
        """The degree of an ascendant (1 parent, 2 grandparent …), one walk up for all of them."""
        if self._degrees is None:
            self._degrees = {}
            level, seen = [self.decedent.id], {self.decedent.id}
            for degree in range(1, 10):
                nxt = [q for c in level for q in self.parents.get(c, ()) if q not in seen]
                seen.update(nxt)
                for q in nxt:
                    self._degrees.setdefault(q, degree)
                level = nxt
        return self._degrees.get(pid, 1)


def describe(graph: FamilyGraph, result: HeirResult) -> dict[str, Any]:
    """``result.to_dict()`` with each person's name (the register's spelling) and relationship to the
    decedent in Japanese (長男, 妻, 孫(代襲) …) and English, for people and machines alike."""
    out = result.to_dict()
    decedent = graph.person(result.decedent_id)
    if decedent is None:
        return out
    kin = Kinship(graph, decedent, result)
    out["decedent_name"] = decedent.name.full
    for h, entry in zip(result.heirs, out["heirs"], strict=True):
        cap = h.capacities[0]
        zokugara = kin.zokugara(kin.persons[h.id], cap.kind, len(cap.via))
        entry["name"] = kin.persons[h.id].name.full
        entry["relationship_ja"] = relationship_ja(zokugara)
        entry["relationship_en"] = relationship_en(zokugara)
        entry["via_names"] = [kin.persons[v].name.full for v in h.via] or None
    for n, entry in zip(result.non_heirs, out["non_heirs"], strict=True):
        person = kin.persons.get(n.id)
        rel = kin.relation(n.id)
        entry["name"] = person.name.full if person else None
        entry["relationship_ja"] = relationship_ja(rel) if rel else None
        entry["relationship_en"] = (
            (relationship_en(rel) if rel != "元配偶者" else "former spouse") if rel else None
        )
    return out


def chart_too_large(m: HeirMap) -> Issue | None:
    """The finding when ``m`` has more heirs than one sheet is drawn with (:data:`MAX_CHART_HEIRS`)."""
    if len(m.heirs) <= MAX_CHART_HEIRS.value:
        return None
    from endingnote._codes import issue

    return issue("heirs.chart.too_many", "", count=str(len(m.heirs)), limit=MAX_CHART_HEIRS.describe("ja"))


# --- the listing (列挙形式) ---------------------------------------------------------------------


def render_text(m: HeirMap) -> str:
    """The listing layout (列挙形式) as plain text."""
    lines = [f"被相続人{m.decedent_name}法定相続情報", ""]
    if m.last_address:
        lines.append(f"最後の住所　{m.last_address}")
    if m.last_honseki:
        lines.append(f"最後の本籍　{m.last_honseki}")
    lines += [
        f"出生　{wareki(m.birth)}",
        f"死亡　{wareki(m.death)}",
        f"（被相続人）　{m.decedent_name}",
        "",
        "相続人",
    ]
    for k, h in enumerate(m.heirs, 1):
        lines.append("")
        if h.address:
            lines.append(f"{k}. 住所　{h.address}")
            lines.append(f"   出生　{wareki(h.birth)}")
        else:
            lines.append(f"{k}. 出生　{wareki(h.birth)}")
        if h.died:
            lines.append(f"   死亡　{wareki(h.died)}")
        mark = "（申出人）" if h.is_applicant else ""
        lines.append(f"   （{h.zokugara}）　{h.name}{mark}")
        for r in h.represented:
            lines.append(f"   {r.label_ja()}")
    lines += ["", "以下余白", "", *_footer(m)]
    return "\n".join(lines) + "\n"


def _footer(m: HeirMap) -> list[str]:
    """作成日 and the 作成者 block."""
    out = [f"作成日：{wareki(m.prepared_on)}"] if m.prepared_on else []
    return out + (m.prepared_by.lines() if m.prepared_by else [])


# --- the tree (図形式) as SVG ----------------------------------------------------------------------

_W, _H = 2100, 2970  # A4 portrait in 0.1 mm
_BOTTOM = _H - 500  # ~5 cm left blank for the registrar's 認証文
_FOOTER_ROOM = 330  # 以下余白, 作成日 and up to four lines of the 作成者 block
_FONT = "'Noto Serif CJK JP', 'Noto Sans CJK JP', serif"
_LINE = 46


def _width(s: str, size: int) -> float:
    """Estimated advance width: full width for CJK and full-width forms, about half otherwise."""
    return sum(size if ord(c) >= 0x2E80 else size * 0.55 for c in s)


def _text(
    x: float,
    y: float,
    s: str,
    size: int = 36,
    anchor: str = "start",
    weight: str = "normal",
    max_width: float | None = None,
) -> str:
    fit = ""
    if max_width is not None and _width(s, size) > max_width:
        fit = f' textLength="{max_width:.0f}" lengthAdjust="spacingAndGlyphs"'
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" stroke="none"{fit}>{escape(s)}</text>'
    )


def _line(x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}"/>'


def _block(
    x: float, y: float, rows: list[str], name_row: str, bold: bool = False, max_width: float | None = None
) -> tuple[list[str], float]:
    """Rows of details above the name row; text wider than ``max_width`` is condensed to fit."""
    room = max_width if max_width is not None else _W - 80 - x
    out = [_text(x, y + k * _LINE, r, 30, max_width=room) for k, r in enumerate(rows)]
    y_name = y + len(rows) * _LINE + 14
    out.append(_text(x, y_name, name_row, 40, weight="bold" if bold else "normal", max_width=room))
    return out, y_name


def render_svg(m: HeirMap, *, fit: Fit = "a4") -> str:
    """The tree layout (図形式) as an SVG with Japanese text (Noto CJK).

    ``fit="a4"``: an A4 portrait sheet with about 5 cm left blank at the bottom for the registrar's
    認証文 (the form as filed); ``fit="content"``: the same drawing cut to its content's height
    (for a report page, with no blank area). Raises :class:`ChartTooLarge` past
    :data:`MAX_CHART_HEIRS` heirs; check :func:`chart_too_large` first."""
    if len(m.heirs) > MAX_CHART_HEIRS.value:
        raise ChartTooLarge(MAX_CHART_HEIRS.describe("en"))
    parts: list[str] = []
    parts.append(_text(_W / 2, 200, f"被相続人　{m.decedent_name}　法定相続情報", 56, "middle", "bold"))
    dec_rows = []
    if m.last_address:
        dec_rows.append(f"最後の住所　{m.last_address}")
    if m.last_honseki:
        dec_rows.append(f"最後の本籍　{m.last_honseki}")
    dec_rows += [f"出生　{wareki(m.birth)}", f"死亡　{wareki(m.death)}"]
    x0, y0 = 120, 420
    ascendants = [h for h in m.heirs if h.capacity == "ascendant"]
    spouse = next((h for h in m.heirs if h.capacity == "spouse"), None)
    branch = [h for h in m.heirs if h.capacity != "ascendant" and h is not spouse]
    if ascendants:
        ax = x0
        rows_n = 1 + any(h.address for h in ascendants)
        for h in ascendants:
            rows = [f"出生　{wareki(h.birth)}"] + ([f"住所　{h.address}"] if h.address else [])
            block, y_asc = _block(
                ax, y0 + (rows_n - len(rows)) * _LINE, rows, f"（{h.zokugara}）　{h.name}{_mark(h)}"
            )
            parts += block
            ax += 760
        y_asc = y0 + rows_n * _LINE + 8
        if len(ascendants) > 1:
            parts.append(_line(x0 + 40 * (len(ascendants[0].name) + 6), y_asc - 20, x0 + 740, y_asc - 20))
            parts.append(_line(x0 + 40 * (len(ascendants[0].name) + 6), y_asc - 8, x0 + 740, y_asc - 8))
        y0 = y_asc + 200
        parts.append(_line(x0 + 60, y_asc + 20, x0 + 60, y0 - 45))
    dec_room = (1180 - 60 - x0) if spouse is not None else None
    block, y_name = _block(
        x0, y0, dec_rows, f"（被相続人）　{m.decedent_name}", bold=True, max_width=dec_room
    )
    parts += block
    name_mid = y_name - 14
    trunk_x: float = x0 + 460
    if spouse is not None:
        sx = 1180
        rows = ([f"住所　{spouse.address}"] if spouse.address else []) + [f"出生　{wareki(spouse.birth)}"]
        sy = y_name - len(rows) * _LINE - 8
        block, _ = _block(sx, sy, rows, f"（{spouse.zokugara}）　{spouse.name}{_mark(spouse)}")
        parts += block
        lx1, lx2 = x0 + 40 * (len(m.decedent_name) + 8) + 20, sx - 30
        parts.append(_line(lx1, name_mid - 6, lx2, name_mid - 6))
        parts.append(_line(lx1, name_mid + 6, lx2, name_mid + 6))
        trunk_x = (lx1 + lx2) / 2
    if not branch:
        return _finish(parts, y_name + 200, m, fit)
    siblings = branch[0].capacity.startswith("sibling")
    label = "（兄弟姉妹）" if siblings else ""
    top = name_mid + 6
    if siblings:  # siblings hang from the decedent, not from the marriage
        trunk_x, top = x0 + 60, y_name + 20
    rows_h = [_branch_height(h) + 60 for h in branch]
    y_start = y_name + 120
    room = _BOTTOM - _FOOTER_ROOM - y_start
    columns = _columns(rows_h, room, max_columns=3)
    tallest = max(sum(rows_h[i] for i in col) for col in columns)
    scale = min(1.0, room / max(tallest, 1))
    col_w = (_W - 80 - trunk_x) / len(columns) / scale  # full width once scaled down
    origin = f"{trunk_x:.0f} {y_start:.0f}"
    parts.append(
        f'<g transform="translate({origin}) scale({scale:.3f}) translate({-trunk_x:.0f} {-y_start:.0f})">'
    )
    if label:
        parts.append(_text(trunk_x + 20, y_start - 60, label, 28))
    bus_y = top
    if len(columns) > 1:  # a bus from the trunk to each column's own vertical line
        bus_y = y_start - 30
        parts.append(_line(trunk_x, top, trunk_x, bus_y))
        parts.append(_line(trunk_x, bus_y, trunk_x + col_w * (len(columns) - 1), bus_y))
    for j, col in enumerate(columns):
        vx = trunk_x + j * col_w
        right = vx + col_w - 40
        y = y_start
        last_mid = bus_y
        for i in col:
            h = branch[i]
            bx = vx + 160
            hx, hy = bx, y
            for r in h.represented:
                parts.append(_text(hx, hy, r.label_ja(), 30, max_width=right - hx))
                if hx == bx:
                    parts.append(_line(vx, hy - 10, hx - 10, hy - 10))
                    last_mid = hy - 10
                else:
                    parts.append(_line(hx - 60, hy - 50, hx - 60, hy - 10))
                    parts.append(_line(hx - 60, hy - 10, hx - 10, hy - 10))
                hy += 100
                hx += 80
            rows = ([f"住所　{h.address}"] if h.address else []) + [f"出生　{wareki(h.birth)}"]
            if h.died:
                rows.append(f"死亡　{wareki(h.died)}")
            block, yn = _block(hx, hy, rows, f"（{h.zokugara}）　{h.name}{_mark(h)}", max_width=right - hx)
            parts += block
            if h.represented:
                parts.append(_line(hx - 60, hy - 50, hx - 60, yn - 14))
                parts.append(_line(hx - 60, yn - 14, hx - 10, yn - 14))
            else:
                parts.append(_line(vx, yn - 14, hx - 10, yn - 14))
                last_mid = yn - 14
            y += rows_h[i]
        parts.append(_line(vx, bus_y if j else top, vx, last_mid))
    parts.append("</g>")
    return _finish(parts, y_start + tallest * scale, m, fit)


def _columns(heights: list[float], room: float, max_columns: int) -> list[list[int]]:
    """Split the branch, in order, into the fewest columns (at most ``max_columns``) whose tallest
    column fits ``room``; with ``max_columns`` columns the tallest is made as short as possible."""

    def greedy(limit: float) -> list[list[int]]:
        cols: list[list[int]] = [[]]
        used = 0.0
        for i, height in enumerate(heights):
            if cols[-1] and used + height > limit + 1e-6:
                cols.append([])
                used = 0.0
            cols[-1].append(i)
            used += height
        return cols

    for count in range(1, max_columns + 1):
        low, high = max(max(heights), sum(heights) / count), sum(heights)
        for _ in range(40):  # smallest limit that needs no more than `count` columns
            mid = (low + high) / 2
            if len(greedy(mid)) <= count:
                high = mid
            else:
                low = mid
        if high <= room or count == max_columns:
            return greedy(high)
    return [list(range(len(heights)))]  # pragma: no cover - the loop always returns


def _mark(h: MapPerson) -> str:
    return "（申出人）" if h.is_applicant else ""


def _branch_height(h: MapPerson) -> float:
    rows = (1 if h.address else 0) + 1 + (1 if h.died else 0)
    return 100 * len(h.represented) + (rows + 1) * _LINE + 10


def _finish(parts: list[str], y: float, m: HeirMap, fit: Fit) -> str:
    """「以下余白」 under the drawing, then 作成日 and the 作成者 block; the sheet's height."""
    y = min(y + 80, _BOTTOM - _FOOTER_ROOM + 80)
    parts.append(_text(_W - 200, y, "以下余白", 30, "end"))
    y += 40
    for line in _footer(m):
        y += 46
        parts.append(_text(120, y, line, 28, max_width=_W - 240))
    body = "\n".join(parts)
    height = _H if fit == "a4" else int(y + 60)
    size = 'width="210mm" height="297mm"' if fit == "a4" else f'width="210mm" height="{height / 10:.1f}mm"'
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" {size} viewBox="0 0 {_W} {height}">\n'
        f"<title>{escape(f'被相続人{m.decedent_name}法定相続情報')}</title>\n"
        f'<rect width="{_W}" height="{height}" fill="#fff"/>\n'
        f'<g font-family="{_FONT}" fill="#000" stroke="#000" stroke-width="3">\n'
        f"{body}\n</g>\n</svg>\n"
    )
