"""Timestamps: an in-process RFC 3161 authority, loopback TSA/OCSP servers, the client, token checks.

TEST ONLY servers: they bind 127.0.0.1 and sign with keys held in memory.
"""

from endingnote.sign.tsa._authority import TEST_POLICY, TimestampAuthority
from endingnote.sign.tsa._client import TimestampSource, request_timestamp, resolve_tsa
from endingnote.sign.tsa._ocsp import OcspResponder
from endingnote.sign.tsa._server import LocalServer, serve_ocsp, serve_tsa
from endingnote.sign.tsa._token import TimestampToken, TokenError, parse_token

__all__ = [
    "TEST_POLICY",
    "LocalServer",
    "OcspResponder",
    "TimestampAuthority",
    "TimestampSource",
    "TimestampToken",
    "TokenError",
    "parse_token",
    "request_timestamp",
    "resolve_tsa",
    "serve_ocsp",
    "serve_tsa",
]
