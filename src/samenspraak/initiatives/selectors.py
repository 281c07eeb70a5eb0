"""Reads for initiatives: lists, the detail page, eligibility, the clerk's queue. Each page's
read costs a fixed number of queries, whatever the number of signatures or steps."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.accounts.models import AttributeKind
from samenspraak.accounts.selectors import user_valid_attributes
from samenspraak.core.search import first_results, text_search
from samenspraak.initiatives.models import (
    PUBLIC_STATUSES,
    QUEUE_STATUSES,
    ByLaw,
    CoInitiator,
    CouncilDecision,
    CouncilMember,
    CouncilReaction,
    Initiative,
    Meeting,
    Signature,
    Status,
    Step,
)

#: The verified attribute a minimum age asks for (an 18+ claim also shows 16+).
AGE_ATTRIBUTES = {
    16: (AttributeKind.AGE_16_PLUS, AttributeKind.AGE_18_PLUS),
    18: (AttributeKind.AGE_18_PLUS,),
}


def bylaw_for(municipality, kind: str) -> ByLaw | None:
    return ByLaw.objects.filter(municipality=municipality, kind=kind).first()


def has_bylaws(municipality) -> bool:
    """Does the municipality have rules for initiatives? Cached (ByLaw.save clears it), so the
    home page asks without a query."""
    key = ByLaw.cache_key(municipality.pk)
    answer = cache.get(key)
    if answer is None:
        answer = ByLaw.objects.filter(municipality=municipality).exists()
        cache.set(key, answer, timeout=300)
    return answer


def bylaws(municipality) -> list[ByLaw]:
    return list(ByLaw.objects.filter(municipality=municipality).order_by("kind"))


def eligibility_problem(user, bylaw: ByLaw | None, *, at=None) -> str | None:
    """Why this person may not sign or start an initiative under `bylaw`, in plain Dutch; None
    when they may. Eligibility comes only from verified attributes (one query)."""
    if not (user and user.is_authenticated and user.is_active):
        return _("Log eerst in.")
    if user.is_staff_role:
        return _(
            "Medewerkers van de gemeente en raadsleden tekenen niet met dit account. "
            "Log in met uw eigen account als inwoner."
        )
    if bylaw is None:
        return _("De gemeente heeft nog geen regels voor dit soort initiatief.")
    kinds = {a.kind for a in user_valid_attributes(user, at=at)}
    if AttributeKind.RESIDENT_OF_MUNICIPALITY not in kinds:
        return _(
            "Alleen inwoners van de gemeente kunnen tekenen. Wij weten nog niet dat u hier "
            "woont: laat dit controleren via Mijn gegevens."
        )
    if not kinds.intersection(AGE_ATTRIBUTES.get(bylaw.minimum_age, ())):
        return _(
            "U moet %(age)s jaar of ouder zijn. Wij weten nog niet of dat zo is: laat dit "
            "controleren via Mijn gegevens."
        ) % {"age": bylaw.minimum_age}
    return None


def is_open_for_signing(initiative: Initiative, *, today=None) -> bool:
    today = today or timezone.localdate()
    return (
        initiative.status == Status.COLLECTING
        and initiative.last_day is not None
        and today <= initiative.last_day
    )


def public_initiatives(municipality, *, status: str = "") -> QuerySet[Initiative]:
    """What the public list shows: checked initiatives (refused ones too, with their reason)."""
    items = Initiative.objects.filter(municipality=municipality, status__in=PUBLIC_STATUSES)
    if status:
        items = items.filter(status=status)
    return items.select_related("area").order_by("-created_at", "-pk")


def own_initiatives(user, municipality) -> list[Initiative]:
    """The initiatives `user` started or joined that are not public yet (concepts, in review)."""
    if not (user and user.is_authenticated):
        return []
    joined = CoInitiator.objects.filter(user=user).values("initiative_id")
    return list(
        Initiative.objects.filter(municipality=municipality)
        .exclude(status__in=PUBLIC_STATUSES)
        .filter(Q(initiator=user) | Q(pk__in=joined))
        .order_by("-created_at")
    )


def initiative_get(municipality, pk: int) -> Initiative:
    """One initiative with what its page shows (5 queries: itself, steps, decisions, people,
    council members' reactions)."""
    return (
        Initiative.objects.select_related("area", "meeting", "initiator")
        .prefetch_related(
            Prefetch("steps", queryset=Step.objects.order_by("at", "pk")),
            Prefetch(
                "decisions",
                queryset=CouncilDecision.objects.select_related("meeting").order_by(
                    "decided_on", "pk"
                ),
            ),
            Prefetch("co_initiators", queryset=CoInitiator.objects.select_related("user")),
            Prefetch(
                "council_reactions",
                queryset=CouncilReaction.objects.select_related("member").order_by(
                    "created_at", "pk"
                ),
            ),
        )
        .get(municipality=municipality, pk=pk)
    )


def co_initiator_ids(initiative: Initiative) -> set[int]:
    """Uses the prefetched co-initiators (no query when they were prefetched)."""
    return {c.user_id for c in initiative.co_initiators.all()}


def signature_of(user, initiative: Initiative) -> Signature | None:
    if not (user and user.is_authenticated):
        return None
    return Signature.objects.filter(initiative=initiative, user=user).first()


def agenda_queue(municipality) -> list[Initiative]:
    """The clerk's queue: initiatives that reached the threshold, oldest first, scheduled ones
    with their meeting."""
    return list(
        Initiative.objects.filter(municipality=municipality, status__in=QUEUE_STATUSES)
        .select_related("meeting", "area")
        .order_by("status", "updated_at", "pk")
    )


def in_review(municipality) -> list[Initiative]:
    return list(
        Initiative.objects.filter(municipality=municipality, status=Status.IN_REVIEW).order_by(
            "updated_at", "pk"
        )
    )


def collecting(municipality) -> list[Initiative]:
    return list(
        Initiative.objects.filter(municipality=municipality, status=Status.COLLECTING).order_by(
            "last_day", "pk"
        )
    )


def meetings(municipality, *, upcoming_only: bool = False) -> list[Meeting]:
    items = Meeting.objects.filter(municipality=municipality)
    if upcoming_only:
        items = items.filter(starts_at__gte=timezone.now())
    return list(items.prefetch_related("initiatives").order_by("starts_at", "pk"))


def decisions(municipality) -> QuerySet[CouncilDecision]:
    """The record of decisions, newest first (the public ones: every decision is public)."""
    return (
        CouncilDecision.objects.filter(initiative__municipality=municipality)
        .select_related("initiative", "meeting")
        .order_by("-decided_on", "-pk")
    )


def signers_to_notify(initiative_id: int):
    """People who signed online and asked to hear how it goes."""
    from samenspraak.accounts.models import User

    return User.objects.filter(
        pk__in=Signature.objects.filter(
            initiative_id=initiative_id, notify=True, user__isnull=False
        ).values("user_id"),
        is_active=True,
    )


def search_results(query: str, user=None, page: int = 1):
    """Site search (initiatives' provider): public initiatives of this municipality."""
    from samenspraak.organisations.selectors import current_municipality

    municipality = current_municipality()
    if municipality is None:
        return first_results(Initiative.objects.none())
    items = Initiative.objects.filter(municipality=municipality, status__in=PUBLIC_STATUSES)
    fields = ["title", "problem", "proposal", "council_ask"]
    return first_results(text_search(items, fields, query), page=page)


def council_members(municipality) -> list[CouncilMember]:
    return list(CouncilMember.objects.filter(municipality=municipality).order_by("name", "pk"))


def council_member_get(municipality, pk: int) -> CouncilMember:
    """A member's public profile with their reactions and the initiatives they are about."""
    return CouncilMember.objects.prefetch_related(
        Prefetch(
            "reactions",
            queryset=CouncilReaction.objects.filter(initiative__status__in=PUBLIC_STATUSES)
            .select_related("initiative")
            .order_by("-created_at", "-pk"),
        )
    ).get(municipality=municipality, pk=pk)


def council_member_of(user) -> CouncilMember | None:
    if not (user and user.is_authenticated):
        return None
    return CouncilMember.objects.filter(user=user).first()


def council_member_accounts():
    """Accounts with the council member role (for the clerk's choice)."""
    from samenspraak.accounts.models import Role, User

    return User.objects.filter(role=Role.COUNCIL_MEMBER, is_active=True).order_by(
        "display_name", "pk"
    )


def public_initiative_with_trace(municipality, pk: int) -> Initiative:
    """A public initiative with its steps and the council's decisions (3 queries), for the
    golden thread: every step with its date, the decisions with links to their record."""
    return (
        Initiative.objects.filter(municipality=municipality, status__in=PUBLIC_STATUSES)
        .prefetch_related(
            Prefetch("steps", queryset=Step.objects.order_by("at", "pk")),
            Prefetch(
                "decisions",
                queryset=CouncilDecision.objects.select_related("meeting").order_by(
                    "decided_on", "pk"
                ),
            ),
        )
        .get(pk=pk)
    )
