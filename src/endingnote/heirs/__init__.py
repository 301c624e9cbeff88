"""Heir determination under the Japanese Civil Code (民法) from a family graph.

- :func:`compute` determines the heirs of a decedent with exact shares (:class:`HeirResult`).
- :func:`heir_map` / :func:`render_svg` / :func:`render_text` draw the 法定相続情報一覧図
  (:class:`Preparer` the 作成者 block); :func:`describe` adds names and 続柄 (ja/en) to a result.
- :func:`check_claim` answers "is this claimant an heir?" (heir / not_heir / ambiguous).
- :func:`read_graph` / :func:`load_graph` read ``standard/family-graph/1.0`` documents;
  :func:`graph_from_dict` / :func:`graph_to_dict` convert between JSON and the dataclasses.
"""

from __future__ import annotations

from endingnote.heirs._chart import (
    ChartTooLarge,
    HeirMap,
    Kinship,
    MapPerson,
    Preparer,
    Represented,
    chart_too_large,
    describe,
    heir_map,
    relationship_en,
    relationship_ja,
    render_svg,
    render_text,
    wareki,
)
from endingnote.heirs._claim import Claimant, ClaimResult, check_claim, claimant_from_basic4
from endingnote.heirs._engine import Options, Successive, compute, compute_successive
from endingnote.heirs._graph import (
    Death,
    EstateFact,
    Evidence,
    FamilyGraph,
    Marriage,
    Name,
    ParentChild,
    Person,
    RegisterInfo,
    SimultaneousDeath,
    Source,
    graph_from_dict,
    graph_to_dict,
)
from endingnote.heirs._load import check_semantics, load_graph, read_graph, schema_path
from endingnote.heirs._result import Capacity, Heir, HeirResult, NonHeir
from endingnote.heirs._rules import RuleSet, rule_set_for

__all__ = [
    "Capacity",
    "ChartTooLarge",
    "ClaimResult",
    "Claimant",
    "Death",
    "EstateFact",
    "Evidence",
    "FamilyGraph",
    "Heir",
    "HeirMap",
    "HeirResult",
    "Kinship",
    "MapPerson",
    "Marriage",
    "Name",
    "NonHeir",
    "Options",
    "ParentChild",
    "Person",
    "Preparer",
    "RegisterInfo",
    "Represented",
    "RuleSet",
    "SimultaneousDeath",
    "Source",
    "Successive",
    "chart_too_large",
    "check_claim",
    "check_semantics",
    "claimant_from_basic4",
    "compute",
    "compute_successive",
    "describe",
    "graph_from_dict",
    "graph_to_dict",
    "heir_map",
    "load_graph",
    "read_graph",
    "relationship_en",
    "relationship_ja",
    "render_svg",
    "render_text",
    "rule_set_for",
    "schema_path",
    "wareki",
]
