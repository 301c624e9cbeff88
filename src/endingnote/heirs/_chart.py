"""The 法定相続情報一覧図: structured form (``HeirMap``), the tree (図形式) as SVG and the listing
(列挙形式) as text.

What the Legal Affairs Bureau form shows: the decedent (氏名, 最後の住所, 最後の本籍, 出生, 死亡) and
each heir at the opening of succession (氏名, 出生, 続柄, 住所 optional, 申出人 marked); a
representative is marked 代襲者 and the represented person appears only as 被代襲者 with the date
of death. It never shows shares or renunciations: renouncers are listed; the map is computed from
the graph with the renunciations removed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal
from xml.sax.saxutils import escape

from endingnote.heirs._engine import Options, compute
from endingnote.heirs._graph import FamilyGraph, Person
from endingnote.heirs._result import Heir, HeirResult

Layout = Literal["figure", "list"]


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
    represented: tuple[tuple[str, str, dt.date | None], ...] = ()  # (id, name, death date)
    died: dt.date | None = None  # heir who died after the decedent (shown with the death date)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "birth": self.birth.isoformat() if self.birth else None,
            "zokugara": self.zokugara,
            "capacity": self.capacity,
            "address": self.address,
            "is_applicant": self.is_applicant,
            "representative_of": [
                {"id": pid, "name": name, "death_date": died.isoformat() if died else None}
                for pid, name, died in self.represented
            ]
            or None,
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
    prepared_by: str | None = None

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
            "prepared_by": self.prepared_by,
            "certified": None,
        }


def heir_map(
    graph: FamilyGraph,
    decedent_id: str,
    *,
    applicant: str | None = None,
    layout: Layout = "figure",
    prepared_on: dt.date | None = None,
    prepared_by: str | None = None,
    options: Options | None = None,
) -> tuple[HeirMap | None, HeirResult]:
    """The 一覧図 of ``decedent_id`` (``None`` when the heirs cannot be determined) and the result
    it was drawn from (computed without renunciations, which the 一覧図 does not show)."""
    facts = tuple(
        f for f in graph.estate_facts if not (f.decedent == decedent_id and f.kind == "renunciation")
    )
    shown = dataclasses.replace(graph, estate_facts=facts)
    result = compute(shown, decedent_id, options)
    decedent = graph.person(decedent_id)
    if decedent is None or decedent.death is None or result.status == "indeterminate":
        return None, result
    persons = {p.id: p for p in graph.persons}
    reg = decedent.register
    heirs = tuple(_map_person(graph, persons, decedent, h, applicant) for h in result.heirs)
    return (
        HeirMap(
            decedent_id=decedent.id,
            decedent_name=decedent.name.full,
            decedent_kana=decedent.name.kana,
            birth=decedent.birth_date,
            death=decedent.death.date,
            last_address=reg.last_address if reg else None,
            last_honseki=reg.honseki if reg else None,
            registered_address=reg.registered_address if reg else None,
            heirs=heirs,
            layout=layout,
            prepared_on=prepared_on,
            prepared_by=prepared_by,
        ),
        result,
    )


def _map_person(
    graph: FamilyGraph, persons: dict[str, Person], decedent: Person, heir: Heir, applicant: str | None
) -> MapPerson:
    p = persons[heir.id]
    cap = heir.capacities[0]
    reg_zoku = p.register.zokugara if p.register else None
    zokugara = _zokugara(graph, persons, decedent, p, cap.kind, len(cap.via), reg_zoku)
    represented = tuple((v, persons[v].name.full, _death_date(persons[v])) for v in heir.via)
    died = p.death.date if heir.died_after and p.death else None
    return MapPerson(
        id=p.id,
        name=p.name.full,
        birth=p.birth_date,
        zokugara=zokugara,
        capacity=cap.kind,
        address=p.register.address if p.register else None,
        is_applicant=p.id == applicant,
        represented=represented,
        died=died,
    )


def _death_date(p: Person) -> dt.date | None:
    return p.death.date if p.death is not None else None


def _zokugara(
    graph: FamilyGraph,
    persons: dict[str, Person],
    decedent: Person,
    p: Person,
    kind: str,
    depth: int,
    registered: str | None,
) -> str:
    female = p.sex == "female"
    male = p.sex == "male"
    if kind == "spouse":
        return registered if registered in ("夫", "妻") else ("妻" if female else "夫" if male else "配偶者")
    if kind == "child":
        if registered:
            return registered
        adoptive = any(
            e.parent == decedent.id and e.child == p.id and e.kind == "adoptive" for e in graph.parent_child
        )
        if adoptive:
            return "養女" if female else "養子"
        return "子"
    if kind == "representative":
        base = ("孫", "曾孫", "玄孫")[min(depth - 1, 2)]
        return f"{base}・代襲者"
    if kind == "ascendant":
        degree = _ascendant_degree(graph, decedent.id, p.id)
        prefix = {1: "", 2: "祖", 3: "曾祖"}.get(degree, "高祖")
        return prefix + ("母" if female else "父" if male else "親")
    if kind == "sibling":
        if p.birth_date and decedent.birth_date:
            older = p.birth_date < decedent.birth_date
            if female:
                return "姉" if older else "妹"
            if male:
                return "兄" if older else "弟"
        return "兄弟姉妹"
    return ("姪" if female else "甥" if male else "甥姪") + "・代襲者"


def _ascendant_degree(graph: FamilyGraph, decedent_id: str, pid: str) -> int:
    level = {decedent_id}
    for degree in range(1, 10):
        level = {e.parent for e in graph.parent_child if e.child in level}
        if pid in level:
            return degree
    return 1


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
        for _, name, died in h.represented:
            lines.append(f"   被代襲者　{name}（{wareki(died)}死亡）")
    lines += ["", "以下余白", ""]
    if m.prepared_on:
        lines.append(f"作成日：{wareki(m.prepared_on)}")
    if m.prepared_by:
        lines.append(f"作成者：{m.prepared_by}")
    return "\n".join(lines) + "\n"


# --- the tree (図形式) as SVG ----------------------------------------------------------------------

_W, _H = 2100, 2970  # A4 portrait in 0.1 mm
_BOTTOM = _H - 500  # ~5 cm left blank for the registrar's 認証文
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


def render_svg(m: HeirMap) -> str:
    """The tree layout (図形式) as an A4 portrait SVG with Japanese text (Noto CJK)."""
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
    branch = [h for h in m.heirs if h not in ascendants and h is not spouse]
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
        return _finish(parts, y_name + 200, m)
    siblings = branch[0].capacity.startswith("sibling")
    label = "（兄弟姉妹）" if siblings else ""
    top = name_mid + 6
    if siblings:  # siblings hang from the decedent, not from the marriage
        trunk_x, top = x0 + 60, y_name + 20
    rows_h = [_branch_height(h) + 60 for h in branch]
    y_start = y_name + 120
    room = _BOTTOM - 250 - y_start
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
            for _, name, died in h.represented:
                parts.append(
                    _text(hx, hy, f"被代襲者　{name}（{wareki(died)}死亡）", 30, max_width=right - hx)
                )
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
    return _finish(parts, y_start + tallest * scale, m)


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


def _finish(parts: list[str], y: float, m: HeirMap) -> str:
    y = min(y + 80, _BOTTOM - 150)
    parts.append(_text(_W - 200, y, "以下余白", 30, "end"))
    foot = _BOTTOM - 60
    if m.prepared_on:
        parts.append(_text(120, foot - 50, f"作成日：{wareki(m.prepared_on)}", 28))
    if m.prepared_by:
        parts.append(_text(120, foot, f"作成者：{m.prepared_by}", 28))
    body = "\n".join(parts)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 {_W} {_H}">\n'
        f"<title>{escape(f'被相続人{m.decedent_name}法定相続情報')}</title>\n"
        f'<rect width="{_W}" height="{_H}" fill="#fff"/>\n'
        f'<g font-family="{_FONT}" fill="#000" stroke="#000" stroke-width="3">\n'
        f"{body}\n</g>\n</svg>\n"
    )
