import re

import pytest
from django.conf import settings


def _switch_form(html: str, language: str) -> dict:
    """The hidden fields of the language switch form for `language`."""
    for form in re.findall(r"<form[^>]*/i18n/setlang/.*?</form>", html, re.S):
        if f'name="language" value="{language}"' in form:
            return dict(re.findall(r'name="(language|next)" value="([^"]*)"', form))
    raise AssertionError(f"no switch to {language!r} on the page")


@pytest.mark.parametrize(
    ("dutch", "english"),
    [
        ("/", "/en/"),
        ("/gebieden/", "/en/gebieden/"),
        ("/gebieden/binnenstad/", "/en/gebieden/binnenstad/"),
    ],
)
def test_switch_from_dutch_goes_to_the_same_page_in_english(client, wijk, dutch, english):
    """Posting the switch form sets English and redirects to the English address of this page."""
    fields = _switch_form(client.get(dutch).content.decode(), "en")
    assert fields["next"] == english
    response = client.post("/i18n/setlang/", fields)
    assert response.status_code == 302
    assert response["Location"] == english
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en"' in client.get(english).content.decode()


@pytest.mark.parametrize(
    ("english", "dutch"),
    [("/en/", "/"), ("/en/gebieden/", "/gebieden/"), ("/en/privacy/", "/privacy/")],
)
def test_switch_from_english_goes_to_the_same_page_in_dutch(client, wijk, english, dutch):
    """From /en/... the switch leads to the unprefixed Dutch address, even with an en cookie."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    fields = _switch_form(client.get(english).content.decode(), "nl")
    assert fields["next"] == dutch
    response = client.post("/i18n/setlang/", fields)
    assert response["Location"] == dutch
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl"
    assert '<html lang="nl"' in client.get(dutch).content.decode()


def test_switch_keeps_the_query_string(client, wijk):
    """A page with a query (a filter, a page number) keeps it in the other language."""
    fields = _switch_form(client.get("/gebieden/?pagina=2").content.decode(), "en")
    assert fields["next"] == "/en/gebieden/?pagina=2"


def test_switch_button_is_labelled_in_its_own_language(client, wijk):
    """The button reads 'English' with lang="en", so screen readers pronounce it right."""
    html = client.get("/").content.decode()
    assert re.search(r'<button[^>]*lang="en"[^>]*>English</button>', html)


def test_switch_refuses_a_foreign_next_address(client, wijk):
    """An outside address in next is not followed (no open redirect)."""
    response = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "https://evil.example/"},
        HTTP_ACCEPT="text/html",
    )
    assert "evil.example" not in response.get("Location", "")


def test_unknown_language_prefix_is_not_found(client, wijk):
    """/xx/ is no language of ours: a friendly 404, never the Dutch page."""
    response = client.get("/xx/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_unknown_language_prefix_before_a_real_page_is_not_found(client, wijk):
    """/de/gebieden/ is not a page: German is not offered."""
    assert client.get("/de/gebieden/").status_code == 404


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [("/bestaat-niet/", "en", "/en/bestaat-niet/"), ("/en/bestaat-niet/", "nl", "/bestaat-niet/")],
)
def test_switch_on_a_not_found_page_swaps_the_language_prefix(
    client, wijk, path, language, expected
):
    """On a 404 the switch still leads to the same address in the other language."""
    response = client.get(path)
    assert response.status_code == 404
    assert _switch_form(response.content.decode(), language)["next"] == expected


def test_switch_on_a_page_outside_the_language_prefixes_keeps_its_address(client, wijk):
    """Pages that exist once for all languages (the development mailbox) keep their address."""
    assert _switch_form(client.get("/dev/mail/").content.decode(), "en")["next"] == "/dev/mail/"
