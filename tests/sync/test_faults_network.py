"""The network between station and province: TLS is always verified, a province's own CA can be configured, and
HTTP(S) proxies from the environment are used.

The TLS server is the live test server's application served a second time by uvicorn with a certificate issued by
a CA generated here (as a province running its own CA would); the proxy is the tests' :class:`FaultProxy`, which
speaks both absolute-form HTTP and ``CONNECT``.
"""

from __future__ import annotations

import ipaddress
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import certifi
import pytest
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from app.services.sync import SyncService, failure_message
from sync.client import CA_BUNDLE_ENV, SyncError
from tests.server.harness import LiveServer, free_port
from tests.support.stations import REPO
from tests.sync.conftest import PASSWORD, Client, FaultProxy

SOURCE_DIRS = ("app", "bench", "localdb", "server", "sync", "ui")
SWITCHED_OFF = re.compile(
    r"verify\s*=\s*False|CERT_NONE|check_hostname\s*=\s*False|disable_warnings|trust_env\s*=\s*False|"
    r"_create_unverified_context"
)
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


def test_tls_verification_is_never_switched_off() -> None:
    offending = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for folder in SOURCE_DIRS
        for path in sorted((REPO / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SWITCHED_OFF.search(line)
    ]
    assert offending == []


@dataclass(frozen=True)
class TlsServer:
    base: str
    ca_bundle: Path
    """PEM of the CA that issued the server's certificate."""


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def issue_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A CA (self-signed root) and a server certificate for 127.0.0.1 it signed: (CA PEM, server cert, server key)."""
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(_name("StationDesk test province CA"))
        .issuer_name(_name("StationDesk test province CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_pem, cert_pem, key_pem = folder / "province-ca.pem", folder / "server.pem", folder / "server.key"
    ca_pem.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_pem.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return ca_pem, cert_pem, key_pem


@pytest.fixture(scope="module")
def tls(live: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TlsServer]:
    ca_pem, cert_pem, key_pem = issue_certificates(tmp_path_factory.mktemp("tls"))
    port = free_port()
    config = uvicorn.Config(
        live.app,
        host="127.0.0.1",
        port=port,
        ssl_certfile=str(cert_pem),
        ssl_keyfile=str(key_pem),
        lifespan="off",  # the plain-HTTP instance owns the application's lifetime
        log_config=None,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-tls", daemon=True)
    thread.start()
    while not server.started:
        assert thread.is_alive(), "the TLS test server did not start"
        time.sleep(0.01)
    yield TlsServer(f"https://127.0.0.1:{port}", ca_pem)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def no_proxy_settings(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Proxy and CA variables from the machine running the tests are not the tests' business."""
    for name in (*PROXY_VARIABLES, CA_BUNDLE_ENV, "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


def sync_with(client: Client, base: str, ca_bundle: str | None = None):  # type: ignore[no-untyped-def]
    return SyncService(client.db, client.evidence_db, client.store, ca_bundle=ca_bundle).run(base, "demo1", PASSWORD)


def test_a_certificate_from_an_unknown_ca_is_refused(
    client: Client, tls: TlsServer, no_proxy_settings: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SyncError) as caught:
        sync_with(client, tls.base)
    assert caught.value.kind == "tls"
    assert failure_message(caught.value) is not None
    assert client.sync.state() is None  # nothing was sent, nothing adopted


@pytest.mark.parametrize("how", ["option", "environment", "requests_environment"])
def test_the_provinces_ca_bundle_is_trusted_once_configured(
    client: Client, tls: TlsServer, no_proxy_settings: pytest.MonkeyPatch, how: str
) -> None:
    """``--ca-bundle`` and STATIONDESK_CA_BUNDLE win over REQUESTS_CA_BUNDLE (here: a bundle without that CA)."""
    if how == "requests_environment":
        no_proxy_settings.setenv("REQUESTS_CA_BUNDLE", str(tls.ca_bundle))
    else:
        no_proxy_settings.setenv("REQUESTS_CA_BUNDLE", certifi.where())
    if how == "environment":
        no_proxy_settings.setenv(CA_BUNDLE_ENV, str(tls.ca_bundle))
    receipt = sync_with(client, tls.base, str(tls.ca_bundle) if how == "option" else None)
    assert receipt.verified is True and receipt.pulled_changes > 0


def test_a_missing_ca_bundle_file_is_a_clear_error(
    client: Client, tls: TlsServer, tmp_path: Path, no_proxy_settings: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no-such-ca.pem"
    with pytest.raises(SyncError) as caught:
        sync_with(client, tls.base, str(missing))
    assert caught.value.kind == "tls" and str(missing) in str(caught.value)
    assert client.sync.state() is None


def test_https_goes_through_the_https_proxy(
    client: Client, tls: TlsServer, proxy: FaultProxy, no_proxy_settings: pytest.MonkeyPatch
) -> None:
    no_proxy_settings.setenv("HTTPS_PROXY", proxy.base)
    receipt = sync_with(client, tls.base, str(tls.ca_bundle))
    assert receipt.verified is True
    tunnels = {seen.path for seen in proxy.seen if seen.via == "connect"}
    assert tunnels == {tls.base.removeprefix("https://")}  # end-to-end TLS through a CONNECT tunnel


def test_http_goes_through_the_http_proxy(
    client: Client, live: LiveServer, proxy: FaultProxy, no_proxy_settings: pytest.MonkeyPatch
) -> None:
    no_proxy_settings.setenv("HTTP_PROXY", proxy.base)
    receipt = sync_with(client, live.base)
    assert receipt.verified is True
    assert proxy.seen and {seen.via for seen in proxy.seen} == {"absolute"}
    assert {seen.path for seen in proxy.seen} >= {"/login", "/hello", "/pull", "/verify"}
