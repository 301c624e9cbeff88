"""The test PKI has the J-LIS profile (jpki.md §2) and its CRLs say what happened."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, SignatureAlgorithmOID
from hypothesis import given
from hypothesis import strategies as st

from endingnote.errors import InputError
from endingnote.sign.card import basic_four_data, decode_birth_date, encode_birth_date
from endingnote.sign.testpki import (
    HOLDERS,
    POLICY_SIGN,
    POLICY_SIGN_PHONE,
    POLICY_SIGN_TEST_CARD,
    TestPki,
    build_test_pki,
    load_test_pki,
    revoke,
)
from endingnote.sign.testpki._specs import fifth_birthday_after

from .conftest import NOW, openssl, rsa_public

JPKI_DN = "OU=Japan Agency for Local Authority Information Systems,OU=JPKI for digital signature,O=JPKI,C=JP"


def _ext(cert: x509.Certificate, cls: type[x509.ExtensionType]) -> x509.Extension[x509.ExtensionType]:
    return cert.extensions.get_extension_for_class(cls)


def test_sign_ca_generations_share_one_dn_but_not_keys(pki: TestPki) -> None:
    cas = list(pki.sign_cas.values())
    assert [c.generation for c in cas] == [1, 2, 3]
    assert {c.cert.subject.rfc4514_string() for c in cas} == {JPKI_DN}
    assert len({c.cert.public_key().public_numbers().n for c in cas}) == 3  # type: ignore[union-attr]
    assert [c.cert.serial_number for c in cas] == [0x01, 0x0132C4AB, 0x067C6A21]
    for ca in cas:
        assert ca.cert.issuer == ca.cert.subject
        ca.cert.verify_directly_issued_by(ca.cert)
        bc = _ext(ca.cert, x509.BasicConstraints)
        assert bc.critical and bc.value.ca  # type: ignore[attr-defined]
        ku = _ext(ca.cert, x509.KeyUsage)
        assert ku.critical and ku.value.key_cert_sign and ku.value.crl_sign  # type: ignore[attr-defined]
    # generation 1 has expired, like signca01; 3 is current
    assert pki.sign_cas["sign-ca-1"].cert.not_valid_after_utc < NOW
    assert (
        pki.sign_cas["sign-ca-3"].cert.not_valid_before_utc
        < NOW
        < pki.sign_cas["sign-ca-3"].cert.not_valid_after_utc
    )
    # the PEM bundle holds every generation
    bundle = x509.load_pem_x509_certificates(pki.sign_cas_pem.read_bytes())
    assert {c.fingerprint(hashes.SHA256()) for c in bundle} == {
        c.cert.fingerprint(hashes.SHA256()) for c in cas
    }


@pytest.mark.parametrize("holder_id", [h.id for h in HOLDERS])
def test_holder_certificate_profile(pki: TestPki, holder_id: str) -> None:
    holder = pki.holder(holder_id)
    cert = holder.cert
    issuer = pki.sign_cas[holder.issuer_id].cert
    key = cert.public_key()
    assert isinstance(key, rsa.RSAPublicKey)
    assert key.key_size == 2048 and key.public_numbers().e == 65537
    assert cert.signature_algorithm_oid == SignatureAlgorithmOID.RSA_WITH_SHA256
    cert.verify_directly_issued_by(issuer)
    for other in pki.sign_cas.values():  # same DN, but only the right generation's key verifies
        if other.id != holder.issuer_id:
            with pytest.raises(Exception):  # noqa: B017 (InvalidSignature from the backend)
                cert.verify_directly_issued_by(other.cert)
    aki = _ext(cert, x509.AuthorityKeyIdentifier).value
    ski = _ext(issuer, x509.SubjectKeyIdentifier).value
    assert aki.key_identifier == ski.digest  # type: ignore[attr-defined]

    ku = _ext(cert, x509.KeyUsage)
    assert ku.critical
    v = ku.value
    assert v.digital_signature and v.content_commitment  # type: ignore[attr-defined]
    assert not (v.key_encipherment or v.key_cert_sign or v.crl_sign)  # type: ignore[attr-defined]

    pol = _ext(cert, x509.CertificatePolicies)
    assert pol.critical
    (info,) = list(pol.value)  # type: ignore[call-overload]
    expected = {"taro_phone": POLICY_SIGN_PHONE, "tester": POLICY_SIGN_TEST_CARD}.get(holder_id, POLICY_SIGN)
    assert info.policy_identifier.dotted_string == expected
    assert info.policy_qualifiers == ["http://www.jpki.go.jp/cps.html"]

    dp = _ext(cert, x509.CRLDistributionPoints).value
    names = [n for point in dp for n in point.full_name]  # type: ignore[attr-defined]
    assert names and all(isinstance(n, x509.DirectoryName) for n in names)  # DirName only, no URL
    ian = _ext(cert, x509.IssuerAlternativeName).value
    assert [n.value.rfc4514_string() for n in ian] == ["O=公的個人認証サービス,C=JP"]  # type: ignore[attr-defined]
    with pytest.raises(x509.ExtensionNotFound):
        cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess)

    # validity ends on the 5th birthday after issue, 23:59:59 JST
    b4 = basic_four_data(cert)
    assert b4 is not None and b4 == holder.basic4
    born = b4.birth_date_gregorian
    assert born is not None
    end = cert.not_valid_after_utc.astimezone(dt.timezone(dt.timedelta(hours=9)))
    assert (end.hour, end.minute, end.second) == (23, 59, 59)
    assert end.date() == fifth_birthday_after(
        cert.not_valid_before_utc.astimezone(dt.timezone(dt.timedelta(hours=9))).date(), born
    )
    assert b4.name_flags is not None and len(b4.name_flags) == len(b4.name)
    assert b4.address_flags is not None and len(b4.address_flags) == len(b4.address)


def test_taro_is_the_example_person(pki: TestPki) -> None:
    b4 = pki.holder("taro").basic4
    assert b4.name == "山田\u3000太郎"
    assert b4.birth_date == "319500401"  # 昭和 (3), 1950-04-01
    assert b4.birth_date_gregorian == dt.date(1950, 4, 1)
    assert b4.sex == "1"
    assert b4.address == "東京都千代田区霞が関二丁目１－２"
    assert not b4.name_substituted
    assert pki.holder("takahashi").basic4.name_substituted
    assert pki.holder("takahashi").basic4.name_flags == "10000"


def test_san_otherNames_are_utf8strings_with_jlis_oids(pki: TestPki) -> None:
    san = _ext(pki.holder("taro").cert, x509.SubjectAlternativeName).value
    others = san.get_values_for_type(x509.OtherName)  # type: ignore[attr-defined]
    assert [o.type_id.dotted_string for o in others] == [f"1.2.392.200149.8.5.5.{i}" for i in range(1, 7)]
    assert others[0].value == b"\x0c\x0f" + "山田\u3000太郎".encode()
    # and openssl reads the same
    text = openssl("x509", "-in", str(pki.holder("taro").cert_path), "-noout", "-ext", "subjectAltName")
    assert text.returncode == 0
    assert "1.2.392.200149.8.5.5.4::319500401" in text.stdout.decode()


def test_crls_list_revocations_with_reasons_and_dates(pki: TestPki) -> None:
    crl3 = pki.sign_cas["sign-ca-3"].crl
    assert crl3.is_signature_valid(pki.sign_cas["sign-ca-3"].cert.public_key())  # type: ignore[arg-type]
    assert not crl3.is_signature_valid(pki.sign_cas["sign-ca-2"].cert.public_key())  # type: ignore[arg-type]
    lost = crl3.get_revoked_certificate_by_serial_number(pki.holder("lost").cert.serial_number)
    assert lost is not None
    assert lost.revocation_date_utc == NOW - dt.timedelta(days=30)
    reason = lost.extensions.get_extension_for_class(x509.CRLReason).value
    assert reason.reason is x509.ReasonFlags.certificate_hold
    inval = lost.extensions.get_extension_for_class(x509.InvalidityDate).value
    assert inval.invalidity_date_utc == NOW - dt.timedelta(days=35)
    assert crl3.get_revoked_certificate_by_serial_number(pki.holder("taro").cert.serial_number) is None
    crl2 = pki.sign_cas["sign-ca-2"].crl
    old = crl2.get_revoked_certificate_by_serial_number(pki.holder("taro_2019").cert.serial_number)
    assert old is not None
    assert old.extensions.get_extension_for_class(x509.CRLReason).value.reason is x509.ReasonFlags.superseded
    assert crl3.last_update_utc <= NOW < crl3.next_update_utc  # type: ignore[operator]


def test_openssl_verifies_chains_and_crls(pki: TestPki) -> None:
    at = str(int(NOW.timestamp()))
    crls = [arg for ca in pki.sign_cas.values() for arg in ("-CRLfile", str(ca.crl_path.with_suffix(".pem")))]
    base = ["verify", "-attime", at, "-CAfile", str(pki.sign_cas_pem), "-crl_check", *crls]
    for holder_id in ("taro", "hanako", "ichiro", "stranger", "taro_phone"):
        result = openssl(*base, str(pki.holder(holder_id).cert_path))
        assert result.returncode == 0, result.stderr
    for holder_id in ("lost", "taro_2019"):
        result = openssl(*base, str(pki.holder(holder_id).cert_path))
        assert result.returncode != 0
        assert b"certificate revoked" in result.stdout + result.stderr


def test_services(pki: TestPki) -> None:
    eku = _ext(pki.tsa.cert, x509.ExtendedKeyUsage)
    assert eku.critical and list(eku.value) == [ExtendedKeyUsageOID.TIME_STAMPING]  # type: ignore[call-overload]
    pki.tsa.cert.verify_directly_issued_by(pki.root.cert)
    assert pki.tsa.chain == [pki.root.cert]
    ocsp_eku = _ext(pki.ocsp.cert, x509.ExtendedKeyUsage).value
    assert list(ocsp_eku) == [ExtendedKeyUsageOID.OCSP_SIGNING]  # type: ignore[call-overload]
    pki.ocsp.cert.verify_directly_issued_by(pki.sign_cas["sign-ca-3"].cert)
    for cred in (pki.attestation, pki.koseki_issuer):
        cred.cert.verify_directly_issued_by(pki.root.cert)
        assert cred.p12_path is not None and cred.password is not None
        key, cert, _ = pkcs12.load_key_and_certificates(cred.p12_path.read_bytes(), cred.password.encode())
        assert cert == cred.cert and key is not None
    # the openssl ts config points at real files
    config = pki.tsa_config.read_text()
    assert str(pki.tsa.cert_path) in config and str(pki.tsa.key_path) in config


def test_ocsp_index_is_openssl_format(pki: TestPki) -> None:
    lines = [line.split("\t") for line in pki.ocsp_index.read_text().splitlines()]
    by_serial = {int(f[3], 16): f for f in lines}
    assert all(len(f) == 6 for f in lines)
    lost = by_serial[pki.holder("lost").cert.serial_number]
    assert lost[0] == "R" and lost[2].endswith(",certificateHold,holdInstructionReject")
    assert by_serial[pki.holder("taro").cert.serial_number][0] == "V"
    assert pki.holder("ichiro").cert.serial_number not in by_serial  # other generation


def test_pkcs12_has_key_cert_and_issuer(pki: TestPki) -> None:
    holder = pki.holder("hanako")
    assert holder.p12_path is not None and holder.password == "HANAKO1234"
    key, cert, extra = pkcs12.load_key_and_certificates(holder.p12_path.read_bytes(), b"HANAKO1234")
    assert cert == holder.cert and extra == [pki.sign_cas["sign-ca-3"].cert]
    assert isinstance(key, rsa.RSAPrivateKey)
    sig = key.sign(b"x", padding.PKCS1v15(), hashes.SHA256())
    rsa_public(holder.cert).verify(sig, b"x", padding.PKCS1v15(), hashes.SHA256())
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(holder.p12_path.read_bytes(), b"WRONG")
    result = openssl(
        "pkcs12", "-in", str(holder.p12_path), "-passin", "pass:HANAKO1234", "-nokeys", "-clcerts"
    )
    assert result.returncode == 0 and b"BEGIN CERTIFICATE" in result.stdout


def test_revoke_reissues_the_crl(fresh_pki: TestPki) -> None:
    death = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    before = fresh_pki.sign_cas["sign-ca-3"]
    after = revoke(fresh_pki.dir, "taro", at=death + dt.timedelta(days=3), reason="cessation_of_operation")
    ca = after.sign_cas["sign-ca-3"]
    assert ca.crl_number == before.crl_number + 1
    crl = ca.crl
    assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == ca.crl_number
    entry = crl.get_revoked_certificate_by_serial_number(after.holder("taro").cert.serial_number)
    assert entry is not None
    assert entry.revocation_date_utc == death + dt.timedelta(days=3)
    assert entry.extensions.get_extension_for_class(x509.CRLReason).value.reason is (
        x509.ReasonFlags.cessation_of_operation
    )
    assert crl.last_update_utc == death + dt.timedelta(days=3)
    # earlier entries stay; the other generations' CRLs are untouched
    assert crl.get_revoked_certificate_by_serial_number(after.holder("lost").cert.serial_number) is not None
    assert after.sign_cas["sign-ca-2"].crl_number == fresh_pki.sign_cas["sign-ca-2"].crl_number
    assert after.holder("taro").revoked is not None
    assert after.holder("taro").revoked.reason == "cessationOfOperation"  # type: ignore[union-attr]
    index = after.ocsp_index.read_text()
    assert f"\t{after.holder('taro').cert.serial_number:X}\t" in index
    assert "R\t" in index.splitlines()[0]
    # a CRL is never back-dated before the previous one
    again = revoke(after.dir, "stranger", at=NOW - dt.timedelta(days=50), reason="keyCompromise")
    assert again.sign_cas["sign-ca-3"].crl.last_update_utc == death + dt.timedelta(days=3)


def test_revoke_refuses_nonsense(fresh_pki: TestPki) -> None:
    with pytest.raises(ValueError, match="unknown CRL reason"):
        revoke(fresh_pki.dir, "taro", at=NOW, reason="died")
    with pytest.raises(InputError):
        revoke(fresh_pki.dir, "nobody", at=NOW)
    with pytest.raises(InputError, match="before issue"):
        revoke(fresh_pki.dir, "taro", at=NOW - dt.timedelta(days=3650))
    with pytest.raises(ValueError, match="timezone"):
        revoke(fresh_pki.dir, "taro", at=dt.datetime(2026, 3, 1))


def test_build_refuses_to_overwrite_and_load_refuses_garbage(tmp_path: Path, pki: TestPki) -> None:
    with pytest.raises(InputError, match="already"):
        build_test_pki(pki.dir, now=NOW)
    with pytest.raises(InputError, match="not a test PKI"):
        load_test_pki(tmp_path)
    (tmp_path / "manifest.json").write_text("[1, 2")
    with pytest.raises(InputError, match="unreadable"):
        load_test_pki(tmp_path)
    (tmp_path / "manifest.json").write_text(json.dumps({"format": "something-else"}))
    with pytest.raises(InputError, match="unknown format"):
        load_test_pki(tmp_path)
    with pytest.raises(InputError):
        pki.holder("nobody")
    hostile = json.loads((pki.dir / "manifest.json").read_text())
    hostile["holders"]["taro"]["key"] = "../../../../etc/shadow"
    (tmp_path / "manifest.json").write_text(json.dumps(hostile))
    with pytest.raises(InputError, match="outside"):
        load_test_pki(tmp_path)
    hostile["holders"]["taro"]["key"] = "/etc/shadow"
    (tmp_path / "manifest.json").write_text(json.dumps(hostile))
    with pytest.raises(InputError, match="outside"):
        load_test_pki(tmp_path)


def test_manifest_round_trips(pki: TestPki) -> None:
    again = load_test_pki(pki.dir)
    assert again.holders.keys() == pki.holders.keys()
    assert again.holder("taro").cert == pki.holder("taro").cert
    assert again.created == NOW
    manifest = json.loads((pki.dir / "manifest.json").read_text())
    for entry in manifest["holders"].values():  # relative paths only: the folder can move
        assert not Path(entry["cert"]).is_absolute()


# --- the EYYYYMMDD birth date -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (dt.date(1868, 10, 22), "0"),
        (dt.date(1868, 10, 23), "1"),
        (dt.date(1912, 7, 29), "1"),
        (dt.date(1912, 7, 30), "2"),
        (dt.date(1926, 12, 24), "2"),
        (dt.date(1926, 12, 25), "3"),
        (dt.date(1989, 1, 7), "3"),
        (dt.date(1989, 1, 8), "4"),
        (dt.date(2019, 4, 30), "4"),
        (dt.date(2019, 5, 1), "5"),
    ],
)
def test_era_boundaries(day: dt.date, code: str) -> None:
    assert encode_birth_date(day) == f"{code}{day:%Y%m%d}"


@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_birth_date_round_trip(day: dt.date) -> None:
    encoded = encode_birth_date(day)
    assert len(encoded) == 9 and decode_birth_date(encoded) == day


@given(st.text(max_size=12))
def test_decode_birth_date_never_raises(value: str) -> None:
    result = decode_birth_date(value)
    assert result is None or encode_birth_date(result)[1:] == value[1:]


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.dates(max_value=dt.date(2000, 1, 1)),
)
def test_fifth_birthday_after(issued: dt.date, born: dt.date) -> None:
    end = fifth_birthday_after(issued, born)
    assert issued < end <= issued + dt.timedelta(days=5 * 366 + 1)
    assert (end.month, end.day) == (born.month, born.day) or (born.month, born.day) == (2, 29)
    assert end - dt.timedelta(days=4 * 366) <= issued + dt.timedelta(days=366)


def test_auth_certificates(pki: TestPki) -> None:
    auth_dn = (
        "OU=Japan Agency for Local Authority Information Systems,OU=JPKI for user authentication,O=JPKI,C=JP"
    )
    assert {c.cert.subject.rfc4514_string() for c in pki.auth_cas.values()} == {auth_dn}
    assert [c.cert.serial_number for c in pki.auth_cas.values()] == [0x01, 0x0133C349, 0x06D18006]
    for holder in pki.holders.values():
        auth = holder.auth
        assert auth is not None and auth.password == "1234"
        assert auth.chain[0] == pki.auth_cas[holder.issuer_id.replace("sign", "auth")].cert
        auth.cert.verify_directly_issued_by(auth.chain[0])
        ku = _ext(auth.cert, x509.KeyUsage).value
        assert ku.digital_signature and not ku.content_commitment  # type: ignore[attr-defined]
        (policy,) = list(_ext(auth.cert, x509.CertificatePolicies).value)  # type: ignore[call-overload]
        assert policy.policy_identifier.dotted_string == "1.2.392.200149.8.5.1.3.30"
        assert basic_four_data(auth.cert) is None  # no 基本4情報 in the auth certificate
        assert auth.cert.not_valid_after_utc == holder.cert.not_valid_after_utc
    at = str(int(NOW.timestamp()))
    auth_pem = pki.dir / "jpki/auth-cas.pem"
    taro_auth = pki.holder("taro").auth
    assert taro_auth is not None
    result = openssl("verify", "-attime", at, "-CAfile", str(auth_pem), str(taro_auth.cert_path))
    assert result.returncode == 0, result.stderr
