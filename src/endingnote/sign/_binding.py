"""Owner binding: the note's owner must be the signing certificate's holder.

The note's ``person`` (``name``, ``birth_date``, ``sex``, ``residence_address``) is compared with
the basic four data (基本4情報) in the certificate's subjectAltName otherNames:

* **name** — both sides take the comparable form of :func:`endingnote.koseki.names.name_key`
  (the one the family-register side uses): NFKC (full/half width), no white space (the
  certificate puts a full-width space between surname and given name), 々 written out, and the
  documented variant table (髙→高, 﨑→崎, 邉/邊→辺 …) folded to the common form. A
  position the certificate flags as a 代替文字 (substitution character, otherName ``…5.5.2``) is
  not compared — the certificate says itself that the character there is a stand-in — and an
  info issue says so. If the note carries ``person.register_name.fallback_jisx0213`` it is tried
  as well.
* **date of birth** — JPKI ``EYYYYMMDD`` (era digit + Gregorian date) against the ISO date.
* **sex** — JPKI codes mapped explicitly to ISO 5218 (:data:`JPKI_TO_ISO5218`: 1→1, 2→2, 3→0).
* **address** — NFKC, no spaces, hyphen variants unified, 丁目/番地/番/号 folded to ``-`` and
  kanji numerals before 丁目 turned into digits; the note's address matches with or without its
  building name (the residence record may or may not carry a 方書).

A mismatch is an error (the package is INVALID); a field missing on either side is a warning
(INDETERMINATE: the binding cannot be established).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from endingnote._codes import issue
from endingnote._names import expand_iteration_marks, name_key
from endingnote.sign.asice import _codes as _codes  # registers the sign.package/… codes

if TYPE_CHECKING:
    from cryptography import x509

    from endingnote._issues import Issue

JPKI_TO_ISO5218 = {"1": "1", "2": "2", "3": "0"}
_SPACES = re.compile(r"\s+")
_HYPHENS = str.maketrans({c: "-" for c in "‐‑‒–—―−－ｰ"})
_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def normalize_name(text: str) -> str:
    return name_key(text)


def _name_units(text: str, flags: str | None) -> list[tuple[str, bool]]:
    """Normalised characters of the certificate name, each with "substituted here" (wildcard)."""
    out: list[tuple[str, bool]] = []
    for i, char in enumerate(expand_iteration_marks(text)):  # same length: flags still line up
        wild = flags is not None and i < len(flags) and flags[i] == "1"
        for folded in normalize_name(char):
            out.append((folded, wild))
    return out


def _kanji_number(text: str) -> str:
    total, current = 0, 0
    for char in text:
        if char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _KANJI_DIGITS[char]
    return str(total + current)


def normalize_address(text: str) -> str:
    s = name_key(text).translate(_HYPHENS)  # NFKC, no spaces, variants folded, then hyphens
    s = re.sub(r"([〇一二三四五六七八九十]+)丁目", lambda m: _kanji_number(m.group(1)) + "丁目", s)
    s = re.sub(r"(\d)(?:番地の?|番の?|丁目|の)(?=\d)", r"\1-", s)
    s = re.sub(r"(\d)(?:番地|番|号)$", r"\1", s)
    s = re.sub(r"(\d)ー(?=\d)", r"\1-", s)
    return s


def _note_address(address: dict[str, Any]) -> tuple[str, str]:
    base = "".join(str(address.get(k) or "") for k in ("prefecture", "city", "town", "block"))
    return base, base + str(address.get("building") or "")


def _matches_name(cert_units: list[tuple[str, bool]], candidate: str) -> bool:
    if len(cert_units) != len(candidate):
        return False
    return all(wild or char == other for (char, wild), other in zip(cert_units, candidate, strict=True))


def owner_issues(note: dict[str, Any], cert: x509.Certificate) -> list[Issue]:
    """Every finding of comparing the note's owner with ``cert``'s basic four data."""
    from endingnote.sign.card import basic_four_data

    data = basic_four_data(cert)
    if data is None:
        return [issue("sign.owner.cert_missing", "/person", field="subjectAltName otherName")]
    person = note.get("person")
    person = person if isinstance(person, dict) else {}
    found: list[Issue] = []

    name = person.get("name")
    if isinstance(name, dict) and name.get("family"):
        units = _name_units(data.name, data.name_flags)
        candidates = [normalize_name(f"{name.get('family', '')}{name.get('given') or ''}")]
        register = person.get("register_name")
        if isinstance(register, dict) and isinstance(register.get("fallback_jisx0213"), str):
            candidates.append(normalize_name(register["fallback_jisx0213"]))
        if not any(_matches_name(units, c) for c in candidates):
            found.append(
                issue("sign.owner.name_mismatch", "/person/name", note=candidates[0], cert=data.name)
            )
        elif data.name_substituted:
            positions = ", ".join(str(i + 1) for i, f in enumerate(data.name_flags or "") if f == "1")
            found.append(
                issue("sign.owner.substituted", "/person/name", field="氏名 / name", positions=positions)
            )
    else:
        found.append(issue("sign.owner.note_missing", "/person/name", field="name"))

    birth = person.get("birth_date")
    cert_birth = data.birth_date_gregorian
    if not isinstance(birth, str):
        found.append(issue("sign.owner.note_missing", "/person/birth_date", field="birth_date"))
    elif cert_birth is None:
        found.append(
            issue("sign.owner.cert_missing", "/person/birth_date", field=f"生年月日 {data.birth_date!r}")
        )
    elif birth != cert_birth.isoformat():
        found.append(
            issue(
                "sign.owner.birth_date_mismatch",
                "/person/birth_date",
                note=birth,
                cert=cert_birth.isoformat(),
            )
        )

    sex = person.get("sex")
    if not isinstance(sex, str):
        found.append(issue("sign.owner.note_missing", "/person/sex", field="sex"))
    elif data.sex not in JPKI_TO_ISO5218:
        found.append(issue("sign.owner.cert_missing", "/person/sex", field=f"性別 {data.sex!r}"))
    elif JPKI_TO_ISO5218[data.sex] != sex:
        found.append(issue("sign.owner.sex_mismatch", "/person/sex", note=sex, cert=data.sex))

    address = person.get("residence_address")
    if isinstance(address, dict) and address.get("prefecture"):
        cert_address = normalize_address(data.address)
        without, with_building = _note_address(address)
        if cert_address not in (normalize_address(without), normalize_address(with_building)):
            found.append(
                issue(
                    "sign.owner.address_mismatch",
                    "/person/residence_address",
                    note=with_building,
                    cert=data.address,
                )
            )
        elif data.address_substituted:
            positions = ", ".join(str(i + 1) for i, f in enumerate(data.address_flags or "") if f == "1")
            found.append(
                issue(
                    "sign.owner.substituted",
                    "/person/residence_address",
                    field="住所 / address",
                    positions=positions,
                )
            )
    else:
        found.append(issue("sign.owner.note_missing", "/person/residence_address", field="residence_address"))
    return found
