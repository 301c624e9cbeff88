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

__all__ = ["TRANSFORMS", "Fallback", "Transform", "TransformError", "build", "check_params"]


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


def _normalize_width(text: str) -> str:
    # half-width kana → full-width (voiced marks joined); full-width ASCII/digits/space → half-width
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
}


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
    if name == "map" and not params.get("values"):
        return "values が必要です / 'values' is required"
    if name == "default" and "value" not in params:
        return "value が必要です / 'value' is required"
    return None


def build(spec: str | Mapping[str, Any]) -> Transform:
    """Build a transform from its mapping-file spelling (checked beforehand)."""
    if isinstance(spec, str):
        name, params = spec, {}
    else:
        ((name, raw),) = spec.items()
        params = dict(raw or {})
    factory, _ = TRANSFORMS[name]
    return factory(params)
