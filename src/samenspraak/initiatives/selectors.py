"""Reads for initiatives: lists, the detail page, eligibility, the clerk's queue. Each page's
read costs a fixed number of queries, whatever the number of signatures or steps."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db.models import Min, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.accounts.models import AttributeKind
from samenspraak.accounts.selectors import user_valid_attributes
from samenspraak.core.search import first_results, text_matches, text_search
from samenspraak.core.trace import TimelineEntry, TraceStep
from samenspraak.initiatives.models import (
    PUBLIC_STATUSES,
    QUEUE_STATUSES,
    ByLaw,
    CoInitiator,
    CouncilDecision,
    CouncilMember,
    CouncilQuestion,
    CouncilReaction,
    Initiative,
    Meeting,
    Outcome,
    QuestionState,
    Signature,
    Status,
    Step,
)
from samenspraak.initiatives.permissions import is_council_member

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
    return first_results(text_search(_searchable(), _SEARCHED_FIELDS, query), page=page)


_SEARCHED_FIELDS = ["title", "problem", "proposal", "council_ask"]


def search_matches(query: str, user=None):
    """What `search_results` finds, unranked and not yet run (core.components.SearchProvider)."""
    return text_matches(_searchable(), _SEARCHED_FIELDS, query)


def _searchable():
    """The public initiatives of this municipality."""
    from samenspraak.organisations.selectors import current_municipality

    municipality = current_municipality()
    if municipality is None:
        return Initiative.objects.none()
    return Initiative.objects.filter(municipality=municipality, status__in=PUBLIC_STATUSES)


def council_members(municipality) -> list[CouncilMember]:
    return list(CouncilMember.objects.filter(municipality=municipality).order_by("name", "pk"))


def council_members_of(municipality_id: int) -> list[CouncilMember]:
    return list(
        CouncilMember.objects.filter(municipality_id=municipality_id).order_by("name", "pk")
    )


def _public_reactions():
    """Reactions on things anyone may see: public initiatives, published processes and the
    input of published processes."""
    from samenspraak.processes.models import ProcessStatus

    return CouncilReaction.objects.filter(
        Q(initiative__status__in=PUBLIC_STATUSES)
        | Q(process__status=ProcessStatus.PUBLISHED)
        | Q(input__process__status=ProcessStatus.PUBLISHED)
    )


def council_member_get(municipality, pk: int) -> CouncilMember:
    """A member's public profile with their reactions (on initiatives, inputs and processes)
    and the questions they answered: 4 queries (the member, areas and themes, reactions,
    answers), whatever their number; `limit` newest of each."""
    return CouncilMember.objects.prefetch_related(
        "areas",
        "topics",
        Prefetch(
            "reactions",
            queryset=_public_reactions()
            .select_related("initiative", "input__process", "process")
            .order_by("-created_at", "-pk"),
        ),
        Prefetch(
            "answers",
            queryset=_shown(CouncilQuestion.objects.filter(process__status="published"))
            .select_related("process")
            .order_by("-answered_at", "-pk"),
        ),
    ).get(municipality=municipality, pk=pk)


def _shown(questions):
    """Without the questions a moderator hid (dialogue's latest decision, in the query)."""
    from samenspraak.dialogue.selectors import exclude_hidden

    return exclude_hidden(questions)


def reactions_on(*, input=None, process=None) -> list[CouncilReaction]:
    """Council members' reactions on an input or a process, oldest first (one query)."""
    items = CouncilReaction.objects.select_related("member")
    items = items.filter(input=input) if input is not None else items.filter(process=process)
    return list(items.order_by("created_at", "pk"))


#: The newest questions a process page shows.
PROCESS_QUESTIONS_LIMIT = 50


def process_questions(process, user=None) -> list[CouncilQuestion]:
    """The questions to the council on a process page, newest first, without the ones a
    moderator hid (one query): the published ones, and `user`'s own that wait for a moderator
    or were not published (with the reason)."""
    shown = Q(state=QuestionState.PUBLISHED)
    if user is not None and user.is_authenticated:
        shown |= Q(asker=user)
    items = (
        CouncilQuestion.objects.filter(process=process)
        .filter(shown)
        .select_related("member", "answered_by")
    )
    return list(_shown(items).order_by("-asked_at", "-pk")[:PROCESS_QUESTIONS_LIMIT])


def question_get(pk: int) -> CouncilQuestion:
    return CouncilQuestion.objects.select_related("process", "member", "answered_by").get(pk=pk)


def questions_for_member(member: CouncilMember, *, open_only: bool = True):
    """Questions put to `member` or to all members of their municipality, oldest due first."""
    items = CouncilQuestion.objects.filter(
        Q(member=member) | Q(to_all=True, process__municipality_id=member.municipality_id),
        state=QuestionState.PUBLISHED,
    )
    if open_only:
        items = items.filter(answered_at__isnull=True)
    return _shown(items).select_related("process", "member").order_by("due_on", "asked_at", "pk")


#: How many items each list on the council member's page shows.
DASHBOARD_LIMIT = 20


def council_dashboard(member: CouncilMember) -> dict:
    """What the council member's own page shows, in a fixed number of queries (at most 7) whatever
    the data: processes and initiatives in their areas and themes, their open questions
    (overdue first), the initiatives on the way to the council, upcoming meetings and the
    latest decisions."""
    from samenspraak.organisations.models import Area
    from samenspraak.processes.models import Process, ProcessStatus

    municipality_id = member.municipality_id
    # Prefetched by council_member_of(with_portfolio=True).
    followed = [a.pk for a in member.areas.all()]
    topic_ids = [t.pk for t in member.topics.all()]
    # A district (wijk) the member follows brings its neighbourhoods (buurten) along, in the
    # same queries (a subquery).
    area_ids = Area.objects.filter(Q(pk__in=followed) | Q(parent_id__in=followed)).values("pk")
    processes = []
    if followed or topic_ids:
        processes = list(
            Process.objects.filter(municipality_id=municipality_id, status=ProcessStatus.PUBLISHED)
            .filter(
                pk__in=Process.objects.filter(
                    Q(areas__in=area_ids) | Q(topics__in=topic_ids)
                ).values("pk")
            )
            .order_by("-published_at", "-pk")[:DASHBOARD_LIMIT]
        )
    initiatives = []
    if followed:
        initiatives = list(
            Initiative.objects.filter(
                municipality_id=municipality_id,
                area_id__in=area_ids,
                status__in=(Status.COLLECTING, Status.AGENDA, Status.SCHEDULED),
            )
            .select_related("area")
            .order_by("-updated_at", "-pk")[:DASHBOARD_LIMIT]
        )
    questions = list(questions_for_member(member)[:DASHBOARD_LIMIT])
    today = timezone.localdate()
    overdue = [q for q in questions if q.due_on < today]
    return {
        "member": member,
        "processes": processes,
        "initiatives": initiatives,
        "overdue": overdue,
        "open_questions": [q for q in questions if q.due_on >= today],
        "queue": list(
            Initiative.objects.filter(municipality_id=municipality_id, status__in=QUEUE_STATUSES)
            .select_related("meeting")
            .order_by("status", "updated_at", "pk")[:DASHBOARD_LIMIT]
        ),
        "meetings": list(
            Meeting.objects.filter(municipality_id=municipality_id, starts_at__gte=timezone.now())
            .prefetch_related("initiatives")
            .order_by("starts_at", "pk")[:5]
        ),
        "decisions": list(
            CouncilDecision.objects.filter(initiative__municipality_id=municipality_id)
            .select_related("initiative", "meeting")
            .order_by("-decided_on", "-pk")[:5]
        ),
    }


def council_member_of(user, *, with_portfolio: bool = False) -> CouncilMember | None:
    """`user`'s verified profile or None; `with_portfolio`: with its areas and themes
    prefetched (2 more queries)."""
    if not (user and user.is_authenticated):
        return None
    items = CouncilMember.objects.filter(user=user)
    if with_portfolio:
        items = items.prefetch_related("areas", "topics")
    return items.first()


def council_landing(user) -> str | None:
    """A council member whose profile the clerk verified lands on their own page after logging
    in (core.components.LoginLanding); one query, and only for the council member role."""
    if not is_council_member(user) or not CouncilMember.objects.filter(user=user).exists():
        return None
    return reverse("initiatives:council_dashboard")


def council_member_accounts():
    """Accounts with the council member role (for the clerk's choice)."""
    from samenspraak.accounts.models import Role, User

    return User.objects.filter(role=Role.COUNCIL_MEMBER, is_active=True).order_by(
        "display_name", "pk"
    )


# --- The golden thread and the area's memory (core.trace, declared in the manifest) -------


def _step_titles() -> dict[str, str]:
    return {
        Status.CONCEPT: _("Het initiatief is begonnen"),
        Status.IN_REVIEW: _("Het initiatief is ingediend bij de griffie"),
        Status.REFUSED: _("De griffie heeft het initiatief niet toegelaten"),
        Status.COLLECTING: _("Inwoners kunnen het initiatief tekenen"),
        Status.AGENDA: _("Genoeg handtekeningen: het initiatief gaat naar de gemeenteraad"),
        Status.SCHEDULED: _("Het initiatief staat op de agenda van de gemeenteraad"),
        Status.DECIDED: _("De gemeenteraad heeft over het initiatief besloten"),
        Status.EXPIRED: _("Er kwamen op tijd niet genoeg handtekeningen"),
    }


def _decision_titles() -> dict[str, str]:
    return {
        Outcome.ADOPTED: _("De gemeenteraad heeft het voorstel aangenomen"),
        Outcome.REJECTED: _("De gemeenteraad heeft het voorstel verworpen"),
        Outcome.POSTPONED: _("De gemeenteraad heeft het besluit uitgesteld"),
    }


def decision_moment(decision: CouncilDecision) -> datetime.datetime:
    """A decision is dated by its day; it counts from the end of that day, so it comes after
    the step the clerk recorded with it."""
    return timezone.make_aware(
        datetime.datetime.combine(decision.decided_on, datetime.time(23, 59))
    )


def questions_to_check(municipality) -> list[CouncilQuestion]:
    """Questions waiting for a moderator, oldest first (one query)."""
    return list(
        CouncilQuestion.objects.filter(
            process__municipality=municipality, state=QuestionState.PENDING
        )
        .select_related("process", "member")
        .order_by("asked_at", "pk")[:100]
    )


def decision_step(decision: CouncilDecision, url: str) -> TraceStep:
    links = {"official": decision.decision_url} if decision.decision_url else {}
    return TraceStep(
        "decision",
        decision_moment(decision),
        _decision_titles().get(decision.outcome, decision.get_outcome_display()),
        text=decision.motivation,
        url=f"{url}#decision-{decision.pk}",
        api_url=reverse("api:v1:council_decision", args=[decision.pk]),
        status=decision.outcome,
        source="initiatives",
        extra={"links": links},
    )


def trace_steps(ids: list[int]) -> dict[int, list[TraceStep]]:
    """The thread of each public initiative: every step of its timeline and the council's
    decisions with their motivation and the official record (three queries for any number of
    ids; concepts and initiatives in review get none)."""
    items = Initiative.objects.filter(pk__in=ids, status__in=PUBLIC_STATUSES).prefetch_related(
        Prefetch("steps", queryset=Step.objects.order_by("at", "pk")),
        Prefetch("decisions", queryset=CouncilDecision.objects.order_by("decided_on", "pk")),
    )
    titles = _step_titles()
    result: dict[int, list[TraceStep]] = {}
    for item in items:
        url = item.get_absolute_url()
        api_url = reverse("api:v1:initiative", args=[item.pk])
        steps = [
            TraceStep(
                "initiative",
                step.at,
                titles.get(step.status, step.get_status_display()),
                text=step.note,
                url=url,
                api_url=api_url,
                status=step.status,
                source="initiatives",
            )
            for step in item.steps.all()
        ]
        steps.extend(decision_step(decision, url) for decision in item.decisions.all())
        result[item.pk] = steps
    return result


def area_timeline(area_ids: list[int], limit: int) -> list[TimelineEntry]:
    """Initiatives residents started in these areas (from the day signing opened) and the
    council's decisions on them (two queries)."""
    items = (
        Initiative.objects.filter(area_id__in=area_ids, status__in=PUBLIC_STATUSES)
        .exclude(status=Status.REFUSED)
        .select_related("area")
        .annotate(opened=Min("steps__at", filter=Q(steps__status=Status.COLLECTING)))
        .order_by("-created_at", "-pk")[:limit]
    )
    entries = [
        TimelineEntry(
            "initiative",
            item.opened or item.created_at,
            item.title,
            url=item.get_absolute_url(),
            text=_("Burgerinitiatief: %(status)s.") % {"status": item.get_status_display()},
            area=item.area.name if item.area else "",
            status=item.status,
            source="initiatives",
        )
        for item in items
    ]
    decisions = (
        CouncilDecision.objects.filter(
            initiative__area_id__in=area_ids, initiative__status__in=PUBLIC_STATUSES
        )
        .select_related("initiative__area")
        .order_by("-decided_on", "-pk")[:limit]
    )
    titles = _decision_titles()
    for decision in decisions:
        initiative = decision.initiative
        entries.append(
            TimelineEntry(
                "decision",
                decision_moment(decision),
                initiative.title,
                url=f"{initiative.get_absolute_url()}#decision-{decision.pk}",
                text=titles.get(decision.outcome, decision.get_outcome_display()),
                area=initiative.area.name if initiative.area else "",
                status=decision.outcome,
                source="initiatives",
            )
        )
    entries.sort(key=lambda e: e.moment, reverse=True)
    return entries[:limit]
