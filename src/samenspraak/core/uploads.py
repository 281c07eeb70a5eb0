"""Uploads, made safe before they are stored: one place for every app that takes files.

What we store and serve is decided by the bytes, never by the uploaded name or the browser's
word. Pictures are decoded and encoded again with Pillow: the orientation is applied, then all
metadata goes (EXIF with GPS, XMP, IPTC, ICC, comments), animations keep their first frame, and
very large pictures are refused before they are decoded (decompression bombs) or made smaller.
Documents are recognised by their content (PDF, ODT, DOCX). Either way the stored name is new
and its extension comes from the detected format, so a `photo.php` or `x.html` that is a PNG is
stored as `.png`, and nothing under MEDIA_ROOT is ever HTML, SVG or script.

The media view (core/media.py) serves only the extensions in SERVED_TYPES.
"""

from __future__ import annotations

import io
import secrets
import warnings
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

# Extension -> (Content-Type, shown inline). Only these are stored and served. ("jpeg" and
# "gif": pictures stored before this module kept their uploaded name; served as pictures only.)
SERVED_TYPES = {
    "jpg": ("image/jpeg", True),
    "jpeg": ("image/jpeg", True),
    "png": ("image/png", True),
    "gif": ("image/gif", True),
    "webp": ("image/webp", True),
    "pdf": ("application/pdf", False),
    "odt": ("application/vnd.oasis.opendocument.text", False),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", False),
}

# Pillow format -> the format we store it in. GIF becomes PNG (first frame, no animation).
IMAGE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "GIF": "PNG", "WEBP": "WEBP"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# For <input type="file" accept=...>: phones then offer (or convert to) one of these.
ACCEPT_IMAGES = "image/jpeg,image/png,image/gif,image/webp"

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def image_max_bytes() -> int:
    return getattr(settings, "SAMENSPRAAK_IMAGE_MAX_BYTES", 5 * 1024 * 1024)


def image_max_pixels() -> int:
    """Width × height above which a picture is refused without being decoded."""
    return getattr(settings, "SAMENSPRAAK_IMAGE_MAX_PIXELS", 40_000_000)


def image_max_side() -> int:
    """Longer pictures are made smaller to this many pixels on their longest side."""
    return getattr(settings, "SAMENSPRAAK_IMAGE_MAX_SIDE", 2560)


@dataclass(frozen=True)
class CleanImage:
    file: ContentFile  # named <random>.<jpg|png|webp>
    format: str  # "jpg", "png" or "webp"
    width: int
    height: int


def _not_an_image() -> ValidationError:
    return ValidationError(
        _("Dit bestand is geen afbeelding. Kies een foto of tekening (JPG, PNG, GIF of WebP)."),
        code="not_an_image",
    )


def _too_big(limit: int) -> ValidationError:
    megabytes = f"{limit / 2**20:.1f}".removesuffix(".0").replace(".", ",")
    return ValidationError(
        _("De afbeelding is te groot. Het mag hoogstens %(limit)s MB zijn.") % {"limit": megabytes},
        code="too_big",
    )


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _(
            "De afbeelding is te groot: hij heeft meer dan %(million)s miljoen beeldpunten. "
            "Maak hem kleiner en probeer het opnieuw."
        )
        % {"million": image_max_pixels() // 1_000_000},
        code="too_many_pixels",
    )


def _read(uploaded, limit: int) -> bytes:
    """The upload's bytes, refusing empty and too large files before reading them all."""
    size = getattr(uploaded, "size", None)
    if size is not None and size > limit:
        raise _too_big(limit)
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    uploaded.seek(0)
    if len(data) > limit:
        raise _too_big(limit)
    if not data:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    return data


def _random_name(extension: str) -> str:
    # 128 bits: the name cannot be guessed, and says nothing about the person or the photo.
    return f"{secrets.token_hex(16)}.{extension}"


def sanitise_image(uploaded) -> CleanImage:
    """A new, metadata-free picture made from the upload, or ValidationError in plain Dutch.

    Accepts JPEG, PNG, GIF and WebP (animated ones keep their first frame); refuses anything
    else, and pictures of more than image_max_pixels() before decoding them."""
    data = _read(uploaded, image_max_bytes())
    try:
        with warnings.catch_warnings():
            # Pillow warns on huge pictures (and refuses twice its limit: DecompressionBombError
            # below); we refuse at our own, lower limit, from the header, before decoding.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as picture:
                source_format = picture.format
                if source_format not in IMAGE_FORMATS:
                    raise _not_an_image()
                width, height = picture.size
                if width * height > image_max_pixels():
                    raise _too_many_pixels()
                picture.seek(0)  # the first frame of an animation
                # JPEG can decode at a fraction of its size: less memory for big photos.
                picture.draft(None, (image_max_side(), image_max_side()))
                picture.load()
                clean = _clean_copy(picture)
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        raise _too_many_pixels() from error
    except Exception as error:
        # Pillow raises many kinds of errors on damaged files (OSError, SyntaxError, struct.error,
        # IndexError, ...): each means the same to the person uploading.
        raise _not_an_image() from error

    target = IMAGE_FORMATS[source_format]
    if target == "JPEG" and clean.mode not in ("RGB", "L"):
        clean = clean.convert("RGB")
    out = io.BytesIO()
    if target == "JPEG":
        clean.save(out, "JPEG", quality=88, optimize=True)
    elif target == "WEBP":
        clean.save(out, "WEBP", quality=88)
    else:
        clean.save(out, "PNG", optimize=True)
    extension = EXTENSIONS[target]
    return CleanImage(
        file=ContentFile(out.getvalue(), name=_random_name(extension)),
        format=extension,
        width=clean.width,
        height=clean.height,
    )


def _clean_copy(picture: Image.Image) -> Image.Image:
    """Upright, at most image_max_side() long, and without any metadata."""
    upright = ImageOps.exif_transpose(picture)  # a copy, turned as the camera meant it
    if upright.mode == "P":
        # A palette's transparency lives in the metadata we drop: make it real first.
        upright = upright.convert("RGBA" if "transparency" in upright.info else "RGB")
    elif upright.mode not in ("RGB", "RGBA", "L", "LA"):
        upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
    side = image_max_side()
    if max(upright.size) > side:
        upright.thumbnail((side, side), Image.Resampling.LANCZOS)
    # Pixels only: a fresh image carries no info (EXIF, XMP, ICC, comments, text chunks).
    clean = Image.new(upright.mode, upright.size)
    clean.paste(upright)
    return clean


# --- Documents ---------------------------------------------------------------------------------


def sniff_document(uploaded) -> str | None:
    """What a document really is, by its bytes: "pdf", "odt", "docx" or None."""
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return "odt"
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "docx"
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    finally:
        uploaded.seek(0)
    return None


def document_name(uploaded_name: str, extension: str) -> str:
    """The stored name of a document: its name made safe (letters, digits, dashes), a random
    part so it cannot be guessed, and the extension of what it really is."""
    stem = (uploaded_name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0]
    stem = slugify(stem)[:60].strip("-") or "document"
    return f"{stem}-{secrets.token_hex(8)}.{extension}"


def document_file(uploaded, extension: str) -> ContentFile:
    """The document's bytes under a safe name (see document_name)."""
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return ContentFile(data, name=document_name(getattr(uploaded, "name", ""), extension))
