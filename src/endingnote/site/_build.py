"""``endingnote site build``: generate every page from ``standard/``, then run ``mkdocs build``
once per version of the standard into ``<out>/<version>/`` (mike's layout), with ``versions.json``
and a root redirect to the newest released version.

The output folder is built beside the target and swapped in at the end, so a failed build leaves
the previous site untouched; a folder that is not a site build is never overwritten.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from endingnote._atomic import write_bytes, write_text
from endingnote.errors import InputError, StandardError
from endingnote.site import _catalogue_pages as catalogue
from endingnote.site import _changes, _downloads, _extension_pages, _qa, _reference_pages, _versions
from endingnote.site._context import VersionContext, read_head
from endingnote.standard import Standard, get, standard_root, versions

MARKER = ".endingnote-site"
GENERATED = "generated"


@dataclass
class VersionBuild:
    version: str
    qa: _qa.QAReport
    pages: int
    seconds: float
    mkdocs_warnings: list[str] = field(default_factory=list)
    mkdocs_error: str | None = None

    @property
    def ok(self) -> bool:
        return self.mkdocs_error is None


@dataclass
class SiteBuild:
    out: Path
    builds: list[VersionBuild]
    default_version: str
    seconds: float = 0.0

    @property
    def mkdocs_ok(self) -> bool:
        return all(b.ok for b in self.builds)

    @property
    def qa_errors(self) -> int:
        return sum(len(b.qa.errors) for b in self.builds)

    def ok(self, strict: bool) -> bool:
        """Built; with ``strict`` also no QA errors (broken refs, invalid examples, missing downloads)."""
        return self.mkdocs_ok and (not strict or self.qa_errors == 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": str(self.out),
            "default_version": self.default_version,
            "seconds": round(self.seconds, 2),
            "versions": [
                {
                    "version": b.version,
                    "pages": b.pages,
                    "seconds": round(b.seconds, 2),
                    "mkdocs_error": b.mkdocs_error,
                    "mkdocs_warnings": b.mkdocs_warnings,
                    "qa": {
                        "errors": len(b.qa.errors),
                        "warnings": len(b.qa.warnings),
                        "checks": b.qa.checks,
                        "issues": [i.to_dict() for i in b.qa.issues],
                    },
                }
                for b in self.builds
            ],
        }


@dataclass
class Generated:
    pages: dict[str, str]  # path under docs/generated/ -> markdown
    files: dict[str, bytes]  # path under docs/generated/ -> bytes (downloads)
    records_nav: list[tuple[str, str]]
    extensions_nav: list[tuple[str, str]]
    qa: _qa.QAReport


def default_site_dir() -> Path:
    """The ``site/`` folder beside ``standard/`` (the source tree), else ``./site``."""
    try:
        candidate = standard_root().resolve().parent / "site"
    except StandardError:
        candidate = Path("site")
    return candidate if (candidate / "mkdocs.yml").is_file() else Path("site")


def _context(version: str, root: Path, all_versions: list[str]) -> VersionContext:
    std = get(version, root)
    previous: Standard | None = None
    if std.previous and std.previous in all_versions:
        previous = get(std.previous, root)
    released = tuple(v for v in all_versions if get(v, root).status == "released")
    return VersionContext(
        std, root / version, tuple(all_versions), released, previous, read_head(root / version)
    )


class _Shared:
    """Pages that are the same for every version: computed once per site build."""

    def __init__(self) -> None:
        self.cli = _reference_pages.cli_page()
        self.errors, self.errors_missing = _reference_pages.errors_page()
        self.api = _reference_pages.api_page()


def generate(
    version: str,
    *,
    root: Path | None = None,
    shared: _Shared | None = None,
) -> Generated:
    """Every page and download of ``version`` (nothing written)."""
    base = root or standard_root()
    all_versions = versions(base)
    ctx = _context(version, base, all_versions)
    std = ctx.std
    shared = shared or _Shared()
    pages: dict[str, str] = {
        "index.md": catalogue.version_home(ctx),
        "catalogue.md": catalogue.catalogue(ctx),
        "records/index.md": catalogue.records_index(ctx),
        "parts.md": catalogue.parts_page(ctx),
        "codelists.md": catalogue.codelists_page(ctx),
        "cli.md": shared.cli,
        "errors.md": shared.errors,
        "api.md": shared.api,
    }
    qa = _qa.QAReport(version)
    changes = _changes.build(ctx)
    pages["changes.md"] = changes.page
    qa.issues += changes.issues
    qa.checks["compat"] = changes.compat_state

    records_nav = []
    for rt in std.records.values():
        pages[f"records/{rt.key}.md"] = catalogue.record_page(ctx, rt, changes.by_item())
        records_nav.append((f"{rt.label_ja} / {rt.label_en}", f"records/{rt.key}.md"))

    downloads = _downloads.collect(ctx)
    pages["downloads.md"] = downloads.page
    files = {f"downloads/{rel}": data for rel, data in downloads.files.items()}
    qa.issues += downloads.issues

    ext = _extension_pages.build(base, version, set(std.records))
    pages.update(ext.pages)
    qa.issues += ext.issues
    qa.checks["extensions"] = ext.state

    entries = [_versions.VersionEntry.of(get(v, base)) for v in all_versions]
    pages["versions.md"] = _versions.page(entries, version, depth=2)

    qa.issues += _qa.translations(std)
    qa.issues += _qa.references(std, all_versions)
    qa.issues += _qa.unused_codelists(std)
    qa.examples, found = _qa.validate_examples(downloads.examples, base)
    qa.issues += found
    qa.conformance, found = _qa.validate_conformance(downloads.conformance, base)
    qa.issues += found
    if any(i.code == "site.validator_unavailable" for i in found):
        qa.checks["examples"] = "not run: validator unavailable"
    for key, _title, codes in _qa._SECTIONS:
        if key not in qa.checks:
            has_error = any(i.code in codes and i.severity.value == "error" for i in qa.issues)
            qa.checks[key] = "failed" if has_error else "ok"
    pages["qa.md"] = _qa.render(qa)
    return Generated(pages, files, records_nav, ext.nav, qa)


def write_generated(gen: Generated, docs_dir: Path) -> Path:
    """Replace ``docs_dir/generated/`` with ``gen`` (that folder holds nothing hand-written)."""
    target = docs_dir / GENERATED
    if target.is_symlink():
        raise InputError(f"{target}: is a symbolic link; refusing to replace it")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    write_text(target / ".gitignore", "*\n")
    for rel, text in gen.pages.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, text)
    for rel, data in gen.files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, data)
    return target


def _expand_nav(nav: Any, gen: Generated) -> Any:
    """The nav of ``mkdocs.yml`` with the record-type and extension pages added under their index."""
    expansions = {
        f"{GENERATED}/records/index.md": [(t, f"{GENERATED}/{p}") for t, p in gen.records_nav],
        f"{GENERATED}/extensions/index.md": [(t, f"{GENERATED}/{p}") for t, p in gen.extensions_nav],
    }
    if isinstance(nav, list):
        return [_expand_nav(entry, gen) for entry in nav]
    if isinstance(nav, dict):
        out = {}
        for title, value in nav.items():
            if isinstance(value, str) and value in expansions:
                out[title] = [value, *({t: p} for t, p in expansions[value])]
            else:
                out[title] = _expand_nav(value, gen)
        return out
    return nav


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def run_mkdocs(
    config_file: Path,
    site_dir: Path,
    *,
    strict: bool,
    nav_for: Generated,
    version: str,
    site_url: str | None = None,
) -> tuple[list[str], str | None]:
    """``mkdocs build`` of ``config_file`` into ``site_dir``; returns (warnings, error or None)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    propagate = logger.propagate
    logger.propagate = False
    try:
        cfg = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict)
        cfg["nav"] = _expand_nav(cfg["nav"], nav_for)
        cfg["extra"]["endingnote_version"] = version
        base = site_url or cfg["site_url"]
        if base:  # each version is its own site under <site_url><version>/ (mike's layout)
            cfg["site_url"] = urljoin(base if base.endswith("/") else base + "/", f"{version}/")
        build(cfg)
        error = None
    except MkDocsException as exc:
        error = str(exc)
    except SystemExit as exc:  # mkdocs' Abort is a click exception that may end in SystemExit
        error = f"mkdocs exited ({exc.code})"
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
    return handler.messages, error


def _require_mkdocs() -> None:
    import importlib.util

    missing = [m for m in ("mkdocs", "material", "mkdocstrings") if importlib.util.find_spec(m) is None]
    if missing:
        raise InputError(
            f"{', '.join(missing)} が入っていません / not installed: pip install 'endingnote[site]'"
        )


def _prepare_out(out: Path) -> Path:
    """A fresh staging folder beside ``out``; refuse to ever replace a folder we did not build."""
    if out.exists() and (out.is_symlink() or not out.is_dir()):
        raise InputError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise InputError(f"{out}: not empty and not an endingnote site build; refusing to overwrite it")
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))


def _swap(staging: Path, out: Path) -> None:
    old = None
    if out.exists():
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        os.replace(out, old)
    os.replace(staging, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(
    site_dir: Path | None = None,
    out: Path | None = None,
    *,
    strict: bool = False,
    root: Path | None = None,
    only: list[str] | None = None,
    site_url: str | None = None,
) -> SiteBuild:
    """Build the whole site: every version (or ``only`` these) into ``out`` (default ``site/_build``).
    With ``only``, the other versions' earlier builds in ``out`` are kept as they are.

    Raises :class:`InputError` for an unusable site folder or output folder; mkdocs failures and QA
    findings are reported in the result (``ok(strict)``).
    """
    started = time.monotonic()
    _require_mkdocs()
    site_dir = (site_dir or default_site_dir()).resolve()
    config_file = site_dir / "mkdocs.yml"
    if not config_file.is_file():
        raise InputError(f"{config_file}: missing")
    docs_dir = site_dir / "docs"
    base = (root or standard_root()).resolve()
    all_versions = versions(base)
    if not all_versions:
        raise StandardError(f"{base}: no versions of the standard")
    chosen = only or all_versions
    unknown = [v for v in chosen if v not in all_versions]
    if unknown:
        raise InputError(f"unknown version(s) {', '.join(unknown)}; known: {', '.join(all_versions)}")
    out = (out or site_dir / "_build").resolve()
    staging = _prepare_out(out)
    builds: list[VersionBuild] = []
    try:
        shared = _Shared()
        # oldest first, so docs/generated/ ends up holding the newest version's pages
        for version in sorted(chosen, key=lambda v: tuple(int(p) for p in v.split("."))):
            t0 = time.monotonic()
            gen = generate(version, root=base, shared=shared)
            write_generated(gen, docs_dir)
            warnings, error = run_mkdocs(
                config_file, staging / version, strict=strict, nav_for=gen, version=version, site_url=site_url
            )
            builds.append(
                VersionBuild(version, gen.qa, len(gen.pages), time.monotonic() - t0, warnings, error)
            )
        # Versions not rebuilt keep their earlier build (frozen, as mike keeps them on gh-pages).
        for version in all_versions:
            if version not in chosen and (out / MARKER).is_file() and (out / version).is_dir():
                shutil.copytree(out / version, staging / version, symlinks=True)
        entries = [_versions.VersionEntry.of(get(v, base)) for v in all_versions]
        default = _versions.default_version(entries)
        write_bytes(staging / "versions.json", _versions.versions_json(entries))
        write_bytes(staging / "index.html", _versions.redirect_html(f"{default}/"))
        (staging / _versions.LATEST).mkdir()
        write_bytes(staging / _versions.LATEST / "index.html", _versions.redirect_html(f"../{default}/"))
        write_text(staging / MARKER, "built by `endingnote site build`\n")
        if all(b.ok for b in builds):  # a failed build leaves the previous site in place
            _swap(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return SiteBuild(out, builds, default, time.monotonic() - started)
