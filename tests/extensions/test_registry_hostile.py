"""A vendor's registry file is untrusted: restricted YAML, patterns run by RE2 or refused."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from endingnote.extensions import check_file, registered_uris
from tests.extensions._ext_paths import REGISTRY


def _file(tmp_path: Path, raw: str) -> list[tuple[str, str]]:
    path = tmp_path / "new.yaml"
    path.write_text(raw, encoding="utf-8")
    return [(i.code, i.message_en) for i in check_file(path, others={})]


def _with_pattern(pattern: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REGISTRY / "vendor-a.yaml").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["uri"] = "https://vendor-z.example/ns"
    data["items"][0]["constraints"] = {"pattern": pattern}
    return data


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("base: &b {x: 1}\nuri: *b\n", "anchors"),
        ("uri: !!python/object/apply:os.system ['true']\n", "tags"),
        ("a: {x: 1}\nb:\n  <<: {y: 2}\n", "merge keys"),
        ("a: " + "[" * 40 + "]" * 40 + "\n", "extensions.registry.max_depth"),
        ("a: [" + ", ".join(["1"] * 100_001) + "]\n", "extensions.registry.max_nodes"),
        ("x: " + "a" * 1_100_000, "extensions.registry.max_bytes"),
        ("a: 1\n---\nb: 2\n", "more than one"),
    ],
    ids=["anchor", "tag", "merge-key", "deep", "many-nodes", "large", "two-documents"],
)
def test_hostile_yaml_is_a_finding_that_says_why(tmp_path: Path, raw: str, says: str) -> None:
    [(code, message)] = _file(tmp_path, raw)
    assert code == "extension.registry.unreadable"
    assert says in message


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        (r"^(\w)\1$", "extension.registry.bad_pattern"),  # a back-reference: no linear-time engine runs it
        (r"^(?=a)a$", "extension.registry.bad_pattern"),  # look-ahead
        ("x" * 2000, "extension.registry.bad_pattern"),  # longer than a user pattern may be
        ("^(a+)+$", "extension.registry.unsafe_pattern"),  # catastrophic for backtracking engines
    ],
)
def test_patterns_re2_cannot_run_are_refused(
    tmp_path: Path, mini_root: Path, pattern: str, code: str
) -> None:
    path = tmp_path / "new.yaml"
    path.write_text(yaml.safe_dump(_with_pattern(pattern), allow_unicode=True), encoding="utf-8")
    assert code in [i.code for i in check_file(path, mini_root, others=registered_uris(mini_root))]


def test_an_ambiguous_pattern_runs_in_linear_time(tmp_path: Path) -> None:
    """(a|a)*b against 60 a's never finishes with a backtracking engine; RE2 answers at once. The
    child process is the guard: a regression hangs it, and the timeout fails the test."""
    code = (
        "from endingnote.extensions._model import ExtField\n"
        "from endingnote.extensions._values import check_value\n"
        "f = ExtField(key='k', type='string', label_ja='k', label_en='k', definition_ja='k',"
        " definition_en='k', constraints={'pattern': '^(a|a)*b$'})\n"
        "print(len(check_value('a' * 60, f)), len(check_value('a' * 60 + 'b', f)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["1", "0"]


def test_the_check_command_never_lets_the_file_drive_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"  # a pattern RE2 refuses is quoted back: ESC, BEL and RLO in it
    path.write_text(
        yaml.safe_dump(_with_pattern("\x1b[2J\x07\u202e(?=x)"), allow_unicode=True), encoding="utf-8"
    )
    out = subprocess.run(
        [sys.executable, "-m", "endingnote", "extensions", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 1
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in out.stdout and bad not in out.stderr
    assert "\\x1b" in out.stdout


_PATTERNS = [r"^[0-9][0-9,]*$", r"^\w+$", r"[ぁ-ん]{2}", r"^.{3}$", r"(?i)^abc", r"^[^\s]+@[^\s]+$", r"x$"]


@given(pattern=st.sampled_from(_PATTERNS), text=st.text(max_size=12) | st.sampled_from(["1,0\n", "ａ"]))
def test_a_pattern_searched_as_utf8_bytes_answers_as_on_the_text(pattern: str, text: str) -> None:
    """Extension values are searched as UTF-8 bytes (the fast path of the value check): the answer
    is the one the text itself gets, multi-byte characters and a final line break included."""
    from endingnote._regex import compile_user

    compiled = compile_user(pattern)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: neither form can be searched
        return
    assert (compiled.search(data) is None) == (compiled.search(text) is None)
