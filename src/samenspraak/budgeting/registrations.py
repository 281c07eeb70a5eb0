"""What budgeting adds to lower apps: its phase kinds (process page sections come later)."""

from django.utils.translation import gettext_lazy as _

PROPOSE = "budgeting.propose"
REVIEW = "budgeting.review"
VOTE = "budgeting.vote"
RESULTS = "budgeting.results"


def register_all() -> None:
    from samenspraak.budgeting.events import EVENT_TYPES
    from samenspraak.core import events

    for event_type in EVENT_TYPES:
        events.register_type(event_type)
    from samenspraak.processes.phases import Action, PhaseKind, phase_kinds

    phase_kinds.register(
        PhaseKind(
            key=PROPOSE,
            name=_("Projecten voorstellen"),
            description=_(
                "Inwoners stellen projecten voor met een geschatte prijs. Anderen steunen ze."
            ),
            allows=frozenset({Action.SUBMIT_INPUT, Action.SUPPORT, Action.COMMENT}),
        )
    )
    phase_kinds.register(
        PhaseKind(
            key=REVIEW,
            name=_("Toets op haalbaarheid"),
            description=_(
                "De gemeente bekijkt elk voorstel: kan het, en wat kost het? "
                "Bij elk voorstel staat het antwoord met de reden."
            ),
            allows=frozenset({Action.COMMENT}),
        )
    )
    phase_kinds.register(
        PhaseKind(
            key=VOTE,
            name=_("Stemmen"),
            description=_("Inwoners kiezen welke projecten van het budget worden uitgevoerd."),
            allows=frozenset({Action.VOTE}),
            decides=True,
        )
    )
    phase_kinds.register(
        PhaseKind(
            key=RESULTS,
            name=_("Uitslag en uitvoering"),
            description=_(
                "De gemeente laat zien welke projecten geld krijgen, waarom, "
                "en hoe ver de uitvoering is."
            ),
        )
    )

    from samenspraak.budgeting import sections_proposals, sections_results, sections_voting

    sections_proposals.register()
    sections_voting.register()
    sections_results.register()

    from django.db.models.signals import post_save

    from samenspraak.budgeting import privacy
    from samenspraak.processes.models import Phase

    post_save.connect(_vote_phase_saved, sender=Phase, dispatch_uid="budgeting.close_at_end")
    privacy.register()


def _vote_phase_saved(sender, instance, **kwargs) -> None:
    """A vote phase was added or moved: close its votes when it ends (voting.schedule_close)."""
    if instance.kind == VOTE:
        from samenspraak.budgeting import voting

        voting.schedule_close(instance)
