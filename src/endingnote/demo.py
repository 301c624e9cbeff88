"""``make demo``: the journeys endingnote exists for, on bundled data, printed as a person reads them.

Each step is a function; steps print what a vendor, an heir or an editor would see. Outputs go to
``demo-out/`` (git-ignored).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.rule import Rule

console = Console(highlight=False)
OUT = Path("demo-out")
STEPS: list[tuple[str, Callable[[], bool]]] = []


def step(title: str) -> Callable[[Callable[[], bool]], Callable[[], bool]]:
    def register(fn: Callable[[], bool]) -> Callable[[], bool]:
        STEPS.append((title, fn))
        return fn

    return register


def _standard_dir() -> Path:
    from endingnote.standard import latest, standard_root

    return standard_root() / latest()


@step("1. 標準を読む / the standard at a glance")
def show_standard() -> bool:
    from collections import Counter

    from endingnote.standard import get

    std = get()
    tiers = Counter(i.field.tier for i in std.items())
    console.print(f"{std.title_ja} — {len(std.items())} items, {len(std.records)} record types, "
                  f"{len(std.codelists)} code lists")  # fmt: skip
    console.print(f"  共通項目 common {tiers['common']} / 協調項目 cooperative {tiers['cooperative']} / "
                  f"独自項目 vendor {tiers['vendor']}")  # fmt: skip
    return True


@step("2. ベンダーが出力を検証する / a vendor validates its export")
def validate_examples() -> bool:
    from endingnote.cli._validate import _print_report
    from endingnote.validate import validate

    gen = _standard_dir() / "generated"
    ok = True
    for path in (gen / "examples" / "full.json", gen / "examples" / "minimal.json"):
        report = validate(path)
        _print_report(report, "ja", summary=True)
        ok &= report.valid
    return ok


@step("3. 壊れた出力はこう報告される / broken exports, as a vendor reads the report")
def validate_broken() -> bool:
    from endingnote.cli._validate import _print_report
    from endingnote.validate import validate

    cases = _standard_dir() / "generated" / "conformance" / "invalid"
    names = ["impossible-birth-date", "kana-not-katakana", "my-number-in-free-text", "duplicate-key"]
    all_invalid = True
    for name in names:
        report = validate(cases / f"{name}.json")
        _print_report(report, "ja", summary=False)
        all_invalid &= not report.valid
    return all_invalid


def main() -> int:
    OUT.mkdir(exist_ok=True)
    failures = 0
    for title, fn in STEPS:
        console.print(Rule(title))
        try:
            ok = fn()
        except Exception as exc:  # a demo step must report, not crash the rest
            console.print(f"[red]step failed: {type(exc).__name__}: {exc}[/]")
            ok = False
        failures += not ok
    console.print(Rule())
    console.print(f"outputs: {OUT.resolve()}" if not failures else f"[red]{failures} step(s) failed[/]")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
