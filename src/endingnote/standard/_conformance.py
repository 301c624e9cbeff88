"""The conformance suite: ``standard/<v>/conformance/cases.yaml`` → documents and expectations.

Output (under ``generated/conformance/``): ``invalid/<name>.json`` (the document bytes) and
``invalid/<name>.expected.json`` (``{"description_ja", "description_en", "expect": [{code, path}]}``),
plus ``valid/minimal.json`` and ``valid/full.json``.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import orjson
import yaml

from endingnote.errors import StandardError
from endingnote.standard._examples import build_example
from endingnote.standard._model import Standard


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def apply_patch(doc: Any, ops: list[dict[str, Any]]) -> Any:
    """RFC 6902 add / replace / remove (what the suite needs)."""
    doc = copy.deepcopy(doc)
    for op in ops:
        tokens = [_unescape(t) for t in op["path"].split("/")[1:]]
        parent = doc
        for t in tokens[:-1]:
            parent = parent[int(t)] if isinstance(parent, list) else parent[t]
        last = tokens[-1]
        kind = op["op"]
        if isinstance(parent, list):
            index = len(parent) if last == "-" else int(last)
            if kind == "add":
                parent.insert(index, op["value"])
            elif kind == "replace":
                parent[index] = op["value"]
            else:
                del parent[index]
        elif kind in ("add", "replace"):
            if kind == "replace" and last not in parent:
                raise StandardError(f"replace of missing path {op['path']}")
            parent[last] = op["value"]
        elif kind == "remove":
            del parent[last]
        else:
            raise StandardError(f"unsupported patch op {kind!r}")
    return doc


def load_cases(directory: Path) -> list[dict[str, Any]]:
    path = directory / "conformance" / "cases.yaml"
    if not path.is_file():
        return []
    with path.open("rb") as fh:
        data = yaml.safe_load(fh) or {}
    cases: list[dict[str, Any]] = data.get("cases", [])
    return cases


def conformance_artifacts(std: Standard, directory: Path) -> dict[str, bytes]:
    def dump(value: Any) -> bytes:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2) + b"\n"

    bases = {"minimal": build_example(std, full=False), "full": build_example(std, full=True)}
    out = {f"generated/conformance/valid/{name}.json": dump(doc) for name, doc in bases.items()}
    for case in load_cases(directory):
        name = case["name"]
        if "raw" in case:
            body = str(case["raw"]).encode()
        else:
            body = dump(apply_patch(bases[case.get("base", "minimal")], case.get("patch", [])))
        out[f"generated/conformance/invalid/{name}.json"] = body
        out[f"generated/conformance/invalid/{name}.expected.json"] = dump(
            {
                "description_ja": case.get("description_ja", ""),
                "description_en": case.get("description_en", ""),
                "expect": [{"code": e["code"], "path": e["path"]} for e in case["expect"]],
            }
        )
    return out
