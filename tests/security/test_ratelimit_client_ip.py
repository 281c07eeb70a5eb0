"""One rule for the client's address (core.ratelimit.client_ip), used by our rate limits,
allauth's, the lock-out and the audit log: REMOTE_ADDR, or behind trusted proxies the
right-most X-Forwarded-For hop that is not one of them."""

import pytest
from allauth.account.adapter import get_adapter
from django.test import Client, RequestFactory
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import LoginFailure
from samenspraak.accounts.tests.conftest import fast_password_hashing  # noqa: F401 (autouse)
from samenspraak.core.models import AuditLogEntry
from samenspraak.core.ratelimit import client_ip

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


def _request(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().post("/", REMOTE_ADDR=remote, **extra)


CASES = [
    # (trusted proxies, REMOTE_ADDR, X-Forwarded-For, client)
    ([], "192.0.2.7", None, "192.0.2.7"),
    ([], "192.0.2.7", "198.51.100.1", "192.0.2.7"),  # spoofed header ignored
    (["10.0.0.0/8"], "192.0.2.7", "198.51.100.1", "192.0.2.7"),  # not from a trusted proxy
    (["10.0.0.0/8"], PROXY, "198.51.100.1", "198.51.100.1"),
    (["10.0.0.0/8"], PROXY, "203.0.113.9, 198.51.100.1", "198.51.100.1"),  # left part spoofed
    (["10.0.0.0/8"], PROXY, "203.0.113.9, 198.51.100.1, 10.1.2.3", "198.51.100.1"),
    (["10.0.0.5", "10.1.2.3"], PROXY, "198.51.100.1, 10.1.2.3", "198.51.100.1"),
    (["10.0.0.0/8"], PROXY, "10.9.9.9, 10.1.2.3", "10.9.9.9"),  # all trusted: left-most
    (["10.0.0.0/8"], PROXY, "", PROXY),
    (["10.0.0.0/8"], PROXY, "rommel, 198.51.100.1", "198.51.100.1"),
    (["10.0.0.0/8"], PROXY, "198.51.100.1, rommel", PROXY),  # garbage from a trusted hop
    (["2001:db8::/32"], "2001:db8::1", "[2001:db8:ffff::9]:443", "2001:db8:ffff::9"),
    (["2001:db8::1"], "2001:db8::1", "2001:db8:ffff::9", "2001:db8:ffff::9"),
]


@pytest.mark.parametrize(("proxies", "remote", "forwarded", "expected"), CASES)
def test_client_ip_takes_the_right_most_untrusted_hop(
    settings, proxies, remote, forwarded, expected
):
    settings.SAMENSPRAAK_TRUSTED_PROXIES = proxies
    request = _request(remote, forwarded)
    assert client_ip(request) == expected
    # allauth's limiter asks its adapter, which asks the same function.
    assert get_adapter(request).get_client_ip(request) == expected


def test_a_spoofed_forwarded_for_does_not_change_the_rate_limit_key(settings):
    settings.SAMENSPRAAK_TRUSTED_PROXIES = []
    settings.SAMENSPRAAK_RATE_LIMIT = "3/m"
    client = Client(REMOTE_ADDR="192.0.2.7")
    statuses = [
        client.post(
            reverse("account_login"),
            {"login": "a@example.org", "password": ""},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(4)
    ]
    assert statuses[-1] == 429
    assert 429 not in statuses[:3]


def test_behind_a_trusted_proxy_clients_are_limited_apart(settings):
    settings.SAMENSPRAAK_TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.SAMENSPRAAK_RATE_LIMIT = "3/m"
    proxy = Client(REMOTE_ADDR=PROXY)

    def post(client_address):
        return proxy.post(
            reverse("account_login"),
            {"login": "a@example.org", "password": ""},
            HTTP_X_FORWARDED_FOR=f"203.0.113.1, {client_address}",
        ).status_code

    assert [post("198.51.100.1") for _ in range(4)][-1] == 429
    assert post("198.51.100.2") != 429


def test_the_lock_out_and_audit_log_use_the_same_address(settings):
    settings.SAMENSPRAAK_TRUSTED_PROXIES = ["10.0.0.0/8"]
    user = StaffUserFactory()
    proxy = Client(REMOTE_ADDR=PROXY)
    for attempt in range(5):
        proxy.post(
            reverse("account_login"),
            {"login": user.email, "password": f"fout-{attempt}"},
            HTTP_X_FORWARDED_FOR="203.0.113.1, 198.51.100.77",
        )
    assert set(LoginFailure.objects.values_list("ip_address", flat=True)) == {"198.51.100.77"}
    assert AuditLogEntry.objects.get(action="accounts.locked_out").ip_address == "198.51.100.77"
    assert (
        AuditLogEntry.objects.filter(action="staff.login_failed")
        .exclude(ip_address="198.51.100.77")
        .count()
        == 0
    )


def test_allauths_failure_limit_counts_per_client_behind_the_proxy(settings):
    """allauth's "login_failed" limit per IP sees the client, not the proxy: one client
    behind the proxy is limited while another is not."""
    settings.SAMENSPRAAK_TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.SAMENSPRAAK_RATE_LIMIT = ""
    settings.SAMENSPRAAK_LOCKOUT_ATTEMPTS = 1000
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}
    proxy = Client(REMOTE_ADDR=PROXY)

    def fail(client_address, n):
        return proxy.post(
            reverse("account_login"),
            {"login": f"iemand{n}@example.org", "password": "fout"},
            HTTP_X_FORWARDED_FOR=client_address,
        ).content.decode()

    bodies = [fail("198.51.100.1", n) for n in range(4)]
    assert "te vaak" in bodies[-1]
    assert "te vaak" not in fail("198.51.100.2", 9)
