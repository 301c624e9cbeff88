"""The package version (kept apart from the standard's versions, which live in ``standard/``)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("endingnote")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
