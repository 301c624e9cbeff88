"""The policy scan every converted document passes before it is written (also with ``--no-validate``).

:func:`policy_findings` is the validator's own (``endingnote.validation.policy_findings``): a
document in, findings out (JSON pointer + ``policy.*`` code, never the secret itself).
:func:`drop_caught` removes every caught value from the document, so what the scan caught is never
written, echoed in a report or put in an error message.
"""

from __future__ import annotations

from typing import Any

from endingnote._issues import Issue

__all__ = ["drop_caught", "policy_findings"]


def policy_findings(doc: dict[str, Any], raw: bytes | None = None) -> list[Issue]:
    """Findings of the validator's policy layer on ``doc`` (My Numbers, card numbers, secrets);
    ``raw``: the document serialised, if the caller has it already."""
    from endingnote.validation import policy_findings as validator_policy_findings

    return validator_policy_findings(doc, raw=raw)


def _tokens(pointer: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def drop_caught(doc: dict[str, Any], pointer: str) -> bool:
    """Remove the value (or the key) at ``pointer``; True when something was removed."""
    tokens = _tokens(pointer)
    if not tokens:
        return False
    cur: Any = doc
    for t in tokens[:-1]:
        if isinstance(cur, dict) and t in cur:
            cur = cur[t]
        elif isinstance(cur, list) and t.isdigit() and int(t) < len(cur):
            cur = cur[int(t)]
        else:
            return False
    last = tokens[-1]
    if isinstance(cur, dict) and last in cur:
        del cur[last]
        return True
    if isinstance(cur, list) and last.isdigit() and int(last) < len(cur):
        cur[int(last)] = None  # compacted away later; indexes of the siblings stay stable meanwhile
        return True
    return False
