from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "samenspraak.surveys"
    verbose_name = _("Enquêtes")

    def ready(self):
        from samenspraak.core.registry import process_sections
        from samenspraak.processes.phases import Action, PhaseKind, phase_kinds
        from samenspraak.surveys import sections

        phase_kinds.register(
            PhaseKind(
                key="surveys.respond",
                name=_("Enquête"),
                description=_("U vult een enquête in. Na afloop ziet u de uitkomsten."),
                allows=frozenset({Action.SURVEY}),
            )
        )
        process_sections.register(
            "surveys.survey",
            template="surveys/process_section.html",
            context=sections.process_section,
            order=40,
        )

        from samenspraak.surveys import privacy

        privacy.register()

        from samenspraak.core import events
        from samenspraak.surveys.events import EVENT_TYPES

        for event_type in EVENT_TYPES:
            events.register_type(event_type)
