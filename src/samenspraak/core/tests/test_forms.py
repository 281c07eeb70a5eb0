"""DayField: the one field for a typed day, with bounds and a plain Dutch message;
apply_service_errors: a service's errors on the form."""

import datetime

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django.utils.formats import date_format

from samenspraak.core.forms import EARLIEST_DAY, DayField, apply_service_errors, latest_day


class DayForm(forms.Form):
    day = DayField(label="Dag")
    old_day = DayField(label="Oude dag", required=False, earliest=datetime.date(1900, 1, 1))


@pytest.mark.parametrize("typed", ["9999-12-31", "1900-01-01", "1999-12-31"])
def test_days_outside_the_bounds_get_a_dutch_message_and_keep_the_typed_value(typed):
    with translation.override("nl"):
        form = DayForm({"day": typed})
        assert not form.is_valid()
        latest = date_format(latest_day(), "j F Y")
        assert form.errors["day"] == [f"Vul een datum in van 1 januari 2000 tot en met {latest}."]
        assert f'value="{typed}"' in str(form["day"])


def test_the_bounds_themselves_are_allowed_and_the_day_after_is_not():
    assert DayForm({"day": EARLIEST_DAY.isoformat()}).is_valid()
    assert DayForm({"day": latest_day().isoformat()}).is_valid()
    too_late = latest_day() + datetime.timedelta(days=1)
    assert not DayForm({"day": too_late.isoformat()}).is_valid()


def test_a_field_can_allow_older_days():
    assert DayForm({"day": "2026-01-01", "old_day": "1965-05-04"}).is_valid()
    assert not DayForm({"day": "2026-01-01", "old_day": "1899-12-31"}).is_valid()


def test_latest_day_is_25_years_ahead_and_survives_a_leap_day():
    assert latest_day(datetime.date(2028, 2, 29)) == datetime.date(2053, 2, 28)
    today = timezone.localdate()
    assert latest_day().year == today.year + 25


def test_a_typed_non_date_gets_the_example():
    form = DayForm({"day": "morgen"})
    assert form.errors["day"] == ["Vul een datum in, bijvoorbeeld 2027-03-01."]
    assert 'value="morgen"' in str(form["day"])


class PhaseForm(forms.Form):
    name = forms.CharField(label="Naam")
    first_day = forms.CharField(label="Eerste dag")
    file = forms.CharField(label="Bestand", required=False)


def _bound_form() -> PhaseForm:
    form = PhaseForm({"name": "Ideeën", "first_day": "2027-03-01"})
    assert form.is_valid()
    return form


def test_service_errors_land_on_their_fields_renamed_or_on_the_form():
    form = _bound_form()
    error = ValidationError(
        {
            "name": ValidationError("Te kort.", code="short"),
            "starts_at": "Deze dag is al voorbij.",
            "unknown": ["Iets anders klopt niet.", "En dit ook niet."],
        }
    )
    apply_service_errors(form, error, rename={"starts_at": "first_day"})
    assert form.errors["name"] == ["Te kort."]
    assert form.has_error("name", "short")  # the service's code is kept
    assert form.errors["first_day"] == ["Deze dag is al voorbij."]
    assert form.non_field_errors() == ["Iets anders klopt niet.", "En dit ook niet."]
    assert form["name"].value() == "Ideeën"  # what the person typed stays


def test_service_errors_without_fields_go_to_the_default_field_or_the_form():
    form = _bound_form()
    apply_service_errors(form, ValidationError("Het bestand is leeg."), default_field="file")
    assert form.errors["file"] == ["Het bestand is leeg."]

    form = _bound_form()
    apply_service_errors(form, ValidationError(["Een.", "Twee."]))
    assert form.non_field_errors() == ["Een.", "Twee."]

    form = _bound_form()
    apply_service_errors(form, ValidationError({"name": "Nee."}), rename={"name": None})
    assert form.non_field_errors() == ["Nee."] and "name" not in form.errors


def test_a_refusal_becomes_a_form_wide_message():
    form = _bound_form()
    apply_service_errors(form, PermissionDenied("De stemming is gesloten."), refused="Nee.")
    assert form.non_field_errors() == ["De stemming is gesloten."]
    form = _bound_form()
    apply_service_errors(form, PermissionDenied(), refused="U kunt nu niet stemmen.")
    assert form.non_field_errors() == ["U kunt nu niet stemmen."]
    assert form["name"].value() == "Ideeën"
