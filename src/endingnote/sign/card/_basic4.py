"""The basic four data (基本4情報) in a JPKI signing certificate's subjectAltName.

Each value is an ``otherName`` whose ``type-id`` is one of the J-LIS OIDs below and whose value is
``[0] EXPLICIT UTF8String``. With ``cryptography``, ``x509.OtherName.value`` is the DER of the
UTF8String (tag ``0x0C``), which :func:`decode_utf8_string` unwraps.

The name and the address may contain a 代替文字 (substitution character) where the registered
character is outside the card's character set; the ``…flags`` strings hold one ``0``/``1`` per
character (``1`` = substituted). Never use the name as an exact key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from endingnote.calendar import decode_birth_date

if TYPE_CHECKING:
    from cryptography import x509

OID_NAME = "1.2.392.200149.8.5.5.1"
OID_NAME_FLAGS = "1.2.392.200149.8.5.5.2"
OID_SEX = "1.2.392.200149.8.5.5.3"
OID_BIRTH = "1.2.392.200149.8.5.5.4"
OID_ADDRESS = "1.2.392.200149.8.5.5.5"
OID_ADDRESS_FLAGS = "1.2.392.200149.8.5.5.6"

# JPKI sex codes (not ISO 5218): 1 male, 2 female, 3 unknown.
JPKI_SEX = {"1": "male", "2": "female", "3": "unknown"}


@dataclass(frozen=True, slots=True)
class BasicFourData:
    """The holder's 基本4情報 as written in the certificate (raw strings, not normalised)."""

    name: str
    birth_date: str  # EYYYYMMDD
    sex: str  # JPKI code: 1 male, 2 female, 3 unknown
    address: str
    name_flags: str | None = None
    address_flags: str | None = None
    unknown: dict[str, str] = field(default_factory=dict)  # other otherNames (post-2024 additions)

    @property
    def birth_date_gregorian(self) -> dt.date | None:
        return decode_birth_date(self.birth_date)

    @property
    def name_substituted(self) -> bool:
        return "1" in (self.name_flags or "")

    @property
    def address_substituted(self) -> bool:
        return "1" in (self.address_flags or "")

    def to_dict(self) -> dict[str, object]:
        born = self.birth_date_gregorian
        return {
            "name": self.name,
            "name_flags": self.name_flags,
            "birth_date": self.birth_date,
            "birth_date_gregorian": born.isoformat() if born else None,
            "sex": self.sex,
            "address": self.address,
            "address_flags": self.address_flags,
            "unknown": dict(self.unknown),
        }


def encode_utf8_string(text: str) -> bytes:
    """DER ``UTF8String``."""
    body = text.encode("utf-8")
    return b"\x0c" + _der_length(len(body)) + body


def decode_utf8_string(der: bytes) -> str | None:
    """The text of a DER ``UTF8String`` (or ``PrintableString``/``IA5String``), else ``None``."""
    if len(der) < 2 or der[0] not in (0x0C, 0x13, 0x16):
        return None
    length, offset = _read_length(der, 1)
    if length is None or offset + length != len(der):
        return None
    try:
        return der[offset:].decode("utf-8")
    except UnicodeDecodeError:
        return None


def _der_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def _read_length(der: bytes, pos: int) -> tuple[int | None, int]:
    first = der[pos]
    if first < 0x80:
        return first, pos + 1
    count = first & 0x7F
    if count == 0 or count > 4 or pos + 1 + count > len(der):
        return None, pos
    return int.from_bytes(der[pos + 1 : pos + 1 + count], "big"), pos + 1 + count


def other_names(data: BasicFourData) -> list[tuple[str, bytes]]:
    """``(oid, DER UTF8String)`` pairs in the certificate's order."""
    pairs = [(OID_NAME, data.name)]
    if data.name_flags is not None:
        pairs.append((OID_NAME_FLAGS, data.name_flags))
    pairs += [(OID_SEX, data.sex), (OID_BIRTH, data.birth_date), (OID_ADDRESS, data.address)]
    if data.address_flags is not None:
        pairs.append((OID_ADDRESS_FLAGS, data.address_flags))
    return [(oid, encode_utf8_string(value)) for oid, value in pairs]


def basic_four_data(cert: x509.Certificate) -> BasicFourData | None:
    """The 基本4情報 from ``cert``'s SAN otherNames, or ``None`` when any of the four is missing."""
    from cryptography import x509

    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return None
    values: dict[str, str] = {}
    for other in san.get_values_for_type(x509.OtherName):
        text = decode_utf8_string(other.value)
        if text is not None:
            values.setdefault(other.type_id.dotted_string, text)
    known = (OID_NAME, OID_NAME_FLAGS, OID_SEX, OID_BIRTH, OID_ADDRESS, OID_ADDRESS_FLAGS)
    if not all(oid in values for oid in (OID_NAME, OID_SEX, OID_BIRTH, OID_ADDRESS)):
        return None
    return BasicFourData(
        name=values[OID_NAME],
        birth_date=values[OID_BIRTH],
        sex=values[OID_SEX],
        address=values[OID_ADDRESS],
        name_flags=values.get(OID_NAME_FLAGS),
        address_flags=values.get(OID_ADDRESS_FLAGS),
        unknown={k: v for k, v in values.items() if k not in known},
    )
