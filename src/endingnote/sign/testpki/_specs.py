"""Who is in the test PKI: the signing-CA generations and the card holders.

Dates are offsets from the ``now`` passed to :func:`~endingnote.sign.testpki.build_test_pki`, so a
PKI built with a fixed ``now`` is the same every time (keys aside).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from endingnote.sign.trust._jpki import POLICY_SIGN, POLICY_SIGN_PHONE, POLICY_SIGN_TEST_CARD

TOKEN_CARD = "JPKIAPICCTOKEN2"  # noqa: S105 (a token label, not a secret)
TOKEN_OLD_CARD = "JPKIAPICCTOKEN"  # noqa: S105 (a token label, not a secret)
TOKEN_ANDROID = "JPKIAPGPSETOKEN"  # noqa: S105 (a token label, not a secret)
TOKEN_IPHONE = "JPKIAPIOSTOKEN"  # noqa: S105 (a token label, not a secret)
TOKEN_LABELS = frozenset({TOKEN_CARD, TOKEN_OLD_CARD, TOKEN_ANDROID, TOKEN_IPHONE})


@dataclass(frozen=True, slots=True)
class CaSpec:
    id: str
    generation: int
    serial: int  # the real generations' serials
    starts: dt.timedelta  # not_before = now + starts
    lasts_years: int


SIGN_CAS = (
    CaSpec("sign-ca-1", 1, 0x01, -dt.timedelta(days=11 * 365), 10),  # expired, like signca01
    CaSpec("sign-ca-2", 2, 0x0132C4AB, -dt.timedelta(days=7 * 365), 10),
    CaSpec("sign-ca-3", 3, 0x067C6A21, -dt.timedelta(days=3 * 365), 10),
)
CURRENT_SIGN_CA = "sign-ca-3"

# 利用者証明用 CA generations (same periods; serials of authca01/02/03).
AUTH_CAS = (
    CaSpec("auth-ca-1", 1, 0x01, -dt.timedelta(days=11 * 365), 10),
    CaSpec("auth-ca-2", 2, 0x0133C349, -dt.timedelta(days=7 * 365), 10),
    CaSpec("auth-ca-3", 3, 0x06D18006, -dt.timedelta(days=3 * 365), 10),
)


@dataclass(frozen=True, slots=True)
class Revocation:
    """A revocation to apply when building: ``after`` the issue date, with a CRL reason name."""

    after: dt.timedelta  # revocation date = now + after (negative: in the past)
    reason: str  # cryptography ReasonFlags value, e.g. "keyCompromise"
    invalidity: dt.timedelta | None = None  # invalidityDate = now + invalidity


@dataclass(frozen=True, slots=True)
class HolderSpec:
    """One card holder: the basic four data, the issuing generation, the card's token and password."""

    id: str
    family: str
    given: str
    birth_date: dt.date
    sex: str  # JPKI code: 1 male, 2 female, 3 unknown
    address: str
    issuer: str
    issued: dt.timedelta  # issue date = now + issued
    password: str  # 署名用パスワード, 6–16 of A–Z 0–9 (also the PKCS#12 password)
    role: str
    policy_oid: str = POLICY_SIGN
    token_label: str = TOKEN_CARD
    name_flags: str | None = None  # None = all zeros
    address_flags: str | None = None
    revoked: Revocation | None = None
    pin: str = "1234"  # 利用者証明用暗証番号 (4 digits) for the authentication side of the card

    @property
    def name(self) -> str:
        return f"{self.family}\u3000{self.given}"


_TARO_ADDRESS = "東京都千代田区霞が関二丁目１－２"
_TARO = HolderSpec(
    "taro",
    "山田",
    "太郎",
    dt.date(1950, 4, 1),
    "1",
    _TARO_ADDRESS,
    "sign-ca-3",
    -dt.timedelta(days=400),
    "TARO1234",
    "decedent-to-be: the example note's owner",
)

HOLDERS = (
    _TARO,
    replace(
        _TARO,
        id="taro_2019",
        issuer="sign-ca-2",
        issued=-dt.timedelta(days=5 * 365 + 300),
        password="TARO2019",  # noqa: S106 - the test PKI's documented card password
        role="taro's previous certificate (superseded on renewal)",
        revoked=Revocation(-dt.timedelta(days=400), "superseded"),
    ),
    replace(
        _TARO,
        id="taro_phone",
        issued=-dt.timedelta(days=200),
        password="TARO5678",  # noqa: S106 - the test PKI's documented card password
        role="taro's Android smartphone certificate",
        policy_oid=POLICY_SIGN_PHONE,
        token_label=TOKEN_ANDROID,
    ),
    HolderSpec(
        "hanako",
        "山田",
        "花子",
        dt.date(1952, 8, 15),
        "2",
        _TARO_ADDRESS,
        "sign-ca-3",
        -dt.timedelta(days=300),
        "HANAKO1234",
        "heir: taro's spouse",
    ),
    HolderSpec(
        "ichiro",
        "山田",
        "一郎",
        dt.date(1978, 11, 3),
        "1",
        "神奈川県横浜市中区日本大通１",
        "sign-ca-2",
        -dt.timedelta(days=3 * 365),
        "ICHIRO1234",
        "heir: taro's child (older CA generation)",
    ),
    HolderSpec(
        "stranger",
        "佐藤",
        "次郎",
        dt.date(1965, 6, 30),
        "1",
        "大阪府大阪市北区中之島一丁目３－２０",
        "sign-ca-3",
        -dt.timedelta(days=100),
        "SATO1234",
        "a stranger: valid, but not the note's owner",
    ),
    HolderSpec(
        "takahashi",
        "高橋",
        "三郎",
        dt.date(1988, 2, 29),
        "1",
        "北海道札幌市中央区北一条西二丁目",
        "sign-ca-3",
        -dt.timedelta(days=500),
        "TAKA1234",
        "name with a substitution character (髙 → 高)",
        name_flags="10000",
    ),
    HolderSpec(
        "lost",
        "鈴木",
        "花",
        dt.date(2000, 1, 10),
        "2",
        "福岡県福岡市中央区天神一丁目８－１",
        "sign-ca-3",
        -dt.timedelta(days=250),
        "SUZUKI1234",
        "card reported lost: certificateHold",
        revoked=Revocation(-dt.timedelta(days=30), "certificateHold", invalidity=-dt.timedelta(days=35)),
    ),
    HolderSpec(
        "tester",
        "試験",
        "一",
        dt.date(1990, 10, 1),
        "3",
        "東京都千代田区霞が関二丁目１－２",
        "sign-ca-3",
        -dt.timedelta(days=50),
        "TEST1234",
        "J-LIS test-card policy OID (not for production)",
        policy_oid=POLICY_SIGN_TEST_CARD,
    ),
)


def fifth_birthday_after(issued: dt.date, born: dt.date) -> dt.date:
    """The signing certificate expires on the 5th birthday after issue."""
    year = issued.year if (born.month, born.day) > (issued.month, issued.day) else issued.year + 1
    year += 4
    try:
        return born.replace(year=year)
    except ValueError:  # 29 February in a common year
        return dt.date(year, 3, 1)
