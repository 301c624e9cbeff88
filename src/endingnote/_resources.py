"""Where the data the library reads at run time lives: ``standard/`` and ``converters/``.

In a source checkout (and an editable install) they are the repository's own folders. A wheel
carries copies under ``endingnote/_data/`` (``setup.py`` puts them there when it builds), so a
vendor who only ran ``pip install endingnote`` has the same standard, schemas and mappings.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_SOURCE_TREE = _PACKAGE.parents[1]  # src/endingnote → the repository


def data_dirs(name: str) -> list[Path]:
    """The existing folders called ``name`` (``standard`` or ``converters``), the checkout's first."""
    return [base / name for base in (_SOURCE_TREE, _PACKAGE / "_data") if (base / name).is_dir()]
