"""report.html: what a family reads and prints. Japanese first with English; every piece of text
is HTML-escaped; the 法定相続情報一覧図 SVG is inlined only after sanitising."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from endingnote.importer._checklist import Task
    from endingnote.importer._tables import RecordTable

__all__ = ["render_report", "sanitise_svg"]

_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"
_FORBIDDEN = {"script", "foreignObject", "iframe", "object", "embed", "style", "animate", "set", "handler"}

_CSS = """
body{font-family:"Hiragino Sans","Noto Sans CJK JP","Yu Gothic",sans-serif;margin:2em;color:#111;
line-height:1.6}
h1{font-size:1.6em}h2{border-bottom:2px solid #444;margin-top:2em}
.en{color:#555;font-size:.9em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #888;padding:.25em .5em;
vertical-align:top;text-align:left}th{background:#eee}
.banner{background:#b00020;color:#fff;padding:1em;font-size:1.3em;font-weight:bold;border:4px solid #600}
.alert{background:#fff3cd;border:3px solid #b26a00;padding:1em;font-weight:bold}
.verdict-VALID{color:#0a6b0a}.verdict-INVALID{color:#b00020}.verdict-INDETERMINATE{color:#b26a00}
.heirmap svg{max-width:100%;height:auto}
@media print{body{margin:0;font-size:10.5pt}h2{break-after:avoid}tr,table.record{break-inside:avoid}
.banner,.alert{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def sanitise_svg(svg: str | None) -> str | None:
    """The SVG re-serialised without scripts, event handlers, foreign content or external links;
    ``None`` when it is not a single ``<svg>`` document."""
    if not svg or not isinstance(svg, str):
        return None
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(svg.encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root.tag != f"{{{_SVG_NS}}}svg" or str(getattr(root.getroottree().docinfo, "doctype", "") or ""):
        return None  # not an SVG, or it brings a DTD (entities): refused whole
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        ns, _, local = el.tag.rpartition("}")
        if local in _FORBIDDEN or ns.lstrip("{") != _SVG_NS:
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)
            continue
        for attr in list(el.attrib):
            name = str(attr).rpartition("}")[2].lower()
            value = str(el.attrib[attr]).strip().lower()
            if (
                name.startswith("on")
                or (name == "href" and not value.startswith("#"))
                or "javascript:" in value
            ):
                del el.attrib[attr]
    text = etree.tostring(root, encoding="unicode")
    return str(text)


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _bi(ja: str, en: str) -> str:
    return f'{_e(ja)} <span class="en">{_e(en)}</span>'


def _kv(rows: list[tuple[str, str, Any]]) -> str:
    body = "".join(
        f"<tr><th>{_bi(ja, en)}</th><td>{_e(v)}</td></tr>" for ja, en, v in rows if v not in (None, "")
    )
    return f"<table>{body}</table>"


def _person(p: Any) -> str:
    if not isinstance(p, dict):
        return str(p or "")
    return " / ".join(str(p[k]) for k in ("name", "capacity", "share") if p.get(k))


def render_report(
    *,
    tables: list[RecordTable],
    tasks: list[Task],
    heir_map_svg: str | None,
    summary: dict[str, Any],
    unverified: bool,
    generated: dt.datetime,
) -> str:
    raw = summary.get("decedent")
    decedent: dict[str, Any] = raw if isinstance(raw, dict) else {}
    name = str(decedent.get("name") or "")
    out: list[str] = [
        '<!DOCTYPE html>\n<html lang="ja">\n<head><meta charset="utf-8">',
        f"<title>{_e(name)} 様の情報 / Imported ending note</title>",
        f"<style>{_CSS}</style></head>\n<body>",
    ]
    if unverified:
        out.append(
            '<div class="banner" id="unverified">未検証 — この資料は署名の検証を経ていません。内容が本人の'
            "ものである保証はありません。<br>UNVERIFIED — this import was not verified; nothing here is "
            "known to come from the decedent.</div>"
        )
    out.append("<h1>" + _bi(f"{name} 様のエンディングノート", "Imported ending note") + "</h1>")
    out.append(f'<p class="en">作成 / Generated: {_e(generated.isoformat(timespec="seconds"))}</p>')

    verdict = str(summary.get("verdict", ""))
    revocation = str(summary.get("revocation", ""))
    out.append(f"<section id='verification'><h2>{_bi('検証結果', 'Verification')}</h2>")
    if revocation == "unknown":
        out.append(
            '<div class="alert" id="revocation-unknown">失効確認ができていません(失効状態: 不明)。署名時点で'
            "証明書が失効していなかったことは確かめられていません。<br>Revocation status UNKNOWN: it was not "
            "possible to confirm the certificate was unrevoked when the note was signed.</div>"
        )
    out.append(
        _kv(
            [
                ("判定", "Verdict", verdict),
                ("失効状態", "Revocation", revocation),
                ("署名者", "Signer", summary.get("signer")),
                ("タイムスタンプ時刻", "Timestamp", summary.get("timestamp")),
                ("故人", "Decedent", decedent.get("name")),
                ("死亡日", "Date of death", decedent.get("death_date")),
                ("請求者", "Claimant", _person(summary.get("claimant"))),
            ]
        ).replace("<td>" + _e(verdict) + "</td>", f'<td class="verdict-{_e(verdict)}">{_e(verdict)}</td>', 1)
    )
    reasons = [r for r in summary.get("reasons") or [] if r]
    if reasons:
        out.append("<ul>" + "".join(f"<li>{_e(r)}</li>" for r in reasons) + "</ul>")
    out.append("</section>")

    out.append(f"<section id='heirs'><h2>{_bi('相続人', 'Heirs')}</h2><table><tr>")
    out.append(
        f"<th>{_bi('氏名', 'Name')}</th><th>{_bi('続柄・資格', 'Capacity')}</th>"
        f"<th>{_bi('法定相続分', 'Share')}</th></tr>"
    )
    for h in summary.get("heirs") or []:
        if isinstance(h, dict):
            out.append(
                f"<tr><td>{_e(h.get('name'))}</td><td>{_e(h.get('capacity'))}</td><td>{_e(h.get('share'))}</td></tr>"
            )
    out.append("</table>")
    clean = sanitise_svg(heir_map_svg)
    if clean is not None:
        out.append(
            f"<h3>{_bi('法定相続情報一覧図(参考)', 'Heir map (for reference)')}</h3>"
            f'<div class="heirmap">{clean}</div>'
        )
    elif heir_map_svg:
        out.append(f"<p>{_bi('一覧図を表示できません。', 'The heir map could not be shown.')}</p>")
    out.append("</section>")

    out.append(
        f"<section id='checklist'><h2>{_bi('手続きチェックリスト', 'Procedures checklist')}</h2><table><tr>"
    )
    for ja, en in (
        ("期限", "Due"),
        ("手続き", "Task"),
        ("根拠", "Legal basis"),
        ("窓口", "Where"),
        ("契約番号等", "Contract"),
        ("希望", "Wish"),
        ("連絡先", "Contact"),
    ):
        out.append(f"<th>{_bi(ja, en)}</th>")
    out.append("</tr>")
    for t in tasks:
        due = t.due.isoformat() if t.due else "—"
        out.append(
            f"<tr><td>{_e(due)}</td><td>{_bi(t.title_ja, t.title_en)}</td>"
            f"<td>{_bi(t.basis_ja, t.basis_en)}</td><td>{_e(t.where_ja)}</td>"
            f"<td>{_e(t.contract_id)}</td><td>{_e(t.desired_action)}</td><td>{_e(t.contact)}</td></tr>"
        )
    out.append("</table></section>")

    out.append(f"<section id='withheld'><h2>{_bi('開示されなかった項目', 'Withheld sections')}</h2>")
    withheld = [
        w.get("label_ja") or w.get("section") if isinstance(w, dict) else w
        for w in summary.get("withheld") or []
    ]
    if withheld:
        out.append("<ul>" + "".join(f"<li>{_e(w)}</li>" for w in withheld) + "</ul>")
    else:
        out.append(f"<p>{_bi('ありません。', 'None.')}</p>")
    out.append("</section>")

    out.append(f"<section id='records'><h2>{_bi('ノートの内容', 'The note')}</h2>")
    for table in tables:
        out.append(f"<h3 id='rec-{_e(table.key)}'>{_bi(table.label_ja, table.label_en)}</h3>")
        for row in table.rows:
            body = "".join(
                f"<tr><th>{_e(h)}</th><td>{_e(v)}</td></tr>"
                for h, v in zip(table.headers, row, strict=True)
                if v not in (None, "")
            )
            out.append(f'<table class="record">{body}</table>')
    out.append("</section>\n</body>\n</html>\n")
    return "".join(out)
