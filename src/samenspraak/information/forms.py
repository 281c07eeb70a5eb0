import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspraak.core.forms import DayField, RichTextField, limited_formfield
from samenspraak.information.models import Document, FAQItem, Update
from samenspraak.information.validators import max_document_bytes


class UpdateForm(forms.ModelForm):
    body = RichTextField(label=_("Tekst"))

    class Meta:
        formfield_callback = limited_formfield
        model = Update
        fields = ["title", "body"]


class DocumentDayField(DayField):
    """A document's date: policy documents a process builds on can be decades old."""

    def __init__(self, **kwargs):
        super().__init__(earliest=datetime.date(1900, 1, 1), **kwargs)


class DocumentForm(forms.ModelForm):
    """Metadata plus either a file or a link. The service checks the file's content."""

    file = forms.FileField(
        label=_("Bestand"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.odt,.docx,application/pdf"}),
    )
    url = forms.URLField(
        label=_("Of: link naar het document"),
        required=False,
        assume_scheme="https",
        help_text=_("Bijvoorbeeld een link naar het raadsinformatiesysteem."),
    )

    class Meta:
        formfield_callback = limited_formfield
        model = Document
        fields = ["title", "document_type", "date", "organisation", "identifier", "language"]
        field_classes = {"date": DocumentDayField}

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = editing
        limit_mb = max_document_bytes() // (1024 * 1024)
        self.fields["file"].help_text = _(
            "Een PDF-, ODT- of DOCX-bestand van maximaal %(mb)s MB. Vul een bestand óf een link in."
        ) % {"mb": limit_mb}
        if editing:
            self.fields["file"].help_text += " " + str(
                _("Laat leeg om het huidige bestand of de huidige link te houden.")
            )
        self.fields["organisation"].required = False

    def _post_clean(self):
        # No model validation here: the file-or-link rule and the file's content are checked
        # by services.document_create/_edit, whose errors the view puts back on this form.
        pass

    def clean(self):
        cleaned = super().clean()
        has_file, has_url = bool(cleaned.get("file")), bool(cleaned.get("url"))
        if has_file and has_url:
            self.add_error("url", _("Kies een bestand óf een link, niet allebei."))
        elif not has_file and not has_url and not self.editing and not self.has_error("file"):
            self.add_error("file", _("Voeg een bestand of een link toe."))
        return cleaned


class FAQItemForm(forms.ModelForm):
    class Meta:
        formfield_callback = limited_formfield
        model = FAQItem
        fields = ["question", "answer", "order"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"order": _("Lagere nummers staan bovenaan.")}


class FollowForm(forms.Form):
    action = forms.ChoiceField(choices=[("follow", "follow"), ("unfollow", "unfollow")])
