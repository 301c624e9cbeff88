"""Family registers: reading typed certificate text and checking chains, against reading JSON.

A synthetic set of registers (the demo family's computerised certificates repeated under distinct
本籍, plus one 40-register chain for one person moved by 転籍) is prepared once. Timed in the same run:

- ``json``: ``json.loads`` + ``register_from_json`` of each register's JSON form — the baseline;
- ``text``: ``parse_certificate_text`` of the same registers' certificate text;
- ``paper``: ``parse_certificate_text`` of paper 謄本 transcriptions (the old-law test cases), per
  register, against the JSON baseline per register;
- ``chain``: ``check_chains`` of the person with 40 registers (index, stays, links, coverage);
- ``siblings``: ``check_chains`` of the test case where siblings inherit (8 registers: parents,
  a predeceased sister, heirs' current registers), against the JSON baseline per register;
- ``graph``: ``build_family_graph`` of every register.

Prints one JSON line of figures as ratios against the JSON baseline (medians of repeated runs).
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from endingnote.koseki import (
    CertificateKind,
    Entry,
    EntryType,
    Member,
    Name,
    Register,
    RegisterEvent,
    RegisterEventType,
    build_family_graph,
    check_chains,
    load_registers,
    parse_certificate_text,
    register_from_json,
    register_to_json,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "standard" / "koseki" / "examples" / "yamada"
CASES = ROOT / "tests" / "koseki" / "data" / "cases"
COPIES = 100


def _median(fn: Callable[[], Any], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _transfer_chain(n: int) -> list[Register]:
    registers = []
    born = dt.date(1950, 4, 1)
    for i in range(n):
        start = born if i == 0 else dt.date(1963 + i, 1, 1)  # from birth: the first register is his birth
        events = [RegisterEvent(RegisterEventType.CREATED, start)] if i == 0 else []
        if i:
            events.append(
                RegisterEvent(RegisterEventType.TRANSFERRED, start, previous_honseki=f"県{i - 1}番地")
            )
        if i < n - 1:
            events.append(
                RegisterEvent(
                    RegisterEventType.TRANSFERRED, dt.date(1964 + i, 1, 1), new_honseki=f"県{i + 1}番地"
                )
            )
        entries = [Entry(EntryType.BIRTH, born)]
        if i == n - 1:
            entries.append(Entry(EntryType.DEATH, dt.date(1964 + i, 6, 1)))
        member = Member(
            Name.of("鈴木", "一"),
            born,
            Name.of("鈴木", "父"),
            Name.of("鈴木", "母"),
            "長男",
            entries=tuple(entries),
        )
        kind = CertificateKind.CLOSED if i < n - 1 else CertificateKind.FULL
        registers.append(Register(f"県{i}番地", Name.of("鈴木", "一"), kind, tuple(events), (member,)))
    return registers


def main() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    corpus = [t.replace("一丁目", f"{n}丁目", 1) for n in range(COPIES) for t in texts]
    parsed = [parse_certificate_text(t)[0] for t in corpus]
    assert all(parsed)
    blobs = [json.dumps(register_to_json(r), ensure_ascii=False) for r in parsed if r is not None]
    chain = _transfer_chain(40)
    registers = [r for r in parsed if r is not None]

    paper = [
        p.read_text(encoding="utf-8") for p in sorted(CASES.glob("*/*.txt")) if "戸主" in p.read_text("utf-8")
    ]
    paper_corpus = [t.replace("壱番地", f"{n}番地", 1) for n in range(COPIES) for t in paper]
    assert all(parse_certificate_text(t)[0] for t in paper_corpus)
    siblings = load_registers(CASES / "tanaka").registers

    t_json = _median(lambda: [register_from_json(json.loads(b)) for b in blobs])
    t_text = _median(lambda: [parse_certificate_text(t) for t in corpus])
    t_paper = _median(lambda: [parse_certificate_text(t) for t in paper_corpus])
    t_chain = _median(lambda: check_chains(chain, "鈴木一", include_dependents=False))
    t_siblings = _median(lambda: check_chains(siblings, "田中和夫"))
    t_graph = _median(lambda: build_family_graph(registers), repeat=3)
    assert check_chains(chain, "鈴木一", include_dependents=False).complete
    assert check_chains(siblings, "田中和夫").complete
    per_register = t_json / len(blobs)
    print(
        json.dumps(
            {
                "bench": "koseki",
                "registers": len(blobs),
                "baseline_json_ms_per_register": round(per_register * 1000, 4),
                "text_vs_json": round(t_text / t_json, 2),
                "paper_vs_json_per_register": round(t_paper / len(paper_corpus) / per_register, 2),
                "siblings_case_vs_json_per_register": round(t_siblings / per_register, 2),
                "chain40_vs_json_per_register": round(t_chain / per_register, 2),
                "graph_vs_json": round(t_graph / t_json, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
