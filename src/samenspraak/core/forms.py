"""Form fields and form helpers every app shares.

`LimitedTextField` is a text with a limit (from core.text, or the model's); every text field with
a limit says so in one message, "Maximaal 120 tekens. Nu zijn het er 131.", stating the limit that
really applies (model forms use `limited_formfield`, other fields `state_limit`).
`RichTextField` is a text in core.richtext's Markdown subset; `preview_requested` and
`previews` give its "Voorbeeld bekijken" (see each).
`apply_service_errors` puts a service's ValidationError on a form (see each).

`DayField` is the one field for a typed date (a day, no time). A date far outside what a
participation process can mean is refused with a plain Dutch message, the typed value kept:

- not before 1 January 2000 (`EARLIEST_DAY`): Samenspraak records processes, input and audit
  entries from this century; 1900 is a typing slip (the year field left at its first value);
- not after today + 25 years (`YEARS_AHEAD`): the longest plans a municipality asks residents
  about (an area vision, an Omgevingsvisie) look about twenty years ahead. It also keeps
  date arithmetic safe: 9999-12-31 plus one day raised OverflowError (a 500).

A field where older dates are real (the date of a policy document) passes `earliest`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from samenspraak.core.dates import format_day
from samenspraak.core.richtext import render_markdown
from samenspraak.core.text import TOO_LONG

EARLIEST_DAY = datetime.date(2000, 1, 1)
YEARS_AHEAD = 25


def latest_day(today: datetime.date | None = None) -> datetime.date:
    """Today (local) + YEARS_AHEAD years; 29 February becomes 28 February."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


class DayBoundsValidator:
    """Refuses a day before `earliest` or after today + YEARS_AHEAD years."""

    message = _("Vul een datum in van %(earliest)s tot en met %(latest)s.")
    code = "date_out_of_range"

    def __init__(self, earliest: datetime.date = EARLIEST_DAY):
        self.earliest = earliest

    def __call__(self, value: datetime.date) -> None:
        latest = latest_day()
        if not self.earliest <= value <= latest:
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "earliest": format_day(self.earliest),
                    "latest": format_day(latest),
                },
            )

    def __eq__(self, other) -> bool:  # so migrations and form comparisons see equal validators
        return isinstance(other, DayBoundsValidator) and other.earliest == self.earliest


class DayField(forms.DateField):
    """A typed day: the browser's date picker, ISO format, and sensible bounds (see above)."""

    default_error_messages = {"invalid": _("Vul een datum in, bijvoorbeeld 2027-03-01.")}

    def __init__(self, *, earliest: datetime.date = EARLIEST_DAY, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)
        self.validators.append(DayBoundsValidator(earliest))


def apply_service_errors(
    form: forms.BaseForm,
    error: ValidationError | PermissionDenied,
    *,
    rename: dict[str, str | None] | None = None,
    default_field: str | None = None,
    refused: str = "",
) -> None:
    """Put a service's ValidationError or PermissionDenied on `form`, so the page shows every
    message next to the field it is about and keeps what the person typed.

    A PermissionDenied becomes a form-wide error: its own message, else `refused`.

    A field the service names but the form lacks (or that `rename` maps to None) gets its
    messages as form-wide errors, or on `default_field`; `rename` maps the service's names onto
    the form's ({"starts_at": "first_day"}). An error without fields goes to `default_field`
    (None: the form as a whole).
    """
    if isinstance(error, PermissionDenied):
        form.add_error(None, str(error) or refused or _("Dit kan nu niet."))
        return
    rename = rename or {}
    if not hasattr(error, "error_dict"):
        form.add_error(default_field, error)
        return
    for name, errors in error.error_dict.items():  # ValidationErrors: codes and params kept
        target = rename.get(name, name)
        form.add_error(target if target in form.fields else default_field, errors)


class LimitedTextField(forms.CharField):
    """A text with a limit from core.text (`max_length=TEXT_SHORT`), the same number the model and
    the service use. Too long: "Maximaal 5000 tekens. Nu zijn het er 5012." and the text stays.

    The browser gets no maxlength attribute: it would cut pasted text without saying so.
    """

    default_error_messages = {"max_length": TOO_LONG}

    def __init__(self, *, max_length: int | None, **kwargs):
        super().__init__(max_length=max_length, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


RICH_TEXT_HELP = _(
    "Opmaak: een lege regel begint een nieuwe alinea. **vet**, *schuin*, een lijst met - aan "
    "het begin van elke regel, een link als [tekst](https://...) en een tussenkop met ## aan "
    "het begin van de regel. Met 'Voorbeeld bekijken' ziet u hoe het eruitziet."
)
PREVIEW = "voorbeeld"  # the name of the preview button (core/_preview_button.html)


class RichTextField(LimitedTextField):
    """A text in the Markdown subset of core.richtext (news, a process's page, answers). Its
    help text says what the subset can do; pages show it with `{{ text|richtext }}`, or
    `{{ text|richtext:3 }}` under a section heading of the page: then pass `top=3`, so the
    preview renders it the same. `max_length=None` for a text the model does not limit."""

    def __init__(self, *, max_length: int | None = None, rows: int = 10, top: int = 2, **kwargs):
        self.top = top
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows, "data-richtext": "1"}))
        help_text = kwargs.pop("help_text", "")
        kwargs["help_text"] = (
            format_lazy("{} {}", help_text, RICH_TEXT_HELP) if help_text else RICH_TEXT_HELP
        )
        super().__init__(max_length=max_length, **kwargs)


@dataclass(frozen=True)
class Preview:
    label: str
    html: SafeString


def preview_requested(request) -> bool:
    """True when the person pressed 'Voorbeeld bekijken': show the text, save nothing."""
    return request.method == "POST" and PREVIEW in request.POST


def previews(request, form: forms.BaseForm) -> list[Preview]:
    """After 'Voorbeeld bekijken': what each rich text of the form will look like, rendered as
    the page renders it (core/_richtext_preview.html shows them), also when other fields still
    have problems. Otherwise nothing."""
    if not preview_requested(request) or not form.is_bound:
        return []
    return [
        Preview(str(form[name].label), render_markdown(form[name].value(), top=field.top))
        for name, field in form.fields.items()
        if isinstance(field, RichTextField) and form[name].value()
    ]


def has_rich_text(form: forms.BaseForm) -> bool:
    return any(isinstance(field, RichTextField) for field in form.fields.values())


def state_limit(field: forms.Field) -> forms.Field:
    """Give a text field that is not a LimitedTextField (a model form's own field, a field of
    allauth) the same one message about its limit, and no maxlength attribute."""
    if isinstance(field, forms.CharField) and field.max_length is not None:
        field.error_messages["max_length"] = TOO_LONG
        field.widget.attrs.pop("maxlength", None)
    return field


def limited_formfield(db_field, **kwargs) -> forms.Field | None:
    """`formfield_callback` for a ModelForm's Meta: the fields made from the model state their
    limit as LimitedTextField does (`core/tests/test_limit_messages.py` checks every form)."""
    field = db_field.formfield(**kwargs)
    return state_limit(field) if field is not None else None
