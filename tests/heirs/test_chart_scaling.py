"""The 一覧図's layout is near-linear in the number of heirs (issue 18: a 20,000-heir --svg took 24 s).

Not a timed test: the work is counted. Every line the chart module executes while mapping and
drawing is counted with a trace function (deterministic, whatever the machine's load); doubling the
heirs must not much more than double it. A quadratic step (a scan of the graph per heir, a list
membership per heir) doubles it again and fails.
"""

from __future__ import annotations

import sys
from types import FrameType
from typing import Any

from endingnote.heirs import _chart as chart_module
from endingnote.heirs import heir_map, render_svg

from ._builder import G

CHART_FILE = chart_module.__file__


def _family(children: int) -> Any:
    g = G().p("d", "1940-01-01", "2024-03-10", sex="male").p("w", "1942-01-01", sex="female")
    g.marry("d", "w").p("f", "1910-01-01", "1990-01-01", sex="male").child("f", "d")
    for k in range(children):
        g.p(f"c{k}", "1970-01-01", sex="male" if k % 2 else "female").couple_child("d", "w", f"c{k}")
        if k % 10 == 0:  # some lines of representation too
            g.persons_set(f"c{k}", death={"date": "2000-01-01"})
            g.p(f"g{k}", "1995-01-01").child(f"c{k}", f"g{k}")
    return g.graph()


def _lines_executed(graph: Any) -> int:
    count = 0

    def local(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        return local if frame.f_code.co_filename == CHART_FILE else None

    old = sys.gettrace()
    sys.settrace(tracer)
    try:
        chart, _ = heir_map(graph, "d")
        assert chart is not None
        render_svg(chart)
    finally:
        sys.settrace(old)
    return count


def test_layout_work_grows_linearly() -> None:
    small, large = _lines_executed(_family(200)), _lines_executed(_family(400))
    assert large / small < 2.3, (small, large)
    larger = _lines_executed(_family(800))
    assert larger / large < 2.3, (large, larger)
