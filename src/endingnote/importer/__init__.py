"""The heir import: from a decedent's signed export to what one heir may see.

- :func:`run_import` runs the whole journey (verify the package, establish death and signer from
  the registers, establish the claimant as an heir, apply the disclosure rules, write the outputs)
  and returns an :class:`ImportResult` (status, exit code, issues, outputs).
- :class:`CardClaim` / :class:`SignedChallenge` / :class:`AttestationClaim`: how the claimant
  proves who they are (card now, a challenge signed elsewhere, or a professional's attestation).
- :func:`apply_disclosure`: the note's disclosure rules for one :class:`Viewer`.
- :func:`date_text`, :func:`datetime_text`, :func:`share_text`: dates (和暦 with 西暦, Japan time)
  and shares as the family reads them.
- :func:`build_checklist` (:class:`Task`), :func:`to_ics`, :func:`frames` (pandas DataFrames, one
  per record type) and :func:`write_outputs` (note JSON, XLSX, CSV, HTML report, .ics; atomic).
"""

from __future__ import annotations

from endingnote.importer import _codes as _codes  # registers the importer.* codes
from endingnote.importer._checklist import Task, build_checklist
from endingnote.importer._claimant import (
    CHALLENGE_CONTEXT,
    AttestationClaim,
    CardClaim,
    SignedChallenge,
    check_challenge,
    make_challenge,
)
from endingnote.importer._disclosure import Disclosure, Viewer, Withheld, apply_disclosure
from endingnote.importer._frames import frames
from endingnote.importer._ics import to_ics
from endingnote.importer._journey import ImportResult, run_import
from endingnote.importer._outputs import write_outputs
from endingnote.importer._plain import date_text, datetime_text, share_text

__all__ = [
    "CHALLENGE_CONTEXT",
    "AttestationClaim",
    "CardClaim",
    "Disclosure",
    "ImportResult",
    "SignedChallenge",
    "Task",
    "Viewer",
    "Withheld",
    "apply_disclosure",
    "build_checklist",
    "check_challenge",
    "date_text",
    "datetime_text",
    "frames",
    "make_challenge",
    "run_import",
    "share_text",
    "to_ics",
    "write_outputs",
]
