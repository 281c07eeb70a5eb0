"""Form pieces shared by every app whose form creates a consultation Input (consultation's input
form, budgeting's project form): the area choice and the place-and-picture fields. They live in
core so no app imports another app's forms; the checks that matter stay in
consultation.services (input_create)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspraak.core.forms import LimitedTextField
from samenspraak.core.uploads import ACCEPT_IMAGES


def area_label(area) -> str:
    return f"{area.parent.name} – {area.name}" if area.parent_id else area.name


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return area_label(obj)


class PlaceAndImageForm(forms.Form):
    """Where (a point on the map, or typed numbers) and a picture: every form that creates an
    Input has them (consultation's input, budgeting's project); rendered by
    consultation/_place_and_image_fields.html."""

    latitude = forms.FloatField(
        label=_("Breedtegraad"),
        required=False,
        min_value=-90,
        max_value=90,
        help_text=_("Bijvoorbeeld 52,09. Laat leeg als het niet om een bepaalde plek gaat."),
    )
    longitude = forms.FloatField(
        label=_("Lengtegraad"),
        required=False,
        min_value=-180,
        max_value=180,
        help_text=_("Bijvoorbeeld 5,12."),
    )
    image = forms.FileField(
        label=_("Afbeelding (niet verplicht)"),
        required=False,
        help_text=_("Een foto of tekening (JPG, PNG, GIF of WebP) van hoogstens 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_IMAGES}),
    )
    image_alt = LimitedTextField(
        label=_("Wat staat er op de afbeelding?"),
        required=False,
        max_length=200,
        help_text=_("Nodig als u een afbeelding toevoegt, voor wie de afbeelding niet kan zien."),
    )

    def ask_for_image_again(self, request) -> None:
        """A browser sends a file only once: when a post with a picture comes back with errors,
        say at the picture field that it must be chosen again."""
        if request.method == "POST" and request.FILES.get("image") and self.errors:
            self.add_error(
                "image",
                _("Kies de afbeelding opnieuw: een browser stuurt een bestand maar één keer mee."),
            )
