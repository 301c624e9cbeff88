"""The public API is what __all__ says: small, importable, and free of heavy imports."""

from __future__ import annotations

import subprocess
import sys

import endingnote


def test_exported_members_exist_and_are_public() -> None:
    for name in endingnote.__all__:
        assert hasattr(endingnote, name), name
    public = {n for n in dir(endingnote) if not n.startswith("_")}
    modules = {n for n in public if type(getattr(endingnote, n)).__name__ == "module"}
    assert public - modules - {"annotations", "TYPE_CHECKING", "Any", "os"} <= set(endingnote.__all__) | {
        "__version__"
    }


def test_importing_the_package_is_light() -> None:
    code = (
        "import sys, endingnote\n"
        "heavy = ('pydantic', 'jsonschema_rs', 'pandas', 'lxml', 'cryptography')\n"
        "print([m for m in heavy if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_exception_tree() -> None:
    assert issubclass(endingnote.InvalidDocumentError, endingnote.EndingNoteError)
    assert issubclass(endingnote.InvalidDocumentError, ValueError)
    assert issubclass(endingnote.CardError, endingnote.SigningError)
    assert issubclass(endingnote.InputError, OSError)


def test_validate_is_the_function_whatever_is_imported() -> None:
    """`endingnote.validate` is the front-door function; the validator's subpackage is
    `endingnote.validation`, so importing it never rebinds the name to a module."""
    code = (
        "import endingnote, endingnote.validation._engine\n"
        "from endingnote.validation import expand\n"
        "r = endingnote.validate(b'{}')\n"
        "print(type(r).__name__, r.valid, r.issues[0].code)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["ValidationReport", "False", "header.missing"]
    check = (
        "import endingnote, endingnote.validation, types\n"
        "print(isinstance(endingnote.validate, types.FunctionType))"
    )
    out = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
