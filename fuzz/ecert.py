"""Fuzz e-certificates (戸籍電子証明書, CMS): verified against the seeds' issuer, and untrusted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from _common import instrumented, main

with instrumented():
    from endingnote.koseki import verify_ecert

ISSUER = (Path(__file__).parent / "data" / "ecert-issuer.pem").read_bytes()
NOW = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))


def one_input(data: bytes) -> None:
    verify_ecert(data, [ISSUER], now=NOW, expected_code="1111222233334444")
    verify_ecert(data, [], now=NOW)


if __name__ == "__main__":
    main(one_input)
