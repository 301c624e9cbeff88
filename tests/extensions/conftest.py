from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.compat._mini import base_spec, next_spec, write
from tests.extensions._ext_paths import REGISTRY


@pytest.fixture(scope="session")
def mini_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini standard (1.0 and 1.1) with a copy of the shipped registry."""
    root = tmp_path_factory.mktemp("std")
    write(root, base_spec())
    write(root, next_spec())
    shutil.copytree(REGISTRY, root / "extensions")
    return root
