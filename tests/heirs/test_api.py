"""The public API of endingnote.heirs: small, importable, and light to import."""

from __future__ import annotations

import subprocess
import sys

import endingnote.heirs as heirs

from ._builder import G


def test_all_is_exported_and_sorted() -> None:
    assert heirs.__all__ == sorted(heirs.__all__, key=lambda n: (n[0].islower(), n))
    for name in heirs.__all__:
        assert getattr(heirs, name) is not None


def test_import_is_light() -> None:
    code = (
        "import sys, endingnote.heirs; "
        "heavy = ('jsonschema_rs', 'cryptography', 'pydantic', 'pandas', 'lxml'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_absurdly_deep_representation_is_refused_not_crashing() -> None:
    g = G().p("d", "1000-01-01", "2024-03-10")
    previous = "d"
    for k in range(260):  # each generation a year after its parent (a warning, not an error)
        pid = f"x{k}"
        g.p(pid, f"{1001 + k:04d}-01-01", f"{1002 + k:04d}-06-01" if k < 259 else None)
        g.child(previous, pid)
        previous = pid
    result = g.compute("d")
    assert result.status == "indeterminate"
    assert "heirs.graph.too_deep" in {f.code for f in result.findings}
