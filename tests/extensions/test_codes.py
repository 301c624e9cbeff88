"""Every issue code this area raises is defined (ja + en), and every defined code is raised somewhere."""

from __future__ import annotations

import re
from pathlib import Path

from endingnote._codes import all_codes

SRC = Path(__file__).parents[2] / "src" / "endingnote"


def test_codes_are_defined_and_used() -> None:
    text = "".join(
        p.read_text(encoding="utf-8") for d in ("compat", "extensions") for p in (SRC / d).glob("*.py")
    )
    used = set(re.findall(r'issue\(\s*"((?:migrate|extension)\.[a-z_.]+)"', text))
    defined = {k: v for k, v in all_codes().items() if k.startswith(("migrate.", "extension."))}
    assert used == set(defined)
    for code in defined.values():
        assert code.message_ja and code.message_en
