"""A wheel works on its own: the standard, the mappings and the C extensions travel inside it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json, endingnote
from endingnote.standard import get, standard_root
from endingnote.standard._examples import build_example
from endingnote.convert._mapping import resolve_mapping
from endingnote.validation import _rawscan, _scan
print(json.dumps({
    "package": endingnote.__file__,
    "standard": str(standard_root()),
    "mapping": str(resolve_mapping("desktop_csv")),
    "valid": endingnote.validate(build_example(get("1.0"), full=True)).valid,
    "native": _rawscan.NATIVE and _scan.NATIVE,
}))
"""


def test_an_installed_wheel_finds_its_data(tmp_path: Path) -> None:
    wheels, target, elsewhere = tmp_path / "wheels", tmp_path / "site", tmp_path / "cwd"
    elsewhere.mkdir()
    pip = [sys.executable, "-m", "pip", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(ROOT)], check=True, timeout=600)
    [wheel] = wheels.glob("endingnote-*.whl")
    subprocess.run(
        [*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True, timeout=300
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    found = json.loads(out.stdout)
    data = target / "endingnote" / "_data"
    assert found["package"].startswith(str(target))
    assert found["standard"] == str(data / "standard")
    assert found["mapping"] == str(data / "converters" / "desktop_csv" / "mapping.yaml")
    assert found["valid"] is True
    assert found["native"] is True
