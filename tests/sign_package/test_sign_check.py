"""``sign`` refuses a certificate that is revoked or outside its validity, checked with the CRL or
OCSP it is given, and says so when it cannot check."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from endingnote.errors import SigningError
from endingnote.sign import check_signing_certificate, create_package
from endingnote.sign.testpki import TestPki, revoke
from endingnote.sign.tsa import OcspResponder, serve_ocsp

from .conftest import signer_for, write_note


def _sign(*args: object, password: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "endingnote", "sign", *map(str, args), "--password-env", "EN_PW"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "EN_PW": password},
    )


def test_a_revoked_certificate_is_refused_with_the_crl(pki_copy: TestPki, tmp_path: Path) -> None:
    pki = revoke(
        pki_copy.dir, "taro", at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1), reason="keyCompromise"
    )
    holder = pki.holder("taro")
    out = tmp_path / "x.asice"
    crls = [a for c in pki.crl_paths for a in ("--crl", c)]
    done = _sign(
        write_note(tmp_path), "-o", out, "--pkcs12", holder.p12_path, "--tsa", pki.dir, *crls,
        "--trust", pki.sign_cas_pem, password=holder.password or "",
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "revoked" in done.stderr and "失効" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


def test_a_revoked_certificate_is_refused_with_ocsp(pki_copy: TestPki, tmp_path: Path) -> None:
    pki = revoke(
        pki_copy.dir, "taro", at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1), reason="unspecified"
    )
    with (
        serve_ocsp(OcspResponder.from_test_pki(pki.dir)) as server,
        pytest.raises(SigningError, match="revoked"),
    ):
        check_signing_certificate(signer_for(pki, "taro"), ocsp=server.url, trust=pki.sign_cas_pem)


def test_a_good_certificate_with_a_current_crl(pki_copy: TestPki) -> None:
    checked = check_signing_certificate(
        signer_for(pki_copy, "taro"), crls=pki_copy.crl_paths, trust=pki_copy.sign_cas_pem
    )
    assert checked.status == "good" and (checked.source or "").startswith("crl:")


def test_a_good_certificate_with_ocsp(pki_copy: TestPki) -> None:
    with serve_ocsp(OcspResponder.from_test_pki(pki_copy.dir)) as server:
        checked = check_signing_certificate(
            signer_for(pki_copy, "taro"), ocsp=server.url, trust=pki_copy.sign_cas_pem
        )
    assert checked.status == "good" and checked.source == f"ocsp:{server.url}"


def test_when_nothing_can_be_checked_it_says_so(pki_copy: TestPki) -> None:
    signer = signer_for(pki_copy, "taro")
    assert check_signing_certificate(signer).status == "unknown"

    class CardLike:  # like the card: the CA certificate it holds is not embedded, so nothing in chain_der
        certificate_der = signer.certificate_der
        chain_der: tuple[bytes, ...] = ()
        sign_digest_info = signer.sign_digest_info

    without_issuer = check_signing_certificate(CardLike(), crls=pki_copy.crl_paths)
    assert without_issuer.status == "unknown" and "--trust" in without_issuer.detail
    with serve_ocsp(OcspResponder()) as server:  # a responder that knows no CA
        refused = check_signing_certificate(signer, ocsp=server.url, trust=pki_copy.sign_cas_pem)
    assert refused.status == "unknown" and "could not be checked" in refused.message


def test_a_certificate_outside_its_validity_is_refused(pki: TestPki, tmp_path: Path) -> None:
    signer = signer_for(pki, "taro")
    later = signer.certificate.not_valid_after_utc + dt.timedelta(days=1)
    with pytest.raises(SigningError, match="outside its validity"):
        create_package(
            write_note(tmp_path), [], tmp_path / "x.asice", signer, validate=False, signing_time=later
        )
    assert not (tmp_path / "x.asice").exists()
    holder = pki.holder("taro")
    done = _sign(
        write_note(tmp_path), "-o", tmp_path / "y.asice", "--pkcs12", holder.p12_path, "--json",
        password=holder.password or "",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["revocation"] == "unknown"
