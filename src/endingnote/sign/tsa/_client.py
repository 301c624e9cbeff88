"""Getting a timestamp: from an RFC 3161 HTTP service, or from an in-process authority."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

from endingnote.errors import SigningError
from endingnote.sign.tsa._authority import TimestampAuthority

TimestampSource = str | TimestampAuthority
MAX_RESPONSE = 1 << 20


def resolve_tsa(spec: str | Path | TimestampAuthority) -> TimestampSource:
    """``--tsa URL_OR_DIR``: an ``http(s)://`` URL, or a test-PKI directory (its TSA, in-process)."""
    if isinstance(spec, TimestampAuthority):
        return spec
    text = str(spec)
    if text.startswith(("http://", "https://")):
        return text
    return TimestampAuthority.from_test_pki(text)


def request_timestamp(data: bytes, tsa: TimestampSource, *, timeout: float = 30.0) -> bytes:
    """A ``TimeStampToken`` (DER) over SHA-256(``data``), checked before it is returned.

    Raises :class:`SigningError` when the TSA refuses, answers something else, or cannot be reached.
    """
    from asn1crypto import tsp

    from endingnote.sign.tsa._token import TokenError, parse_token

    digest = hashlib.sha256(data).digest()
    if isinstance(tsa, TimestampAuthority):
        token = tsa.stamp(digest)
        nonce = None
    else:
        nonce = secrets.randbits(63)
        request = tsp.TimeStampReq(
            {
                "version": 1,
                "message_imprint": {"hash_algorithm": {"algorithm": "sha256"}, "hashed_message": digest},
                "nonce": nonce,
                "cert_req": True,
            }
        )
        token = _post(tsa, bytes(request.dump()), timeout)
    try:
        parsed = parse_token(token)
        if nonce is not None:
            from asn1crypto import cms

            tst = cms.ContentInfo.load(token)["content"]["encap_content_info"]["content"].parsed
            if tst["nonce"].native != nonce:
                raise TokenError("the nonce does not match the request")
    except TokenError as exc:
        raise SigningError(f"タイムスタンプが不正です / bad timestamp from the TSA: {exc}") from exc
    if not parsed.matches(data):
        raise SigningError("タイムスタンプの対象が違います / the TSA stamped another imprint")
    return token


def _post(url: str, body: bytes, timeout: float) -> bytes:
    import urllib.error
    import urllib.request

    from endingnote.sign.tsa._token import response_spec

    req = urllib.request.Request(  # noqa: S310 — the scheme is checked by resolve_tsa
        url, data=body, headers={"Content-Type": "application/timestamp-query"}, method="POST"
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310
            payload = resp.read(MAX_RESPONSE + 1)
    except (urllib.error.URLError, OSError) as exc:
        raise SigningError(f"TSA に接続できません / cannot reach the TSA {url}: {exc}") from exc
    if len(payload) > MAX_RESPONSE:
        raise SigningError("TSA の応答が大きすぎます / the TSA response is too large")
    try:
        response = response_spec().load(payload, strict=True)
        status = response["status"]["status"].native
        if status not in ("granted", "granted_with_mods"):
            fail = response["status"]["fail_info"].native
            raise SigningError(f"TSA が拒否しました / the TSA refused: {status} {fail}")
        return bytes(response["time_stamp_token"].dump())
    except (ValueError, TypeError, KeyError) as exc:
        raise SigningError(f"TSA の応答が不正です / malformed TSA response: {exc}") from exc
