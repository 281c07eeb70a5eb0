"""core.place_forms: a browser sends a picture only once, so a form that comes back with errors
asks for it again (consultation's input form and budgeting's project form)."""

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from samenspraak.core.place_forms import PlaceAndImageForm

AGAIN = "Kies de afbeelding opnieuw"


class TitledForm(PlaceAndImageForm):
    title = forms.CharField()


def _post(data, with_image: bool):
    files = {"image": SimpleUploadedFile("foto.png", b"\x89PNG", "image/png")} if with_image else {}
    request = RequestFactory().post("/", data={**data, **files})
    form = TitledForm(request.POST, request.FILES)
    form.is_valid()
    form.ask_for_image_again(request)
    return form


def test_a_post_with_a_picture_and_an_error_asks_for_the_picture_again():
    form = _post({"title": ""}, with_image=True)
    assert "title" in form.errors
    assert AGAIN in form.errors["image"][0]


def test_no_picture_or_no_error_asks_nothing():
    assert "image" not in _post({"title": ""}, with_image=False).errors
    assert not _post({"title": "Bankjes"}, with_image=True).errors


def test_a_get_asks_nothing():
    request = RequestFactory().get("/")
    form = TitledForm()
    form.ask_for_image_again(request)
    assert not form.errors
