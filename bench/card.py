"""Card path benchmark: APDU latency through pcscd + vpcd, and signing time, against baselines.

Figures (one JSON line):
- ``apdu_ms_tuned`` vs ``apdu_ms_plain``: one READ BINARY round trip through pyscard → pcscd → vpcd →
  emulator, with TCP_NODELAY + re-armed TCP_QUICKACK on the virtual card's socket vs a plain socket
  (the baseline, measured in the same run); ``apdu_speedup`` = plain / tuned.
- ``sign_ms_card`` vs ``sign_ms_pkcs12``: a whole JpkiCardSigner session (select, tries, VERIFY, read
  the certificate, sign, check) through pcscd vs one Pkcs12Signer signature; ``card_vs_pkcs12`` = ratio.

Needs root, pcscd and vsmartcard-vpcd (like the integration tests). Run: ``python bench/card.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import tempfile
import time
from pathlib import Path

from endingnote.sign import Pkcs12Signer
from endingnote.sign.card import JpkiCardEmulator, JpkiCardSigner, sha256_digest_info
from endingnote.sign.card import _apdu as a
from endingnote.sign.card._pcsc import connect
from endingnote.sign.card.testing import running_pcscd
from endingnote.sign.testpki import build_test_pki

APDUS = 60
SIGNS = 10


def _apdu_ms(reader: str) -> float:
    with connect(reader, exclusive=True, reset_after=False) as transport:
        transport.transmit(a.select_df(a.JPKI_AID))
        transport.transmit(a.select_ef(a.EF_SIGN_CA))
        times = []
        for _ in range(APDUS):
            start = time.perf_counter()
            transport.transmit(a.read_binary(0, 0xFF))
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pki = build_test_pki(Path(tmp) / "pki", now=dt.datetime(2026, 1, 15, tzinfo=dt.UTC))
        holder = pki.holder("taro")
        assert holder.p12_path is not None
        software = Pkcs12Signer.from_file(holder.p12_path, "TARO1234")
        di = sha256_digest_info(b"bench")
        start = time.perf_counter()
        for _ in range(SIGNS):
            software.sign_digest_info(di)
        pkcs12_ms = (time.perf_counter() - start) / SIGNS * 1000
        with running_pcscd() as daemon:
            card = JpkiCardEmulator.from_test_pki(pki, "taro")
            with daemon.insert(card, low_latency=False):
                plain = _apdu_ms(daemon.reader)
            with daemon.insert(card, low_latency=True):
                tuned = _apdu_ms(daemon.reader)
                start = time.perf_counter()
                for _ in range(SIGNS):
                    with JpkiCardSigner.open("TARO1234", reader=daemon.reader) as signer:
                        signer.sign_digest_info(di)
                card_ms = (time.perf_counter() - start) / SIGNS * 1000
    print(
        json.dumps(
            {
                "bench": "card",
                "apdu_ms_plain": round(plain, 3),
                "apdu_ms_tuned": round(tuned, 3),
                "apdu_speedup": round(plain / tuned, 1),
                "sign_ms_card": round(card_ms, 2),
                "sign_ms_pkcs12": round(pkcs12_ms, 2),
                "card_vs_pkcs12": round(card_ms / pkcs12_ms, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
