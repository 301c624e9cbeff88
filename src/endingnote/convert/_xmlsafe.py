"""Hardened XML input: no network, no DTD loading, no entity expansion, no huge trees, and any
DOCTYPE refused outright (XXE, billion laughs and external DTDs all need one)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from endingnote._codes import issue
from endingnote._issues import Issue

if TYPE_CHECKING:
    from lxml import etree

_DOCTYPE = re.compile(rb"<!\s*DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)


def parse_xml(raw: bytes) -> tuple[etree._ElementTree | None, list[Issue]]:
    """Parse ``raw`` safely; return the tree or the findings that refused it."""
    from lxml import etree

    head = raw[:4].lstrip(b"\xef\xbb\xbf")
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in raw[:4]:
        return None, [
            issue("convert.input.xml", "line:1", reason="only UTF-8 / ASCII-compatible XML is accepted")
        ]
    if _DOCTYPE.search(raw) or _ENTITY.search(raw):
        return None, [issue("convert.input.doctype", "line:1")]
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        tree = etree.fromstring(raw, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        return None, [issue("convert.input.xml", f"line:{line}", reason=str(exc.msg)[:200])]
    if tree.docinfo.doctype:  # type: ignore[union-attr]  # pragma: no cover - the byte scan refuses it first
        return None, [issue("convert.input.doctype", "line:1")]
    return tree, []
