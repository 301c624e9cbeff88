"""The heir engine: who inherits from a decedent, with exact shares (民法 887, 889, 890, 900, 901).

A pure function of (graph, decedent, options). Kinship is computed from legal parent-child ties in
force at the opening of succession:

- a non-marital father's tie needs acknowledgment (art. 779); a special adoption decreed before the
  death ends the birth ties (art. 817-9) except with a birth parent married to the adopter; an
  adoption dissolved before the death ends the adoptive tie (art. 729);
- along a line of descent, after an adoptive tie (adopted on *A*) only relatives acquired by the
  adoptee on or after *A* are the adopter's relatives (art. 727): a child of an adoptee born before
  the adoption is not the adopter's lineal descendant (art. 887(2) proviso).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from endingnote._codes import issue
from endingnote._issues import Issue, Severity
from endingnote.heirs import _codes as _codes
from endingnote.heirs._explain import RANK_EN, RANK_JA, article_ja, explain
from endingnote.heirs._graph import (
    FamilyGraph,
    ParentChild,
    Person,
    fast_constructor,
    links_by_end,
    marriages_by_pair,
    paused_gc,
    persons_by_id,
    positions,
)
from endingnote.heirs._result import (
    CAPACITY_JA,
    Capacity,
    CapacityKind,
    Heir,
    HeirResult,
    NonHeir,
    Status,
    fraction_str,
)
from endingnote.heirs._rules import SUPPORTED_FROM, RuleSet, rule_set_for

MAX_DEPTH = 200
_CLASS_PRIORITY = {
    "line_taken": 0,
    "line_renounced": 1,
    "line_ended": 2,
    "excluded_by_nearer": 3,
    "excluded_by_rank": 4,
    "nephew_parent_heir": 5,
    "grand_nephew": 6,
    "unacknowledged": 7,
    "special_adoption_cut": 8,
    "adoption_dissolved": 9,
}
_NOTE_PRIORITY = {
    "spouse_predeceased": 1,
    "former_spouse": 2,
    "spouse_after_death": 3,
    "pre_adoption_child": 4,
}
_KIND_ORDER = ("spouse", "child", "representative", "ascendant", "sibling", "sibling_representative")
Timing = Literal["alive", "after", "before", "simultaneous"]


@dataclass(frozen=True, slots=True)
class Options:
    """Choices where the law or practice needs a decision.

    ``settled_before_2013``: for deaths 2001-07-01 … 2013-09-04, the succession was settled before the
    Supreme Court decision of 2013-09-04, so the former half share of non-marital children applies.
    ``spouse_sibling``: a spouse who is also a sibling (婿養子 and the adopters' daughter) takes the
    spouse share only (``"spouse_only"``, registration practice) or both (``"both"``).
    """

    settled_before_2013: bool = False
    spouse_sibling: Literal["spouse_only", "both"] = "spouse_only"


@dataclass(frozen=True, slots=True)
class _Tie:
    """A legal parent-child tie in force at the opening."""

    parent: str
    child: str
    adoptive: bool  # only adoptive links (no biological tie between the two)
    created: dt.date | None  # when the child became the parent's relative (birth / adoption)
    marital: bool


def _leads_on(upper: _Tie, lower: _Tie) -> bool:
    """Whether kinship runs from ``upper.parent`` through ``upper.child`` to ``lower.child`` (art. 727)."""
    if not upper.adoptive or upper.created is None or lower.created is None:
        return True
    return lower.created >= upper.created


class _Run:
    def __init__(self, graph: FamilyGraph, decedent: Person, rules: RuleSet, options: Options) -> None:
        if decedent.death is None:
            raise ValueError("the decedent has no death")
        self.g = graph
        self.d = decedent
        self.t0 = decedent.death.date
        self.rules = rules
        self.options = options
        self.persons = persons_by_id(graph)  # shared with the graph: read only
        self.findings: list[Issue] = []
        self._seen_findings: set[tuple[str, str]] = set()
        self.notes: dict[str, tuple[str, dict[str, str]]] = {}
        self.caps: dict[str, list[Capacity]] = defaultdict(list)
        self.rank: int | None = None
        did = decedent.id
        facts = [f for f in graph.estate_facts if f.decedent == did]
        self.renounced = {f.person for f in facts if f.kind == "renunciation"}
        self.disqualified = {f.person for f in facts if f.kind == "disqualification"}
        self.disinherited = {f.person for f in facts if f.kind == "disinheritance"}
        self.in_utero = {f.person for f in facts if f.kind == "in_utero"}
        self.simultaneous: set[str] = set()
        for group in graph.simultaneous_deaths:
            if did in group.persons:
                self.simultaneous.update(p for p in group.persons if p != did)
        self.marriages_of = marriages_by_pair(graph)  # read only
        self.cut: dict[str, str] = {}
        self.cut_edges: dict[tuple[str, str], str] = {}
        self._edges_by_child, self._edges_by_parent = links_by_end(graph)  # read only
        self._child_ties: dict[str, list[_Tie]] = {}
        self._parent_ties: dict[str, list[_Tie]] = {}
        self._timing: dict[str, Timing] = {}
        self._descendants: set[str] | None = None

    # --- findings and notes -------------------------------------------------------------------

    def find(self, code: str, pid: str | None = None, **params: str) -> None:
        key = (code, pid or "")
        if key in self._seen_findings:
            return
        self._seen_findings.add(key)
        index = positions(self.g)
        path = f"/persons/{index[pid]}" if pid is not None and pid in index else ""
        if pid is not None:
            params.setdefault("id", pid)
        fields: dict[str, Any] = dict(params)
        self.findings.append(issue(code, path, **fields))

    def note(self, pid: str, code: str, **params: str) -> None:
        """Record why ``pid`` is not an heir. A person's own status (renounced, predeceased …) wins
        over relational notes (former spouse), which win over a path-dependent one (pre-adoption child)."""
        old = self.notes.get(pid)
        if old is None or _NOTE_PRIORITY.get(code, 0) < _NOTE_PRIORITY.get(old[0], 0):
            self.notes[pid] = (code, params)

    def label(self, pid: str) -> str:
        p = self.persons.get(pid)
        return f"{p.name.full} ({pid})" if p else pid

    # --- ties ---------------------------------------------------------------------------------

    def _married(self, a: str, b: str, on: dt.date) -> bool:
        return any(
            m.start <= on and (m.end is None or m.end > on)
            for m in self.marriages_of.get(frozenset((a, b)), ())
        )

    def _is_mother(self, e: ParentChild) -> bool:
        if e.parent_role is not None:
            return e.parent_role == "mother"
        parent = self.persons.get(e.parent)
        return parent is not None and parent.sex == "female"

    def _ties_of_child(self, child_id: str) -> list[_Tie]:
        """The legal ties of ``child_id`` to its parents at the opening (computed on first use)."""
        cached = self._child_ties.get(child_id)
        if cached is not None:
            return cached
        t0 = self.t0
        edges = self._edges_by_child.get(child_id, [])
        child = self.persons.get(child_id)
        special = [
            e
            for e in edges
            if e.kind == "special_adoptive" and e.decreed_on is not None and e.decreed_on <= t0
        ]
        bio_edges = [e for e in edges if e.kind == "biological"]
        pairs: dict[str, list[tuple[bool, dt.date | None, bool]]] = {}
        for e in edges:
            if child is None or e.parent not in self.persons:
                continue
            if e.kind == "biological":
                if e.marital is False and not self._is_mother(e) and e.acknowledged_on is None:
                    self._cut(child_id, "unacknowledged", e.parent)
                    continue
                if special and not any(
                    self._married(e.parent, s.parent, s.decreed_on or t0) for s in special
                ):
                    self._cut(child_id, "special_adoption_cut", e.parent)
                    continue
                marital = e.marital is not False or self._legitimated(bio_edges)
                pairs.setdefault(e.parent, []).append((False, child.birth_date, marital))
            elif e.kind == "adoptive":
                if e.adopted_on is None or e.adopted_on > t0:
                    continue
                if e.dissolved_on is not None and e.dissolved_on <= t0:
                    self._cut(child_id, "adoption_dissolved", e.parent)
                    continue
                pairs.setdefault(e.parent, []).append((True, e.adopted_on, True))
            else:
                if e.decreed_on is None or e.decreed_on > t0:
                    continue
                pairs.setdefault(e.parent, []).append((True, e.decreed_on, True))
        ties = []
        for parent_id, links in sorted(pairs.items()):
            bio = [link for link in links if not link[0]]
            if bio:
                ties.append(_Tie(parent_id, child_id, False, bio[0][1], any(link[2] for link in links)))
            else:
                first = min(links, key=lambda link: link[1] or dt.date.min)
                ties.append(_Tie(parent_id, child_id, True, first[1], True))
        self._child_ties[child_id] = ties
        return ties

    def _cut(self, child_id: str, code: str, parent_id: str) -> None:
        old = self.cut.get(child_id)
        if old is None or _CLASS_PRIORITY[code] < _CLASS_PRIORITY[old]:
            self.cut[child_id] = code
        self.cut_edges.setdefault((parent_id, child_id), code)

    def _cut_off(self) -> dict[str, str]:
        """Persons the decedent reaches through recorded parent-child links only across a tie the
        law ended (a special adoption, a dissolved adoption, no acknowledgment): that ending is why
        they are not kin — the birth parent of a specially adopted decedent, the former adoptive
        parent, and those related only through them."""
        for tie in self.up_of(self.d.id):  # computing the decedent's ties records their cuts
            self.down_of(tie.parent)
        if not self.cut_edges:
            return {}
        links: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        for e in self.g.parent_child:
            code = self.cut_edges.get((e.parent, e.child))
            links[e.parent].append((e.child, code))
            links[e.child].append((e.parent, code))
        reached: dict[str, str | None] = {self.d.id: None}
        frontier = [self.d.id]
        for cross in (False, True):  # first every uncut path, then paths across an ended tie
            while frontier:
                nxt = []
                for pid in frontier:
                    for other, code in links.get(pid, ()):
                        if other in reached or (code is not None and not cross):
                            continue
                        reached[other] = code or reached[pid]
                        nxt.append(other)
                frontier = nxt
            frontier = [pid for pid in reached if pid in links]
        return {pid: code for pid, code in reached.items() if code is not None}

    def up_of(self, pid: str) -> list[_Tie]:
        """Ties from ``pid`` to its legal parents."""
        return self._ties_of_child(pid)

    def down_of(self, pid: str) -> list[_Tie]:
        """Ties from ``pid`` to its legal children."""
        cached = self._parent_ties.get(pid)
        if cached is None:
            children = sorted({e.child for e in self._edges_by_parent.get(pid, [])})
            cached = [t for c in children for t in self._ties_of_child(c) if t.parent == pid]
            self._parent_ties[pid] = cached
        return cached

    def _legitimated(self, edges: list[ParentChild]) -> bool:
        """準正 (art. 789): the acknowledged child's parents married each other before the opening."""
        fathers = [e.parent for e in edges if not self._is_mother(e) and e.acknowledged_on is not None]
        mothers = [e.parent for e in edges if self._is_mother(e)]
        return any(
            m.start <= self.t0
            for f in fathers
            for mo in mothers
            for m in self.marriages_of.get(frozenset((f, mo)), ())
        )

    # --- time ---------------------------------------------------------------------------------

    def timing(self, pid: str) -> Timing:
        cached = self._timing.get(pid)
        if cached is not None:
            return cached
        result = self._compute_timing(pid)
        self._timing[pid] = result
        return result

    def _compute_timing(self, pid: str) -> Timing:
        p = self.persons[pid]
        if p.death is None:
            return "alive"
        if p.death.deemed:
            self.find("heirs.assume.deemed_death", pid)
        if pid in self.simultaneous:
            return "simultaneous"
        if p.death.date < self.t0:
            return "before"
        if p.death.date > self.t0:
            return "after"
        mine, theirs = p.death.time, self.d.death.time if self.d.death else None
        if mine is not None and theirs is not None:
            if mine < theirs:
                return "before"
            if mine > theirs:
                return "after"
            return "simultaneous"
        self.find("heirs.assume.simultaneous_same_day", pid)
        return "simultaneous"

    def exists(self, pid: str) -> str | None:
        """``None`` if ``pid`` existed (born or in utero) at the opening, else the reason code."""
        p = self.persons[pid]
        if p.stillborn:
            return "stillborn"
        if pid in self.in_utero:
            if p.birth_date is None:
                self.find("heirs.assume.fetus", pid)
            return None
        if p.birth_date is None:
            self.find("heirs.assume.no_birth_date", pid)
            return None
        if p.birth_date > self.t0:
            return "born_after"
        if p.birth_date == self.t0:
            self.find("heirs.assume.born_on_death_date", pid)
        return None

    def survives(self, pid: str) -> bool:
        return self.exists(pid) is None and self.timing(pid) in ("alive", "after")

    def gone_reason(self, pid: str) -> str:
        """Why ``pid`` did not survive the decedent (given it did not)."""
        missing = self.exists(pid)
        if missing is not None:
            return missing
        return "simultaneous" if self.timing(pid) == "simultaneous" else "predeceased"

    def death_text(self, pid: str) -> str:
        death = self.persons[pid].death
        if death is None:
            return "-"
        return death.date.isoformat() + (f" {death.time}" if death.time else "")

    # --- weights ------------------------------------------------------------------------------

    def weight(self, tie: _Tie) -> Fraction:
        if self.rules.nonmarital_half and not tie.marital:
            return Fraction(1, 2)
        return Fraction(1)

    # --- rank 1: descendants ------------------------------------------------------------------

    def descend(
        self, tie: _Tie, via: tuple[str, ...], depth: int
    ) -> list[tuple[str, Fraction, tuple[str, ...]]]:
        """The heirs of the stock headed by ``tie.child`` with their fractions of that stock."""
        x = tie.child
        if depth > MAX_DEPTH:
            self.find("heirs.graph.too_deep", None, depth=str(MAX_DEPTH))
            return []
        if x in self.renounced:
            self.note(x, "renounced")
            return []
        alive = self.survives(x)
        if alive and x not in self.disqualified and x not in self.disinherited:
            return [(x, Fraction(1), via)]
        if alive:
            code = "disqualified" if x in self.disqualified else "disinherited"
        else:
            code = self.gone_reason(x)
            if code in ("stillborn", "born_after"):
                self.note(x, code)
                return []
        subs: list[tuple[Fraction, list[tuple[str, Fraction, tuple[str, ...]]]]] = []
        names: list[str] = []
        for child_tie in self.down_of(x):
            if not _leads_on(tie, child_tie) and child_tie.child not in self.descendants():
                # 887(2) proviso: only the decedent's lineal descendants represent; a child of an
                # adoptee born before the adoption is one only through another line (大阪高判平成元年8月10日).
                self.note(child_tie.child, "pre_adoption_child")
                continue
            got = self.descend(child_tie, (*via, x), depth + 1)
            if got:
                subs.append((self.weight(child_tie), got))
                names.append(self.label(child_tie.child))
        self._note_representation(x, code, names)
        total = sum((w for w, _ in subs), Fraction(0))
        return [(pid, share * w / total, v) for w, got in subs for pid, share, v in got]

    def descendants(self) -> set[str]:
        """Every lineal descendant of the decedent (kinship checked along each path)."""
        if self._descendants is None:
            found: set[str] = set()
            seen: set[tuple[str, dt.date | None]] = set()
            frontier = list(self.down_of(self.d.id))
            while frontier:
                tie = frontier.pop()
                key = (tie.child, tie.created if tie.adoptive else None)
                if key in seen or tie.child == self.d.id:
                    continue
                seen.add(key)
                found.add(tie.child)
                frontier.extend(t for t in self.down_of(tie.child) if _leads_on(tie, t))
            self._descendants = found
        return self._descendants

    def _note_representation(self, x: str, code: str, names: list[str]) -> None:
        if names:
            rep_ja = "。代襲相続人: " + "、".join(names)
            rep_en = "; represented by " + ", ".join(names)
        else:
            rep_ja = "。代襲相続人はいません"
            rep_en = "; no one represents this line"
        self.note(x, code, death=self.death_text(x), represent_ja=rep_ja, represent_en=rep_en)

    # --- rank 2: ascendants -------------------------------------------------------------------

    def ascendant_levels(self) -> list[list[str]]:
        """Lineal ascendants by degree (kinship checked along each path)."""
        levels: list[list[str]] = []
        frontier: list[_Tie] = list(self.up_of(self.d.id))
        seen: set[str] = {self.d.id}
        while frontier and len(levels) < MAX_DEPTH:
            level: list[str] = []
            nxt: list[_Tie] = []
            for tie in frontier:
                if tie.parent not in seen:
                    level.append(tie.parent)
                for above in self.up_of(tie.parent):
                    if _leads_on(above, tie):
                        nxt.append(above)
            for pid in level:
                seen.add(pid)
            if not level and not nxt:
                break
            levels.append(sorted(set(level)))
            frontier = [t for t in nxt if t.parent not in seen]
        return levels

    # --- rank 3: siblings ---------------------------------------------------------------------

    def siblings(self) -> dict[str, tuple[set[str], list[_Tie]]]:
        """Siblings → (shared legal parents, the ties parent→sibling)."""
        mine = {t.parent for t in self.up_of(self.d.id)}
        out: dict[str, tuple[set[str], list[_Tie]]] = {}
        for parent in sorted(mine):
            for tie in self.down_of(parent):
                if tie.child == self.d.id:
                    continue
                shared, ties = out.setdefault(tie.child, (set(), []))
                shared.add(parent)
                ties.append(tie)
        return out

    def sibling_line(
        self, ties: list[_Tie], via: tuple[str, ...], depth: int
    ) -> list[tuple[str, Fraction, tuple[str, ...]]]:
        x = ties[0].child
        if x in self.renounced:
            self.note(x, "renounced")
            return []
        if x in self.disinherited and not via:
            self.find("heirs.assume.disinheritance_sibling", x)
        alive = self.survives(x)
        if alive and x not in self.disqualified:
            return [(x, Fraction(1), via)]
        if alive:
            code = "disqualified"
        else:
            code = self.gone_reason(x)
            if code in ("stillborn", "born_after"):
                self.note(x, code)
                return []
        if via and not self.rules.sibling_representation_unlimited:
            self._note_representation(x, code, [])
            return []
        subs: list[tuple[Fraction, list[tuple[str, Fraction, tuple[str, ...]]]]] = []
        names: list[str] = []
        by_child: dict[str, list[_Tie]] = {}
        for child_tie in self.down_of(x):
            if any(_leads_on(t, child_tie) for t in ties):
                by_child.setdefault(child_tie.child, []).append(child_tie)
            else:
                self.note(child_tie.child, "pre_adoption_child")
        for child, child_ties in sorted(by_child.items()):
            got = self.sibling_line(child_ties, (*via, x), depth + 1) if depth < MAX_DEPTH else []
            if got:
                subs.append((self.weight(child_ties[0]), got))
                names.append(self.label(child))
        self._note_representation(x, code, names)
        total = sum((w for w, _ in subs), Fraction(0))
        return [(pid, share * w / total, v) for w, got in subs for pid, share, v in got]

    # --- spouse -------------------------------------------------------------------------------

    def spouse(self) -> str | None:
        did, t0 = self.d.id, self.t0
        candidates: list[str] = []
        for m in self.g.marriages:
            if did not in m.spouses:
                continue
            other = m.spouses[1] if m.spouses[0] == did else m.spouses[0]
            if other not in self.persons:
                continue
            if m.start > t0:
                self.note(other, "spouse_after_death")
                continue
            if m.end is None or (m.end_reason == "death" and m.end >= t0) or m.end > t0:
                candidates.append(other)
            elif m.end_reason == "death":
                self.note(other, "spouse_predeceased")
            else:
                self.note(other, "former_spouse")
        candidates = sorted(set(candidates))
        if len(candidates) > 1:
            self.find("heirs.spouse.multiple", None, ids=", ".join(candidates))
            return None
        if not candidates:
            return None
        spouse = candidates[0]
        if spouse in self.renounced:
            self.note(spouse, "renounced")
            return None
        if not self.survives(spouse):
            self.note(spouse, "spouse_predeceased")
            return None
        if spouse in self.disqualified:
            self.note(spouse, "disqualified")
            return None
        if spouse in self.disinherited:
            self.note(spouse, "disinherited")
            return None
        return spouse

    # --- the whole ----------------------------------------------------------------------------

    def run(self) -> None:
        spouse = self.spouse()
        if any(f.code == "heirs.spouse.multiple" for f in self.findings):
            return
        group: list[tuple[str, Fraction, tuple[str, ...]]] = []
        kind_direct: CapacityKind = "child"
        kind_repr: CapacityKind = "representative"
        half: set[str] = set()
        # rank 1
        subs: list[tuple[Fraction, list[tuple[str, Fraction, tuple[str, ...]]]]] = []
        for tie in self.down_of(self.d.id):
            got = self.descend(tie, (), 0)
            if got:
                subs.append((self.weight(tie), got))
        if subs:
            self.rank = 1
            total = sum((w for w, _ in subs), Fraction(0))
            group = [(pid, share * w / total, v) for w, got in subs for pid, share, v in got]
            spouse_share = self.rules.spouse_with_children
        else:
            # rank 2
            for level in self.ascendant_levels():
                heirs = []
                for pid in level:
                    if pid in self.renounced:
                        self.note(pid, "renounced")
                    elif not self.survives(pid):
                        self.note(pid, self.gone_reason(pid), death=self.death_text(pid))
                    elif pid in self.disqualified:
                        self.note(pid, "disqualified")
                    elif pid in self.disinherited:
                        self.note(pid, "disinherited")
                    else:
                        heirs.append(pid)
                if heirs:
                    self.rank = 2
                    group = [(pid, Fraction(1, len(heirs)), ()) for pid in heirs]
                    kind_direct = "ascendant"
                    break
            spouse_share = self.rules.spouse_with_ascendants
            if not group:
                # rank 3
                kind_direct, kind_repr = "sibling", "sibling_representative"
                mine = {t.parent for t in self.up_of(self.d.id)}
                sib_subs: list[tuple[Fraction, list[tuple[str, Fraction, tuple[str, ...]]]]] = []
                for sib, (shared, ties) in sorted(self.siblings().items()):
                    if sib == spouse and self.options.spouse_sibling == "spouse_only":
                        self.find("heirs.assume.spouse_sibling", sib)
                        continue
                    full = len(shared) >= 2
                    if not full and (len(mine) < 2 or len({t.parent for t in self.up_of(sib)}) < 2):
                        self.find("heirs.assume.half_blood_unknown_parent", sib)
                    got = self.sibling_line(ties, (), 0)
                    if got:
                        if not full:
                            half.add(sib)
                        sib_subs.append((Fraction(1) if full else Fraction(1, 2), got))
                if sib_subs:
                    self.rank = 3
                    total = sum((w for w, _ in sib_subs), Fraction(0))
                    group = [(pid, share * w / total, v) for w, got in sib_subs for pid, share, v in got]
                spouse_share = self.rules.spouse_with_siblings
        if spouse is not None:
            if not group:
                spouse_share = Fraction(1)
            self.caps[spouse].append(Capacity("spouse", spouse_share))
        group_share = (
            Fraction(1) - (spouse_share if spouse is not None else Fraction(0)) if group else Fraction(0)
        )
        for pid, share, via in group:
            kind = kind_repr if via else kind_direct
            stock_head = via[0] if via else pid
            self.caps[pid].append(Capacity(kind, share * group_share, via, half_blood=stock_head in half))

    # --- explanations -------------------------------------------------------------------------

    def heirs(self) -> list[Heir]:
        out = []
        for pid in sorted(self.caps, key=self._order_key):
            caps = tuple(sorted(self.caps[pid], key=lambda c: (_KIND_ORDER.index(c.kind), c.via)))
            share = sum((c.share for c in caps), Fraction(0))
            parts_ja, parts_en = [], []
            for c in caps:
                via_ja = "・".join(self.label(v) for v in c.via)
                if c.via:
                    parts_ja.append(f"{via_ja} の{CAPACITY_JA[c.kind]}として相続分 {fraction_str(c.share)}")
                    parts_en.append(f"{c.kind} of {', '.join(c.via)}: {fraction_str(c.share)}")
                else:
                    half = "（父母の一方のみを同じくする）" if c.half_blood else ""
                    parts_ja.append(f"{CAPACITY_JA[c.kind]}{half}として相続分 {fraction_str(c.share)}")
                    parts_en.append(
                        f"{c.kind}{' (half blood)' if c.half_blood else ''}: {fraction_str(c.share)}"
                    )
            arts = "、".join(dict.fromkeys(article_ja(a) for c in caps for a in c.articles))
            ja = "相続人です: " + "、".join(parts_ja) + f" (民法{arts})"
            en = (
                "heir: "
                + "; ".join(parts_en)
                + f" (Civil Code arts. {', '.join(dict.fromkeys(a for c in caps for a in c.articles))})"
            )
            died_after = self.timing(pid) == "after"
            if died_after:
                self.find("heirs.assume.successive", pid)
                ja += "。被相続人の死亡後に死亡しており、その相続分は同人の相続人に承継されます (数次相続)"
                en += "; died after the decedent: the share passes through this heir's own estate"
            provisional = pid in self.in_utero and self.persons[pid].birth_date is None
            if provisional:
                ja += "。胎児のため、生きて生まれることを条件とします (民法886条)"
                en += "; in utero: an heir only if born alive (art. 886)"
            out.append(Heir(pid, share, caps, ja, en, died_after=died_after, provisional=provisional))
        return out

    def non_heirs(self) -> list[NonHeir]:
        classes = self._classify()
        out = []
        explained: dict[tuple[str, tuple[tuple[str, str], ...]], tuple[tuple[str, ...], str, str]] = {}
        for p in sorted(self.g.persons, key=_person_order):
            if p.id in self.caps:
                continue
            params: dict[str, str]
            if p.id == self.d.id:
                code, params = "decedent", {}
            elif p.id in self.notes:
                code, params = self.notes[p.id]
            else:
                code, params = classes.get(p.id, ("not_kin", {}))
            key = (code, tuple(params.items()))  # most persons share a reason: word it once
            worded = explained.get(key)
            if worded is None:
                worded = explained[key] = explain(code, **params)
            out.append(_non_heir(p.id, code, *worded))
        return out

    def _classify(self) -> dict[str, tuple[str, dict[str, str]]]:
        """Reasons for persons the determination itself did not reach.

        A person may be related in several ways; the most specific reason wins (by
        ``_CLASS_PRIORITY``), so the result does not depend on the order of the input.
        """
        out: dict[str, tuple[str, dict[str, str]]] = {}

        def put(pid: str, code: str, params: dict[str, str]) -> None:
            old = out.get(pid)
            if old is None or (_CLASS_PRIORITY[code], sorted(params.items())) < (
                _CLASS_PRIORITY[old[0]],
                sorted(old[1].items()),
            ):
                out[pid] = (code, params)

        rank_params = {"rank_ja": RANK_JA.get(self.rank or 0, ""), "rank_en": RANK_EN.get(self.rank or 0, "")}
        descendants = self.descendants()
        memo: dict[str, tuple[str, dict[str, str]] | None] = {}

        for pid in descendants:
            if pid in self.caps or pid in self.notes:
                continue
            reason = self._line_reason(pid, 0, descendants, memo)
            put(pid, *(reason or ("line_ended", {"by": self.label(pid)})))
        if self.rank in (1, 2):
            code = "excluded_by_rank" if self.rank == 1 else "excluded_by_nearer"
            for level in self.ascendant_levels():
                for pid in level:
                    put(pid, code, rank_params if self.rank == 1 else {})
        for sib, (_, ties) in self.siblings().items():
            if self.rank in (1, 2):
                put(sib, "excluded_by_rank", rank_params)
            for nephew_tie in self.down_of(sib):
                if not any(_leads_on(t, nephew_tie) for t in ties):
                    continue
                nephew = nephew_tie.child
                if self.rank in (1, 2):
                    put(nephew, "excluded_by_rank", rank_params)
                else:
                    put(nephew, "nephew_parent_heir", {"by": self.label(sib)})
                for grand in self.down_of(nephew):
                    if self.rank in (1, 2):
                        put(grand.child, "excluded_by_rank", rank_params)
                    else:
                        put(grand.child, "grand_nephew", {})
        for pid, cut in self.cut.items():
            put(pid, cut, {})
        for pid, cut in self._cut_off().items():
            if pid not in out:
                put(pid, cut, {})
        return out

    def _line_reason(
        self, pid: str, depth: int, descendants: set[str], memo: dict[str, tuple[str, dict[str, str]] | None]
    ) -> tuple[str, dict[str, str]] | None:
        """Why a descendant no determination reached is not an heir: its nearest decided ancestor."""
        if pid in memo:
            return memo[pid]
        memo[pid] = None  # guards against revisiting
        best: tuple[str, dict[str, str]] | None = None
        for tie in self.up_of(pid):
            parent = tie.parent
            if parent in self.caps:
                cand: tuple[str, dict[str, str]] | None = ("line_taken", {"by": self.label(parent)})
            elif parent in self.notes:
                renounced = self.notes[parent][0] == "renounced"
                cand = ("line_renounced" if renounced else "line_ended", {"by": self.label(parent)})
            elif parent in descendants and depth < MAX_DEPTH:
                cand = self._line_reason(parent, depth + 1, descendants, memo)
            else:
                continue
            if cand is not None and (
                best is None
                or (_CLASS_PRIORITY[cand[0]], sorted(cand[1].items()))
                < (_CLASS_PRIORITY[best[0]], sorted(best[1].items()))
            ):
                best = cand
        memo[pid] = best
        return best

    def _order_key(self, pid: str) -> tuple[dt.date, str]:
        return _person_order(self.persons[pid])


def _person_order(p: Person) -> tuple[dt.date, str]:
    """Persons in order of birth (unknown last), then id: the order of heirs and non-heirs."""
    return (p.birth_date or dt.date.max, p.id)


_non_heir = fast_constructor(NonHeir)


def compute(graph: FamilyGraph, decedent_id: str, options: Options | None = None) -> HeirResult:
    """Determine the statutory heirs of ``decedent_id`` and their shares (exact fractions).

    Every person in the graph appears either in ``heirs`` or in ``non_heirs`` with a reason. Errors
    (unknown decedent, no death, unsupported period, two spouses) are findings; the status is then
    ``"indeterminate"`` and no heir is named.
    """
    with paused_gc():  # see paused_gc: the result holds an explanation for every person
        return _compute(graph, decedent_id, options or Options())


def _compute(graph: FamilyGraph, decedent_id: str, options: Options) -> HeirResult:
    decedent = graph.person(decedent_id)
    if decedent is None:
        return _refused(decedent_id, None, [issue("heirs.decedent.unknown", "", id=decedent_id)])
    index = next(i for i, p in enumerate(graph.persons) if p.id == decedent_id)
    if decedent.death is None:
        return _refused(
            decedent_id, None, [issue("heirs.decedent.alive", f"/persons/{index}", id=decedent_id)]
        )
    rules = rule_set_for(decedent.death.date, settled=options.settled_before_2013)
    if rules is None or decedent.death.date < SUPPORTED_FROM:
        return _refused(
            decedent_id,
            decedent.death.date,
            [
                issue(
                    "heirs.law.unsupported_period",
                    f"/persons/{index}/death/date",
                    date=decedent.death.date.isoformat(),
                )
            ],
        )
    run = _Run(graph, decedent, rules, options)
    if decedent.death.deemed:
        run.find("heirs.assume.deemed_death", decedent_id)
    run.run()
    if rules.settled_question and not options.settled_before_2013:
        run.find("heirs.assume.settled_2001_2013")
    run.find("heirs.assume.register_limits")
    if any(f.severity is Severity.ERROR for f in run.findings):
        return HeirResult(
            decedent_id,
            decedent.death.date,
            rules.id,
            "indeterminate",
            (),
            tuple(run.non_heirs()),
            tuple(run.findings),
        )
    heirs = run.heirs()
    total = sum((h.share for h in heirs), Fraction(0))
    if total not in (0, 1):  # an engine bug, never a user error
        raise RuntimeError(f"shares sum to {total}")
    if not heirs:
        run.find("heirs.no_heir")
    status: Status = (
        "no_heir" if not heirs else ("provisional" if any(h.provisional for h in heirs) else "determined")
    )
    return HeirResult(
        decedent_id,
        decedent.death.date,
        rules.id,
        status,
        tuple(heirs),
        tuple(run.non_heirs()),
        tuple(run.findings),
        run.rank,
    )


def _refused(decedent_id: str, death: dt.date | None, findings: list[Issue]) -> HeirResult:
    return HeirResult(decedent_id, death, None, "indeterminate", (), (), tuple(findings))


@dataclass(frozen=True, slots=True)
class Successive:
    """数次相続: the estate of ``result.decedent_id`` followed into the estates of heirs who died after it.

    ``nested`` maps each such heir to the determination of that heir's own estate (at that heir's
    death); ``effective`` is the fraction of the **first** estate each living person finally takes
    through the chain (an heir's share times that heir's heirs' shares, added up).
    """

    result: HeirResult
    nested: dict[str, Successive]
    effective: dict[str, Fraction]

    def to_dict(self) -> dict[str, Any]:
        return {
            "decedent": self.result.decedent_id,
            "status": self.result.status,
            "heirs": {h.id: fraction_str(h.share) for h in self.result.heirs},
            "nested": {k: v.to_dict() for k, v in sorted(self.nested.items())},
            "effective_shares": {k: fraction_str(v) for k, v in sorted(self.effective.items())},
        }


def compute_successive(
    graph: FamilyGraph, decedent_id: str, options: Options | None = None, *, _depth: int = 0
) -> Successive:
    """Follow the shares of heirs who died after the decedent through their own estates.

    Each nested estate is determined by its own rules (its own date of death and estate facts).
    A nested estate that cannot be determined keeps its share with that heir (``effective`` then
    names the deceased heir) so nothing is silently lost.
    """
    result = compute(graph, decedent_id, options)
    nested: dict[str, Successive] = {}
    effective: dict[str, Fraction] = defaultdict(Fraction)
    for heir in result.heirs:
        if heir.died_after and _depth < 20:
            sub = compute_successive(graph, heir.id, options, _depth=_depth + 1)
            nested[heir.id] = sub
            if sub.effective:
                for pid, part in sub.effective.items():
                    effective[pid] += heir.share * part
                continue
        effective[heir.id] += heir.share
    return Successive(result, nested, dict(effective))
