"""Certificate providers: a directory, and HTTP against a real local server on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from endingnote.koseki import (
    CertificateProvider,
    DirectoryProvider,
    HttpProvider,
    LocalCertificateServer,
    Register,
    resolve,
    sign_ecert,
)
from endingnote.sign import Pkcs12Signer
from endingnote.sign.testpki import TestPki

from .conftest import CHECK_AT, ISSUED_AT

CODE = "1111222233334444"
OTHER = "5555666677778888"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, registers: list[Register], pki: TestPki) -> Path:
    cred = pki.koseki_issuer
    assert cred.p12_path is not None and cred.password is not None
    signer = Pkcs12Signer.from_file(cred.p12_path, cred.password)
    root = tmp_path_factory.mktemp("ecerts")
    (root / f"{CODE}.p7m").write_bytes(sign_ecert(registers[4], signer, code=CODE, issued_at=ISSUED_AT))
    # a certificate stored under the wrong code: the provider must not be trusted about which code it is
    (root / f"{OTHER}.p7m").write_bytes((root / f"{CODE}.p7m").read_bytes())
    return root


@pytest.fixture
def server(store: Path) -> Iterator[LocalCertificateServer]:
    with LocalCertificateServer(DirectoryProvider(store)) as running:
        yield running


def _anchors(pki: TestPki) -> list[bytes]:
    return [pki.koseki_issuer.cert_path.read_bytes()]


def test_directory_provider(store: Path, pki: TestPki) -> None:
    provider = DirectoryProvider(store)
    assert isinstance(provider, CertificateProvider)
    result = resolve(provider, CODE, _anchors(pki), now=CHECK_AT)
    assert result.valid and result.register is not None
    assert (
        resolve(provider, "0000000000000000", _anchors(pki), now=CHECK_AT).issues[0].code
        == "koseki.provider.not_found"
    )
    mismatch = resolve(provider, OTHER, _anchors(pki), now=CHECK_AT)
    assert not mismatch.valid and [i.code for i in mismatch.issues] == ["koseki.ecert.code_mismatch"]


@pytest.mark.parametrize(
    "code",
    ["../../etc/passwd", "123456789012345", "12345678901234567", "１２３４５６７８９０１２３４５６", ""],
)
def test_bad_codes_never_touch_the_filesystem_or_network(
    code: str, store: Path, server: LocalCertificateServer
) -> None:
    assert DirectoryProvider(store).fetch(code).issues[0].code == "koseki.ecert.code_format"
    assert HttpProvider(server.url).fetch(code).issues[0].code == "koseki.ecert.code_format"
    assert server.requests == []


def test_http_provider_against_the_local_server(server: LocalCertificateServer, pki: TestPki) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    result = resolve(HttpProvider(server.url, timeout=5), CODE, _anchors(pki), now=CHECK_AT)
    assert result.valid, [i.to_dict() for i in result.issues]
    assert server.requests == [CODE]
    missing = HttpProvider(server.url).fetch("0000000000000000")
    assert missing.data is None and missing.issues[0].code == "koseki.provider.not_found"


def test_http_provider_size_bound(server: LocalCertificateServer) -> None:
    fetched = HttpProvider(server.url, max_bytes=100).fetch(CODE)
    assert fetched.data is None and fetched.issues[0].code == "koseki.provider.too_large"


def test_http_provider_other_status(server: LocalCertificateServer) -> None:
    fetched = HttpProvider(server.url + "/nothing-here").fetch(CODE)
    assert fetched.issues[0].code in {"koseki.provider.not_found", "koseki.provider.http"}


def test_http_provider_unreachable_and_timeout() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    fetched = HttpProvider(f"http://127.0.0.1:{port}", timeout=2).fetch(CODE)
    assert fetched.issues[0].code == "koseki.provider.unreachable"

    silent = socket.socket()  # accepts connections and never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    accepted: list[socket.socket] = []
    thread = threading.Thread(target=lambda: accepted.append(silent.accept()[0]), daemon=True)
    thread.start()
    try:
        fetched = HttpProvider(f"http://127.0.0.1:{silent.getsockname()[1]}", timeout=0.5).fetch(CODE)
        assert fetched.issues[0].code == "koseki.provider.timeout"
    finally:
        thread.join(timeout=2)
        for conn in accepted:
            conn.close()
        silent.close()


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org", "127.0.0.1:8000", "http://"])
def test_http_provider_refuses_other_schemes(url: str) -> None:
    with pytest.raises(ValueError, match="http"):
        HttpProvider(url)
