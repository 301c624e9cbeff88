"""The koseki public API: exported names, light import, every issue code used is defined."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import endingnote.koseki
from endingnote._codes import all_codes
from endingnote._limits import all_limits

SRC = Path(endingnote.koseki.__file__).parent


def test_exported_names_exist() -> None:
    for name in endingnote.koseki.__all__:
        assert hasattr(endingnote.koseki, name), name


def test_import_is_light() -> None:
    code = (
        "import sys, endingnote.koseki, endingnote.koseki.names\n"
        "print([m for m in ('cryptography', 'asn1crypto', 'jsonschema_rs', 'pydantic', 'pandas', 'lxml')"
        " if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_code_used_is_defined_with_both_languages() -> None:
    defined = all_codes()
    used: set[str] = set()
    for path in [*SRC.glob("*.py"), SRC.parent / "cli" / "_registers.py"]:
        if path.name == "_limits.py":  # limit names, not issue codes
            continue
        used |= set(re.findall(r'"(koseki\.[a-z_]+\.[a-z_0-9]+)"', path.read_text(encoding="utf-8")))
    used.discard("koseki._codes")
    used -= set(all_limits())  # limits are named like codes (koseki.fetch.total_seconds), and are not codes
    assert used, "no codes found"
    assert used <= set(defined), used - set(defined)
    for code in (c for c in defined if c.startswith("koseki.")):
        assert defined[code].message_ja and defined[code].message_en


def test_limits_are_declared_and_named_in_their_findings() -> None:
    from endingnote._limits import all_limits
    from endingnote.koseki import parse_certificate_text

    names = {n for n in all_limits() if n.startswith("koseki.")}
    assert names == {
        "koseki.file.max_bytes",
        "koseki.text.max_lines",
        "koseki.value.max_chars",
        "koseki.json.max_members",
        "koseki.json.max_items",
        "koseki.json.max_depth",
        "koseki.fetch.total_seconds",
        "koseki.fetch.max_headers",
        "koseki.fetch.max_header_line",
    }
    _, issues = parse_certificate_text("x\n" * 20_001)
    assert "koseki.text.max_lines" in issues[0].message_ja and "20,000" in issues[0].message_en
