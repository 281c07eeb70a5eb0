"""Uploads are made safe before they are stored (core/uploads.py), and served safely at MEDIA_URL
(core/media.py): through the real input form, the real document service, PostgreSQL and files
on disk."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageCms

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.consultation.models import COLLECT, Input
from samenspraak.core.media import MEDIA_CSP, check_media_settings
from samenspraak.core.uploads import sanitise_image
from samenspraak.information import services as information
from samenspraak.processes.factories import PhaseFactory, ProcessFactory

TITLE = "Een bankje bij de vijver"
BODY = "Bij de vijver kun je nergens zitten. Een bankje zou fijn zijn."
GPS = {1: "N", 2: (52.0, 5.0, 30.0), 3: "E", 4: (5.0, 7.0, 0.0)}  # 52°05'30" N 5°07' E
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>thuisadres</rdf:RDF></x:xmpmeta>'


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings.MEDIA_ROOT


@pytest.fixture
def phase(db):
    return PhaseFactory(process=ProcessFactory(), kind=COLLECT)


@pytest.fixture
def resident_client(client, db):
    client.force_login(UserFactory())
    return client


def camera_jpeg(size=(40, 20)) -> bytes:
    """A phone photo: EXIF with GPS, camera make and 'turn 90° to show', XMP, an ICC profile and
    a comment. The left half is red and the right half blue, so turning can be checked."""
    picture = Image.new("RGB", size, "red")
    picture.paste("blue", (size[0] // 2, 0, size[0], size[1]))
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    exif[0x0112] = 6  # Orientation: the camera was turned, show it turned 90° clockwise
    exif[0x8825] = GPS  # GPSInfo
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    picture.save(
        buffer, "JPEG", exif=exif, xmp=XMP, icc_profile=srgb, comment=b"Jansen, Dorpsstraat 1"
    )
    data = buffer.getvalue()
    with Image.open(io.BytesIO(data)) as check:  # the test photo really carries the GPS
        assert check.getexif().get_ifd(0x8825)
    return data


def png_bytes(size=(8, 6), mode="RGB", color="green") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, "PNG")
    return buffer.getvalue()


def post_input(client, phase, upload, **extra):
    return client.post(
        reverse("consultation:input_submit", args=[phase.process.slug]),
        {"title": TITLE, "body": BODY, "image": upload, "image_alt": "Een vijver", **extra},
    )


def stored_image(media_root) -> tuple[Input, Path]:
    item = Input.objects.get()
    return item, Path(media_root) / item.image.name


# --- Pictures through the input form ------------------------------------------------------------


def test_a_photo_loses_its_exif_and_gps_and_is_stored_upright_as_jpg(
    resident_client, phase, media_root
):
    upload = SimpleUploadedFile("IMG_Jansen_thuis.jpeg", camera_jpeg(), "image/jpeg")
    response = post_input(resident_client, phase, upload)
    assert response.status_code == 302
    item, path = stored_image(media_root)
    assert path.suffix == ".jpg"
    assert "Jansen" not in item.image.name  # the name is new, not the uploaded one
    data = path.read_bytes()
    with Image.open(path) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(stored.info)
        # Orientation applied before the EXIF went: 40×20 turned is 20×40, red on top.
        assert stored.size == (20, 40)
        top, bottom = stored.getpixel((10, 5)), stored.getpixel((10, 35))
        assert top[0] > 200 > top[2] and bottom[2] > 200 > bottom[0]
    for secret in (b"Exif", b"Telefoonmerk", b"thuisadres", b"Dorpsstraat", b"ICC_PROFILE"):
        assert secret not in data


@pytest.mark.parametrize("name", ["evil.html", "photo.php", "x.svg"])
def test_a_png_under_another_name_is_stored_as_png(resident_client, phase, media_root, name):
    response = post_input(
        resident_client, phase, SimpleUploadedFile(name, png_bytes(), "text/html")
    )
    assert response.status_code == 302
    _, path = stored_image(media_root)
    assert path.suffix == ".png"
    with Image.open(path) as stored:
        assert stored.format == "PNG" and stored.size == (8, 6)


def test_html_named_png_is_refused_and_the_typed_text_is_kept(resident_client, phase):
    html = b"<!doctype html><script>alert(document.cookie)</script>"
    response = post_input(resident_client, phase, SimpleUploadedFile("x.png", html, "image/png"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Dit bestand is geen afbeelding" in content
    assert TITLE in content and BODY in content
    assert not Input.objects.exists()


def test_an_animated_gif_keeps_its_first_frame_as_png(resident_client, phase, media_root):
    frames = [Image.new("P", (10, 10), index) for index in (1, 2, 3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], loop=0)
    response = post_input(
        resident_client, phase, SimpleUploadedFile("bewegend.gif", buffer.getvalue(), "image/gif")
    )
    assert response.status_code == 302
    _, path = stored_image(media_root)
    with Image.open(path) as stored:
        assert path.suffix == ".png" and stored.format == "PNG"
        assert getattr(stored, "n_frames", 1) == 1


@pytest.mark.parametrize("side", [7_000, 15_000])  # 49 (our limit: 40) and 225 megapixels
def test_a_decompression_bomb_is_refused_before_decoding(resident_client, phase, side):
    bomb = png_bytes(size=(side, side), mode="1", color=0)  # a few kB
    assert len(bomb) < 100_000
    response = post_input(resident_client, phase, SimpleUploadedFile("bom.png", bomb, "image/png"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "De afbeelding is te groot: hij heeft meer dan 40 miljoen beeldpunten" in content
    assert TITLE in content
    assert not Input.objects.exists()


@pytest.mark.parametrize("kind", ["BMP", "TIFF"])
def test_odd_picture_formats_are_refused_with_a_clear_message(kind):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, kind)
    with pytest.raises(ValidationError) as error:
        sanitise_image(SimpleUploadedFile(f"x.{kind.lower()}", buffer.getvalue()))
    assert "geen afbeelding" in error.value.messages[0]


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "GIF", "WEBP"])
def test_damaged_pictures_give_a_message_never_an_error(kind):
    """Cut short or with bytes changed: always the Dutch message (a 500 in the form otherwise)."""
    import random

    picture = Image.new("RGB", (64, 48), "green")
    picture.paste("red", (10, 10, 40, 30))
    buffer = io.BytesIO()
    picture.save(buffer, kind)
    data = buffer.getvalue()
    rng = random.Random(kind)
    damaged = [data[:cut] for cut in range(0, len(data), max(1, len(data) // 25))]
    for _ in range(60):
        changed = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            changed[rng.randrange(len(changed))] = rng.randrange(256)
        damaged.append(bytes(changed))
    for sample in damaged:
        try:
            clean = sanitise_image(SimpleUploadedFile("x", sample))
        except ValidationError:
            continue
        with Image.open(clean.file) as stored:  # what passes is a whole, new picture
            stored.load()


def test_large_photos_are_made_smaller_and_transparency_is_kept(settings):
    settings.SAMENSPRAAK_IMAGE_MAX_SIDE = 100
    clean = sanitise_image(
        SimpleUploadedFile("groot.png", png_bytes((400, 50), "RGBA", (0, 0, 0, 0)))
    )
    assert (clean.width, clean.height, clean.format) == (100, 13, "png")
    with Image.open(clean.file) as stored:
        assert stored.mode == "RGBA" and stored.getpixel((0, 0))[3] == 0


# --- Serving media ------------------------------------------------------------------------------


def test_an_uploaded_picture_is_served_with_safe_headers(resident_client, phase, media_root):
    post_input(resident_client, phase, SimpleUploadedFile("a.png", png_bytes(), "image/png"))
    item, path = stored_image(media_root)
    page = resident_client.get(
        reverse("consultation:input_detail", args=[phase.process.slug, item.pk])
    )
    assert f'src="{item.image.url}"' in page.content.decode()
    assert item.image.url.startswith("/media/")

    response = resident_client.get(item.image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == MEDIA_CSP == "default-src 'none'; sandbox"
    assert "attachment" not in response.get("Content-Disposition", "")
    assert b"".join(response.streaming_content) == path.read_bytes()


def test_a_document_is_stored_by_its_content_and_served_as_a_download(client, db, media_root):
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    process = ProcessFactory()
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    document = information.document_create(
        actor=manager,
        process=process,
        file=SimpleUploadedFile("Raadsvoorstel <plein> & markt.html.pdf", pdf, "text/html"),
        title="Raadsvoorstel",
    )
    name = Path(document.file.name).name
    assert name.startswith("raadsvoorstel-plein-markthtml-") and name.endswith(".pdf")
    assert document.file.name.startswith("information/documents/")

    response = client.get(document.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == MEDIA_CSP


@pytest.mark.parametrize(
    "path",
    [
        "/media/../conf/settings.py",
        "/media/%2e%2e/%2e%2e/etc/passwd",
        "/media/..%2f..%2fetc%2fpasswd",
        "/media//etc/passwd",
        "/media/%5c..%5cgeheim.png",
        "/media/.verborgen.png",
        "/media/verhaal.html",
        "/media/tekening.svg",
        "/media/bestaat-niet.png",
        "/media/",
    ],
)
def test_paths_outside_media_and_unsafe_files_are_not_served(client, db, media_root, path):
    media_root.mkdir(parents=True)
    (media_root / "verhaal.html").write_text("<script>alert(1)</script>")
    (media_root / "tekening.svg").write_text("<svg onload='alert(1)'/>")
    (media_root / ".verborgen.png").write_bytes(png_bytes())
    (media_root.parent / "geheim.png").write_bytes(png_bytes())
    response = client.get(path)
    assert response.status_code == 404
    assert b"alert" not in response.content


def test_a_symlink_out_of_media_is_not_followed(client, db, media_root):
    media_root.mkdir(parents=True)
    (media_root.parent / "geheim.png").write_bytes(png_bytes())
    (media_root / "link.png").symlink_to(media_root.parent / "geheim.png")
    assert client.get("/media/link.png").status_code == 404


def test_serving_media_from_another_origin_is_a_checked_setting(settings):
    settings.MEDIA_URL = "https://media.doemee.voorbeeldstad.nl/"
    settings.SAMENSPRAAK_SERVE_MEDIA = True
    assert [error.id for error in check_media_settings()] == ["core.E002"]
    settings.SAMENSPRAAK_SERVE_MEDIA = False
    assert check_media_settings() == []
