"""SSRF and DNS rebinding: where a webhook may go, and that it goes exactly where was checked.

The host name is resolved once per request; the connection goes to that address, with the
name kept in the Host header and, for https, in SNI and the certificate check."""

import datetime
import http.server
import socket
import ssl
import threading

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.core.management import call_command
from django.test import Client

from samenspraak.api.tests.conftest import bearer
from samenspraak.consultation.events import InputAnswered
from samenspraak.core.tests.test_events import run_worker
from samenspraak.webhooks import checks, targets
from samenspraak.webhooks.tests.test_delivery import answer, subscribe

REFUSED = "Webhooks gaan alleen naar openbare adressen op internet."
NAME = "ontvanger.test"


@pytest.fixture
def resolver(monkeypatch):
    """A DNS for NAME that answers from a list, one answer per lookup, and counts lookups.
    Every other name (and the IP literals urllib3 passes on) goes to the real resolver."""
    real = socket.getaddrinfo
    state = {"answers": [], "lookups": 0}

    def getaddrinfo(host, port, *args, **kwargs):
        if host != NAME:
            return real(host, port, *args, **kwargs)
        state["lookups"] += 1
        answer = state["answers"].pop(0) if len(state["answers"]) > 1 else state["answers"][0]
        family = {True: socket.AF_INET6, False: socket.AF_INET}
        return [(family[":" in ip], socket.SOCK_STREAM, 6, "", (ip, port)) for ip in answer]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return state


@pytest.mark.real_queue
@pytest.mark.django_db(transaction=True)
def test_a_name_that_resolves_to_this_machine_is_refused_without_the_allow_list(
    receiver, token, settings
):
    port = receiver.url.split(":")[2].split("/")[0]
    url = f"http://localhost:{port}/hook"
    settings.SAMENSPRAAK_WEBHOOKS_ALLOWED_NETWORKS = []
    assert targets.problem(url) == REFUSED
    assert targets.problem(f"https://localhost:{port}/hook") == REFUSED
    response = Client().post(
        "/api/v1/webhooks/subscriptions",
        {"targetUrl": url, "eventTypes": [InputAnswered.type]},
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 400
    problems = {p["name"]: p["reason"] for p in response.json()["invalidParams"]}
    assert problems == {"targetUrl": REFUSED}
    assert receiver.handshakes == []  # nothing was even asked

    settings.SAMENSPRAAK_WEBHOOKS_ALLOWED_NETWORKS = ["127.0.0.1/32", "::1/128"]
    assert targets.problem(url) is None


@pytest.mark.parametrize(
    "answer",
    [
        ["10.0.0.8"],
        ["169.254.169.254"],
        ["8.8.8.8", "192.168.1.20"],  # one public, one private: refused as a whole
        ["::ffff:10.0.0.1"],  # IPv4-mapped IPv6
        ["fd00::1"],
        ["224.0.0.1"],
        ["0.0.0.0"],  # noqa: S104 (an address to refuse, not one to bind)
        ["100.64.0.1"],  # carrier-grade NAT, not global
    ],
)
def test_names_that_resolve_inside_are_refused(resolver, settings, answer):
    settings.SAMENSPRAAK_WEBHOOKS_ALLOWED_NETWORKS = []
    resolver["answers"] = [answer]
    assert targets.problem(f"https://{NAME}/hook") == REFUSED


def test_the_allow_list_lets_one_network_through_and_no_other(resolver, settings):
    settings.SAMENSPRAAK_WEBHOOKS_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    resolver["answers"] = [["10.20.3.4"]]
    assert targets.problem(f"https://{NAME}/hook") is None
    resolver["answers"] = [["10.21.3.4"]]
    assert targets.problem(f"https://{NAME}/hook") == REFUSED


def test_the_request_goes_to_the_checked_address_without_a_second_lookup(
    resolver, receiver, settings
):
    """DNS rebinding: the first answer passes the check, a second would point at the cloud
    metadata service. There is no second lookup: the request reaches the checked address."""
    port = int(receiver.url.split(":")[2].split("/")[0])
    resolver["answers"] = [["127.0.0.1"], ["169.254.169.254"]]
    target = targets.resolve(f"http://{NAME}:{port}/hook?x=1")
    assert target.address == "127.0.0.1" and resolver["lookups"] == 1
    answer = targets.request("POST", target, headers={}, body=b"{}", timeout=5)
    assert answer.status == 200
    assert resolver["lookups"] == 1
    assert receiver.requests[0].headers["Host"] == f"{NAME}:{port}"
    assert receiver.requests[0].path == "/hook?x=1"


@pytest.mark.real_queue
@pytest.mark.django_db(transaction=True)
def test_a_delivery_resolves_once_and_keeps_the_host_name(resolver, receiver, manager, item, token):
    port = int(receiver.url.split(":")[2].split("/")[0])
    resolver["answers"] = [["127.0.0.1"]]
    subscribe(token, f"http://{NAME}:{port}/hook", InputAnswered.type)
    before = resolver["lookups"]
    answer(manager, item)
    run_worker()
    assert len(receiver.requests) == 1
    assert receiver.requests[0].headers["Host"] == f"{NAME}:{port}"
    assert resolver["lookups"] == before + 1  # one lookup for the one delivery


@pytest.mark.real_queue
@pytest.mark.django_db(transaction=True)
def test_a_delivery_whose_name_now_points_inside_is_not_sent(
    resolver, receiver, manager, item, token
):
    port = int(receiver.url.split(":")[2].split("/")[0])
    resolver["answers"] = [["127.0.0.1"]]
    subscribe(token, f"http://{NAME}:{port}/hook", InputAnswered.type)
    resolver["answers"] = [["10.0.0.8"]]
    answer(manager, item)
    run_worker()
    from samenspraak.webhooks.models import Delivery

    delivery = Delivery.objects.get()
    assert receiver.requests == []
    assert delivery.attempts == 1 and delivery.last_error == REFUSED


def _certificate(tmp_path):
    """A self-signed certificate for NAME (this machine cannot reach a public CA)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, NAME)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(NAME)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def test_https_keeps_the_name_for_sni_and_the_certificate(
    resolver, tmp_path, monkeypatch, settings
):
    """A TLS receiver on 127.0.0.1 with a certificate for NAME: the pinned request sends NAME
    as SNI and checks the certificate against NAME (not against the address)."""
    settings.SAMENSPRAAK_WEBHOOKS_ALLOW_HTTP = False
    cert_file, key_file = _certificate(tmp_path)
    seen: dict = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            seen["host"] = self.headers["Host"]
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    context.sni_callback = lambda sock, name, ctx: seen.__setitem__("sni", name)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(targets.certifi, "where", lambda: str(cert_file))
    try:
        port = server.server_address[1]
        resolver["answers"] = [["127.0.0.1"]]
        target = targets.resolve(f"https://{NAME}:{port}/hook")
        answer = targets.request("POST", target, headers={}, body=b"{}", timeout=5)
        assert answer.status == 204
        assert seen == {"sni": NAME, "host": f"{NAME}:{port}"}

        # A certificate for another name is refused, though the address is the same.
        other = targets.Target("https", "ander.test", port, "/hook", "127.0.0.1")
        with pytest.raises(Exception, match="ander.test|hostname|certificate"):
            targets.request("POST", other, headers={}, body=b"{}", timeout=5)
    finally:
        server.shutdown()
        server.server_close()


def test_a_malformed_allow_list_stops_start_up(settings):
    settings.SAMENSPRAAK_WEBHOOKS_ALLOWED_NETWORKS = ["10.0.0.0/8", "intern"]
    assert [error.id for error in checks.check_allowed_networks()] == ["webhooks.E002"]
    settings.SAMENSPRAAK_WEBHOOKS_ALLOWED_NETWORKS = ["10.0.0.0/8", "127.0.0.1"]
    assert checks.check_allowed_networks() == []
    call_command("check", "--fail-level", "ERROR", verbosity=0)


def test_http_is_refused_in_production():
    from tests.test_settings_production import production_env, run_python

    result = run_python(
        "import samenspraak.conf.settings",
        production_env(SAMENSPRAAK_WEBHOOKS_ALLOW_HTTP="1"),
    )
    assert result.returncode != 0
    assert "SAMENSPRAAK_WEBHOOKS_ALLOW_HTTP must be off" in result.stderr
    assert run_python("import samenspraak.conf.settings", production_env()).returncode == 0
