"""Rule sets of the Civil Code by date of death (民法 as in force at the opening of succession).

- 1962-07-01 … 1980-12-31: spouse 1/3 with children, 1/2 with ascendants, 2/3 with siblings; a
  sibling's line is represented without limit; a non-marital child takes half.
- 1981-01-01 … 2001-06-30: the current spouse shares (art. 900(1)-(3)); sibling representation one
  generation (art. 889(2)); a non-marital child takes half (former art. 900(4) proviso).
- 2001-07-01 … 2013-09-04: as above, but non-marital children take equally unless the succession
  was already settled (Supreme Court Grand Bench decision of 2013-09-04).
- from 2013-09-05: the current law (Act No. 94 of 2013).

Deaths before 1962-07-01 (家督相続, 応急措置法, 直系卑属 as rank 1, no art. 32-2) are refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

SUPPORTED_FROM = dt.date(1962, 7, 1)


@dataclass(frozen=True, slots=True)
class RuleSet:
    id: str
    label_ja: str
    label_en: str
    spouse_with_children: Fraction
    spouse_with_ascendants: Fraction
    spouse_with_siblings: Fraction
    sibling_representation_unlimited: bool
    nonmarital_half: bool
    settled_question: bool = False


_RULES = (
    RuleSet(
        "civil-code-2013",
        "民法（平成25年法律第94号による改正後）",
        "Civil Code as amended by Act No. 94 of 2013",
        Fraction(1, 2),
        Fraction(2, 3),
        Fraction(3, 4),
        sibling_representation_unlimited=False,
        nonmarital_half=False,
    ),
    RuleSet(
        "civil-code-2001-2013",
        "民法（最大決平成25年9月4日により嫡出でない子の相続分の規定を適用しない期間）",
        "Civil Code, with the non-marital half-share rule disapplied (Supreme Court, 2013-09-04)",
        Fraction(1, 2),
        Fraction(2, 3),
        Fraction(3, 4),
        sibling_representation_unlimited=False,
        nonmarital_half=False,
        settled_question=True,
    ),
    RuleSet(
        "civil-code-1981",
        "民法（昭和55年法律第51号による改正後・平成25年改正前）",
        "Civil Code as amended by Act No. 51 of 1980 (before the 2013 amendment)",
        Fraction(1, 2),
        Fraction(2, 3),
        Fraction(3, 4),
        sibling_representation_unlimited=False,
        nonmarital_half=True,
    ),
    RuleSet(
        "civil-code-1962",
        "民法（昭和37年法律第40号による改正後・昭和55年改正前）",
        "Civil Code as amended by Act No. 40 of 1962 (before the 1980 amendment)",
        Fraction(1, 3),
        Fraction(1, 2),
        Fraction(2, 3),
        sibling_representation_unlimited=True,
        nonmarital_half=True,
    ),
)

_STARTS = (
    (dt.date(2013, 9, 5), 0),
    (dt.date(2001, 7, 1), 1),
    (dt.date(1981, 1, 1), 2),
    (SUPPORTED_FROM, 3),
)


def rule_set_for(death_date: dt.date, *, settled: bool = False) -> RuleSet | None:
    """The rule set for a death on ``death_date``; ``None`` before 1962-07-01.

    ``settled``: for deaths 2001-07-01 … 2013-09-04, the succession was already settled (by division
    or otherwise) before the Supreme Court's decision, so the former half-share rule stays applied.
    """
    for start, index in _STARTS:
        if death_date >= start:
            rules = _RULES[index]
            if rules.settled_question and settled:
                return _RULES[2]
            return rules
    return None
