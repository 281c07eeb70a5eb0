"""The extra sign-up fields. A module of its own: allauth imports it while loading its own
forms, so it must not import allauth's forms (that would be circular)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samenspraak.accounts.display_names import validate_resident_display_name
from samenspraak.core.forms import LimitedTextField


class DisplayNameForm(forms.Form):
    """The public, possibly pseudonymous name: asked at sign-up and changed on "Mijn account"."""

    display_name = LimitedTextField(
        label=_("Publieke naam"),
        max_length=60,
        help_text=_("Deze naam zien anderen bij uw bijdragen. Het mag een schuilnaam zijn."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.name_owner = user  # None at sign-up: a new resident

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise ValidationError(_("Vul een publieke naam in."))
        if self.name_owner is None or not self.name_owner.is_staff_role:
            validate_resident_display_name(name)
        return name


class SignupExtraForm(DisplayNameForm):
    """Added to allauth's sign-up form: the public name. No password: log-in is by code."""

    def signup(self, request, user):
        """Required by allauth; the adapter has already stored the display name."""
