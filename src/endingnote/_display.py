"""Text from the data, made safe for the medium that shows it.

Values, keys, paths and file names in findings come from input nobody vouched for. Before they
reach a medium they are escaped for it, here and only here:

- a terminal: C0/C1 control characters (BEL, ESC of an ANSI sequence …), DEL and the bidirectional
  controls (U+202E "right-to-left override" and its kin) are shown as visible ``\\x1b`` / ``\\u202e``
  escapes, so no input can move the cursor, recolour the screen or reverse the text around it;
- rich markup: as for a terminal, then ``[`` escaped so ``[/]`` or ``[bold]`` in a value is text;
- spreadsheets: a cell starting with ``= + - @``, a tab or a carriage return is what Excel and
  LibreOffice run as a formula (CSV formula injection); :func:`looks_like_formula` says so, and the
  writers neutralise it (a leading apostrophe in CSV, a text cell with the quote-prefix style in XLSX);
- HTML: Jinja2 with autoescape (or :func:`html.escape`), never string concatenation.
"""

from __future__ import annotations

import re

__all__ = [
    "BIDI_CONTROLS",
    "FORMULA_CHARS",
    "json_text",
    "looks_like_formula",
    "rich_text",
    "terminal_text",
]

FORMULA_CHARS = ("=", "+", "-", "@", "\t", "\r")
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str, *, newlines: bool = True) -> str:
    """``text`` with every control and bidi character shown as an escape (newlines and tabs kept
    unless ``newlines=False``, when they are escaped too)."""
    out = _UNSAFE.sub(_visible, text)
    if not newlines:
        out = out.replace("\n", "\\n").replace("\t", "\\t")
    return out


def json_text(text: str) -> str:
    """JSON text (as orjson or ``json`` write it) with what a terminal would act on and JSON leaves
    raw — DEL, the C1 controls (U+009B is a CSI), the bidi controls — written as ``\\uXXXX``: the
    same JSON value, safe to print. (C0 controls are already escaped by every JSON writer.)"""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_BRACKET = re.compile(r"(\\*)\[")
_TAG_AT = re.compile(r"\[[a-z#/@][^[]*?]")  # what rich's markup parser reads as a tag (rich.markup.RE_TAGS)


def rich_text(text: str, *, newlines: bool = True) -> str:
    """``text`` safe to embed in rich markup, printed as :func:`terminal_text` of ``text``: controls
    escaped, and every ``[`` (with the backslashes before it) written so that rich prints it as is.

    rich reads ``[`` two ways: one that opens something shaped like a tag (``[bold]``, ``[/]``) is
    escaped by an odd run of backslashes, each pair standing for one; any other ``\\[`` loses its
    backslash. ``rich.markup.escape`` covers only the first. Print with ``emoji=False`` too, or
    ``:smile:`` in the data becomes an emoji. Simplest of all, for data: ``rich.text.Text``."""
    safe = terminal_text(text, newlines=newlines)
    out: list[str] = []
    position = 0
    for match in _BRACKET.finditer(safe):
        run = len(match.group(1))
        bracket = match.end() - 1
        backslashes = 2 * run + 1 if _TAG_AT.match(safe, bracket) else run + 1
        out += [safe[position : match.start()], "\\" * backslashes, "["]
        position = match.end()
    tail = safe[position:]
    kept = tail.rstrip("\\")
    # a trailing run stands before whatever markup follows (``[/bold]``): doubled, it prints as
    # itself and leaves that tag a tag (at the very end of a string it prints twice)
    out += [kept, "\\" * (2 * (len(tail) - len(kept)))]
    return "".join(out)


def looks_like_formula(value: object) -> bool:
    """Would a spreadsheet run this cell as a formula?"""
    return isinstance(value, str) and value.startswith(FORMULA_CHARS)
