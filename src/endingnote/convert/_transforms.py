"""Field transforms: each has a forward direction (vendor → standard) and, where declared
invertible, an inverse (standard → vendor) that restores the vendor's own spelling.

A transform is named in a mapping either as a bare name (``trim``) or as a one-key mapping with
its parameters (``{wareki: {style: letter}}``). Forward failures raise :class:`TransformError`;
the engine turns them into ``convert.value.rejected`` findings and keeps the original value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import jaconv

from endingnote.calendar import WarekiError, from_iso, parse_wareki

__all__ = [
    "TRANSFORMS",
    "V2_TRANSFORMS",
    "Fallback",
    "Transform",
    "TransformError",
    "apply_forward",
    "build",
    "check_params",
]


class TransformError(ValueError):
    """A value could not be transformed; ``reason`` is a short bilingual text."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Fallback(Exception):
    """The transform could only produce a best-effort ``value``; ``code`` is the finding to report."""

    def __init__(self, result: Any, code: str, **params: Any) -> None:
        super().__init__(code)
        self.value = result
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class Transform:
    name: str
    params: Mapping[str, Any]
    forward: Callable[[Any], Any]
    inverse: Callable[[Any], Any]
    invertible: bool
    produces_object: bool = False
    note: str = ""
    branches: tuple[tuple[Transform, ...], ...] = ()  # first_of: the chains, tried in order


def apply_forward(transforms: tuple[Transform, ...], value: Any) -> tuple[Any, Fallback | None, str | None]:
    """Run ``transforms`` forward: (value, the last best-effort fallback, the first_of branch taken)."""
    fallback = None
    branch: str | None = None
    for t in transforms:
        if t.branches:
            value, fb, branch = _first_of(t, value)
            fallback = fb or fallback
            continue
        try:
            value = t.forward(value)
        except Fallback as fb:
            value, fallback = fb.value, fb
    return value, fallback, branch


def _first_of(t: Transform, value: Any) -> tuple[Any, Fallback | None, str]:
    reasons = []
    for i, chain in enumerate(t.branches):
        try:
            out, fb, inner = apply_forward(chain, value)
        except TransformError as exc:
            reasons.append(f"{i + 1}: {exc.reason}")
            continue
        label = f"first_of[{i}]" + (f".{inner}" if inner else "")
        return out, fb, label
    raise TransformError("どの分岐にも合いません / no branch matched (" + "; ".join(reasons)[:300] + ")")


def _s(value: Any) -> str:
    if not isinstance(value, str):
        raise TransformError(f"文字列ではありません / not a string: {type(value).__name__}")
    return value


def _identity(value: Any) -> Any:
    return value


# --- text ----------------------------------------------------------------------------------------

_SPACES = " \t\r\n\u3000"


def _trim(p: Mapping[str, Any]) -> Transform:
    return Transform("trim", p, lambda v: _s(v).strip(_SPACES), _identity, True)


def _width_chars() -> frozenset[str]:
    """Every character the width normalisation changes: the keys of the two jaconv tables it uses
    (half-width kana, whose voiced pairs all start with one of them; full-width ASCII and digits)."""
    from jaconv.conv_table import H2Z_K, Z2H_AD

    return frozenset(chr(c) for c in (*H2Z_K, *Z2H_AD))


_WIDTH_CHARS = _width_chars()


def _normalize_width(text: str) -> str:
    # half-width kana → full-width (voiced marks joined); full-width ASCII/digits/space → half-width
    if _WIDTH_CHARS.isdisjoint(text):  # the common case: nothing to change
        return text
    return str(
        jaconv.z2h(jaconv.h2z(text, kana=True, ascii=False, digit=False), kana=False, ascii=True, digit=True)
    )


def _width(p: Mapping[str, Any]) -> Transform:
    source_kana = p.get("source_kana", "full")

    def inverse(v: Any) -> Any:
        if source_kana == "half":
            return jaconv.z2h(_s(v), kana=True, ascii=False, digit=False)
        return v

    return Transform("width", p, lambda v: _normalize_width(_s(v)), inverse, True)


def _katakana(p: Mapping[str, Any]) -> Transform:
    source = p.get("source", "katakana")

    def inverse(v: Any) -> Any:
        return jaconv.kata2hira(_s(v)) if source == "hiragana" else v

    return Transform("katakana", p, lambda v: jaconv.hira2kata(_s(v)), inverse, True)


def _upper(p: Mapping[str, Any]) -> Transform:
    return Transform("upper", p, lambda v: _s(v).upper(), _identity, True)


# --- dates ---------------------------------------------------------------------------------------


def _wareki_t(p: Mapping[str, Any]) -> Transform:
    lenient = bool(p.get("lenient", False))
    options = {k: p[k] for k in ("style", "gannen", "numerals", "sep", "pad") if k in p}

    def forward(v: Any) -> Any:
        try:
            parsed = parse_wareki(_s(v), lenient=lenient)
        except WarekiError as exc:
            raise TransformError(str(exc)) from exc
        if parsed.lenient:
            raise Fallback(parsed.date.isoformat(), "convert.value.lenient_date", value=v)
        return parsed.date.isoformat()

    def inverse(v: Any) -> Any:
        return from_iso(_s(v), **options)

    return Transform("wareki", p, forward, inverse, True)


def _date(p: Mapping[str, Any]) -> Transform:
    fmt = str(p.get("format", "%Y/%m/%d"))

    def forward(v: Any) -> Any:
        try:
            return dt.datetime.strptime(_s(v).strip(), fmt).date().isoformat()
        except ValueError as exc:
            raise TransformError(f"日付の書式 {fmt} に合いません / does not match {fmt}") from exc

    def inverse(v: Any) -> Any:
        return dt.date.fromisoformat(_s(v)).strftime(fmt)

    return Transform("date", p, forward, inverse, True)


# --- names ---------------------------------------------------------------------------------------


def _name_split(p: Mapping[str, Any]) -> Transform:
    sep = str(p.get("sep", "\u3000"))
    kana = bool(p.get("kana", False))
    fam, giv = ("family_kana", "given_kana") if kana else ("family", "given")

    def forward(v: Any) -> Any:
        parts = re.split(r"[ \u3000]+", _s(v).strip(_SPACES), maxsplit=1)
        if len(parts) == 2 and parts[0] and parts[1]:
            return {fam: parts[0], giv: parts[1]}
        if not parts[0]:
            raise TransformError("氏名が空です / empty name")
        raise Fallback({fam: parts[0]}, "convert.value.name_unsplit")

    def inverse(v: Any) -> Any:
        if not isinstance(v, dict) or fam not in v:
            return None
        return sep.join(x for x in (v.get(fam), v.get(giv)) if x)

    return Transform("name_split", p, forward, inverse, True, produces_object=True)


# --- phone / postal ------------------------------------------------------------------------------

_DASHES = str.maketrans({c: "-" for c in "ー−‐‑–—―ｰ－"})


def _phone(p: Mapping[str, Any]) -> Transform:
    style = p.get("style", "hyphen")

    def forward(v: Any) -> Any:
        s = _normalize_width(_s(v)).translate(_DASHES)
        s = re.sub(r"(?i)^(tel|電話)[:：]?", "", s).replace(" ", "")
        if not re.fullmatch(r"\+?[0-9][0-9()\-]{5,22}", s):
            raise TransformError("電話番号として読めません / not a phone number")
        return s

    def inverse(v: Any) -> Any:
        return _s(v).replace("-", "") if style == "digits" else v

    return Transform("phone", p, forward, inverse, True)


def _postal(p: Mapping[str, Any]) -> Transform:
    style = p.get("style", "plain")

    def forward(v: Any) -> Any:
        s = _normalize_width(_s(v)).translate(_DASHES).replace("〒", "").replace(" ", "").replace("-", "")
        if not re.fullmatch(r"[0-9]{7}", s):
            raise TransformError("郵便番号(7桁)として読めません / not a 7-digit postal code")
        return s

    def inverse(v: Any) -> Any:
        s = _s(v)
        if style == "hyphen":
            return f"{s[:3]}-{s[3:]}"
        if style == "mark":
            return f"〒{s[:3]}-{s[3:]}"
        return s

    return Transform("postal", p, forward, inverse, True)


# --- values --------------------------------------------------------------------------------------


def _map(p: Mapping[str, Any]) -> Transform:
    values: dict[str, Any] = {str(k): v for k, v in dict(p.get("values", {})).items()}
    reverse: dict[Any, str] = {}
    bijective = True
    for k, v in values.items():
        if v in reverse:
            bijective = False
            continue
        reverse[v] = k

    def forward(v: Any) -> Any:
        key = v if isinstance(v, str) else str(v)
        if key not in values:
            raise TransformError("値の対応表にありません / not in the value map")
        return values[key]

    def inverse(v: Any) -> Any:
        if v not in reverse:
            return v
        return reverse[v]

    note = "" if bijective else "値の対応が一対一ではありません / the value map is not one-to-one"
    return Transform("map", p, forward, inverse, bijective, note=note)


def _mask(p: Mapping[str, Any]) -> Transform:
    keep = int(p.get("keep", 4))
    char = str(p.get("char", "*"))

    def forward(v: Any) -> Any:
        digits = re.sub(r"[^0-9]", "", _normalize_width(_s(v)))
        if not digits:
            raise TransformError("数字がありません / no digits")
        return char * 3 + digits[-keep:]

    note = "マスクは元に戻せません / masking cannot be undone"
    return Transform("mask", p, forward, _identity, False, note=note)


def _default(p: Mapping[str, Any]) -> Transform:
    value = p.get("value")
    note = "既定値で補った値は元の空欄に戻せません / a filled-in default cannot be told from a real value"
    return Transform("default", p, lambda v: value if v in (None, "") else v, _identity, False, note=note)


def _integer(p: Mapping[str, Any]) -> Transform:
    grouping = bool(p.get("grouping", False))

    def forward(v: Any) -> Any:
        if isinstance(v, int) and not isinstance(v, bool):
            return v
        s = _normalize_width(_s(v)).replace(",", "").replace("円", "").strip()
        if not re.fullmatch(r"-?[0-9]{1,18}", s):
            raise TransformError("整数として読めません / not an integer")
        return int(s)

    def inverse(v: Any) -> Any:
        if not isinstance(v, int):
            return v
        return f"{v:,}" if grouping else str(v)

    return Transform("integer", p, forward, inverse, True)


def _boolean(p: Mapping[str, Any]) -> Transform:
    trues = [str(x) for x in p.get("true", ["true", "1", "はい", "有"])]
    falses = [str(x) for x in p.get("false", ["false", "0", "いいえ", "無"])]

    def forward(v: Any) -> Any:
        if isinstance(v, bool):
            return v
        s = str(v).strip()
        if s in trues:
            return True
        if s in falses:
            return False
        raise TransformError("真偽値として読めません / not a boolean")

    def inverse(v: Any) -> Any:
        if isinstance(v, bool):
            return trues[0] if v else falses[0]
        return v

    return Transform("boolean", p, forward, inverse, True)


def _split(p: Mapping[str, Any]) -> Transform:
    sep = str(p.get("sep", ";"))

    def forward(v: Any) -> Any:
        return [x.strip() for x in _s(v).split(sep) if x.strip()]

    def inverse(v: Any) -> Any:
        return sep.join(str(x) for x in v) if isinstance(v, list) else v

    return Transform("split", p, forward, inverse, True)


# --- mapping language 2 ----------------------------------------------------------------------------


def _user_pattern(p: Mapping[str, Any]) -> Any:
    from endingnote._regex import compile_user

    return compile_user(str(p["pattern"]))


def _extract(p: Mapping[str, Any]) -> Transform:
    pattern = _user_pattern(p)
    group = p.get("group", 1)
    template = p.get("template")

    def forward(v: Any) -> Any:
        m = pattern.search(_s(v))
        if m is None:
            raise TransformError("パターンに合いません / the pattern does not match")
        try:
            got = m.group(group)
        except (IndexError, re.error) as exc:
            raise TransformError("そのグループはありません / no such group") from exc
        if got is None:
            raise TransformError("グループが空です / the group did not take part in the match")
        return got

    def inverse(v: Any) -> Any:
        return str(template).replace("{}", str(v)) if template is not None else v

    note = (
        ""
        if template is not None
        else "抜き出した残りは戻せません (template で指定) / the rest of the text is lost (give a template)"
    )
    return Transform("extract", p, forward, inverse, template is not None, note=note)


def _replace(p: Mapping[str, Any]) -> Transform:
    pattern = _user_pattern(p)
    repl = str(p.get("with", ""))

    def forward(v: Any) -> Any:
        return pattern.sub(repl, _s(v))

    note = "置換は元に戻せません / a replacement cannot be undone"
    return Transform("replace", p, forward, _identity, False, note=note)


def _template(p: Mapping[str, Any]) -> Transform:
    text = str(p["text"])
    head, _, tail = text.partition("{}")

    def forward(v: Any) -> Any:
        return f"{head}{v}{tail}"

    def inverse(v: Any) -> Any:
        s = _s(v)
        if s.startswith(head) and s.endswith(tail) and len(s) >= len(head) + len(tail):
            return s[len(head) : len(s) - len(tail)]
        return s

    return Transform("template", p, forward, inverse, True)


def _address_t(p: Mapping[str, Any]) -> Transform:
    from endingnote.convert._address import AddressError, format_address, parse_address

    def forward(v: Any) -> Any:
        try:
            parsed = parse_address(_s(v))
        except AddressError as exc:
            raise TransformError(exc.reason) from exc
        part = parsed.to_part()
        if parsed.former_city:
            raise Fallback(part, "convert.address.former_name", old=parsed.former_city, new=parsed.city)
        return part

    def inverse(v: Any) -> Any:
        return format_address(v) if isinstance(v, dict) else v

    note = "住所は標準の書き方の1行で書き戻します / written back as one line in the standard spelling"
    return Transform("address", p, forward, inverse, False, produces_object=True, note=note)


def _first_of_t(p: Mapping[str, Any]) -> Transform:
    chains = tuple(tuple(build(spec) for spec in chain) for chain in p["branches"])
    first = chains[0]

    def inverse(v: Any) -> Any:
        for t in reversed(first):
            if v is None:
                return None
            v = t.inverse(v)
        return v

    note = (
        "2番目以降の分岐で読んだ値は最初の分岐の書き方で書き戻します"
        " / values read by a later branch are written back in the first branch's spelling"
    )
    produces = any(t.produces_object for t in first)
    return Transform(
        "first_of", p, _identity, inverse, len(chains) == 1 and all(t.invertible for t in first),
        produces_object=produces, note=note, branches=chains,
    )  # fmt: skip


_Factory = Callable[[Mapping[str, Any]], Transform]

TRANSFORMS: dict[str, tuple[_Factory, dict[str, tuple[type, ...] | tuple[str, ...]]]] = {
    # name: (factory, allowed params → accepted types, or accepted literal values)
    "trim": (_trim, {}),
    "width": (_width, {"source_kana": ("full", "half")}),
    "katakana": (_katakana, {"source": ("katakana", "hiragana")}),
    "upper": (_upper, {}),
    "wareki": (
        _wareki_t,
        {
            "style": ("kanji", "letter"),
            "gannen": (bool,),
            "numerals": ("arabic", "kanji"),
            "sep": (str,),
            "pad": (bool,),
            "lenient": (bool,),
        },
    ),
    "date": (_date, {"format": (str,)}),
    "name_split": (_name_split, {"sep": (str,), "kana": (bool,)}),
    "phone": (_phone, {"style": ("hyphen", "digits")}),
    "postal": (_postal, {"style": ("plain", "hyphen", "mark")}),
    "map": (_map, {"values": (dict,)}),
    "mask": (_mask, {"keep": (int,), "char": (str,)}),
    "default": (_default, {"value": (str, int, bool)}),
    "integer": (_integer, {"grouping": (bool,)}),
    "boolean": (_boolean, {"true": (list,), "false": (list,)}),
    "split": (_split, {"sep": (str,)}),
    # mapping language 2
    "first_of": (_first_of_t, {"branches": (list,)}),
    "extract": (_extract, {"pattern": (str,), "group": (int, str), "template": (str,)}),
    "replace": (_replace, {"pattern": (str,), "with": (str,)}),
    "template": (_template, {"text": (str,)}),
    "address": (_address_t, {}),
}
V2_TRANSFORMS = frozenset({"first_of", "extract", "replace", "template", "address"})


def check_params(name: str, params: Mapping[str, Any]) -> str | None:
    """Why ``params`` are wrong for transform ``name``, or None."""
    if name not in TRANSFORMS:
        return "unknown"
    _, allowed = TRANSFORMS[name]
    for key, value in params.items():
        if key not in allowed:
            return f"未知の引数 / unknown parameter '{key}'"
        accepted = allowed[key]
        if all(isinstance(a, type) for a in accepted):
            if not isinstance(value, accepted):  # type: ignore[arg-type]
                return f"'{key}' の型が違います / wrong type for '{key}'"
        elif value not in accepted:
            return (
                f"'{key}' は {', '.join(map(str, accepted))} のいずれか / '{key}' must be one of {accepted}"
            )
    if name == "first_of":
        return _check_branches(params.get("branches"))
    if name in ("extract", "replace"):
        from endingnote._regex import UserPatternError, compile_user

        if "pattern" not in params:
            return "pattern が必要です / 'pattern' is required"
        try:
            compile_user(params["pattern"])
        except UserPatternError as exc:
            return (
                f"正規表現を使えません ({exc.reason}) / unusable regular expression ({exc.reason}):"
                f" {exc.detail[:100]}"
            )
    if name == "template" and "{}" not in str(params.get("text", "")):
        return "text に {} が必要です / 'text' needs a {} placeholder"
    if name == "map" and not params.get("values"):
        return "values が必要です / 'values' is required"
    if name == "default" and "value" not in params:
        return "value が必要です / 'value' is required"
    return None


def _check_branches(branches: Any) -> str | None:
    from endingnote.convert._limits import FIRST_OF_BRANCHES

    if not isinstance(branches, list) or not branches:
        return "分岐のリストが必要です / a list of branches (each a list of transforms) is required"
    if FIRST_OF_BRANCHES.exceeded(len(branches)):
        return FIRST_OF_BRANCHES.describe("ja") + " / " + FIRST_OF_BRANCHES.describe("en")
    for i, chain in enumerate(branches):
        if not isinstance(chain, list):
            return f"分岐 {i} はリストではありません / branch {i} is not a list"
        for spec in chain:
            name, params = split_spec(spec)
            if name is None:
                return f"分岐 {i} の変換の書き方が違います / branch {i}: a transform is a name or one key"
            problem = check_params(name, params)
            if problem == "unknown":
                return f"分岐 {i}: 未知の変換 / branch {i}: unknown transform '{name}'"
            if problem:
                return f"分岐 {i}: {name}: {problem}"
    return None


def split_spec(spec: Any) -> tuple[str | None, dict[str, Any]]:
    """A transform spec's name and parameters (``trim`` / ``{map: {...}}`` / ``{first_of: [...]}``)."""
    if isinstance(spec, str):
        return spec, {}
    if isinstance(spec, dict) and len(spec) == 1:
        ((name, raw),) = spec.items()
        if name == "first_of":
            return name, {"branches": raw}
        if raw is None:
            return str(name), {}
        if isinstance(raw, dict):
            return str(name), dict(raw)
    return None, {}


def build(spec: str | Mapping[str, Any]) -> Transform:
    """Build a transform from its mapping-file spelling (checked beforehand)."""
    name, params = split_spec(spec)
    if name is None:  # pragma: no cover - the mapping was checked beforehand
        raise ValueError(f"not a transform: {spec!r}")
    factory, _ = TRANSFORMS[name]
    return factory(params)
