"""``card list`` / ``card info``: what is in the readers, without signing anything."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from endingnote.sign.card import _apdu as a
from endingnote.sign.card._basic4 import BasicFourData, basic_four_data
from endingnote.sign.card._errors import JpkiCardError
from endingnote.sign.card._jpki import JpkiCard, normalise_password
from endingnote.sign.card._pcsc import Transport
from endingnote.sign.card._signer import TOKEN_LABELS


@dataclass(frozen=True, slots=True)
class ReaderInfo:
    reader: str
    card_present: bool
    jpki: bool
    token_label: str | None = None
    error: str | None = None  # a sign.card.* code

    def to_dict(self) -> dict[str, Any]:
        return {
            "reader": self.reader,
            "card_present": self.card_present,
            "jpki": self.jpki,
            "token_label": self.token_label,
            "error": self.error,
        }


@dataclass(frozen=True, slots=True)
class CertificateInfo:
    subject: str
    issuer: str
    serial: str
    not_before: str
    not_after: str
    sha256: str
    policies: tuple[str, ...]
    basic4: BasicFourData | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "issuer": self.issuer,
            "serial": self.serial,
            "not_before": self.not_before,
            "not_after": self.not_after,
            "sha256": self.sha256,
            "policies": list(self.policies),
            "basic4": self.basic4.to_dict() if self.basic4 else None,
        }


@dataclass(frozen=True, slots=True)
class CardInfo:
    reader: str | None
    token_label: str
    token_known: bool
    sign_tries_left: int
    ca_certificate: CertificateInfo | None  # EF 0002, read from the card: informative, never trusted
    certificate: CertificateInfo | None  # EF 0001, only with the signing password
    auth_certificate: CertificateInfo | None = None  # EF 000A (free on a card; PIN-protected on Android)

    def to_dict(self) -> dict[str, Any]:
        return {
            "reader": self.reader,
            "token_label": self.token_label,
            "token_known": self.token_known,
            "sign_tries_left": self.sign_tries_left,
            "locked": self.sign_tries_left == 0,
            "ca_certificate": self.ca_certificate.to_dict() if self.ca_certificate else None,
            "certificate": self.certificate.to_dict() if self.certificate else None,
            "auth_certificate": self.auth_certificate.to_dict() if self.auth_certificate else None,
        }


def describe_certificate(der: bytes) -> CertificateInfo:
    from cryptography import x509

    try:
        cert = x509.load_der_x509_certificate(der)
        try:
            policies = tuple(
                p.policy_identifier.dotted_string
                for p in cert.extensions.get_extension_for_class(x509.CertificatePolicies).value
            )
        except x509.ExtensionNotFound:
            policies = ()
        return CertificateInfo(
            subject=cert.subject.rfc4514_string(),
            issuer=cert.issuer.rfc4514_string(),
            serial=f"{cert.serial_number:X}",
            not_before=cert.not_valid_before_utc.isoformat(),
            not_after=cert.not_valid_after_utc.isoformat(),
            sha256=hashlib.sha256(der).hexdigest().upper(),
            policies=policies,
            basic4=basic_four_data(cert),
        )
    except ValueError as exc:
        raise JpkiCardError("sign.card.bad_certificate", detail=str(exc)) from exc


def card_info_over(
    transport: Transport, *, password: str | bytes | bytearray | None = None, reader: str | None = None
) -> CardInfo:
    """Token label, tries left, the CA certificate; with ``password`` also the signing certificate."""
    secret = normalise_password(password) if password is not None else None
    card = JpkiCard(transport)
    card.select_ap()
    label = card.token_label()
    ca = describe_certificate(card.read_file(a.EF_SIGN_CA))
    try:
        auth = describe_certificate(card.read_file(a.EF_AUTH_CERT))
    except JpkiCardError as exc:
        if exc.sw not in (a.SW_SECURITY_NOT_SATISFIED, a.SW_FILE_NOT_FOUND):
            raise
        auth = None  # the Android token wants the auth PIN; not asked for here
    tries = card.sign_tries_left()
    cert = None
    if secret is not None:
        card.verify_sign_password(secret)
        cert = describe_certificate(card.read_file(a.EF_SIGN_CERT))
    return CardInfo(reader, label, label in TOKEN_LABELS, tries, ca, cert, auth)


def card_info(reader: str | None = None, *, password: str | bytes | bytearray | None = None) -> CardInfo:
    """:func:`card_info_over` on the card in ``reader`` (default: the first JPKI card)."""
    from endingnote.sign.card._pcsc import connect, list_readers, pick_reader
    from endingnote.sign.card._signer import find_jpki_reader

    name = find_jpki_reader() if reader is None else pick_reader(list_readers(), reader)
    with connect(name, exclusive=True, reset_after=password is not None) as transport:
        return card_info_over(transport, password=password, reader=name)


def list_cards() -> list[ReaderInfo]:
    """Every reader, whether a card is in it and whether that card has the JPKI AP."""
    from endingnote.sign.card._pcsc import card_present, connect, list_readers

    out = []
    for name in list_readers():
        if not card_present(name):
            out.append(ReaderInfo(name, False, False))
            continue
        try:
            with connect(name, exclusive=False, reset_after=False) as transport:
                card = JpkiCard(transport)
                card.select_ap()
                out.append(ReaderInfo(name, True, True, card.token_label()))
        except JpkiCardError as exc:
            out.append(ReaderInfo(name, True, False, error=exc.code))
    return out
