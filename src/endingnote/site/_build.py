"""``endingnote site build``: generate every page from ``standard/``, then run ``mkdocs build``
once per version of the standard into ``<out>/<version>/`` (mike's layout), with ``versions.json``,
a root redirect to the newest released version and ``latest/``, a full copy of that version.

Per version, the hand-written pages (``site/docs/``) and the generated ones are assembled into
``site/_docs/`` (never edited by hand), which is what ``mkdocs.yml`` reads: the generated pages sit
at the site's root (``/<version>/records/person/``), with no ``/generated/`` in any URL.

After MkDocs, every built page's internal links and anchors are checked, the w3id redirect rules
for the namespace are written (``<out>/w3id/<name>/.htaccess``) and every canonical URI is
followed through them to a built page; the findings go into each version's QA page.

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
from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote.errors import InputError, StandardError
from endingnote.site import _catalogue_pages as catalogue
from endingnote.site import (
    _changes,
    _downloads,
    _extension_pages,
    _guides,
    _item_pages,
    _jsonld_page,
    _linkcheck,
    _qa,
    _reference_pages,
    _settings,
    _versions,
    _w3id,
)
from endingnote.site._context import VersionContext, read_head
from endingnote.standard import Standard, get, standard_root, versions
from endingnote.standard._examples import build_example

MARKER = ".endingnote-site"
DOCS = "_docs"  # site/_docs/: the assembled pages MkDocs reads (hand-written + generated)
DOCS_MARKER = ".endingnote-docs"
SOURCES = "docs"  # site/docs/: the hand-written pages


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
    site_url: str | None = None

    @property
    def mkdocs_ok(self) -> bool:
        return all(b.ok for b in self.builds)

    @property
    def qa_errors(self) -> int:
        return sum(len(b.qa.errors) for b in self.builds)

    def ok(self, strict: bool) -> bool:
        """Built; with ``strict`` also no QA errors (broken refs and links, invalid examples, missing
        downloads, canonical URIs that reach no page)."""
        return self.mkdocs_ok and (not strict or self.qa_errors == 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": str(self.out),
            "default_version": self.default_version,
            "site_url": self.site_url,
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
    pages: dict[str, str]  # path under the docs root -> markdown
    files: dict[str, bytes]  # path under the docs root -> bytes (downloads)
    records_nav: list[tuple[str, str]]
    extensions_nav: list[tuple[str, str]]
    qa: _qa.QAReport
    guides_nav: list[tuple[str, str]] = field(default_factory=list)


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
        self.guides = _guides.generate()


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
        "overview.md": catalogue.version_home(ctx),
        "catalogue.md": catalogue.catalogue(ctx),
        "records/index.md": catalogue.records_index(ctx),
        "parts.md": catalogue.parts_page(ctx),
        "jsonld.md": _jsonld_page.page(ctx),
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
    by_item = changes.by_item()
    full = build_example(std, full=True)
    for rt in std.records.values():
        pages[f"records/{rt.key}.md"] = catalogue.record_page(ctx, rt, by_item, full.get(rt.key))
        records_nav.append((f"{rt.label_ja} / {rt.label_en}", f"records/{rt.key}.md"))
    pages.update(_item_pages.pages(ctx, by_item))
    pages.update(shared.guides.pages)
    qa.issues += shared.guides.issues

    downloads = _downloads.collect(ctx, base)
    pages["downloads.md"] = downloads.page
    files = {f"downloads/{rel}": data for rel, data in downloads.files.items()}
    qa.issues += downloads.issues

    ext = _extension_pages.build(base, version, set(std.records))
    pages.update(ext.pages)
    qa.issues += ext.issues
    qa.checks["extensions"] = ext.state

    entries = [_versions.VersionEntry.of(get(v, base)) for v in all_versions]
    pages["versions.md"] = _versions.page(entries, version, depth=1)

    qa.issues += _qa.translations(std)
    qa.issues += _qa.references(std, all_versions)
    qa.issues += _qa.unused_codelists(std)
    qa.issues += _qa.incomplete_items(std)
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
    return Generated(pages, files, records_nav, ext.nav, qa, shared.guides.nav)


def _sources(site_dir: Path) -> list[Path]:
    """The hand-written files of ``site/docs/`` (no dotfiles, no symbolic links, no leftovers of the
    old ``generated/`` folder), relative to it."""
    root = site_dir / SOURCES
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(p.startswith(".") for p in rel.parts) or rel.parts[0] == "generated":
            continue
        if path.is_file() and not path.is_symlink():
            found.append(rel)
    return found


def assemble_docs(gen: Generated, site_dir: Path) -> tuple[Path, list[Issue]]:
    """Replace ``site/_docs/`` with the hand-written pages plus ``gen``; a generated page never
    replaces a hand-written one (reported as ``site.page_collision``)."""
    target = site_dir / DOCS
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise InputError(f"{target}: is a symbolic link or a file; refusing to replace it")
    if target.is_dir() and any(target.iterdir()) and not (target / DOCS_MARKER).is_file():
        raise InputError(f"{target}: not empty and not assembled by `endingnote site build`; refusing it")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    write_text(target / DOCS_MARKER, "assembled by `endingnote site build`; edit site/docs/ instead\n")
    handwritten = set()
    for rel in _sources(site_dir):
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site_dir / SOURCES / rel, target / rel)
        handwritten.add(rel.as_posix())
    issues = []
    outputs: list[tuple[str, str | bytes]] = [*gen.pages.items(), *gen.files.items()]
    for name, content in outputs:
        if name in handwritten:
            issues.append(issue("site.page_collision", name, page=name))
            continue
        dest = target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            write_text(dest, content)
        else:
            write_bytes(dest, content)
    return target, issues


def _expand_nav(nav: Any, gen: Generated) -> Any:
    """The nav of ``mkdocs.yml`` with the record-type and extension pages added under their index,
    and the generated guides added to the section that lists the guides."""
    expansions = {
        "records/index.md": gen.records_nav,
        "extensions/index.md": gen.extensions_nav,
    }
    if isinstance(nav, list):
        entries = [_expand_nav(entry, gen) for entry in nav]
        if gen.guides_nav and any(_points_at_guides(e) for e in nav):
            entries += [{t: p} for t, p in gen.guides_nav]
        return entries
    if isinstance(nav, dict):
        out = {}
        for title, value in nav.items():
            if isinstance(value, str) and value in expansions:
                out[title] = [value, *({t: p} for t, p in expansions[value])]
            else:
                out[title] = _expand_nav(value, gen)
        return out
    return nav


def _points_at_guides(entry: Any) -> bool:
    if isinstance(entry, dict):
        return any(isinstance(v, str) and v.startswith("guides/") for v in entry.values())
    return isinstance(entry, str) and entry.startswith("guides/")


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
    docs_dir: Path | None = None,
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
        extra: dict[str, Any] = {"docs_dir": str(docs_dir)} if docs_dir else {}
        cfg = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict, **extra)
        cfg["nav"] = _expand_nav(cfg["nav"], nav_for)
        cfg["extra"]["endingnote_version"] = version
        if site_url:  # each version is its own site under <site_url><version>/ (mike's layout)
            cfg["site_url"] = urljoin(_settings.normalise(site_url), f"{version}/")
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

    ``site_url`` (else ``site_url`` of the newest ``standard.yaml``) is where the site is published;
    a strict build refuses none or a placeholder host.

    Raises :class:`InputError` for an unusable site folder, output folder or (strict) site URL;
    mkdocs failures and QA findings are reported in the result (``ok(strict)``).
    """
    started = time.monotonic()
    _require_mkdocs()
    site_dir = (site_dir or default_site_dir()).resolve()
    config_file = site_dir / "mkdocs.yml"
    if not config_file.is_file():
        raise InputError(f"{config_file}: missing")
    base = (root or standard_root()).resolve()
    all_versions = versions(base)
    if not all_versions:
        raise StandardError(f"{base}: no versions of the standard")
    chosen = only or all_versions
    unknown = [v for v in chosen if v not in all_versions]
    if unknown:
        raise InputError(f"unknown version(s) {', '.join(unknown)}; known: {', '.join(all_versions)}")
    url = site_url or _settings.declared_site_url(base, all_versions)
    why = _settings.problem(url)
    if why and strict:
        raise InputError(why)
    out = (out or site_dir / "_build").resolve()
    staging = _prepare_out(out)
    builds: list[VersionBuild] = []
    gens: dict[str, Generated] = {}
    try:
        shared = _Shared()
        # oldest first, so site/_docs/ ends up holding the newest version's pages
        for version in sorted(chosen, key=_versions.version_key):
            t0 = time.monotonic()
            gen = generate(version, root=base, shared=shared)
            docs_dir, collisions = assemble_docs(gen, site_dir)
            gen.qa.issues += collisions
            warnings, error = run_mkdocs(
                config_file,
                staging / version,
                strict=strict,
                nav_for=gen,
                version=version,
                site_url=url,
                docs_dir=docs_dir,
            )
            gens[version] = gen
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
        stds = [get(v, base) for v in all_versions]
        if url:
            rules = _w3id.htaccess(stds, default, url)
            write_text(staging / _w3id.htaccess_path(stds[-1].namespace), rules)
        for b in builds:
            if not b.ok or not (staging / b.version).is_dir():
                continue
            found = _linkcheck.check_version(staging, b.version, url)
            if url:
                found.uris += _w3id.check_uris(get(b.version, base), rules, url, staging, default)
            b.qa.issues += found.links + found.uris
            b.qa.checks["links"] = "failed" if found.links else "ok"
            b.qa.checks["uris"] = "not run: no site_url" if not url else ("failed" if found.uris else "ok")
            _linkcheck.publish(staging / b.version, found, b.qa.checks)
        # latest/: a full copy of the newest released version, so latest/records/person/ works
        if (staging / default).is_dir():
            shutil.copytree(staging / default, staging / _versions.LATEST, symlinks=True)
        write_text(staging / MARKER, "built by `endingnote site build`\n")
        if all(b.ok for b in builds):  # a failed build leaves the previous site in place
            _swap(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return SiteBuild(out, builds, default, time.monotonic() - started, url)
