"""Where the site is published (``site_url``): a setting of the build, never a guess.

Order: ``endingnote site build --site-url URL``, else ``site_url`` in the newest version's
``standard.yaml`` that declares one. A strict build refuses a missing URL and a placeholder host
(RFC 2606/6761 reserved names such as ``endingnote.example``): the version selector, the sitemap,
the canonical links and the w3id redirects are all built from it.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from endingnote.site._context import read_head
from endingnote.site._versions import version_key

# Reserved for documentation and testing (RFC 2606, RFC 6761): never where a site is published.
_PLACEHOLDER_TLDS = ("example", "invalid", "test", "localhost")
_PLACEHOLDER_HOSTS = ("example.com", "example.net", "example.org")


def declared_site_url(root: Path, versions: list[str]) -> str | None:
    """``site_url`` of the newest version's ``standard.yaml`` that has one."""
    for version in sorted(versions, key=version_key, reverse=True):
        value = read_head(root / version).get("site_url")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def normalise(url: str) -> str:
    """``url`` with exactly one trailing slash (each version lives under ``<site_url><version>/``)."""
    return url.rstrip("/") + "/"


def problem(url: str | None) -> str | None:
    """Why ``url`` cannot be where the site is published, in both languages (None when it can)."""
    if not url:
        return (
            "公開先 site_url が決まっていません(--site-url または standard.yaml の site_url)"
            " / no site_url: give --site-url or set site_url in standard.yaml"
        )
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme not in ("https", "http") or not host:
        return f"site_url は http(s) の URL にしてください / site_url must be an http(s) URL: {url}"
    if (
        host.rsplit(".", 1)[-1] in _PLACEHOLDER_TLDS
        or host in _PLACEHOLDER_HOSTS
        or any(host.endswith("." + h) for h in _PLACEHOLDER_HOSTS)
    ):
        return (
            f"site_url のホスト {host} は例示用の予約名です / site_url host {host} is a reserved "
            "placeholder (RFC 2606/6761), not where the site is published"
        )
    if parts.query or parts.fragment:
        return f"site_url に ? や # は使えません / site_url must not carry a query or fragment: {url}"
    return None
