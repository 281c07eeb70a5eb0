"""core.text: one limit per kind of text, one message that names it."""

from django import forms
from django.utils import translation

from samenspraak.core.forms import LimitedTextField
from samenspraak.core.text import TEXT_LONG, TEXT_SHORT, too_long


class NoteForm(forms.Form):
    note = LimitedTextField(label="Notitie", max_length=TEXT_SHORT, widget=forms.Textarea)


def test_a_form_over_the_limit_says_the_real_limit_and_keeps_the_text():
    typed = "a" * (TEXT_SHORT + 12)
    with translation.override("nl"):
        form = NoteForm({"note": typed})
        assert not form.is_valid()
        assert form.errors["note"] == ["Maximaal 5000 tekens. Nu zijn het er 5012."]
        assert typed in str(form["note"])
    with translation.override("en"):
        assert NoteForm({"note": typed}).errors["note"] == [
            "At most 5000 characters. You wrote 5012."
        ]


def test_the_limit_itself_is_allowed_and_the_browser_gets_no_maxlength():
    assert NoteForm({"note": "a" * TEXT_SHORT}).is_valid()
    assert "maxlength" not in str(NoteForm()["note"])


def test_services_get_the_same_message():
    with translation.override("nl"):
        assert too_long("a" * TEXT_LONG, TEXT_LONG) is None
        assert too_long("a" * (TEXT_LONG + 1), TEXT_LONG) == (
            "Maximaal 10000 tekens. Nu zijn het er 10001."
        )
