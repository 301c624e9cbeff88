"""YAML from people we do not control (vendor mappings, extension registries), read safely.

PyYAML's safe loader builds no Python objects, but it still expands aliases (a few hundred bytes of
nested aliases — "billion laughs" — become gigabytes once walked), resolves merge keys (``<<``) and
accepts explicit tags. None of these is needed to write a mapping or a registry entry, so this
loader refuses them before anything is constructed: one pass over the parser's *events* (cheap,
bounded by the input size) checks anchors, aliases, explicit tags, merge keys, nesting depth and the
number of nodes; only then is the document built by the C safe loader.

Errors are :class:`RestrictedYamlError` with a stable ``reason`` (``too_large``, ``encoding``,
``syntax``, ``alias``, ``anchor``, ``tag``, ``merge_key``, ``too_deep``, ``too_many_nodes``,
``multiple_documents``) and the line/column where it was found; callers turn them into findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["RestrictedYamlError", "load_restricted"]

DEFAULT_MAX_BYTES = 1_000_000
DEFAULT_MAX_DEPTH = 64
DEFAULT_MAX_NODES = 200_000


@dataclass(frozen=True, slots=True)
class RestrictedYamlError(Exception):
    reason: str
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    detail: str = ""

    def __str__(self) -> str:
        where = f" (line {self.line}, column {self.column})" if self.line is not None else ""
        return f"{self.reason}{where}: {self.detail}" if self.detail else f"{self.reason}{where}"


def _mark(event: Any) -> tuple[int | None, int | None]:
    mark = getattr(event, "start_mark", None)
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)


def load_restricted(
    raw: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Any:
    """Parse one YAML document of plain mappings, sequences and scalars; raise
    :class:`RestrictedYamlError` for anything else or anything too big."""
    import yaml

    if len(raw) > max_bytes:
        raise RestrictedYamlError("too_large", detail=f"{len(raw):,} bytes > {max_bytes:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RestrictedYamlError("encoding", detail=f"not UTF-8 at byte {exc.start}") from None
    text = text.removeprefix("\ufeff")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    depth = nodes = documents = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise RestrictedYamlError("multiple_documents", *_mark(event))
                continue
            if not isinstance(event, yaml.NodeEvent | yaml.CollectionEndEvent):
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                continue
            nodes += 1
            if nodes > max_nodes:
                raise RestrictedYamlError("too_many_nodes", *_mark(event), detail=f"> {max_nodes:,}")
            if isinstance(event, yaml.AliasEvent):
                raise RestrictedYamlError("alias", *_mark(event), detail=f"*{event.anchor}")
            if event.anchor is not None:
                raise RestrictedYamlError("anchor", *_mark(event), detail=f"&{event.anchor}")
            tag = getattr(event, "tag", None)
            implicit = getattr(event, "implicit", True)
            explicit = tag is not None and (
                not any(implicit) if isinstance(implicit, tuple) else not implicit
            )
            if explicit and tag not in ("!", None):
                raise RestrictedYamlError("tag", *_mark(event), detail=str(tag))
            if isinstance(event, yaml.ScalarEvent):
                if event.value == "<<" and event.implicit[0]:  # a plain << resolves as a merge key
                    raise RestrictedYamlError("merge_key", *_mark(event))
            else:  # a collection starts
                depth += 1
                if depth > max_depth:
                    raise RestrictedYamlError("too_deep", *_mark(event), detail=f"> {max_depth} levels")
        return yaml.load(text, Loader=loader)  # noqa: S506 - the safe loader, after the checks above
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        raise RestrictedYamlError("syntax", line, column, str(exc.problem or exc)) from None
    except yaml.YAMLError as exc:
        raise RestrictedYamlError("syntax", detail=str(exc).splitlines()[0][:200]) from None
