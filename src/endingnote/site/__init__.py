"""The standard's website, generated from ``standard/``: pages per version (catalogue, record
types, code lists, downloads, changes, QA report), the extension registry, the CLI and API
references and the Errors page, built with MkDocs and mkdocs-material.

>>> from endingnote.site import build_site
>>> result = build_site(strict=True)          # site/_build/<version>/ for every version
>>> result.ok(strict=True), result.default_version
"""

from endingnote.site._build import Generated, SiteBuild, VersionBuild, build_site, default_site_dir, generate
from endingnote.site._qa import ExampleResult, QAReport

__all__ = [
    "ExampleResult",
    "Generated",
    "QAReport",
    "SiteBuild",
    "VersionBuild",
    "build_site",
    "default_site_dir",
    "generate",
]
