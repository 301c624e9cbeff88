"""The shared gates for untrusted input: restricted YAML, user regular expressions, display escaping,
declared limits."""

from __future__ import annotations

import time

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rich.console import Console

from endingnote import _limits
from endingnote._display import BIDI_CONTROLS, looks_like_formula, rich_text, terminal_text
from endingnote._regex import UserPatternError, compile_user
from endingnote._yaml import RestrictedYamlError, load_restricted

# --- YAML ------------------------------------------------------------------------------------------


def test_plain_yaml_loads() -> None:
    raw = "mapping: '2'\nsource: {format: csv, encoding: cp932}\nlist: [a, '<<', 1]\n名前: 値\n".encode()
    assert load_restricted(raw) == {
        "mapping": "2",
        "source": {"format": "csv", "encoding": "cp932"},
        "list": ["a", "<<", 1],
        "名前": "値",
    }


def test_a_bom_is_tolerated() -> None:
    assert load_restricted("\ufeffa: 1\n".encode()) == {"a": 1}


BILLION_LAUGHS = b"""a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
"""


@pytest.mark.parametrize(
    ("raw", "reason", "line"),
    [
        (BILLION_LAUGHS, "anchor", 1),
        (b"x: *a\n", "alias", 1),
        (b"a: !!python/object/apply:os.system ['true']\n", "tag", 1),
        (b"a: !!str 1\n", "tag", 1),
        (b"a: !vendor x\n", "tag", 1),
        (b"base: {a: 1}\nc:\n  <<: {b: 2}\n", "merge_key", 3),
        (b"a: 1\n---\nb: 2\n", "multiple_documents", 2),
        (b"a: " + b"[" * 65 + b"]" * 65 + b"\n", "too_deep", 1),
        (b"a: [1,\n", "syntax", 2),
        ("a: 'é'\n".encode("latin-1"), "encoding", None),
    ],
)
def test_hostile_yaml_is_refused_with_a_reason(raw: bytes, reason: str, line: int | None) -> None:
    with pytest.raises(RestrictedYamlError) as info:
        load_restricted(raw)
    assert info.value.reason == reason
    assert info.value.line == line


def test_size_and_node_limits() -> None:
    with pytest.raises(RestrictedYamlError) as info:
        load_restricted(b"a: " + b"x" * 100, max_bytes=50)
    assert info.value.reason == "too_large"
    with pytest.raises(RestrictedYamlError) as info:
        load_restricted(b"[" + b"1," * 500 + b"1]", max_nodes=100)
    assert info.value.reason == "too_many_nodes"


# --- regular expressions -----------------------------------------------------------------------


def test_user_patterns_run_in_linear_time() -> None:
    pattern = compile_user(r"(a|a)*b")
    start = time.perf_counter()
    assert pattern.search("a" * 200_000 + "c") is None
    assert time.perf_counter() - start < 5  # Python's re would not finish; RE2 takes milliseconds


def test_user_patterns_keep_python_syntax() -> None:
    pattern = compile_user(r"受取人[:：]\s*(?P<rel>長男|長女|配偶者)")
    m = pattern.search("受取人：長男")
    assert m is not None and m.group("rel") == "長男"
    assert compile_user(r"^\d{3}-?\d{4}$").fullmatch("100-0013") is not None


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [(r"(a)\1", "unsupported"), (r"(?=a)b", "unsupported"), (r"(?<!a)b", "unsupported"), ("(", "syntax")],
)
def test_patterns_re2_cannot_run_are_refused(pattern: str, reason: str) -> None:
    with pytest.raises(UserPatternError) as info:
        compile_user(pattern)
    assert info.value.reason == reason


def test_long_patterns_are_refused() -> None:
    with pytest.raises(UserPatternError) as info:
        compile_user("a" * 1_001)
    assert info.value.reason == "too_long"


# --- display -----------------------------------------------------------------------------------


@given(st.text())
def test_terminal_text_has_no_control_or_bidi_character(text: str) -> None:
    out = terminal_text(text, newlines=False)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in BIDI_CONTROLS for c in out)


@given(st.text())
@example("\\")  # a trailing backslash once escaped the closing tag: "[/bold]" was printed
@example("C:\\dir\\\\")
@example("[b]x\\")
def test_rich_text_prints_as_itself(text: str) -> None:
    console = Console(width=10_000, force_terminal=False, no_color=True, highlight=False)
    with console.capture() as capture:
        # as it is used: embedded in markup (rich doubles a trailing backslash so that it cannot
        # escape the tag that follows; alone, that backslash would print twice)
        console.print(f"[bold]{rich_text(text, newlines=False)}[/bold]", end="", soft_wrap=True)
    assert capture.get() == terminal_text(text, newlines=False)


def test_known_hostile_strings() -> None:
    assert terminal_text("\x1b[2J\x07") == "\\x1b[2J\\x07"
    assert terminal_text("invoice\u202efdp.exe") == "invoice\\u202efdp.exe"
    assert rich_text("[/]") == "\\[/]"


@pytest.mark.parametrize(
    ("value", "formula"),
    [
        ("=1+1", True),
        ("@SUM(A1)", True),
        ("-3", True),
        ("\tx", True),
        ("山田", False),
        ("", False),
        (3, False),
    ],
)
def test_looks_like_formula(value: object, formula: bool) -> None:
    assert looks_like_formula(value) is formula


# --- limits ------------------------------------------------------------------------------------


def test_every_limit_is_declared_once_with_labels_and_a_known_unit() -> None:
    limits = _limits.all_limits()
    for name, limit in limits.items():
        assert name == limit.name and limit.value > 0
        assert limit.label_ja and limit.label_en
        assert name in limit.describe("ja") and name in limit.describe("en")


def test_declaring_twice_is_a_programming_error() -> None:
    name = "tests.example.max_things"
    if name not in _limits.all_limits():
        _limits.declare(name, 3, "items", "例", "example")
    with pytest.raises(ValueError, match="twice"):
        _limits.declare(name, 3, "items", "例", "example")
    assert _limits.get(name).describe("en") == f"limit on example: 3 items ({name})"
