import re

import pytest
from django.urls import reverse

PAGES = ["/", "/gebieden/", "/gebieden/binnenstad/", "/toegankelijkheid/", "/privacy/"]


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_in_dutch(client, wijk, path):
    """Each public page answers 200 in Dutch at its unprefixed address."""
    response = client.get(path)
    assert response.status_code == 200
    assert '<html lang="nl"' in response.content.decode()


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_in_english_under_en(client, wijk, path):
    """The same page under /en/ is served in English (lang attribute and active language)."""
    response = client.get("/en" + path)
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


@pytest.mark.parametrize("path", PAGES)
def test_page_has_skip_link_first_and_landmarks(client, wijk, path):
    """The skip link is the first focusable element; header, nav, main#main and footer exist."""
    html = client.get(path).content.decode()
    body = html[html.index("<body") :]
    first_focusable = re.search(r"<(a|button|input|select|textarea)\b[^>]*>", body).group(0)
    assert 'href="#main"' in first_focusable
    assert "Naar de inhoud" in body
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in body
    assert body.count("<h1") == 1


@pytest.mark.parametrize("path", PAGES)
def test_page_has_csp_and_no_inline_script_or_style(client, wijk, path):
    """The CSP header is sent and the page holds nothing it would block."""
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    html = response.content.decode()
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_home_shows_municipality_areas_and_empty_state(client, wijk):
    """With nothing running, the home page says so plainly and links to the wijken."""
    html = client.get("/").content.decode()
    assert "Voorbeeldstad" in html
    assert "Wat loopt er nu" in html
    assert "Op dit moment kunt u nergens aan meedoen." in html
    assert reverse("organisations:area_detail", args=["binnenstad"]) in html


def test_home_renders_registered_sections(client, wijk, section_templates):
    """A section registered in core.registry.home_sections replaces the empty state."""
    from samenspraak.core.registry import home_sections

    home_sections.register(
        "tests.running",
        template="web_tests/section.html",
        context=lambda request: {"title": "Plein opnieuw inrichten"},
    )
    try:
        html = client.get("/").content.decode()
    finally:
        home_sections.unregister("tests.running")
    assert "Plein opnieuw inrichten" in html
    assert "Op dit moment kunt u nergens aan meedoen." not in html


def test_home_without_municipality_still_works(client, db):
    """A fresh installation without a municipality shows the generic site, not an error."""
    response = client.get("/")
    assert response.status_code == 200
    assert "voorbeeld-theme" in response.content.decode()


def test_body_carries_the_municipality_theme(client, municipality):
    """The municipality's theme is a class on <body>, next to the Utrecht document class."""
    html = client.get("/").content.decode()
    body = re.search(r"<body[^>]*>", html).group(0)
    assert "voorbeeld-theme" in body
    assert "utrecht-document" in body


def test_footer_links_statements_and_contact(client, municipality):
    """The footer gives the municipality's contact and links the two statements."""
    html = client.get("/").content.decode()
    footer = html[html.index("<footer") :]
    assert "participatie@voorbeeldstad.nl" in footer
    assert reverse("web:accessibility") in footer
    assert reverse("web:privacy") in footer


def test_privacy_statement_names_what_is_and_is_never_stored(client, municipality):
    """The privacy statement lists the stored data and says birth date and BSN never are."""
    html = client.get(reverse("web:privacy")).content.decode()
    for phrase in ("e-mailadres", "openbare naam", "rol", "geboortedatum", "BSN", "downloaden"):
        assert phrase in html
    assert "participatie@voorbeeldstad.nl" in html
    assert reverse("accounts:data") in html
    assert reverse("accounts:delete") in html


def test_accessibility_statement_names_target_and_how_to_report(client, municipality):
    """The accessibility statement states WCAG 2.1 AA, the status and where to report."""
    html = client.get(reverse("web:accessibility")).content.decode()
    assert "WCAG 2.1" in html
    assert "voldoet gedeeltelijk" in html
    assert "mailto:participatie@voorbeeldstad.nl" in html


def test_logged_in_user_gets_account_link_and_logout_form(client, municipality):
    """Logged in: a 'Mijn account' link and log-out as a POST form (never a GET link)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(email="inwoner@example.org")
    client.force_login(user)
    html = client.get("/").content.decode()
    assert reverse("accounts:overview") in html
    logout = reverse("account_logout")
    assert re.search(rf'<form[^>]*action="{logout}"[^>]*method="post"', html)
    assert f'href="{logout}"' not in html


def test_anonymous_visitor_gets_login_link(client, municipality):
    """Not logged in: a log-in link that brings the visitor back to this page."""
    html = client.get("/gebieden/").content.decode()
    assert reverse("account_login") + "?next=/gebieden/" in html


def test_messages_are_shown_in_a_status_region(client, municipality, rf):
    """Flash messages appear inside role=status so screen readers announce them."""
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage

    cookie = CookieStorage(rf.get("/"))._encode([Message(constants.SUCCESS, "Opgeslagen.")])
    client.cookies["messages"] = cookie
    html = client.get("/").content.decode()
    status = re.search(r'<div[^>]*role="status"[^>]*>(.*?)<main', html, re.S).group(1)
    assert "Opgeslagen." in status
    assert "utrecht-alert--ok" in status
