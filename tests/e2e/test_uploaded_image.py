"""An uploaded photo really shows on the input page: Chromium loads it from MEDIA_URL (served by
Samenspraak, under the page's Content-Security-Policy) and draws it upright, without its EXIF.
Before media was served, the <img> pointed at a 404 and drew nothing (naturalWidth 0)."""

from pathlib import Path

import pytest
from django.test.testcases import _MediaFilesHandler
from playwright.sync_api import Page, expect

from samenspraak.accounts.factories import UserFactory
from samenspraak.consultation.models import Input
from samenspraak.organisations.factories import MunicipalityFactory
from samenspraak.processes.factories import ProcessFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.test_consultation_journey import log_in_resident_by_code
from tests.security.test_uploads_media import camera_jpeg

pytestmark = pytest.mark.browser

RESULTS = Path(__file__).resolve().parents[2] / "test-results"
TITLE = "Kapotte stoeptegels bij de school"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def media_through_samenspraak(monkeypatch):
    """Django's live server answers MEDIA_URL itself, before any URL of ours (gunicorn in
    production has no such handler). Let the requests through to Samenspraak's media view."""
    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", lambda self, path: False)


def test_an_uploaded_photo_renders_upright_on_the_input_page(page: Page, tmp_path):
    MunicipalityFactory()
    process = ProcessFactory(slug="stoepen", with_phase="consultation.collect")
    resident = UserFactory(email="sanne@example.org")
    photo = tmp_path / "IMG_0042.jpg"
    photo.write_bytes(camera_jpeg(size=(480, 240)))  # EXIF says: show turned, so 240 × 480

    log_in_resident_by_code(page, resident.email)
    page.goto(f"/processen/{process.slug}/inbreng/nieuw/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Geef uw inbreng")
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Uw inbreng").fill("De tegels liggen los; kinderen struikelen er elke dag.")
    page.get_by_label("Afbeelding (niet verplicht)").set_input_files(str(photo))
    page.get_by_label("Wat staat er op de afbeelding?").fill("Losse stoeptegels, rood en blauw")
    with page.expect_response(lambda response: "/media/" in response.url) as picture:
        page.get_by_role("button", name="Inbreng versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    headers = picture.value.all_headers()
    assert picture.value.status == 200 and headers["content-type"] == "image/jpeg"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-security-policy"] == "default-src 'none'; sandbox"

    image = page.get_by_role("img", name="Losse stoeptegels, rood en blauw")
    expect(image).to_be_visible()
    image.evaluate("img => img.decode()")
    natural = image.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    assert natural == [240, 480]
    src = image.get_attribute("src")
    assert src == Input.objects.get().image.url and src.endswith(".jpg")
    assert_accessible(page)

    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "uploaded-image-on-input-page.png"), full_page=True)
