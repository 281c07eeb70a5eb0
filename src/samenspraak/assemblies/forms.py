"""Forms of the burgerberaad pages: registration (public), and the staff set-up."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspraak.assemblies.models import Algorithm
from samenspraak.assemblies.selectors import feature_field
from samenspraak.core.dates import format_day
from samenspraak.core.forms import LimitedTextField


class CodeForm(forms.Form):
    use_required_attribute = False

    code = LimitedTextField(
        label=_("Uw aanmeldcode"),
        help_text=_("Die staat in uw brief: 10 letters en cijfers, bijvoorbeeld ABCDE-FGH23."),
        max_length=20,
        error_messages={"required": _("Vul de code uit uw brief in.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class RegistrationForm(forms.Form):
    """Contact details, the assembly's characteristics (one choice per feature) and consent."""

    use_required_attribute = False

    code = LimitedTextField(
        label=_("Uw aanmeldcode"),
        max_length=20,
        error_messages={"required": _("Vul de code uit uw brief in.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    name = LimitedTextField(
        label=_("Uw naam"),
        max_length=120,
        error_messages={"required": _("Vul uw naam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = LimitedTextField(
        label=_("E-mailadres"),
        max_length=254,
        required=False,
        help_text=_("Vul een e-mailadres of een telefoonnummer in (of allebei)."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = LimitedTextField(
        label=_("Telefoonnummer"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    consent = forms.BooleanField(
        label=_(
            "Ik geef toestemming om mijn gegevens te gebruiken voor de loting en om contact met "
            "mij op te nemen over het burgerberaad."
        ),
        required=False,
    )

    def __init__(self, *args, features: dict[str, list[str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.feature_names: dict[str, str] = {}
        fields = dict(self.fields)
        consent = fields.pop("consent")
        for feature, values in features.items():
            name = feature_field(feature)
            self.feature_names[name] = feature
            fields[name] = forms.ChoiceField(
                label=feature,
                choices=[(v, v) for v in values],
                widget=forms.RadioSelect,
                required=False,
                error_messages={"invalid_choice": _("Kies wat bij u past.")},
            )
        fields["consent"] = consent
        self.fields = fields

    def characteristics(self) -> dict[str, str]:
        return {
            feature: self.cleaned_data.get(name) or ""
            for name, feature in self.feature_names.items()
        }


class StaffRegistrationForm(RegistrationForm):
    """A registration a staff member takes by phone or from a paper form: the same fields
    about the person, their language for the mails, and confirmation of their consent."""

    code = LimitedTextField(
        label=_("Aanmeldcode uit de brief"),
        max_length=20,
        error_messages={"required": _("Vul de code uit de brief in.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    name = LimitedTextField(
        label=_("Naam"), max_length=120, error_messages={"required": _("Vul de naam in.")}
    )
    email = LimitedTextField(
        label=_("E-mailadres"),
        max_length=254,
        required=False,
        help_text=_("Een e-mailadres of een telefoonnummer (of allebei)."),
        widget=forms.EmailInput(),
    )
    language = forms.ChoiceField(
        label=_("Taal voor berichten"),
        choices=[("nl", "Nederlands"), ("en", "English")],
        initial="nl",
    )
    consent = forms.BooleanField(
        label=_(
            "De persoon gaf toestemming om de gegevens te gebruiken voor de loting en om contact "
            "op te nemen over het burgerberaad."
        ),
        required=False,
    )


class AssemblyForm(forms.Form):
    title = LimitedTextField(label=_("Titel"), max_length=160)
    intro = forms.CharField(
        label=_("Inleiding"),
        help_text=_("Waarover gaat het burgerberaad? Dit staat ook in de brief."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    panel_size = forms.IntegerField(
        label=_("Aantal leden van het panel"), min_value=2, max_value=500
    )
    reserve_size = forms.IntegerField(label=_("Aantal reserves"), min_value=0, max_value=500)
    algorithm = forms.ChoiceField(label=_("Lotingsmethode"), choices=Algorithm.choices)
    household_rule = forms.BooleanField(
        label=_("Hoogstens één aanmelding per adres"),
        help_text=_("Dan komen er nooit twee mensen van hetzelfde adres in het panel."),
        required=False,
    )


class NewAssemblyForm(AssemblyForm):
    phase = forms.ModelChoiceField(
        label=_("Fase"),
        queryset=None,
        help_text=_("Een fase van het soort 'Burgerberaad' zonder burgerberaad."),
    )

    field_order = ["phase"]

    def __init__(self, *args, phases=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = phases
        self.fields["phase"].label_from_instance = _phase_label


def _phase_label(phase) -> str:
    days = f"{format_day(phase.starts_at)} – {format_day(phase.ends_at)}"
    return f"{phase.process.title}: {phase.title} ({days})"


class QuotaForm(forms.Form):
    use_required_attribute = False

    quotas = forms.CharField(
        label=_("Kenmerken en quota"),
        help_text=_(
            "Eén regel per waarde: kenmerk, waarde, aantal inwoners, min, max. Bijvoorbeeld: "
            "Leeftijd,16-34,21000,6,9. Met 'Bereken uit inwoners' rekenen we min en max uit."
        ),
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        error_messages={"required": _("Schrijf ten minste één kenmerk met een waarde.")},
    )


class AddressFileForm(forms.Form):
    file = forms.FileField(
        label=_("Adressenbestand (CSV)"),
        help_text=_(
            "Kolommen: straat, huisnummer, toevoeging, postcode, woonplaats, buurtcode. Een "
            "nieuw bestand vervangt het vorige."
        ),
        error_messages={"required": _("Kies een bestand.")},
    )


class InvitationForm(forms.Form):
    count = forms.IntegerField(
        label=_("Aantal uitnodigingen"),
        min_value=1,
        error_messages={"required": _("Vul in hoeveel adressen een brief krijgen.")},
    )
    seed = LimitedTextField(
        label=_("Lotnummer van de adressenloting (mag leeg)"),
        help_text=_(
            "Leeg laten: dan kiezen wij een willekeurig lotnummer. Het wordt gepubliceerd, "
            "zodat iedereen de loting kan nadoen."
        ),
        max_length=64,
        required=False,
    )


class SeedForm(forms.Form):
    seed = LimitedTextField(
        label=_("Geheim lotnummer voor de loting van het panel (mag leeg)"),
        help_text=_(
            "Leeg laten: dan kiezen wij een willekeurig geheim lotnummer en laten het u één keer "
            "zien. Wij bewaren alleen de hash; u heeft het lotnummer zelf nodig om te loten."
        ),
        max_length=128,
        required=False,
    )


class DrawForm(forms.Form):
    """The secret seed, entered again when the draw starts (checked against the hash)."""

    seed = LimitedTextField(
        label=_("Uw bewaarde geheime lotnummer"),
        help_text=_("Precies zoals u het bij het vastleggen kreeg of koos."),
        max_length=128,
        error_messages={"required": _("Vul het geheime lotnummer in dat u heeft bewaard.")},
    )


class CallForm(forms.Form):
    """The "gebeld" mark on the call list: which volunteer (their pool entry), and whether."""

    lid = forms.IntegerField(min_value=1, error_messages={"invalid": _("Kies een vrijwilliger.")})
    gebeld = forms.ChoiceField(choices=[("ja", _("Gebeld")), ("nee", _("Niet gebeld"))])

    def clean(self):
        data = super().clean()
        if self.errors:
            raise forms.ValidationError(_("Dit ging mis. Kies de vrijwilliger opnieuw."))
        return data
