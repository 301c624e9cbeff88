"""The JPKI card (公的個人認証AP): basic four data, emulator, APDU transport and card signer.

- :class:`JpkiCardSigner` — a :class:`~endingnote.sign.Signer` over pcscd (``open``) or any
  :class:`Transport` (``over``), e.g. the in-process :class:`JpkiCardEmulator`.
- :class:`JpkiCardEmulator` — a faithful JPKI AP; :class:`VpcdClient` puts it into a real pcscd.
- :mod:`endingnote.sign.card.testing` — pcscd + vpcd + emulator for integration tests.
"""

from endingnote.calendar import decode_birth_date, encode_birth_date
from endingnote.sign.card._basic4 import BasicFourData, basic_four_data
from endingnote.sign.card._emulator import CardRemovedError, JpkiCardEmulator
from endingnote.sign.card._errors import JpkiCardError
from endingnote.sign.card._info import CardInfo, ReaderInfo, card_info, list_cards
from endingnote.sign.card._jpki import JpkiCard
from endingnote.sign.card._pcsc import PcscTransport, Transport
from endingnote.sign.card._rsa import digest_info, sha256_digest_info, verify_digest_info_signature
from endingnote.sign.card._signer import TOKEN_LABELS, JpkiCardSigner
from endingnote.sign.card._vpcd import VpcdClient

__all__ = [
    "TOKEN_LABELS",
    "BasicFourData",
    "CardInfo",
    "CardRemovedError",
    "JpkiCard",
    "JpkiCardEmulator",
    "JpkiCardError",
    "JpkiCardSigner",
    "PcscTransport",
    "ReaderInfo",
    "Transport",
    "VpcdClient",
    "basic_four_data",
    "card_info",
    "decode_birth_date",
    "digest_info",
    "encode_birth_date",
    "list_cards",
    "sha256_digest_info",
    "verify_digest_info_signature",
]
