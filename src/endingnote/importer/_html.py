"""report.html: what a family reads and prints, in one language (Japanese, or English).

Sentences first — who signed the note and whether it changed since, who the heirs are and this
reader's share —, then the 一覧図, the procedures with their deadlines, what was withheld and the
note itself, every value as a person reads it (:mod:`._plain`); the technical detail for
professionals last, in a collapsed ``<details>``. Every piece of text is HTML-escaped; the
一覧図 SVG is inlined only after sanitising. Prints on A4 (``@page``), the 一覧図 at its own height.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING, Any

from endingnote.importer._plain import (
    Lang,
    PlainTable,
    date_text,
    datetime_text,
    iso_date,
    iso_datetime,
    share_text,
)

if TYPE_CHECKING:
    from endingnote.importer._checklist import Task

__all__ = ["render_report", "sanitise_svg"]

_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"
_FORBIDDEN = {"script", "foreignObject", "iframe", "object", "embed", "style", "animate", "set", "handler"}

_CSS = """
body{font-family:"Hiragino Sans","Noto Sans CJK JP","Yu Gothic",sans-serif;margin:2em auto;max-width:60em;
color:#111;line-height:1.7;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #444;margin-top:2em}h3{margin-top:1.5em}
h4{margin:1em 0 .3em}.meta,.small{color:#555;font-size:.9em}.lead{font-size:1.1em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #999;padding:.3em .5em;
vertical-align:top;text-align:left}th{background:#f0f0f0;font-weight:600}
table.kv th{width:30%}td.date{white-space:nowrap}.rule{color:#444;font-size:.85em}
.banner{background:#b00020;color:#fff;padding:1em;font-size:1.3em;font-weight:bold;border:4px solid #600}
.alert{background:#fff3cd;border:3px solid #b26a00;padding:1em;font-weight:bold}
.ok{border-left:6px solid #0a6b0a;padding:.2em 1em}.ng{border-left:6px solid #b00020;padding:.2em 1em}
.heirmap{margin:1em 0}.heirmap svg{width:100%;height:auto;display:block;border:1px solid #ccc}
details{margin-top:2em;border:1px solid #bbb;padding:.5em 1em}summary{cursor:pointer;font-weight:600}
code{font-size:.85em;word-break:break-all}
@page{size:A4 portrait;margin:15mm 12mm}
@media print{body{margin:0;max-width:none;font-size:10pt;padding:0}h2{break-after:avoid}
tr,table.record,.heirmap,.ok,.ng,.alert{break-inside:avoid}.heirmap svg{border:none}
.banner,.alert{-webkit-print-color-adjust:exact;print-color-adjust:exact}details{display:none}}
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


_WORDS: dict[str, tuple[str, str]] = {
    "title": ("{name}さんのエンディングノート", "The ending note of {name}"),
    "generated": ("この資料の作成: {when}", "Prepared: {when}"),
    "about": ("このノートについて", "About this note"),
    "signed": (
        "このノートは{name}さん本人が{when}にマイナンバーカードで署名し、その後変更されていません。",
        "{name} signed this note with their My Number Card on {when}, and it has not been changed since.",
    ),
    "signed_unverified": (
        "このノートが{name}さん本人の署名のとおりか、確かめられていません。",
        "It has not been established that this note is as {name} signed it.",
    ),
    "died": (
        "{name}さんは{when}に亡くなったことが戸籍で確認できました。",
        "The family registers record that {name} died on {when}.",
    ),
    "revoked_after": (
        "署名に使われたカードの証明書は署名の後に失効しています(亡くなった方のカードは失効します)。"
        "失効は署名より後なので、署名はそのまま有効です。",
        "The card's certificate was revoked after the signature (as it is when its holder dies); "
        "that does not affect the signature.",
    ),
    "good": (
        "署名に使われたカードの証明書は、署名の時点で有効でした。",
        "The card's certificate was valid when the note was signed.",
    ),
    "revocation_unknown": (
        "署名の時点でカードの証明書が失効していなかったかを確かめられていません(失効情報がありません)。",
        "Whether the card's certificate was still valid when the note was signed could not be checked "
        "(no revocation information).",
    ),
    "unverified_banner": (
        "未検証 — このノートは署名の検証を経ていません。内容が本人のものである保証はありません。",
        "UNVERIFIED — this note was not verified; nothing here is known to come from the decedent.",
    ),
    "heirs": ("相続人", "Heirs"),
    "heirs_lead": (
        "戸籍によると、{name}さんの法定相続人は次の{count}人です。",
        "According to the family registers, {name} leaves these {count} statutory heirs.",
    ),
    "heirs_none": (
        "戸籍から相続人を判定できませんでした。",
        "The heirs could not be determined from the registers.",
    ),
    "you": (
        "あなた({name}さん、{rel})の法定相続分は{share}です。",
        "Your ({name}, {rel}) statutory share is {share}.",
    ),
    "you_attest": (
        "相続人であることは、{signer}による相続人の証明で確認しました。",
        "You are an heir according to the heirs' attestation by {signer}.",
    ),
    "share_note": (
        "法定相続分は法律が定める目安です。実際の分け方は遺言や相続人全員の話し合い(遺産分割協議)で決まります。",
        "Statutory shares are what the law provides by default; a will or an agreement of all heirs decides "
        "the actual division.",
    ),
    "name": ("氏名", "Name"),
    "relationship": ("続柄", "Relationship"),
    "share": ("法定相続分", "Statutory share"),
    "represents": ("{names}さんに代わって相続", "inherits in place of {names}"),
    "map": ("法定相続情報一覧図(参考)", "Statutory heir map (for reference)"),
    "map_note": (
        "法務局に申し出るときの下書きとしてお使いください。戸籍の束と一緒に提出すると、法務局が確認して写しを交付します。",
        "A draft for the Legal Affairs Bureau: filed with the registers, the bureau certifies copies.",
    ),
    "map_missing": ("一覧図を表示できません。", "The heir map cannot be shown."),
    "checklist": ("これからの手続き", "What to do next"),
    "deadlines": ("期限のある手続き", "Procedures with a deadline"),
    "learned_note": (
        "「死亡を知った日から」数える期限は、{when}を知った日として数えています。後で知った場合は、"
        "取り込むときに知った日を指定すると数え直します。",
        "Periods that run from learning of the death are counted from {when}; if you learned later, "
        "import again with that date.",
    ),
    "due": ("期限", "Deadline"),
    "task": ("手続き", "Procedure"),
    "where": ("窓口", "Where"),
    "how": ("期限の数え方と根拠", "How the deadline is counted, and the law"),
    "contracts": ("契約・口座などの手続き", "Contracts, accounts and policies"),
    "contracts_lead": (
        "法定の期限はありません。目安の日までに内容を確かめてください。相続放棄を考えている場合、"
        "解約や払い戻しをすると相続を承認したとみなされることがあります(民法921条1号)。",
        "There is no statutory deadline. Check each by the target date; if you may renounce, cancelling or "
        "withdrawing can count as accepting the inheritance (Civil Code art. 921(1)).",
    ),
    "target": ("目安", "Target"),
    "counterparty": ("相手先", "With"),
    "contract_id": ("契約番号等", "Number"),
    "wish": ("故人の希望", "The decedent's wish"),
    "contact": ("連絡先", "Contact"),
    "withheld": ("開示されなかった項目", "Sections not disclosed to you"),
    "withheld_lead": (
        "故人の指定により、次の項目はあなたには開示されていません。",
        "By the decedent's choice, these sections are not disclosed to you.",
    ),
    "withheld_none": (
        "ありません。ノートのすべてが開示されています。",
        "None: the whole note is disclosed to you.",
    ),
    "note": ("ノートの内容", "The note"),
    "technical": ("技術的な詳細(専門家向け)", "Technical detail (for professionals)"),
    "notes": ("ご注意", "Please note"),
    "csv_lossy": (
        "CSV ファイル(cp932)では表せない文字を「〓」に置き換えた箇所があります: {where}。"
        "workbook.xlsx と note.json には元の文字のまま入っています。",
        "Characters cp932 cannot hold were replaced by 〓 in the CSV files: {where}. workbook.xlsx and "
        "note.json keep them.",
    ),
}


def _w(key: str, lang: Lang, **params: Any) -> str:
    ja, en = _WORDS[key]
    return (ja if lang == "ja" else en).format(**params)


def _kv(rows: list[tuple[str, Any]]) -> str:
    body = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows if v not in (None, ""))
    return f'<table class="kv">{body}</table>'


def _verification(summary: dict[str, Any], lang: Lang, unverified: bool) -> list[str]:
    dec = summary.get("decedent") if isinstance(summary.get("decedent"), dict) else {}
    assert isinstance(dec, dict)  # noqa: S101 — narrowed above
    name = str(dec.get("name") or summary.get("signer") or "")
    out = [f"<section id='verification'><h2>{_e(_w('about', lang))}</h2>"]
    revocation = str(summary.get("revocation") or "")
    signed = iso_datetime(summary.get("timestamp"))
    if unverified or summary.get("verdict") not in ("VALID", None):
        out.append(f"<p class='ng lead'>{_e(_w('signed_unverified', lang, name=name))}</p>")
    else:
        text = _w("signed", lang, name=name, when=datetime_text(signed, lang))
        out.append(f"<p class='ok lead'>{_e(text)}</p>")
    if dec.get("death_date"):
        died = date_text(iso_date(dec.get("death_date")), lang)
        out.append(f"<p>{_e(_w('died', lang, name=name, when=died))}</p>")
    if revocation == "revoked_after_signing":
        out.append(f"<p>{_e(_w('revoked_after', lang))}</p>")
    elif revocation == "good":
        out.append(f"<p>{_e(_w('good', lang))}</p>")
    if summary.get("revocation_unknown") or revocation in ("unknown", "revocation_unknown"):
        out.append(f'<div class="alert" id="revocation-unknown">{_e(_w("revocation_unknown", lang))}</div>')
    reasons = [r for r in summary.get("reasons") or [] if r]
    if reasons:
        out.append(f"<h3>{_e(_w('notes', lang))}</h3><ul>")
        for r in reasons:
            out.append(f"<li>{_e(r.get(lang) if isinstance(r, dict) else r)}</li>")
        out.append("</ul>")
    out.append("</section>")
    return out


def _heirs(summary: dict[str, Any], lang: Lang, heir_map_svg: str | None) -> list[str]:
    dec = summary.get("decedent") if isinstance(summary.get("decedent"), dict) else {}
    assert isinstance(dec, dict)  # noqa: S101 — narrowed above
    heirs = [h for h in summary.get("heirs") or [] if isinstance(h, dict)]
    out = [f"<section id='heirs'><h2>{_e(_w('heirs', lang))}</h2>"]
    if heirs:
        out.append(
            f"<p class='lead'>{_e(_w('heirs_lead', lang, name=dec.get('name', ''), count=len(heirs)))}</p>"
        )
    else:
        out.append(f"<p>{_e(_w('heirs_none', lang))}</p>")
    claimant = summary.get("claimant") if isinstance(summary.get("claimant"), dict) else {}
    assert isinstance(claimant, dict)  # noqa: S101 — narrowed above
    rel = claimant.get(f"relationship_{lang}")
    if claimant.get("share") and rel:
        you = _w(
            "you", lang, name=claimant.get("name"), rel=rel, share=share_text(claimant.get("share"), lang)
        )
        out.append(f"<p class='lead'>{_e(you)}</p>")
    elif claimant.get("kind") == "attestation" and claimant.get("name"):
        out.append(f"<p>{_e(_w('you_attest', lang, signer=claimant.get('name')))}</p>")
    if heirs:
        out.append(
            f"<table><tr><th>{_e(_w('name', lang))}</th><th>{_e(_w('relationship', lang))}</th>"
            f"<th>{_e(_w('share', lang))}</th></tr>"
        )
        for h in heirs:
            rel = h.get(f"relationship_{lang}") or h.get("capacity_label") or ""
            via = h.get("via_names")
            extra = ""
            if via:
                sep = "、" if lang == "ja" else ", "
                extra = f"<br><span class='small'>{_e(_w('represents', lang, names=sep.join(via)))}</span>"
            out.append(
                f"<tr><td>{_e(h.get('name'))}</td><td>{_e(rel)}{extra}</td>"
                f"<td>{_e(share_text(h.get('share'), lang))}</td></tr>"
            )
        out.append(f"</table><p class='small'>{_e(_w('share_note', lang))}</p>")
    clean = sanitise_svg(heir_map_svg)
    if clean is not None:
        out.append(
            f"<h3>{_e(_w('map', lang))}</h3><p class='small'>{_e(_w('map_note', lang))}</p>"
            f'<div class="heirmap">{clean}</div>'
        )
    elif heir_map_svg:
        out.append(f"<p>{_e(_w('map_missing', lang))}</p>")
    out.append("</section>")
    return out


def _checklist(tasks: list[Task], lang: Lang) -> list[str]:
    ja = lang == "ja"
    out = [f"<section id='checklist'><h2>{_e(_w('checklist', lang))}</h2>"]
    statutory = [t for t in tasks if t.category == "statutory"]
    contracts = [t for t in tasks if t.category != "statutory"]
    if statutory:
        out.append(f"<h3>{_e(_w('deadlines', lang))}</h3>")
        learned = next((t for t in statutory if t.from_learning), None)
        if learned is not None and learned.rule_ja:
            when = learned.rule_ja.split("(", 1)[-1].split(")", 1)[0] if ja else ""
            if ja and "死亡日" in when:
                when = when.replace("死亡日 ", "").replace(" として計算", "")
            if ja:
                out.append(f"<p class='small'>{_e(_w('learned_note', lang, when=when))}</p>")
        out.append(
            "<table><tr>"
            + "".join(f"<th>{_e(_w(k, lang))}</th>" for k in ("due", "task", "where", "how"))
            + "</tr>"
        )
        for t in statutory:
            title, where = (t.title_ja, t.where_ja) if ja else (t.title_en, t.where_en or t.where_ja)
            rule, basis = (t.rule_ja, t.basis_ja) if ja else (t.rule_en, t.basis_en)
            out.append(
                f"<tr><td class='date'>{_e(date_text(t.due, lang))}</td><td>{_e(title)}</td>"
                f"<td>{_e(where)}</td><td><span class='rule'>{_e(basis)}<br>{_e(rule)}</span></td></tr>"
            )
        out.append("</table>")
    if contracts:
        out.append(
            f"<h3>{_e(_w('contracts', lang))}</h3><p class='small'>{_e(_w('contracts_lead', lang))}</p>"
        )
        heads = ("target", "task", "contract_id", "wish", "contact")
        out.append("<table><tr>" + "".join(f"<th>{_e(_w(k, lang))}</th>" for k in heads) + "</tr>")
        for t in contracts:
            title = t.title_ja if ja else t.title_en
            wish = t.desired_action if ja else t.desired_action_en
            target = date_text(t.target, lang) if t.target else ""
            out.append(
                f"<tr><td class='date'>{_e(target)}</td><td>{_e(title)}</td>"
                f"<td>{_e(t.contract_id)}</td><td>{_e(wish)}</td><td>{_e(t.contact)}</td></tr>"
            )
        out.append("</table>")
    out.append("</section>")
    return out


def _withheld(summary: dict[str, Any], lang: Lang) -> list[str]:
    out = [f"<section id='withheld'><h2>{_e(_w('withheld', lang))}</h2>"]
    withheld = [
        (w.get(f"label_{lang}") or w.get("label_ja")) if isinstance(w, dict) else w
        for w in summary.get("withheld") or []
    ]
    if withheld:
        out.append(f"<p>{_e(_w('withheld_lead', lang))}</p>")
        out.append("<ul>" + "".join(f"<li>{_e(w)}</li>" for w in withheld) + "</ul>")
    else:
        out.append(f"<p>{_e(_w('withheld_none', lang))}</p>")
    out.append("</section>")
    return out


def _records(tables: list[PlainTable], lang: Lang) -> list[str]:
    out = [f"<section id='records'><h2>{_e(_w('note', lang))}</h2>"]
    for table in tables:
        label = table.label_ja if lang == "ja" else table.label_en
        out.append(f"<h3 id='rec-{_e(table.key)}'>{_e(label)}</h3>")
        for title, row in zip(table.titles, table.rows, strict=True):
            if len(table.rows) > 1 or title != label:
                out.append(f"<h4>{_e(title)}</h4>")
            body = "".join(
                f"<tr><th>{_e(col.label)}</th><td>{_e(cell.text)}</td></tr>"
                for col, cell in zip(table.columns, row, strict=True)
                if cell.text
            )
            out.append(f'<table class="record kv">{body}</table>')
    out.append("</section>")
    return out


def _technical(summary: dict[str, Any], lang: Lang) -> list[str]:
    tech = summary.get("technical") if isinstance(summary.get("technical"), dict) else {}
    assert isinstance(tech, dict)  # noqa: S101 — narrowed above
    cert = tech.get("certificate") if isinstance(tech.get("certificate"), dict) else {}
    assert isinstance(cert, dict)  # noqa: S101 — narrowed above
    ja = lang == "ja"
    rows = [
        ("判定 (ETSI EN 319 102-1)" if ja else "Indication (ETSI EN 319 102-1)", tech.get("indication")),
        ("補足" if ja else "Sub-indications", ", ".join(tech.get("subindications") or [])),
        ("失効の状態" if ja else "Revocation", tech.get("revocation")),
        ("失効情報の出所" if ja else "Revocation source", tech.get("revocation_source")),
        ("失効の時刻" if ja else "Revoked at", tech.get("revoked_at")),
        ("タイムスタンプの時刻 (UTC)" if ja else "Timestamp (UTC)", tech.get("timestamp")),
        ("検証の時刻 (UTC)" if ja else "Validation time (UTC)", tech.get("validation_time")),
        (
            "タイムスタンプ局" if ja else "Timestamp authority",
            "; ".join(x for x in tech.get("tsa") or [] if x),
        ),
        ("署名者の証明書 (subject)" if ja else "Signer certificate subject", cert.get("subject")),
        ("発行者 (issuer)" if ja else "Issuer", cert.get("issuer")),
        ("シリアル番号" if ja else "Serial", cert.get("serial")),
        ("証明書の SHA-256" if ja else "Certificate SHA-256", cert.get("cert_sha256")),
        (
            "有効期間" if ja else "Validity",
            " – ".join(str(cert.get(k) or "") for k in ("not_before", "not_after")),
        ),
    ]
    out = [f"<details id='technical'><summary>{_e(_w('technical', lang))}</summary>", _kv(rows)]
    findings = [f for f in tech.get("findings") or [] if isinstance(f, dict)]
    if findings:
        out.append("<ul>")
        for f in findings:
            out.append(f"<li><code>{_e(f.get('code'))}</code> {_e(f.get(lang))}</li>")
        out.append("</ul>")
    out.append("</details>")
    return out


def render_report(
    *,
    tables: list[PlainTable],
    tasks: list[Task],
    heir_map_svg: str | None,
    summary: dict[str, Any],
    unverified: bool,
    generated: dt.datetime,
    lang: Lang = "ja",
    notes: list[str] | None = None,
) -> str:
    raw = summary.get("decedent")
    decedent: dict[str, Any] = raw if isinstance(raw, dict) else {}
    name = str(decedent.get("name") or "")
    title = _w("title", lang, name=name)
    out: list[str] = [
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style></head>\n<body>",
    ]
    if unverified:
        out.append(f'<div class="banner" id="unverified">{_e(_w("unverified_banner", lang))}</div>')
    out.append(f"<h1>{_e(title)}</h1>")
    out.append(f'<p class="meta">{_e(_w("generated", lang, when=datetime_text(generated, lang)))}</p>')
    out += _verification(summary, lang, unverified)
    out += _heirs(summary, lang, heir_map_svg)
    out += _checklist(tasks, lang)
    out += _withheld(summary, lang)
    if notes:
        out.append("<ul class='small'>" + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>")
    out += _records(tables, lang)
    out += _technical(summary, lang)
    out.append("\n</body>\n</html>\n")
    return "".join(out)
