"""Card faults as :class:`~endingnote.errors.CardError` carrying a stable ``sign.card.*`` code."""

from __future__ import annotations

from typing import Any

import endingnote.sign._codes  # noqa: F401  (registers the sign.* codes)
from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote.errors import CardError


class JpkiCardError(CardError):
    """A card fault: ``code`` (``sign.card.*``), ``issue`` (bilingual), ``sw`` (status word or None)."""

    def __init__(self, code: str, sw: int | None = None, *, path: str = "card", **params: Any) -> None:
        if sw is not None and "sw" not in params:
            params["sw"] = f"{sw:04X}"
        self.issue: Issue = issue(code, path, **params)
        self.code = code
        super().__init__(f"{self.issue.message_ja} / {self.issue.message_en}", sw)
