"""Upload checks for documents: we look at the bytes, not at the name or the browser's word.

A PDF starts with "%PDF-"; ODT and DOCX are ZIP archives with a known inner structure. The file
name's extension must match what the bytes say, so a renamed executable or image is refused.
"""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from samenspraak.information.models import FileFormat

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def max_document_bytes() -> int:
    return getattr(settings, "SAMENSPRAAK_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)


def sniff_format(uploaded) -> str | None:
    """The FileFormat the content really has, or None."""
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return FileFormat.PDF
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return FileFormat.ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return FileFormat.DOCX
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    finally:
        uploaded.seek(0)
    return None


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
