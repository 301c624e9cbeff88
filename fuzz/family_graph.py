"""Fuzz family graphs: a graph or findings, never an exception."""

from __future__ import annotations

from _common import instrumented, main

with instrumented():
    from endingnote.heirs import read_graph


def one_input(data: bytes) -> None:
    graph, report = read_graph(data)
    assert (graph is None) is (not report.valid)


if __name__ == "__main__":
    main(one_input)
