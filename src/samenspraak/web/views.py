import datetime

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.utils.translation import gettext as _

from samenspraak.core.registry import home_sections
from samenspraak.organisations import selectors as organisations

# The day the accessibility statement and the privacy statement were last checked.
STATEMENTS_CHECKED_ON = datetime.date(2026, 11, 28)


def home(request):
    municipality = organisations.current_municipality()
    return render(
        request,
        "web/home.html",
        {
            "municipality": municipality,
            "areas": organisations.area_list(municipality=municipality),
            "sections": home_sections.collect(request),
        },
    )


def accessibility(request):
    return render(
        request,
        "web/accessibility.html",
        {"municipality": organisations.current_municipality(), "checked_on": STATEMENTS_CHECKED_ON},
    )


def privacy(request):
    return render(
        request,
        "web/privacy.html",
        {"municipality": organisations.current_municipality(), "checked_on": STATEMENTS_CHECKED_ON},
    )


def _error(request, status, title, message):
    return render(
        request,
        "web/error.html",
        {"status": status, "title": title, "message": message},
        status=status,
    )


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        message = _(
            "Wat u stuurde is te groot. Maak uw tekst korter of stuur een kleiner bestand, "
            "en probeer het opnieuw."
        )
    elif isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        message = _("Het formulier bevat te veel velden of bestanden. Probeer het opnieuw.")
    else:
        message = _(
            "Wij konden uw verzoek niet verwerken. Controleer het adres of probeer het opnieuw."
        )
    return _error(request, 400, _("Er ging iets mis met uw verzoek"), message)


def permission_denied(request, exception=None):
    return _error(
        request,
        403,
        _("U mag deze pagina niet bekijken"),
        _("Misschien moet u eerst inloggen, of heeft u geen toegang tot deze pagina."),
    )


def csrf_failure(request, reason=""):
    """The form was sent with an expired or missing security code (CSRF_FAILURE_VIEW)."""
    return render(request, "web/csrf_failure.html", {"status": 403}, status=403)


def page_not_found(request, exception=None):
    return _error(
        request,
        404,
        _("Deze pagina bestaat niet"),
        _("Misschien is de pagina verplaatst, of klopt het adres niet helemaal."),
    )


def server_error(request):
    try:
        return _error(
            request,
            500,
            _("Er ging bij ons iets mis"),
            _("Dit is niet uw fout. Probeer het over een paar minuten opnieuw."),
        )
    except Exception:
        # The full page needs the database and templates; when those are what broke, say it plainly.
        return HttpResponseServerError(
            '<!DOCTYPE html><html lang="nl"><title>Er ging iets mis</title>'
            "<h1>Er ging bij ons iets mis</h1><p>Probeer het over een paar minuten opnieuw.</p>"
            '<p><a href="/">Naar de startpagina</a></p></html>'
        )
