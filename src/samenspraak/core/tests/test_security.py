"""Security baseline over HTTP: a CSP on every page, and bad input is a 400, never a 500."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

HTML_PAGES = ["/", "/en/", "/account/login/", "/bestaat-niet/", "/beheer/django/login/"]


def assert_strict_csp(response):
    policy = response.get("Content-Security-Policy", "")
    assert policy, f"no CSP on {response.request['PATH_INFO']}"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "default-src 'self'" in policy


@pytest.mark.parametrize("path", HTML_PAGES)
def test_html_pages_carry_a_csp_without_unsafe_inline(client, path):
    response = client.get(path)
    assert response["Content-Type"].startswith("text/html")
    assert_strict_csp(response)


def test_staff_pages_carry_a_csp_without_unsafe_inline(client):
    from samenspraak.accounts.factories import StaffUserFactory
    from samenspraak.accounts.models import Role

    client.force_login(StaffUserFactory(role=Role.ADMINISTRATOR))
    for path in ("/beheer/", "/beheer/auditlog/"):
        response = client.get(path)
        assert response.status_code == 200
        assert_strict_csp(response)


def browser_with_csrf_cookie():
    """A client that, like a browser, has the CSRF cookie from an earlier page."""
    client = Client(enforce_csrf_checks=True)
    client.get("/account/login/")
    return client, client.cookies[settings.CSRF_COOKIE_NAME].value


def test_field_larger_than_the_upload_limit_is_a_400():
    client, token = browser_with_csrf_cookie()
    body = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post("/account/login/", {"csrfmiddlewaretoken": token, "email": body})
    assert response.status_code == 400


def test_too_many_fields_is_a_400():
    client, token = browser_with_csrf_cookie()
    data = {f"veld{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    data["csrfmiddlewaretoken"] = token
    response = client.post("/account/login/", data)
    assert response.status_code == 400


def test_too_many_fields_without_csrf_check_is_a_400_in_the_view_too():
    """Also where CSRF does not read the body first (test client default)."""
    data = {f"veld{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    assert Client().post("/account/login/", data).status_code == 400


def test_malformed_multipart_body_is_a_400():
    """The view gets to parse the body (no CSRF check first) and refuses it with a 400."""
    response = Client().generic(
        "POST",
        "/account/login/",
        b'--grens\r\nContent-Disposition: form-data; name="a"\r\n\r\nzonder einde',
        content_type="multipart/form-data; boundary=\x00ongeldig",
    )
    assert response.status_code == 400


def test_malformed_multipart_body_with_csrf_check_is_refused_not_a_500():
    """With CSRF checks the token cannot be read from the broken body: 403, never a 500."""
    client, _token = browser_with_csrf_cookie()
    response = client.generic(
        "POST",
        "/account/login/",
        b'--grens\r\nContent-Disposition: form-data; name="a"\r\n\r\nzonder einde',
        content_type="multipart/form-data; boundary=grens",
    )
    assert response.status_code in (400, 403)


def test_oversized_post_that_is_rate_limited_is_still_a_400_not_a_500(settings):
    """The 429 page reads the body to give it back; too big a body must not crash it."""
    settings.SAMENSPRAAK_RATE_LIMIT = "1/m"
    client = Client()
    client.post("/account/login/", {"email": "a@example.org"})
    body = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post("/account/login/", {"email": body})
    assert response.status_code in (400, 429)
