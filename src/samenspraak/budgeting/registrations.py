"""What budgeting adds to lower apps: its phase kinds (process page sections come later)."""

from django.utils.translation import gettext_lazy as _

PROPOSE = "budgeting.propose"
REVIEW = "budgeting.review"
VOTE = "budgeting.vote"
RESULTS = "budgeting.results"


def register_all() -> None:
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

    from samenspraak.processes.models import Phase

    post_save.connect(_vote_phase_saved, sender=Phase, dispatch_uid="budgeting.close_at_end")

    from samenspraak.accounts import privacy

    privacy.register(
        "budgeting",
        label=_("Stemmen over budgetten"),
        exporter=_export_votes,
        anonymiser=_anonymise_votes,
    )


def _vote_phase_saved(sender, instance, **kwargs) -> None:
    """A vote phase was added or moved: close its votes when it ends (voting.schedule_close)."""
    if instance.kind == VOTE:
        from samenspraak.budgeting import voting

        voting.schedule_close(instance)


def _export_votes(user) -> list[dict]:
    """That the person voted, where and when; never what (the ballot is secret, also to us)."""
    from samenspraak.budgeting.models import VoterRegister

    rows = VoterRegister.objects.filter(user=user).select_related("budget__process")
    return [
        {
            "process": row.budget.process.title,
            "budget": row.budget.title,
            "channel": row.channel,
            "voted_on": row.voted_on.isoformat(),
        }
        for row in rows.order_by("voted_on", "pk")
    ]


def _anonymise_votes(user) -> None:
    """The register keeps the row (turnout stays right) without the person."""
    from samenspraak.budgeting.models import VoterRegister

    VoterRegister.objects.filter(user=user).update(user=None)
