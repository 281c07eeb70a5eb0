"""The confirmation step before deleting something: every delete button leads (GET) to a page
that says what will be deleted, with "Ja, verwijderen" (POST to the same address) and "Nee".
Works without JavaScript."""

from django.shortcuts import render


def confirm_delete(request, *, name, back_url: str, consequence: str = ""):
    """The page that asks "„name” verwijderen?"; the form posts back to the current address."""
    return render(
        request,
        "core/confirm_delete.html",
        {"name": name, "back_url": back_url, "consequence": consequence},
    )
