import pytest
from django.test import Client


def test_unknown_page_is_a_friendly_dutch_404(client, municipality):
    """A page that does not exist explains it in Dutch and offers a way back."""
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet" in html
    assert 'href="/"' in html
    assert 'id="main"' in html


def test_unknown_page_under_en_is_a_404_in_english_layout(client, municipality):
    """/en/... that does not exist is a 404 with lang="en"."""
    response = client.get("/en/bestaat-niet/")
    assert response.status_code == 404
    assert '<html lang="en"' in response.content.decode()


def test_expired_form_gets_a_friendly_403(municipality):
    """A POST without a valid CSRF token explains the form expired and how to send it again."""
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Het formulier is verlopen" in html
    assert "Terug" in html
    assert '<main id="main"' in html


def test_oversized_post_is_a_400_not_a_500(client, municipality, settings):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE gives a clear 400 page."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/", "tekst": "x" * 5000})
    assert response.status_code == 400
    assert "te groot" in response.content.decode()


def test_too_many_fields_is_a_400_not_a_500(client, municipality, settings):
    """A form with more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS gives a clear 400 page."""
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    data = {f"veld{i}": "x" for i in range(50)}
    response = client.post("/i18n/setlang/", data)
    assert response.status_code == 400
    assert "te veel velden" in response.content.decode()


@pytest.mark.parametrize(
    ("view", "status", "title"),
    [
        ("bad_request", 400, "Er ging iets mis met uw verzoek"),
        ("permission_denied", 403, "U mag deze pagina niet bekijken"),
        ("page_not_found", 404, "Deze pagina bestaat niet"),
    ],
)
def test_error_views_render_friendly_pages(rf, municipality, view, status, title):
    """Each error handler answers with its status and a plain Dutch title."""
    from django.contrib.auth.models import AnonymousUser

    from samenspraak.web import views

    request = rf.get("/iets/")
    request.user = AnonymousUser()
    response = getattr(views, view)(request, Exception())
    assert response.status_code == status
    assert title in response.content.decode()


def test_server_error_page_is_friendly(rf, municipality):
    """The 500 page says it is not the visitor's fault."""
    from django.contrib.auth.models import AnonymousUser

    from samenspraak.web import views

    request = rf.get("/")
    request.user = AnonymousUser()
    response = views.server_error(request)
    assert response.status_code == 500
    assert "Dit is niet uw fout" in response.content.decode()


def test_server_error_page_survives_a_broken_database(rf, monkeypatch):
    """When the page itself cannot be built (database down), a plain Dutch page still answers."""
    from samenspraak.web import views

    def broken(*args, **kwargs):
        raise RuntimeError("database weg")

    monkeypatch.setattr(views, "render", broken)
    response = views.server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Er ging bij ons iets mis" in response.content.decode()


def test_devmail_page_lists_sent_mail(client, municipality, settings, tmp_path):
    """The development mailbox shows the subject and body of mails written to the mail folder."""
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    mail.send_mail("Uw inlogcode", "Uw code is 123456", "noreply@example.org", ["a@example.org"])
    response = client.get("/dev/mail/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Uw inlogcode" in html
    assert "123456" in html


def test_devmail_page_empty_state(client, municipality, settings, tmp_path):
    """Without mail the development mailbox says so."""
    settings.EMAIL_FILE_PATH = tmp_path / "leeg"
    assert "Nog geen e-mails." in client.get("/dev/mail/").content.decode()
