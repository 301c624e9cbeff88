"""Catalogue text is data, never markup: whatever an editor (or an attacker) writes in a label or a
definition renders as exactly that text, in a table cell or in a paragraph, under the site's own
Markdown extensions."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import markdown  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st

from endingnote.site._md import cell, para, table

EXTENSIONS = [
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
]
SPECIALS = "\\`*_[]{}|#!<>&-+.=:?~()\"' 1\u3000預貯金"
text = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), st.sampled_from(SPECIALS)
    ),
    max_size=40,
)


class _Walk(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.cells: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "td":
            self.cells.append("")

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.tags and self.tags[-1] == "td" and self.cells:
            self.cells[-1] += data


def _render(source: str) -> _Walk:
    walker = _Walk()
    walker.feed(markdown.markdown(source, extensions=EXTENSIONS))
    return walker


def _norm(value: str) -> str:
    return " ".join(value.split())


@settings(max_examples=150, deadline=None)
@given(text)
def test_a_table_cell_renders_as_its_text(value: str) -> None:
    out = _render(table(["a", "b"], [(cell(value), "end")]))
    assert set(out.tags) <= {"table", "thead", "tbody", "tr", "th", "td"}
    assert out.tags.count("td") == 2  # a pipe in the value never makes a new column
    assert [_norm(c) for c in out.cells] == [_norm(value), "end"]


@settings(max_examples=150, deadline=None)
@given(st.lists(text, min_size=1, max_size=4))
def test_a_paragraph_renders_as_its_lines(lines: list[str]) -> None:
    source = para("\n".join(lines))
    out = _render(source)
    assert set(out.tags) <= {"p", "br"}, (source, out.tags)
    assert _norm("".join(out.text)) == _norm(" ".join(lines))


def test_script_and_links_stay_text() -> None:
    out = markdown.markdown(
        para("<script>alert(1)</script> [x](javascript:alert(1)) **b**"), extensions=EXTENSIONS
    )
    assert "<script>" not in out and "<a " not in out and "<strong>" not in out
    assert html.unescape(out).count("<script>alert(1)</script>") == 1
