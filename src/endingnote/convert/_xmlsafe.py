"""Hardened XML input: no network, no DTD loading, no entity expansion, no huge trees, and any
DOCTYPE refused outright (XXE, billion laughs and external DTDs all need one). Any declared
encoding other than UTF-8 (ISO-8859-1, windows-1252, KOI8-R, macintosh, Shift_JIS …) over bytes
that are UTF-8 is refused, not read as mojibake. XPath expressions from mappings run without
EXSLT regular expressions (lxml's run Python's backtracking ``re``: ``re:test`` can hang) and
without any other extension function."""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

from endingnote._codes import issue
from endingnote._issues import Issue

if TYPE_CHECKING:
    from lxml import etree

_DOCTYPE = re.compile(rb"<!\s*DOCTYPE", re.IGNORECASE)
_DECLARED = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_EXT_CALL = re.compile(r"[A-Za-z_][\w.-]*:[A-Za-z_][\w.-]*\s*\(")
MAX_XPATH_CHARS = 1000


def check_xpaths(expr: str, namespaces: dict[str, str]) -> str | None:
    """Why an XPath from a mapping is refused (an extension function, EXSLT, too long), or None."""
    from lxml import etree

    if len(expr) > MAX_XPATH_CHARS:
        return f"長すぎます / longer than {MAX_XPATH_CHARS} characters"
    if any(uri.startswith(("http://exslt.org/", "https://exslt.org/")) for uri in namespaces.values()):
        return "EXSLT の名前空間は使えません / EXSLT namespaces are not allowed"
    if _EXT_CALL.search(expr):
        return "拡張関数は使えません / extension functions are not allowed"
    try:
        etree.XPath(expr or ".", namespaces=namespaces, regexp=False)
    except (etree.XPathError, ValueError, TypeError) as exc:
        return str(exc)[:200]
    return None


def _names_utf8(name: str) -> bool:
    try:
        return codecs.lookup(name).name == "utf-8"
    except LookupError:  # a name Python does not know: libxml2 may, and it is not UTF-8
        return False


def declared_encoding_problem(raw: bytes) -> Issue | None:
    """Non-ASCII UTF-8 bytes under any other declared encoding: a finding, not mojibake (text in
    Shift_JIS, EUC-JP or a single-byte encoding is practically never valid UTF-8 as well)."""
    m = _DECLARED.match(raw[:200])
    if m is None or _names_utf8(m.group(1).decode("ascii")):
        return None
    if raw.isascii():
        return None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return issue(
        "convert.input.wrong_encoding", "line:1", declared=m.group(1).decode("ascii"), detected="UTF-8"
    )


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
    mojibake = declared_encoding_problem(raw)
    if mojibake is not None:
        return None, [mojibake]
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
