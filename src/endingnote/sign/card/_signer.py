"""``JpkiCardSigner``: a :class:`~endingnote.sign.Signer` whose key stays inside the My Number Card."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from endingnote.sign.card._errors import JpkiCardError
from endingnote.sign.card._jpki import MIN_TRIES_TO_TRY, JpkiCard, normalise_password, wipe
from endingnote.sign.card._pcsc import Transport

if TYPE_CHECKING:
    from cryptography import x509

TOKEN_LABELS = frozenset({"JPKIAPICCTOKEN2", "JPKIAPICCTOKEN", "JPKIAPGPSETOKEN", "JPKIAPIOSTOKEN"})


class JpkiCardSigner:
    """Signs with the JPKI signing key over one open card session.

    Use :meth:`open` (a reader through pcscd, one exclusive PC/SC transaction for the whole
    session, card reset afterwards) or :meth:`over` (any :class:`Transport`, e.g. the in-process
    emulator). Both are context managers that yield a ready signer: the AP is selected, the tries
    left are checked (refused below 3), the password is verified and then wiped, and the signing
    certificate is read. :meth:`sign_digest_info` selects the key, sends the DigestInfo with
    ``80 2A 00 80`` and verifies the returned signature against the certificate before returning it.
    """

    def __init__(self, card: JpkiCard, certificate_der: bytes, token_label: str) -> None:
        from cryptography import x509

        self._card = card
        self._cert_der = certificate_der
        try:
            self._cert = x509.load_der_x509_certificate(certificate_der)
        except ValueError as exc:
            raise JpkiCardError("sign.card.bad_certificate", detail="not an X.509 certificate") from exc
        self.token_label = token_label
        self.signatures = 0

    @classmethod
    @contextlib.contextmanager
    def over(
        cls, transport: Transport, password: str | bytes | bytearray, *, min_tries: int = MIN_TRIES_TO_TRY
    ) -> Iterator[JpkiCardSigner]:
        """A signer over ``transport`` (the caller owns exclusivity and the connection)."""
        secret = normalise_password(password)  # raises before anything reaches the card
        try:
            card = JpkiCard(transport)
            card.select_ap()
            label = card.token_label()
            card.verify_sign_password(secret, min_tries=min_tries)
        finally:
            wipe(secret)
            del password
        from endingnote.sign.card._apdu import EF_SIGN_CERT

        yield cls(card, card.read_file(EF_SIGN_CERT), label)

    @classmethod
    @contextlib.contextmanager
    def open(
        cls,
        password: str | bytes | bytearray,
        *,
        reader: str | None = None,
        min_tries: int = MIN_TRIES_TO_TRY,
    ) -> Iterator[JpkiCardSigner]:
        """A signer on the card in ``reader`` (default: the first reader holding a JPKI card)."""
        from endingnote.sign.card._pcsc import connect, list_readers, pick_reader

        secret = normalise_password(password)
        del password
        try:
            name = find_jpki_reader() if reader is None else pick_reader(list_readers(), reader)
            with (
                connect(name, exclusive=True, reset_after=True) as transport,
                cls.over(transport, secret, min_tries=min_tries) as signer,
            ):
                yield signer
        finally:
            wipe(secret)

    @property
    def certificate(self) -> x509.Certificate:
        return self._cert

    @property
    def certificate_der(self) -> bytes:
        return self._cert_der

    @property
    def chain_der(self) -> list[bytes]:
        # The CA certificate in EF 0002 comes from the card and proves nothing; verifiers use
        # pinned trust anchors, so nothing is embedded.
        return []

    def sign_digest_info(self, digest_info_der: bytes) -> bytes:
        from endingnote.errors import SigningError
        from endingnote.sign.card._rsa import parse_digest_info, verify_digest_info_signature

        parsed = parse_digest_info(digest_info_der)
        if parsed is None or parsed[0] != "sha256":
            raise SigningError("SHA-256 の DigestInfo だけを署名します / only SHA-256 DigestInfos are signed")
        signature = self._card.sign(digest_info_der)
        try:
            verify_digest_info_signature(self._cert, digest_info_der, signature)
        except SigningError as exc:
            raise JpkiCardError("sign.card.bad_signature") from exc
        self.signatures += 1
        return signature


def find_jpki_reader() -> str:
    """The first reader whose card has the JPKI AP."""
    from endingnote.sign.card._pcsc import card_present, connect, list_readers

    readers = list_readers()
    if not readers:
        raise JpkiCardError("sign.card.no_reader")
    last: JpkiCardError | None = None
    for name in readers:
        if not card_present(name):
            continue
        try:
            with connect(name, exclusive=False, reset_after=False) as transport:
                JpkiCard(transport).select_ap()
            return name
        except JpkiCardError as exc:
            last = exc
    raise last or JpkiCardError("sign.card.no_card", reader=", ".join(readers))
