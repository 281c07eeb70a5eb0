"""E-mail links: SITE_URL when set, else the address of the request that queued the mail,
else the development default (the worker without SITE_URL)."""

from django.test import RequestFactory

from samenspraak.core.audit import AuditRequestMiddleware
from samenspraak.core.links import DEFAULT_SITE_URL, absolute_url, check_site_url


def _during_request(host: str, path: str) -> str:
    request = RequestFactory().get("/", HTTP_HOST=host)
    return AuditRequestMiddleware(lambda _request: absolute_url(path))(request)


def test_site_url_wins_when_set(settings):
    settings.SAMENSPRAAK_SITE_URL = "https://doemee.voorbeeldstad.nl/"
    settings.ALLOWED_HOSTS = ["localhost"]
    assert _during_request("localhost:9000", "/a/") == "https://doemee.voorbeeldstad.nl/a/"
    assert absolute_url("b") == "https://doemee.voorbeeldstad.nl/b"


def test_without_site_url_a_request_gives_its_own_address(settings):
    settings.SAMENSPRAAK_SITE_URL = ""
    settings.ALLOWED_HOSTS = ["localhost"]
    assert (
        _during_request("localhost:9000", "/processen/x/") == "http://localhost:9000/processen/x/"
    )


def test_without_site_url_or_request_the_default(settings):
    settings.SAMENSPRAAK_SITE_URL = ""
    assert absolute_url("/x/") == f"{DEFAULT_SITE_URL}/x/"
    assert absolute_url("https://elders.example/y") == "https://elders.example/y"


def test_deploy_check_warns_without_site_url(settings):
    settings.SAMENSPRAAK_SITE_URL = ""
    assert [w.id for w in check_site_url()] == ["core.W001"]
    settings.SAMENSPRAAK_SITE_URL = "https://doemee.voorbeeldstad.nl"
    assert check_site_url() == []
