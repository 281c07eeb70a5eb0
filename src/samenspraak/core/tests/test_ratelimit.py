"""Rate limits on submissions: counted per person per path, 429 that keeps what was typed."""

import threading

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from samenspraak.core.ratelimit import Rate, hit

pytestmark = [pytest.mark.urls("samenspraak.core.tests.urls"), pytest.mark.django_db]


@pytest.fixture
def limit_3(settings):
    settings.SAMENSPRAAK_RATE_LIMIT = "3/m"


def post_n(client, path, n, data=None, **extra):
    return [client.post(path, data or {}, **extra).status_code for _ in range(n)]


def test_rate_strings_are_parsed_with_optional_multiplier():
    assert Rate.parse("30/m") == Rate(30, 60)
    assert Rate.parse("5/10m") == Rate(5, 600)
    assert Rate.parse("100/h") == Rate(100, 3600)
    assert Rate.parse("") is None


def test_invalid_rate_string_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured):
        Rate.parse("thirty per minute")


def test_submissions_over_the_limit_get_429(client, limit_3):
    """The fourth POST within a minute is refused; the first three pass."""
    assert post_n(client, "/test/submit/", 4) == [200, 200, 200, 429]


def test_429_page_says_how_long_to_wait(client, limit_3):
    post_n(client, "/test/submit/", 3)
    response = client.post("/test/submit/", {"title": "Bankje"})
    body = response.content.decode()
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "Probeer het over" in body
    assert "seconde" in body


def test_429_page_gives_back_what_was_typed_in_a_form_to_the_same_url(limit_3):
    """Nothing typed is lost: fields come back in a form posting to the same address with a
    CSRF token; passwords, codes and CSRF tokens are not echoed."""
    client = Client(enforce_csrf_checks=False)
    post_n(client, "/test/submit/?fase=2", 3)
    text = "Graag een bankje bij de vijver.\nEn meer groen <script>alert(1)</script>"
    response = client.post(
        "/test/submit/?fase=2",
        {
            "title": "Bankje",
            "body": text,
            "postcode": "1234 AB",
            "password": "geheim-wachtwoord",
            "login_code": "ABC123",
            "csrfmiddlewaretoken": "tokenvalue",
            "tags": ["groen", "zitten"],
        },
    )
    body = response.content.decode()
    assert response.status_code == 429
    assert 'action="/test/submit/?fase=2"' in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert 'value="Bankje"' in body
    assert (
        "Graag een bankje bij de vijver.\nEn meer groen &lt;script&gt;alert(1)&lt;/script&gt;"
        in (body)
    )
    assert "<script>alert(1)" not in body
    assert 'value="1234 AB"' in body  # a postcode is not a secret code
    assert 'value="groen"' in body and 'value="zitten"' in body
    assert "geheim-wachtwoord" not in body
    assert "ABC123" not in body
    assert "tokenvalue" not in body


def test_429_page_has_a_csp_header_without_unsafe_inline(client, limit_3):
    post_n(client, "/test/submit/", 3)
    response = client.post("/test/submit/", {"title": "x"})
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_json_clients_get_a_json_429(client, limit_3):
    post_n(client, "/test/submit/", 3)
    response = client.post("/test/submit/", {}, HTTP_ACCEPT="application/json")
    assert response.status_code == 429
    assert response.json()["status"] == 429
    assert "Retry-After" in response


def test_reading_pages_is_not_limited(client, limit_3):
    assert {client.get("/test/submit/").status_code for _ in range(6)} == {200}


def test_each_path_has_its_own_counter(client, limit_3):
    assert post_n(client, "/test/submit/1/", 3) == [200] * 3
    assert client.post("/test/submit/2/").status_code == 200
    assert client.post("/test/submit/1/").status_code == 429


def test_a_language_prefix_is_no_way_around_the_limit(client, limit_3):
    assert post_n(client, "/test/taal/", 3) == [200] * 3
    assert client.post("/en/test/taal/").status_code == 429


def test_anonymous_people_are_counted_per_ip_address(limit_3):
    first, second = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    assert post_n(first, "/test/submit/", 4) == [200, 200, 200, 429]
    assert second.post("/test/submit/").status_code == 200


def test_logged_in_people_are_counted_per_account_not_per_ip(limit_3):
    from samenspraak.accounts.factories import UserFactory

    alice, bob = Client(REMOTE_ADDR="192.0.2.9"), Client(REMOTE_ADDR="192.0.2.9")
    alice.force_login(UserFactory())
    bob.force_login(UserFactory())
    assert post_n(alice, "/test/submit/", 4) == [200, 200, 200, 429]
    assert bob.post("/test/submit/").status_code == 200


def test_behind_a_trusted_proxy_each_client_is_counted_apart(settings, limit_3):
    """The client's address comes from X-Forwarded-For only via a trusted proxy (more in
    tests/security/test_ratelimit_client_ip.py)."""
    settings.SAMENSPRAAK_TRUSTED_PROXIES = ["10.0.0.0/8"]
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    assert post_n(proxy, "/test/submit/", 3, HTTP_X_FORWARDED_FOR="198.51.100.1") == [200] * 3
    assert proxy.post("/test/submit/", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200
    assert proxy.post("/test/submit/", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429


def test_decorated_view_has_its_stricter_limit(client):
    """@rate_limit("2/m") beats the default of 30/m."""
    assert post_n(client, "/test/strict/", 3) == [200, 200, 429]


def test_decorated_class_based_view_has_its_limit(client):
    assert post_n(client, "/test/class/", 2) == [200, 429]


def test_exempted_view_is_not_limited(client, limit_3):
    assert set(post_n(client, "/test/unlimited/", 6)) == {200}


def test_empty_setting_switches_the_default_limit_off(client, settings):
    settings.SAMENSPRAAK_RATE_LIMIT = ""
    assert set(post_n(client, "/test/submit/", 40)) == {200}


def test_counter_starts_again_in_the_next_window(client):
    rate = Rate(2, 60)
    assert hit("someone|/x/", rate, now=6000.0)[0] == 1
    assert hit("someone|/x/", rate, now=6059.0) == (2, 1)
    assert hit("someone|/x/", rate, now=6060.0)[0] == 1


def test_concurrent_requests_are_counted_exactly():
    """cache.add + cache.incr are atomic: 8 threads x 25 hits count to exactly 200."""
    rate = Rate(1000, 3600)
    counts = []
    lock = threading.Lock()

    def worker():
        for _ in range(25):
            count, _wait = hit("concurrent|/y/", rate)
            with lock:
                counts.append(count)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(counts) == list(range(1, 201))


def test_a_malformed_trusted_proxy_is_a_start_up_error(settings):
    from samenspraak.core.checks import check_trusted_proxies

    settings.SAMENSPRAAK_TRUSTED_PROXIES = ["10.0.0.0/8", "proxy.intern"]
    errors = check_trusted_proxies()
    assert [e.id for e in errors] == ["core.E001"]
    assert "proxy.intern" in errors[0].msg
    settings.SAMENSPRAAK_TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8::/32"]
    assert check_trusted_proxies() == []
