"""Upload checks for documents: we look at the bytes, not at the name or the browser's word.

A PDF starts with "%PDF-"; ODT and DOCX are ZIP archives with a known inner structure
(core/uploads.py recognises them). The file name's extension must match what the bytes say, so
a renamed executable or image is refused; the stored name is made anew (core.uploads).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from samenspraak.core.uploads import sniff_document as sniff_format
from samenspraak.information.models import FileFormat

__all__ = ["max_document_bytes", "sniff_format", "validate_document_file"]


def max_document_bytes() -> int:
    return getattr(settings, "SAMENSPRAAK_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)


def validate_document_file(uploaded) -> str:
    """Check size, content and extension; return the file format ("pdf", "odt", "docx")."""
    limit = max_document_bytes()
    if uploaded.size > limit:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s). Het mag maximaal %(limit)s zijn.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="too_big",
        )
    if uploaded.size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    detected = sniff_format(uploaded)
    if detected is None:
        raise ValidationError(
            _("Dit bestand is geen PDF-, ODT- of DOCX-document. Kies een ander bestand."),
            code="not_a_document",
        )
    extension = (uploaded.name or "").rsplit(".", 1)[-1].lower()
    if extension != detected:
        raise ValidationError(
            _(
                "De naam van het bestand eindigt niet op .%(format)s, maar de inhoud is wel "
                "%(label)s. Geef het bestand de juiste naam."
            )
            % {"format": detected, "label": FileFormat(detected).label},
            code="wrong_extension",
        )
    return detected
