"""The link check of a built version: every internal link and anchor of every HTML page, on the
HTML MkDocs wrote (plain-HTML links MkDocs does not check included: the directory of versions,
canonical links, the theme's own links). The findings are written into that version's QA page.

Links leaving the site (another host, ``mailto:``) are not followed: the check runs offline.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from endingnote._codes import issue
from endingnote._issues import Issue

# Placeholders that the QA page carries until the check has run (see _qa.render).
PLACEHOLDER = '<div id="en-linkcheck"><p>リンク検査は生成後に実行されます / checked after the build</p></div>'
STATE_PLACEHOLDER = '<span class="en-check-state" id="en-check-{key}">pending</span>'
_SKIP_DIRS = ("search", "assets")
_ATTRS = ("href", "src")


@dataclass
class Found:
    links: list[Issue] = field(default_factory=list)
    uris: list[Issue] = field(default_factory=list)
    pages: int = 0
    links_checked: int = 0


def _parse(data: bytes) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(data)
    except (ValueError, lxml.etree.ParserError):
        return None


def ids_of(data: bytes) -> set[str]:
    """Every fragment a link may name in a page: element ids and ``<a name>``."""
    doc = _parse(data)
    if doc is None:
        return set()
    return {str(v) for v in doc.xpath("//@id | //a/@name")}


def _links(doc: lxml.html.HtmlElement) -> list[str]:
    out = []
    for el in doc.iter("a", "link", "img", "script"):
        for attr in _ATTRS:
            value = el.get(attr)
            if value is not None:
                out.append(value.strip())
    return out


def _target(link: str, page_url: str, site_path: str) -> tuple[str, str] | None:
    """(path under the output folder, fragment) of ``link`` on the page at ``page_url`` (a path
    under the output folder), or None when the link leaves the site."""
    parts = urlsplit(link)
    if parts.scheme in ("mailto", "tel", "javascript", "data"):
        return None
    path = unquote(parts.path)
    if parts.scheme or parts.netloc:
        return None  # absolute links to the site are mapped by the caller
    if path.startswith("/"):
        if not path.startswith(site_path):
            return None
        resolved = path[len(site_path) :]
    elif path:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), path))
        if path.endswith("/") and not resolved.endswith("/"):
            resolved += "/"
    else:
        resolved = page_url
    return resolved.lstrip("/"), parts.fragment


def check_version(out: Path, version: str, site_url: str | None) -> Found:
    """Check every page of ``out/<version>/``; links may lead into other versions of ``out``."""
    found = Found()
    site = (site_url or "").rstrip("/") + "/"
    site_path = urlsplit(site).path if site_url else "/"
    root = out / version
    ids: dict[Path, set[str]] = {}
    for page in sorted(root.rglob("*.html")):
        rel = page.relative_to(out).as_posix()
        if page.relative_to(root).parts[0] in _SKIP_DIRS:
            continue
        doc = _parse(page.read_bytes())
        if doc is None:
            continue
        found.pages += 1
        ids[page] = {str(v) for v in doc.xpath("//@id | //a/@name")}
        for link in _links(doc):
            if site_url and link.startswith(site):
                link = site_path + link[len(site) :]
            target = _target(link, rel, site_path)
            if target is None:
                continue
            found.links_checked += 1
            path_rel, fragment = target
            path = out / path_rel
            if path.is_dir() or path_rel == "" or path_rel.endswith("/"):
                path = path / "index.html"
            if not path.is_file():
                found.links.append(issue("site.broken_link", rel, target=link))
                continue
            if fragment and path.suffix == ".html":
                if path not in ids:
                    ids[path] = ids_of(path.read_bytes())
                if fragment not in ids[path]:
                    found.links.append(issue("site.broken_anchor", rel, target=link, anchor=fragment))
    return found


def _rows(issues: list[Issue]) -> str:
    cells = "".join(
        f"<tr><td>{html.escape(i.severity.value)}</td><td><code>{html.escape(i.code)}</code></td>"
        f"<td><code>{html.escape(i.path)}</code></td><td>{html.escape(i.message_ja)}</td>"
        f"<td>{html.escape(i.message_en)}</td></tr>"
        for i in issues
    )
    return (
        "<table><thead><tr><th>重大度 / Severity</th><th>コード / Code</th><th>場所 / Where</th>"
        f"<th>内容</th><th>Message</th></tr></thead><tbody>{cells}</tbody></table>"
    )


def render(found: Found) -> str:
    body = (
        f"<p>{found.pages} ページの内部リンク {found.links_checked} 件と、正規 URI を検査しました。 / "
        f"Checked {found.links_checked} internal links on {found.pages} pages, and the canonical URIs.</p>"
    )
    problems = found.links + found.uris
    body += _rows(problems) if problems else "<p>問題なし / No findings.</p>"
    return f'<div id="en-linkcheck">{body}</div>'


def publish(version_dir: Path, found: Found, checks: dict[str, str]) -> None:
    """Write the findings into the built QA page of the version (``qa/index.html``)."""
    from endingnote._atomic import write_text

    page = version_dir / "qa" / "index.html"
    if not page.is_file():
        return
    text = page.read_text(encoding="utf-8").replace(PLACEHOLDER, render(found))
    for key in ("links", "uris"):
        text = text.replace(
            STATE_PLACEHOLDER.format(key=key),
            f'<span class="en-check-state" id="en-check-{key}">{html.escape(checks.get(key, ""))}</span>',
        )
    write_text(page, text)
