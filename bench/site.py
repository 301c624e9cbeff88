"""Site build cost: ``endingnote site build`` of the real standard against MkDocs' own floor, same run.

- ``floor``: ``mkdocs build`` of a one-page site with the same theme and search plugin (the fixed
  cost of MkDocs + mkdocs-material that any site pays)
- ``generate``: writing every page of every version from ``standard/`` (no MkDocs)
- ``site``: the whole ``build_site`` (generate + ``mkdocs build --strict`` per version, with the
  mkdocstrings API page)
Prints one JSON line with the times and the ratios against the floor.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def floor(tmp: Path) -> float:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = tmp / "floor"
    (site / "docs").mkdir(parents=True, exist_ok=True)
    (site / "docs" / "index.md").write_text("# 預貯金\n\nテスト / test\n", encoding="utf-8")
    (site / "mkdocs.yml").write_text(
        "site_name: floor\ntheme:\n  name: material\n  language: ja\n  font: false\n"
        "plugins:\n  - search:\n      lang: [ja, en]\n",
        encoding="utf-8",
    )
    start = time.perf_counter()
    build(load_config(config_file=str(site / "mkdocs.yml"), site_dir=str(tmp / "floor-out")))
    return time.perf_counter() - start


def main() -> None:
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    from endingnote.site import build_site, generate
    from endingnote.standard import versions

    with tempfile.TemporaryDirectory(prefix="endingnote-bench-site-") as d:
        tmp = Path(d)
        site = tmp / "site"
        skip = ("_build", "generated")
        shutil.copytree(REPO / "site", site, ignore=lambda _d, n: [x for x in n if x in skip])
        floor_s = min(floor(tmp) for _ in range(2))
        start = time.perf_counter()
        pages = sum(len(generate(v).pages) for v in versions())
        generate_s = time.perf_counter() - start
        start = time.perf_counter()
        result = build_site(site, tmp / "out", strict=True)
        site_s = time.perf_counter() - start
    figures = {
        "bench": "site",
        "versions": len(result.builds),
        "pages": pages,
        "floor_s": round(floor_s, 3),
        "generate_s": round(generate_s, 3),
        "site_s": round(site_s, 3),
        "site_vs_floor": round(site_s / floor_s, 2),
        "generate_vs_floor": round(generate_s / floor_s, 2),
        "ms_per_page": round(1000 * site_s / max(pages, 1), 1),
        "ok": result.ok(strict=True),
    }
    print(json.dumps(figures))
    sys.exit(0 if result.mkdocs_ok else 1)


if __name__ == "__main__":
    main()
