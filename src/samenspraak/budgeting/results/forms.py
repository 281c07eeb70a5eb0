"""Forms of the results part: the Pabulib upload for a replay."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from samenspraak.budgeting.results.pb_io import MAX_UPLOAD_BYTES


class PabulibUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Pabulib-bestand (.pb)"),
        help_text=_(
            "Een uitslag van een eerdere stemming in het Pabulib-formaat, hoogstens 20 MB. "
            "Het bestand wordt niet bewaard."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".pb,text/plain"}),
        error_messages={"required": _("Kies een .pb-bestand.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Het bestand is te groot (%(size)s). Het mag hoogstens %(max)s zijn.")
                % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_UPLOAD_BYTES)}
            )
        if upload.size == 0:
            raise forms.ValidationError(_("Het bestand is leeg."))
        return upload
