"""Signed JSON content, parsed only after its signature and signer are trusted, by a schema with limits.

The last step of the one gate untrusted bytes pass (size, then signature and trust, then schema,
then domain code): heir attestations and 戸籍電子証明書 call :func:`parse_signed_json` with their
pydantic model once the signer is established, and hand the domain code nothing else. The JSON is
parsed by orjson (which refuses nesting past 1,024 levels without recursion), its depth is then
checked against ``sign.content.max_depth``, and the model's own bounds (string lengths, list sizes,
number formats, date ranges) do the rest.
"""

from __future__ import annotations

from typing import Any, TypeVar

from endingnote.sign._limits import SIGNED_CONTENT_DEPTH

M = TypeVar("M")


def _depth(node: Any, limit: int) -> int:
    """Nesting depth (the root counts 1), stopping once past ``limit``; no recursion."""
    deepest = 0
    stack = [(node, 1)]
    while stack:
        value, level = stack.pop()
        if not isinstance(value, (dict, list)):
            continue
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, level + 1) for child in children)
    return deepest


def parse_signed_json(content: bytes, model: type[M]) -> tuple[M | None, Any, str | None]:
    """``(model instance, the parsed JSON, None)``, or ``(None, None, why)`` — never raises for bad
    content. ``model`` is a pydantic model class."""
    import orjson
    from pydantic import BaseModel, ValidationError

    if not issubclass(model, BaseModel):
        raise TypeError(f"{model!r} is not a pydantic model")
    try:
        doc = orjson.loads(content)
    except orjson.JSONDecodeError as exc:
        return None, None, f"not JSON: {exc}"[:200]
    limit = SIGNED_CONTENT_DEPTH.value
    if _depth(doc, limit) > limit:
        return None, None, SIGNED_CONTENT_DEPTH.describe("en")
    try:
        parsed = model.model_validate_json(content)  # JSON mode: ISO dates as strings, strict types
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False)[0]
        where = "/".join(str(p) for p in first["loc"]) or "(root)"
        more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        return None, None, f"{where}: {first['msg']}"[:200] + more
    return parsed, doc, None
