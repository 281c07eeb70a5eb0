"""E-mail about initiatives, sent by the task worker as a subscriber to initiatives' events.

The initiator and the co-initiators hear of every step of their initiative (they are a party
in the procedure); signers hear of the steps after signing only when they asked to be kept
informed when they signed. Each mail is rendered for its recipient in their language."""

from django.urls import reverse

from samenspraak.core.links import absolute_url
from samenspraak.core.mail import mail_person

SUBJECT = "initiatives/email/step_subject.txt"
BODY = "initiatives/email/step_body.txt"


def step_taken(event) -> int:
    """One mail per person for a step (reviewed, threshold, expired, scheduled, decided, a
    council member's reaction: initiators only). Returns the number queued."""
    from samenspraak.initiatives.models import CouncilDecision, Initiative, Outcome
    from samenspraak.initiatives.selectors import signers_to_notify

    initiative = (
        Initiative.objects.select_related("initiator", "meeting")
        .filter(pk=event.initiative_id)
        .first()
    )
    if initiative is None:
        return 0  # removed since: nothing to tell
    decision = None
    if getattr(event, "decision_id", None):
        decision = CouncilDecision.objects.filter(pk=event.decision_id).first()
    step = type(event).__name__
    initiators = []
    if initiative.initiator is not None and initiative.initiator.is_active:
        initiators.append(initiative.initiator)
    initiators += [
        c.user for c in initiative.co_initiators.select_related("user") if c.user.is_active
    ]
    # Signers hear of the route after signing; a refusal or admission concerns initiators.
    initiators_only = step in ("InitiativeReviewed", "CouncilMemberReacted")
    signers = [] if initiators_only else list(signers_to_notify(initiative.pk))

    def context(role):
        def build():  # called in each recipient's language: the link follows it
            return {
                "initiative": initiative,
                "step": step,
                "admitted": getattr(event, "admitted", None),
                "decision": decision,
                "postponed": decision is not None and decision.outcome == Outcome.POSTPONED,
                "role": role,
                "link": absolute_url(reverse("initiatives:detail", args=[initiative.pk])),
            }

        return build

    seen: set[str] = set()
    count = 0
    for people, role in ((initiators, "initiator"), (signers, "signer")):
        for person in people:
            if not person.email or person.email in seen:
                continue
            seen.add(person.email)
            mail_person(person, subject_template=SUBJECT, body_template=BODY, context=context(role))
            count += 1
    return count


QUESTION_SUBJECT = "initiatives/email/question_subject.txt"
QUESTION_BODY = "initiatives/email/question_body.txt"


def question_asked(event) -> int:
    """The council member asked (every verified member, for a question to all) hears of a new
    question, with the link to answer it. Returns the number of mails queued."""
    from samenspraak.initiatives.models import CouncilMember, CouncilQuestion

    question = (
        CouncilQuestion.objects.select_related("process", "member__user")
        .filter(pk=event.question_id)
        .first()
    )
    if question is None or question.answered_at is not None or question.state != "published":
        return 0
    if question.to_all:
        members = list(
            CouncilMember.objects.filter(
                municipality_id=question.process.municipality_id
            ).select_related("user")
        )
    else:
        members = [question.member] if question.member else []

    def context():
        return {
            "question": question,
            "kind": "asked",
            "link": absolute_url(reverse("initiatives:council_answer", args=[question.pk])),
        }

    count = 0
    for member in members:
        if member.user.is_active and member.user.email:
            mail_person(
                member.user,
                subject_template=QUESTION_SUBJECT,
                body_template=QUESTION_BODY,
                context=context,
            )
            count += 1
    return count


def question_answered(event) -> int:
    """The resident who asked hears that a council member answered (one mail)."""
    from samenspraak.initiatives.models import CouncilQuestion

    question = (
        CouncilQuestion.objects.select_related("process", "asker", "answered_by")
        .filter(pk=event.question_id)
        .first()
    )
    if question is None or question.asker is None or not question.asker.is_active:
        return 0

    def context():
        return {
            "question": question,
            "kind": "answered",
            "link": absolute_url(question.get_absolute_url()),
        }

    sent = mail_person(
        question.asker,
        subject_template=QUESTION_SUBJECT,
        body_template=QUESTION_BODY,
        context=context,
    )
    return 0 if sent is None else 1
