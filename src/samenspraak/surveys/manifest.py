"""What surveys adds to the shared parts of the product (see core.components)."""

from django.utils.translation import gettext_lazy as _

from samenspraak.core.components import Manifest, PageSection, PhaseAction
from samenspraak.processes.phases import PhaseKind
from samenspraak.surveys import events, privacy, sections
from samenspraak.surveys.models import PHASE_KIND, SURVEY

MANIFEST = Manifest(
    app="surveys",
    process_templates=("process_templates/enquete.json",),
    phase_actions=(PhaseAction(SURVEY, _("Enquête invullen")),),
    phase_kinds=(
        PhaseKind(
            key=PHASE_KIND,
            name=_("Enquête"),
            description=_("U vult een enquête in. Na afloop ziet u de uitkomsten."),
            allows=frozenset({SURVEY}),
        ),
    ),
    process_sections=(
        PageSection(
            "surveys.survey",
            template="surveys/process_section.html",
            context=sections.process_section,
            order=40,
        ),
    ),
    account_sections=(
        PageSection(
            "surveys.responses",
            template="surveys/mine_responses.html",
            context=sections.mine_responses,
            order=60,
        ),
    ),
    # The services record these names as literals (surveys.services).
    audit_actions={
        "surveys.survey_created": _("Enquête gemaakt"),
        "surveys.survey_changed": _("Enquête gewijzigd"),
        "surveys.question_saved": _("Enquêtevraag opgeslagen"),
        "surveys.question_deleted": _("Enquêtevraag verwijderd"),
        "surveys.question_moved": _("Enquêtevraag verplaatst"),
    },
    privacy=(privacy.handler(),),
    process_actions=(sections.process_actions,),
    demo_chapters="samenspraak.surveys.demo_data",
    event_types=events.EVENT_TYPES,
)
