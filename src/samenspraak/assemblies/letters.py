"""The invitation letters as one PDF, one A4 page per address (reportlab); and the outcome
letters for volunteers without an e-mail address, one A4 page per volunteer.

Each letter has the address (for a window envelope), what a burgerberaad is, the registration
code and the address of the registration page. No names: the municipality writes to "De
bewoners van" the address.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas


@dataclass(frozen=True)
class Letter:
    street_line: str
    postcode_city: str
    code: str  # as shown, e.g. "ABCDE-FGH23"


def letters_pdf(
    *,
    municipality: str,
    title: str,
    intro: str,
    url: str,
    closes: str,
    one_per_address: bool,
    letters: list[Letter],
) -> bytes:
    buffer = io.BytesIO()
    # Uncompressed: a printer's check (and the tests) can read the codes; 600 letters are ~2 MB.
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=0)
    pdf.setTitle(_("Uitnodigingen %(title)s") % {"title": title})
    pdf.setAuthor(municipality)
    width, height = A4
    left = 25 * mm
    body = [
        _("Beste bewoner,"),
        "",
        *textwrap.wrap(
            _(
                "De gemeente %(municipality)s organiseert een burgerberaad: %(title)s. Een groep "
                "inwoners praat een aantal keer met elkaar en geeft samen advies aan de "
                "gemeenteraad. Uw adres is door loting gekozen. Iedereen van 16 jaar of ouder "
                "die hier woont, mag zich aanmelden."
            )
            % {"municipality": municipality, "title": title},
            88,
        ),
        "",
        *textwrap.wrap(intro, 88),
        "",
        *textwrap.wrap(
            _(
                "Uit iedereen die zich aanmeldt, loten we een groep die lijkt op alle "
                "inwoners. Daarom vragen we bij het aanmelden een paar kenmerken, zoals uw "
                "leeftijd. Meer niet. Na het burgerberaad verwijderen we uw gegevens."
            ),
            88,
        ),
    ]
    for letter in letters:
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawString(left, height - 30 * mm, municipality)
        pdf.setFont("Helvetica", 11)
        y = height - 55 * mm
        for line in (_("De bewoners van"), letter.street_line, letter.postcode_city):
            pdf.drawString(left, y, line)
            y -= 5.5 * mm
        y = height - 95 * mm
        pdf.setFont("Helvetica-Bold", 13)
        pdf.drawString(left, y, _("Uitnodiging: %(title)s") % {"title": title})
        y -= 10 * mm
        pdf.setFont("Helvetica", 11)
        for line in body:
            pdf.drawString(left, y, line)
            y -= 5.5 * mm
        y -= 6 * mm
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(left, y, _("Aanmelden kan tot en met %(day)s op:") % {"day": closes})
        y -= 7 * mm
        pdf.setFont("Helvetica", 12)
        pdf.drawString(left, y, url)
        y -= 9 * mm
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(left, y, _("Uw aanmeldcode:"))
        pdf.setFont("Courier-Bold", 18)
        pdf.drawString(left + 40 * mm, y - 1 * mm, letter.code)
        y -= 12 * mm
        pdf.setFont("Helvetica", 10)
        if one_per_address:
            note = _("Met deze code kan één persoon van dit adres zich aanmelden.")
        else:
            note = _("Met deze code kan iedereen van dit adres zich aanmelden.")
        note += " " + _("Geen internet? Bel de gemeente, dan melden wij u aan.")
        for line in textwrap.wrap(note, 95):
            pdf.drawString(left, y, line)
            y -= 5 * mm
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# --- the outcome, for volunteers without an e-mail address --------------------------------------


@dataclass(frozen=True)
class OutcomeLetter:
    """One volunteer's outcome: "selected", "reserve" (with `place`) or "not_selected"."""

    name: str
    street_line: str
    postcode_city: str
    outcome: str
    place: int | None
    public_id: str
    #: The language they registered in ("" : the site's default).
    language: str


def _fit(text: str, font: str, size: float, width: float, *, url: bool = False) -> list[str]:
    """`text` in lines no wider than `width` points: broken between words, an address after a
    "/" (so it can be typed over), a single too long piece on its own line."""
    pieces = re.split(r"(?<=/)", text) if url else text.split(" ")
    glue = "" if url else " "
    lines: list[str] = []
    line = ""
    for piece in pieces:
        candidate = f"{line}{glue}{piece}" if line else piece
        if line and stringWidth(candidate, font, size) > width:
            lines.append(line)
            line = piece
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _outcome_text(letter: OutcomeLetter, title: str) -> str:
    # The same sentences as the outcome mail (assemblies/email/outcome_body.txt).
    if letter.outcome == "selected":
        return _(
            "Goed nieuws: u bent geloot voor het burgerberaad „%(title)s”. U hoort binnenkort "
            "van ons wanneer en waar het burgerberaad samenkomt."
        ) % {"title": title}
    if letter.outcome == "reserve":
        return _(
            "U bent niet in het panel van het burgerberaad „%(title)s” geloot, maar u bent "
            "reserve. Uw plaats op de reservelijst is %(place)s. Kan iemand uit het panel niet "
            "meedoen, dan vragen we de reserves op volgorde."
        ) % {"title": title, "place": letter.place}
    return _(
        "U bent dit keer niet geloot voor het burgerberaad „%(title)s”. Dank u wel dat u zich "
        "heeft aangemeld. Er waren meer aanmeldingen dan plaatsen."
    ) % {"title": title}


def outcome_letters_pdf(
    *, municipality: str, title: str, link: Callable[[], str], letters: list[OutcomeLetter]
) -> bytes:
    """One A4 page per volunteer, in the language they registered in. `link()` gives the
    publication's address in the active language (called once per language)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=0)
    pdf.setTitle(_("Uitslag %(title)s") % {"title": title})
    pdf.setAuthor(municipality)
    width, height = A4
    left = 25 * mm
    text_width = width - 2 * left
    links: dict[str, str] = {}
    for letter in letters:
        language = letter.language or settings.LANGUAGE_CODE
        with translation.override(language):
            if language not in links:
                links[language] = link()
            pdf.setFont("Helvetica-Bold", 14)
            pdf.drawString(left, height - 30 * mm, municipality)
            pdf.setFont("Helvetica", 11)
            y = height - 55 * mm
            for line in (letter.name, letter.street_line, letter.postcode_city):
                pdf.drawString(left, y, line)
                y -= 5.5 * mm
            y = height - 95 * mm
            heading = _("De uitslag van de loting: %(title)s") % {"title": title}
            pdf.setFont("Helvetica-Bold", 13)
            for line in _fit(heading, "Helvetica-Bold", 13, text_width):
                pdf.drawString(left, y, line)
                y -= 6.5 * mm
            y -= 3.5 * mm
            pdf.setFont("Helvetica", 11)
            number = _(
                "Uw nummer in de loting is %(public_id)s. Op de website staat de uitslag zonder "
                "namen, met hoe de loting ging en hoe u die kunt nadoen:"
            ) % {"public_id": letter.public_id}
            lines = [
                _("Beste %(name)s,") % {"name": letter.name},
                "",
                *_fit(_outcome_text(letter, title), "Helvetica", 11, text_width),
                "",
                *_fit(number, "Helvetica", 11, text_width),
            ]
            for line in lines:
                pdf.drawString(left, y, line)
                y -= 5.5 * mm
            y -= 2 * mm
            for line in _fit(links[language], "Helvetica", 11, text_width, url=True):
                pdf.drawString(left, y, line)
                y -= 5.5 * mm
            y -= 6 * mm
            pdf.setFont("Helvetica", 10)
            note = _(
                "U krijgt deze brief omdat u zich zonder e-mailadres heeft aangemeld. Vragen? "
                "Bel de gemeente."
            )
            for line in _fit(note, "Helvetica", 10, text_width):
                pdf.drawString(left, y, line)
                y -= 5 * mm
            pdf.showPage()
    pdf.save()
    return buffer.getvalue()
