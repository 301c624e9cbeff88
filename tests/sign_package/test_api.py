"""The package/verification API is small, typed and light to import; every code it uses is defined."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

SUBPACKAGES = [
    "endingnote.sign.asice",
    "endingnote.sign.cades",
    "endingnote.sign.tsa",
    "endingnote.sign.verify",
]


@pytest.mark.parametrize("name", SUBPACKAGES)
def test_exported_members_exist(name: str) -> None:
    module = importlib.import_module(name)
    for member in module.__all__:
        assert hasattr(module, member), member


def test_sign_front_door() -> None:
    import endingnote.sign as sign

    for member in ("create_package", "verify_package", "renew_package", "VerificationReport", "Indication"):
        assert member in sign.__all__


def test_importing_sign_is_light() -> None:
    code = (
        "import sys, endingnote.sign, endingnote.cli._sign\n"
        "print([m for m in ('cryptography', 'lxml', 'asn1crypto', 'pydantic') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_used_code_is_defined() -> None:
    from endingnote._codes import all_codes
    from endingnote.sign.asice._codes import SUBINDICATION

    defined = all_codes()
    root = Path(__file__).resolve().parents[2] / "src/endingnote"
    used: set[str] = set()
    for folder in ("sign/asice", "sign/cades", "sign/tsa", "sign/verify", "sign/_binding.py"):
        for path in [root / folder] if folder.endswith(".py") else sorted((root / folder).glob("*.py")):
            used |= set(
                re.findall(
                    r'"(sign\.(?:package|signature|timestamp|chain|revocation|owner)\.[a-z_]+)"',
                    path.read_text("utf-8"),
                )
            )
    used |= {
        f"sign.signature.{c}"
        for c in ("digest_mismatch", "crypto_failure", "signing_certificate", "signer_cert_missing")
    }
    assert used and used <= set(defined)
    assert used <= set(SUBINDICATION)
    for code in SUBINDICATION:
        entry = defined[code]
        assert entry.message_ja and entry.message_en and entry.message_ja != entry.message_en
