"""The C extensions built with AddressSanitizer and UndefinedBehaviorSanitizer, fed hostile and random
input in a child process: any out-of-bounds read, use-after-free or undefined behaviour aborts it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

CHILD = r"""
import sys, orjson
from hypothesis import HealthCheck, given, settings, strategies as st
from endingnote.validation import _bytescan, _native, validate_bytes
from endingnote.validation._rawscan import scan_py
from endingnote.validation._scan import collect_ids_py, mark_items_py, pluck_py, tree_stats_py
assert "sanitized" in _native.__file__ and "sanitized" in _bytescan.__file__

names = st.sampled_from(["a", "b", "id", "x", ":", "ä", "😀"])
leaves = st.none() | st.booleans() | st.integers() | st.text(max_size=6) | st.floats(allow_nan=False)
trees = st.recursive(
    leaves, lambda c: st.lists(c, max_size=4) | st.dictionaries(names, c, max_size=4), max_leaves=30
)
plans = st.recursive(
    st.integers(0, 3), lambda c: st.dictionaries(names, c, min_size=1, max_size=3), max_leaves=10
)
atoms = st.sampled_from(
    list("0123456789１９ -:：=＝\"'\\\\uxptnはが") + ["password", "パスワード", "1234", "ſ", "\u3000"]
    + ["ﾊﾟｽﾜｰﾄﾞ", "ﾄ", "ﾞ", "\u3099", "ｐｉｎ", "PIN", "①", "𝟏", "\u200b", "\U000e0100", "\\\\t"]
)
ONCE = settings(max_examples=1500, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

@ONCE
@given(st.binary(max_size=300) | st.lists(atoms, max_size=60).map(lambda a: "".join(a).encode()))
def scan(raw):
    found = _bytescan.scan(raw)
    try:
        raw.decode()
    except UnicodeDecodeError:
        return
    assert found == tuple(scan_py(raw))

@ONCE
@given(trees, plans)
def walks(doc, plan):
    plan = plan if isinstance(plan, dict) else {"a": plan}
    assert _native.tree_stats(doc) == tree_stats_py(doc)
    assert _native.pluck(doc, plan, 4) == pluck_py(doc, plan, 4)
    if isinstance(doc, dict):
        assert _native.collect_ids(doc, ("a", "id")) == collect_ids_py(doc, ("a", "id"))
        index = {"a": {"id": 0, "b": 1}, "x": {":": 2}}
        assert _native.mark_items(doc, index, 3) == mark_items_py(doc, index, 3)

scan()
walks()
deep = []
for _ in range(100_000):
    deep = [deep]
assert _native.tree_stats(deep)[1] == 100_001
for raw in (b'{"header": {"standard": "1.0"}, "a": 1, "a": 2}', b"\xff\xfe{", b'{"x": "\\u0000:"}'):
    validate_bytes(raw)
print("clean")
"""


def test_the_extensions_are_clean_under_sanitizers(tmp_path: Path) -> None:
    gcc = shutil.which("gcc")
    assert gcc, "gcc builds the extensions; it is needed here too"
    runtime = [
        subprocess.run(
            [gcc, f"-print-file-name={lib}"], capture_output=True, text=True, check=True
        ).stdout.strip()
        for lib in ("libasan.so", "libubsan.so")
    ]
    assert all(Path(r).is_file() for r in runtime), runtime
    tree = tmp_path / "sanitized"
    shutil.copytree(
        SRC / "endingnote", tree / "endingnote", ignore=shutil.ignore_patterns("*.so", "__pycache__")
    )
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    for module in ("_native", "_bytescan"):
        subprocess.run(
            [gcc, "-O1", "-g", "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
             "-fno-omit-frame-pointer", "-shared", "-fPIC", f"-I{sysconfig.get_paths()['include']}",
             str(SRC / "endingnote" / "validation" / f"{module}.c"),
             "-o", str(tree / "endingnote" / "validation" / f"{module}{suffix}")],
            check=True,
        )  # fmt: skip
    env = {
        **os.environ,
        "PYTHONPATH": str(tree),
        "LD_PRELOAD": " ".join(runtime),
        "ASAN_OPTIONS": "detect_leaks=0:abort_on_error=1",
        "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1",
        "ENDINGNOTE_STANDARD_DIR": str(SRC.parent / "standard"),
    }
    out = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0 and out.stdout.strip().endswith("clean"), out.stderr[-4000:]
