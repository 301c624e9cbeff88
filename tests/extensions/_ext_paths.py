from __future__ import annotations

from pathlib import Path

REGISTRY = Path(__file__).parents[2] / "standard" / "extensions"
