"""Euro amounts: the one place that reads what people type and writes what they read.

Reading (`parse_money`) accepts both notations, whatever the active language, because people
paste amounts from anywhere: '12.500', '12500,50', '€ 12.500,-', '12 500' (Dutch) and '12,500',
'12,500.50' (English). Euros have at most two decimals, so ',500' and '.500' group thousands.

Writing follows the active language (decided in issue #10, so ballots, results and the
explanations of a result never disagree):

- Dutch:   '€ 12.500', '€ 12.500,50', '€ -2.000' (space after the sign, as Dutch style guides do);
- English: '€12,500', '€12,500.50', '-€2,000'.

Whole amounts show no cents; other amounts show two decimals (rounded half up). `format_amount`
gives the number alone, for a form field's initial value (parse_money reads it back).
In templates: `{% load money %}` and `{{ amount|euro }}`.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import get_language
from django.utils.translation import gettext as _

AMOUNT_MAX = Decimal("999999999999.99")
CENT = Decimal("0.01")
UNKNOWN = "€ –"  # for `empty=`: an amount that should be there but is not known

_THOUSANDS_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d{1,2})?$")  # Dutch: 12.500,50
_THOUSANDS_COMMAS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$")  # English: 12,500.50
_PLAIN = re.compile(r"^\d+([.,]\d{1,2})?$")


def parse_money(text: object) -> Decimal:
    """The amount in `text` (see the module's docstring). Raises ValueError with a Dutch
    message when it is not an amount or larger than AMOUNT_MAX."""
    if isinstance(text, Decimal):
        return text
    if isinstance(text, int):
        return Decimal(text)
    value = str(text or "").strip()
    value = value.replace("€", "").replace("EUR", "").replace("euro", "").strip()
    value = re.sub(r"[\s\u00a0\u202f]", "", value)  # 12 500 (also with no-break spaces)
    value = re.sub(r",-+$", "", value)  # 12.500,-
    if not value:
        raise ValueError(_("Vul een bedrag in, bijvoorbeeld 12.500 of 12500,50."))
    if _THOUSANDS_DOTS.match(value):
        number = value.replace(".", "").replace(",", ".")
    elif _THOUSANDS_COMMAS.match(value):
        number = value.replace(",", "")
    elif _PLAIN.match(value):
        number = value.replace(",", ".")
    else:
        raise ValueError(
            _("Dit is geen bedrag. Schrijf het bijvoorbeeld als 12.500 of 12500,50 (in euro).")
        )
    try:
        amount = Decimal(number)
    except InvalidOperation:
        raise ValueError(_("Dit is geen bedrag. Schrijf het bijvoorbeeld als 12.500.")) from None
    if amount > AMOUNT_MAX:
        raise ValueError(_("Dit bedrag is te groot."))
    return amount


def _english() -> bool:
    return (get_language() or "nl").lower().startswith("en")


def format_amount(amount: object) -> str:
    """'12.500' or '12.500,50' in Dutch, '12,500' or '12,500.50' in English; '' for None.
    The sign stays in front ('-2.000')."""
    if amount is None or amount == "":
        return ""
    value = Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_UP)
    places = 0 if value == value.to_integral_value() else 2
    text = f"{value:,.{places}f}"  # Python writes the English notation
    if not _english():
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def format_money(amount: object, *, empty: str = "") -> str:
    """'€ 12.500' (Dutch) or '€12,500' (English); `empty` for None (no amount known)."""
    if amount is None or amount == "":
        return empty
    text = format_amount(amount)
    if _english():
        return f"-€{text[1:]}" if text.startswith("-") else f"€{text}"
    return f"€ {text}"
