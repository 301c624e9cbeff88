"""``endingnote site build`` end to end: MkDocs in strict mode, the per-version layout, downloads,
and refusing to overwrite what is not a site build."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from endingnote.errors import InputError
from endingnote.site import build_site
from endingnote.standard import get, versions
from tests.site.conftest import copy_site


def test_mini_standard_builds_strict_with_every_version(mini_root: Path, tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    out = tmp_path / "out"
    result = build_site(site, out, strict=True, root=mini_root)
    assert result.mkdocs_ok, [(b.mkdocs_error, b.mkdocs_warnings) for b in result.builds]
    assert not result.ok(strict=True)  # the mini standard has QA errors on purpose
    assert result.ok(strict=False)
    assert [b.version for b in result.builds] == ["1.0", "1.1"]
    assert result.default_version == "1.0"  # 1.1 is a draft
    listed = json.loads((out / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in listed] == ["1.1", "1.0"]
    for v in ("1.0", "1.1"):
        record = (out / v / "records" / "deposit_account" / "index.html").read_text(encoding="utf-8")
        assert 'class="en-items"' in record
        assert "<script>alert" not in record and "&lt;script&gt;alert" in record
        assert (out / v / "downloads" / "catalogue.csv").read_bytes() == (
            mini_root / v / "generated" / "catalogue.csv"
        ).read_bytes()
        qa = (out / v / "qa" / "index.html").read_text(encoding="utf-8")
        assert "site.unused_codelist" in qa and "site.example_invalid" in qa
    assert "holder_kana" in (out / "1.1" / "changes" / "index.html").read_text(encoding="utf-8")
    assert "url=1.0/" in (out / "index.html").read_text(encoding="utf-8")
    # the search index carries the Japanese text the browser segments
    index = json.loads((out / "1.0" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["ja", "en"]
    assert any("預貯金口座" in doc["title"] for doc in index["docs"])
    # the working tree's assembled pages were not touched: the copy holds them, at the root
    assert (site / "_docs" / "records" / "deposit_account.md").is_file()
    assert not (site / "docs" / "records").exists()  # site/docs/ stays hand-written only
    assert not list(out.rglob("generated"))  # no /generated/ in any URL
    # latest/ is a full copy of the newest released version, not a redirect
    assert (out / "latest" / "records" / "person" / "index.html").read_bytes() == (
        out / "1.0" / "records" / "person" / "index.html"
    ).read_bytes()


def test_a_broken_page_fails_the_strict_build(mini_root: Path, tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    (site / "docs" / "guides" / "vendors.md").write_text("[dead](no-such-page.md)\n", encoding="utf-8")
    out = tmp_path / "out"
    result = build_site(site, out, strict=True, root=mini_root, only=["1.0"])
    assert not result.mkdocs_ok
    assert any("no-such-page.md" in w for b in result.builds for w in b.mkdocs_warnings)
    assert not out.exists()  # nothing half-built is left in place


def test_refuses_to_overwrite_a_folder_that_is_not_a_site(mini_root: Path, tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError):
        build_site(site, precious, root=mini_root, only=["1.0"])
    assert (precious / "thesis.txt").read_text(encoding="utf-8") == "keep me"


def test_rebuild_replaces_a_previous_build(mini_root: Path, tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    out = tmp_path / "out"
    build_site(site, out, root=mini_root, only=["1.0"])
    (out / "1.0" / "stale.html").write_text("old", encoding="utf-8")
    build_site(site, out, root=mini_root, only=["1.1"])  # 1.0 is kept, frozen, as it was
    assert (out / "1.0" / "stale.html").read_text(encoding="utf-8") == "old"
    assert (out / "1.1" / "index.html").is_file()
    build_site(site, out, root=mini_root, only=["1.0"])  # rebuilding 1.0 replaces it whole
    assert not (out / "1.0" / "stale.html").exists()
    assert (out / "1.1" / "index.html").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]  # no staging debris


def test_cli_exit_codes(mini_root: Path, tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    base = [sys.executable, "-m", "endingnote", "site", "build", "--site-dir", str(site)]
    env = {"ENDINGNOTE_STANDARD_DIR": str(mini_root), "PATH": "/usr/bin:/bin"}
    strict = subprocess.run(
        [*base, "--strict", "--json", "--version", "1.1", "-o", str(tmp_path / "a")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert strict.returncode == 1, strict.stderr  # QA errors in the mini standard
    summary: dict[str, Any] = json.loads(strict.stdout)
    assert summary["ok"] is False and [v["version"] for v in summary["versions"]] == ["1.1"]
    assert "site.example_invalid" in strict.stderr and "Traceback" not in strict.stderr
    lenient = subprocess.run(
        [*base, "-o", str(tmp_path / "b"), "--version", "1.0"], capture_output=True, text=True, env=env
    )
    assert lenient.returncode == 0, lenient.stderr
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "x").write_text("x", encoding="utf-8")
    refused = subprocess.run([*base, "-o", str(tmp_path / "c")], capture_output=True, text=True, env=env)
    assert refused.returncode == 2 and "refusing" in refused.stderr and "Traceback" not in refused.stderr


def test_real_standard_site_builds_strict(real_build: dict[str, Any]) -> None:
    """The published site: every version, MkDocs strict, QA without errors (make test builds it)."""
    problems = [
        (
            v["version"],
            v["mkdocs_error"],
            v["mkdocs_warnings"],
            [i for i in v["qa"]["issues"] if i["severity"] == "error"],
        )
        for v in real_build["versions"]
    ]
    assert real_build["ok"], problems
    out = Path(real_build["out"])
    assert [v["version"] for v in real_build["versions"]] == versions()
    for v in versions():
        std = get(v)
        for key in std.records:
            assert (out / v / "records" / key / "index.html").is_file(), (v, key)
        for rel in (
            "schema.json",
            "catalogue.csv",
            "catalogue.xlsx",
            "examples/minimal.json",
            "examples/full.json",
        ):
            built = out / v / "downloads" / rel
            assert built.read_bytes() == (std_dir(v) / "generated" / rel).read_bytes(), (v, rel)
        assert (out / v / "api" / "index.html").read_text(encoding="utf-8").count("doc-object") > 5
    listed = json.loads((out / "versions.json").read_text(encoding="utf-8"))
    assert sorted(e["version"] for e in listed) == sorted(versions())
    # the directory of published versions links into every other version's build (plain HTML links,
    # outside what MkDocs checks): each target exists
    for v in versions():
        directory = out / v / "versions" / "index.html"
        hrefs = re.findall(r'href="(\.\./[^"#]+)"', directory.read_text(encoding="utf-8"))
        targets = {(directory.parent / h).resolve() for h in hrefs if h.count("/") <= 4}
        assert len(targets) >= 3 * len(versions()), hrefs
        for target in targets:
            assert (target / "index.html").is_file() or target.is_file(), target


def std_dir(version: str) -> Path:
    from endingnote.standard import standard_root

    return standard_root() / version


def test_bad_arguments_are_refused_cleanly(mini_root: Path, tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    with pytest.raises(InputError, match="unknown version"):
        build_site(site, tmp_path / "out", root=mini_root, only=["../../etc"])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match=r"mkdocs\.yml"):
        build_site(empty, tmp_path / "out", root=mini_root)
    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="not a folder"):
        build_site(site, a_file, root=mini_root)
    # a symlink where the assembled pages go is never followed and emptied
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.md").write_text("keep", encoding="utf-8")
    (site / "_docs").symlink_to(elsewhere)
    with pytest.raises(InputError, match="symbolic link"):
        build_site(site, tmp_path / "out2", root=mini_root, only=["1.0"])
    assert (elsewhere / "keep.md").read_text(encoding="utf-8") == "keep"
    assert not (tmp_path / "out").exists() and not (tmp_path / "out2").exists()


def test_plain_mkdocs_build_strict_of_the_generated_pages(real_build: dict[str, Any], tmp_path: Path) -> None:
    """After `endingnote site build`, `mkdocs build --strict` with site/mkdocs.yml works on its own."""
    site = Path(real_build["site"])
    assert (site / "_docs" / "records" / "index.md").is_file()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(site / "mkdocs.yml"),
            "-d",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "o" / "catalogue" / "index.html").is_file()
