"""Compatibility checks between versions: pairwise, transitive, and against frozen releases.

Breaking changes are allowed only when the newer version declares them in its
``standard.yaml``::

    acknowledged_breaking:
      - rule: RECORD_TO_REPEATING
        path: will
        reason_ja: 複数の遺言書(自筆証書と公正証書など)を記録できるようにする。
        reason_en: Several wills (holographic and notarial …) can be recorded.

so an unflagged breaking edit cannot land: ``endingnote standard check-compat`` fails on it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from endingnote.compat import _snapshot
from endingnote.compat._diff import Change, diff
from endingnote.compat._rules import RULES, Level
from endingnote.errors import StandardError
from endingnote.standard import Standard, get, released_versions, standard_root, versions


class Mode(enum.StrEnum):
    """Which direction must stay compatible (Confluent's names; checks are always transitive)."""

    BACKWARD = "backward"  # new readers read every released version's documents (default)
    FORWARD = "forward"  # released readers read new documents
    FULL = "full"  # both

    def allows(self, change: Change) -> bool:
        if self is Mode.BACKWARD:
            return change.backward
        if self is Mode.FORWARD:
            return change.forward
        return change.backward and change.forward


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    rule: str
    path: str
    version: str  # the version whose standard.yaml declares it
    reason_ja: str
    reason_en: str


@dataclass(slots=True)
class Comparison:
    """The changes from ``old`` to ``new`` with acknowledgements applied."""

    old: str
    new: str
    changes: list[Change]
    kind: str = "versions"  # "versions" or "frozen" (a released version against its snapshot)
    problems: list[str] = field(default_factory=list)  # e.g. acknowledgements that match nothing
    mode: Mode = Mode.BACKWARD

    @property
    def level(self) -> Level:
        return max((c.level for c in self.changes), default=Level.EDITORIAL)

    @property
    def unacknowledged(self) -> list[Change]:
        """Changes the mode does not allow and the newer versions do not acknowledge."""
        return [c for c in self.changes if not self.mode.allows(c) and not c.acknowledged]

    @property
    def ok(self) -> bool:
        return not self.unacknowledged and not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "kind": self.kind,
            "mode": self.mode.value,
            "level": self.level.label,
            "ok": self.ok,
            "breaking": sum(c.breaking for c in self.changes),
            "unacknowledged": [f"{c.rule} {c.path}" for c in self.unacknowledged],
            "problems": list(self.problems),
            "changes": [c.to_dict() for c in self.changes],
        }


def acknowledgements(version: str, root: Path | None = None) -> list[Acknowledgement]:
    """The breaking changes ``version``'s ``standard.yaml`` declares as intended."""
    path = (root or standard_root()) / version / "standard.yaml"
    with path.open("rb") as fh:
        head = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}  # noqa: S506
    raw = head.get("acknowledged_breaking") or []
    out: list[Acknowledgement] = []
    if not isinstance(raw, list):
        raise StandardError(f"{path}: acknowledged_breaking must be a list")
    for i, entry in enumerate(raw):
        if not isinstance(entry, dict) or not entry.get("rule") or not entry.get("path"):
            raise StandardError(f"{path}: acknowledged_breaking #{i + 1} needs 'rule' and 'path'")
        if entry["rule"] not in RULES:
            raise StandardError(f"{path}: acknowledged_breaking #{i + 1}: unknown rule {entry['rule']!r}")
        if not entry.get("reason_ja") or not entry.get("reason_en"):
            raise StandardError(f"{path}: acknowledged_breaking #{i + 1} needs reason_ja and reason_en")
        out.append(
            Acknowledgement(
                str(entry["rule"]),
                str(entry["path"]),
                version,
                str(entry["reason_ja"]),
                str(entry["reason_en"]),
            )
        )
    return out


def _between(old: str, new: str, root: Path) -> list[str]:
    """Versions after ``old`` up to and including ``new``."""
    key = _vkey
    return [v for v in versions(root) if key(old) < key(v) <= key(new)]


def _vkey(v: str) -> tuple[int, ...]:
    return tuple(int(p) for p in v.split("."))


def apply_acknowledgements(
    changes: list[Change], acks: list[Acknowledgement]
) -> tuple[list[Change], list[Acknowledgement]]:
    """Mark acknowledged incompatible changes; also return acknowledgements that matched no change."""
    by_key = {(a.rule, a.path): a for a in acks}
    used: set[tuple[str, str]] = set()
    out: list[Change] = []
    for c in changes:
        a = by_key.get((c.rule, c.path))
        if a is not None and not (c.backward and c.forward):
            used.add((a.rule, a.path))
            c = replace(
                c, acknowledged=True, acknowledged_in=a.version, reason={"ja": a.reason_ja, "en": a.reason_en}
            )
        out.append(c)
    return out, [a for a in acks if (a.rule, a.path) not in used]


def compare(
    old: str | Standard, new: str | Standard, root: Path | None = None, mode: Mode = Mode.BACKWARD
) -> Comparison:
    """Diff two versions (by version string, or loaded standards) and apply the newer versions'
    acknowledgements. For standards loaded elsewhere no acknowledgements are read."""
    base = root or standard_root()
    old_std = old if isinstance(old, Standard) else get(old, base)
    new_std = new if isinstance(new, Standard) else get(new, base)
    changes = diff(old_std, new_std)
    problems: list[str] = []
    if isinstance(old, str) and isinstance(new, str):
        acks = [a for v in _between(old, new, base) for a in acknowledgements(v, base)]
        changes, unused = apply_acknowledgements(changes, acks)
        # An acknowledgement in the newest version must match a change from its predecessor.
        problems += [
            f"{a.version}: acknowledged_breaking {a.rule} {a.path} matches no incompatible change"
            for a in unused
            if a.version == new and new_std.previous == old
        ]
    return Comparison(old_std.version, new_std.version, changes, problems=problems, mode=mode)


def check_compat(root: Path | None = None, mode: Mode = Mode.BACKWARD) -> list[Comparison]:
    """The newest version against **every** released version (transitive), and each released
    version against its frozen snapshot (only editorial errata may touch a release)."""
    base = root or standard_root()
    all_versions = versions(base)
    if not all_versions:
        raise StandardError("no standard versions found")
    newest = all_versions[-1]
    out: list[Comparison] = []
    chain = [
        f"{v}: previous is {get(v, base).previous!r}, expected {p!r}"
        for p, v in zip([None, *all_versions], all_versions, strict=False)
        if get(v, base).previous != p
    ]
    if chain:
        out.append(Comparison(all_versions[0], newest, [], kind="chain", problems=chain))
    released = released_versions(base)
    for v in released:
        if v != newest:
            out.append(compare(v, newest, base, mode))
    for v in released:
        frozen = _snapshot.read(base, v)
        current = get(v, base)
        if frozen is None:
            out.append(Comparison(v, v, [], kind="frozen", problems=[f"{v}: released but not frozen"]))
            continue
        changes = diff(frozen, current)
        problems = [
            f"{v}: a released version changed normatively ({c.rule} {c.path})"
            for c in changes
            if c.level > Level.EDITORIAL
        ]
        out.append(Comparison(v, v, changes, kind="frozen", problems=problems))
    return out


def freeze(version: str, root: Path | None = None) -> Path:
    base = root or standard_root()
    return _snapshot.freeze(base, get(version, base))
