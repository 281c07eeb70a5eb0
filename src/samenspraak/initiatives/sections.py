"""Sections initiatives adds to pages of other apps (declared in its manifest)."""


def home(request):
    """On the home page, when the municipality has rules for initiatives: where to find and
    start them (a cached answer, so no query; the list page shows what can be signed now)."""
    from samenspraak.initiatives.selectors import has_bylaws
    from samenspraak.organisations.selectors import current_municipality

    municipality = current_municipality()
    if municipality is None or not has_bylaws(municipality):
        return None
    return {"start": True}
