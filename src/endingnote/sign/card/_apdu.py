"""ISO 7816-4 short APDUs and the JPKI AP's constants (``shared/domain/jpki.md`` §1)."""

from __future__ import annotations

from dataclasses import dataclass

JPKI_AID = bytes.fromhex("D392F000260100000001")
KENMEN_HOJO_AID = bytes.fromhex("D3921000310001010408")  # 券面入力補助AP
KENMEN_AID = bytes.fromhex("D3921000310001010402")  # 券面AP
ATR = bytes.fromhex("3BE000FF8131FE4514")

EF_SIGN_CERT = 0x0001
EF_SIGN_CA = 0x0002
EF_TOKEN_INFO = 0x0006
EF_CERT_AVAILABILITY = 0x0008
EF_AUTH_CERT = 0x000A
EF_AUTH_CA = 0x000B
EF_AUTH_KEY = 0x0017
EF_AUTH_PIN = 0x0018
EF_SIGN_KEY = 0x001A
EF_SIGN_PIN = 0x001B

SW_OK = 0x9000
SW_WRONG_LENGTH = 0x6700
SW_SECURITY_NOT_SATISFIED = 0x6982
SW_AUTH_METHOD_BLOCKED = 0x6983
SW_CONDITIONS_NOT_SATISFIED = 0x6985
SW_INCOMPATIBLE_FILE = 0x6981
SW_NO_CURRENT_EF = 0x6986
SW_WRONG_DATA = 0x6A80
SW_FILE_NOT_FOUND = 0x6A82
SW_WRONG_P1P2 = 0x6A86
SW_WRONG_OFFSET = 0x6B00
SW_INS_NOT_SUPPORTED = 0x6D00
SW_CLA_NOT_SUPPORTED = 0x6E00


def sw_tries(tries: int) -> int:
    """``63 Cx``: a wrong password, or the answer to VERIFY without data; x = tries left."""
    return 0x63C0 | (tries & 0x0F)


@dataclass(frozen=True, slots=True)
class Command:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None  # None: no Le; 256 for Le = 00

    def to_bytes(self) -> bytes:
        out = bytes([self.cla, self.ins, self.p1, self.p2])
        if self.data:
            out += bytes([len(self.data)]) + self.data
        if self.le is not None:
            out += bytes([self.le & 0xFF])
        return out


def parse_command(apdu: bytes) -> Command | None:
    """Parse a short command APDU (cases 1–4); ``None`` when malformed or extended."""
    if len(apdu) < 4:
        return None
    cla, ins, p1, p2 = apdu[:4]
    body = apdu[4:]
    if not body:
        return Command(cla, ins, p1, p2)
    if len(body) == 1:
        return Command(cla, ins, p1, p2, le=body[0] or 256)
    lc = body[0]
    if lc == 0:  # extended length: not supported by this AP on the contact interface
        return None
    if len(body) == 1 + lc:
        return Command(cla, ins, p1, p2, data=bytes(body[1:]))
    if len(body) == 2 + lc:
        return Command(cla, ins, p1, p2, data=bytes(body[1 : 1 + lc]), le=body[-1] or 256)
    return None


def select_df(aid: bytes) -> bytes:
    return Command(0x00, 0xA4, 0x04, 0x0C, aid).to_bytes()


def select_ef(fid: int) -> bytes:
    return Command(0x00, 0xA4, 0x02, 0x0C, fid.to_bytes(2, "big")).to_bytes()


def read_binary(offset: int, length: int) -> bytes:
    return Command(0x00, 0xB0, (offset >> 8) & 0x7F, offset & 0xFF, le=length).to_bytes()


def verify(secret: bytes | None = None) -> bytes:
    return Command(0x00, 0x20, 0x00, 0x80, secret or b"").to_bytes()


def compute_signature(digest_info: bytes) -> bytes:
    return Command(0x80, 0x2A, 0x00, 0x80, digest_info, le=256).to_bytes()


def split_response(response: bytes) -> tuple[bytes, int]:
    """``(data, SW)``; a response shorter than two bytes is SW 0x0000 (never a success)."""
    if len(response) < 2:
        return b"", 0x0000
    return response[:-2], int.from_bytes(response[-2:], "big")
