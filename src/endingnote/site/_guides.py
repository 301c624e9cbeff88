"""Guide pages generated from code by other concerns (a mapping-language reference, say).

To add one, append a line to :data:`GUIDE_PAGES`: the page's path under ``guides/``, the function
that writes it (``"module:function"``, called with no arguments, returning Markdown that starts
with a ``# `` heading) and its title in the navigation. The site build imports the module only
while building, puts the page into every version's site at ``guides/<path>`` and lists it under
"ガイド / Guides"; a function that fails or returns no Markdown is a QA error, never a crash.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote.site._md import GENERATED_HEADER

# (path under guides/, "module:function", nav title) — one line per generated guide.
GUIDE_PAGES: list[tuple[str, str, str]] = [
    ("mapping-language.md", "endingnote.convert:reference_markdown", "変換マッピング言語 / Mapping language"),
]


@dataclass
class GeneratedGuides:
    pages: dict[str, str] = field(default_factory=dict)  # path under the docs root -> markdown
    nav: list[tuple[str, str]] = field(default_factory=list)  # (title, path)
    issues: list[Issue] = field(default_factory=list)


def generate(entries: list[tuple[str, str, str]] | None = None) -> GeneratedGuides:
    out = GeneratedGuides()
    for rel, target, title in GUIDE_PAGES if entries is None else entries:
        path = f"guides/{rel}"
        module_name, _, attr = target.partition(":")
        try:
            text = getattr(importlib.import_module(module_name), attr)()
        except Exception as exc:  # another concern's code: report it, keep building the rest
            out.issues.append(
                issue("site.guide_failed", path, target=target, detail=f"{type(exc).__name__}: {exc}")
            )
            continue
        if not isinstance(text, str) or not text.lstrip().startswith("# "):
            out.issues.append(
                issue("site.guide_failed", path, target=target, detail="no Markdown page returned")
            )
            continue
        out.pages[path] = GENERATED_HEADER + text
        out.nav.append((title, path))
    return out
