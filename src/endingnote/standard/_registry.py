"""Where the standard's versions are, and loading them lazily (one cached load per version)."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from endingnote._resources import data_dirs
from endingnote.errors import StandardError
from endingnote.standard._load import load_standard
from endingnote.standard._model import Standard


def standard_root() -> Path:
    """The ``standard/`` directory: ``$ENDINGNOTE_STANDARD_DIR``, else the source tree's, else the
    copy a wheel carries.
    Cached per value of the variable: validators ask for it on every document."""
    return _standard_root(os.environ.get("ENDINGNOTE_STANDARD_DIR"))


@functools.cache
def _standard_root(env: str | None) -> Path:
    if env:
        return Path(env)
    for candidate in data_dirs("standard"):
        if (candidate / "versions.yaml").is_file() or any(candidate.glob("*/standard.yaml")):
            return candidate
    raise StandardError("cannot find the standard/ directory; set ENDINGNOTE_STANDARD_DIR")


def _version_key(v: str) -> tuple[int, ...]:
    return tuple(int(p) for p in v.split("."))


def versions(root: Path | None = None) -> list[str]:
    """Every version directory, oldest first."""
    base = root or standard_root()
    found = [p.parent.name for p in base.glob("*/standard.yaml")]
    return sorted(found, key=_version_key)


def released_versions(root: Path | None = None) -> list[str]:
    return [v for v in versions(root) if get(v, root).status == "released"]


def latest(root: Path | None = None) -> str:
    all_versions = versions(root)
    if not all_versions:
        raise StandardError("no standard versions found")
    return all_versions[-1]


@functools.cache
def _load_cached(directory: str) -> Standard:
    return load_standard(Path(directory))


_FAST: dict[tuple[str | None, Path | None, str | None], Standard] = {}


def get(version: str | None = None, root: Path | None = None) -> Standard:
    """The standard of ``version`` (default: the newest). Cached: validating a document looks the
    version up on every call, so repeated calls cost a dict lookup, not a filesystem walk."""
    key = (version, root, os.environ.get("ENDINGNOTE_STANDARD_DIR"))
    hit = _FAST.get(key)
    if hit is not None:
        return hit
    std = _get(version, root)
    _FAST[key] = std
    return std


def _get(version: str | None, root: Path | None) -> Standard:
    base = root or standard_root()
    version = version or latest(base)
    directory = base / version
    if not (directory / "standard.yaml").is_file():
        raise StandardError(f"unknown standard version {version!r}; known: {', '.join(versions(base))}")
    return _load_cached(str(directory.resolve()))
