from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils.translation import get_language, get_language_info

from samenspraak.organisations.models import Theme
from samenspraak.organisations.selectors import current_municipality, site_name


def _path_in(path: str, code: str, current: str) -> str:
    """`path` (with its query) in language `code`; also for unknown pages such as a 404."""
    try:
        resolve(path.split("?", 1)[0])
    except Resolver404:
        # Not a page (a 404): swap the language prefix by hand, as i18n_patterns would.
        prefix = f"/{current}/"
        if current != settings.LANGUAGE_CODE and path.startswith(prefix):
            path = path[len(prefix) - 1 :]
        return path if code == settings.LANGUAGE_CODE else f"/{code}{path}"
    return translate_url(path, code)


def _language_switch(request) -> list[dict]:
    """One entry per other language, with the current page's address in that language.

    The address is translated here, while the request's own language is active, because
    set_language runs outside i18n_patterns and would otherwise not recognise /en/... paths.
    """
    current = get_language()
    path = request.get_full_path()
    switch = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        info = get_language_info(code)
        switch.append(
            {"code": code, "name": info["name_local"], "next": _path_in(path, code, current)}
        )
    return switch


def site(request):
    municipality = current_municipality()
    return {
        "SAMENSPRAAK_DEMO": settings.SAMENSPRAAK_DEMO,
        "current_municipality": municipality,
        "site_name": site_name(),
        "theme_class": municipality.theme if municipality else Theme.VOORBEELD.value,
        "language_switch": _language_switch(request),
    }
