"""The exception tree. Exceptions are for programming errors and I/O failures; findings in a
user's data are :class:`~endingnote.Issue` values, never exceptions.

    EndingNoteError
    ├── InputError            an input could not be read at all (missing file, permission)
    ├── InvalidDocumentError  a caller asked for a typed value from an invalid document (carries the report)
    ├── StandardError         the standard in ``standard/`` is itself broken (editor error)
    ├── SigningError          signing could not complete
    │   └── CardError         the card refused or went away (carries the status word)
    └── VerificationError     a package is too malformed to even report on
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from endingnote._issues import Report


class EndingNoteError(Exception):
    """Base class of every exception endingnote raises on purpose."""


class InputError(EndingNoteError, OSError):
    """An input could not be read (missing, unreadable, not a regular file)."""


class InvalidDocumentError(EndingNoteError, ValueError):
    """The document has errors; ``report`` holds all of them."""

    def __init__(self, report: Report) -> None:
        best = report.best()
        super().__init__(
            f"{report.path or '<document>'}: {len(report.errors)} error(s)"
            + (f"; first: {best.code} at {best.path or '/'}: {best.message_en}" if best else "")
        )
        self.report = report


class StandardError(EndingNoteError, ValueError):
    """The standard's source files are inconsistent (bad YAML, unknown type, duplicate key)."""


class SigningError(EndingNoteError):
    """Signing could not complete."""


class CardError(SigningError):
    """The smart card refused an operation or could not be reached."""

    def __init__(self, message: str, sw: int | None = None) -> None:
        super().__init__(message)
        self.sw = sw


class VerificationError(EndingNoteError, ValueError):
    """A package is too malformed to be reported on."""
