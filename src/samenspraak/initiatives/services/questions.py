"""Questions to council members on a process page: a resident asks one member or all of them,
in public; a member answers in public. As dialogue does for comments, a question is published
at once (post-moderation: anyone may report it and a moderator can hide it), or, when the
setting SAMENSPRAAK_COUNCIL_QUESTIONS_PREMODERATED is on, after a moderator or the clerk
checked it (pre-moderation, the `premoderate` of its ViewRule). The member hears of it and the
answer days (setting SAMENSPRAAK_COUNCIL_ANSWER_DAYS) start when it is published; without an
answer after them it is overdue."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.core import audit, events
from samenspraak.core.text import TEXT_SHORT
from samenspraak.initiatives import permissions
from samenspraak.initiatives.events import CouncilQuestionAnswered, CouncilQuestionAsked
from samenspraak.initiatives.models import (
    QUESTION_MAX,
    CouncilMember,
    CouncilQuestion,
    QuestionState,
)
from samenspraak.initiatives.services.common import AuditAction
from samenspraak.initiatives.services.members import clean_body, verified_member

#: Days a council member has for an answer, unless settings say otherwise.
DEFAULT_ANSWER_DAYS = 21
#: A resident has at most this many unanswered questions on one process at a time.
OPEN_QUESTIONS_MAX = 3
QUESTION_MIN = 10


def answer_days() -> int:
    return int(getattr(settings, "SAMENSPRAAK_COUNCIL_ANSWER_DAYS", DEFAULT_ANSWER_DAYS))


def premoderated(question=None) -> bool:
    """Do new questions wait for a moderator? (The ViewRule's `premoderate` asks this too.)"""
    return bool(getattr(settings, "SAMENSPRAAK_COUNCIL_QUESTIONS_PREMODERATED", False))


def _publish(question: CouncilQuestion, now) -> None:
    """Publish (inside the caller's transaction): the answer days start, the member hears."""
    question.state = QuestionState.PUBLISHED
    question.due_on = timezone.localdate(now) + datetime.timedelta(days=answer_days())
    events.emit(
        CouncilQuestionAsked(
            question_id=question.pk,
            process_id=question.process_id,
            member_id=question.member_id,
        )
    )


def question_ask(*, user, process, body: str, member: CouncilMember | None = None):
    """`user` (a resident) asks `member`, or all council members when `member` is None, a public
    question about `process` (a published process of the member's municipality)."""
    from samenspraak.processes.permissions import can_view_process

    if not permissions.can_ask_council(user):
        raise PermissionDenied(_("Log in als inwoner om een vraag aan de raad te stellen."))
    if not (process.is_published and can_view_process(user, process)):
        raise PermissionDenied(_("Dit proces is nog niet openbaar."))
    members = CouncilMember.objects.filter(municipality_id=process.municipality_id)
    if member is not None and member.municipality_id != process.municipality_id:
        raise ValidationError({"member": _("Kies een raadslid van deze gemeente.")})
    if member is None and not members.exists():
        raise ValidationError({"member": _("Deze gemeente heeft nog geen raadsleden op de site.")})
    body = clean_body(body, minimum=QUESTION_MIN, maximum=QUESTION_MAX)
    with transaction.atomic():
        # The asker's row, locked: two questions sent at once are counted one after the other.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        open_count = CouncilQuestion.objects.filter(
            process=process, asker=user, answered_at__isnull=True
        ).count()
        if open_count >= OPEN_QUESTIONS_MAX:
            raise ValidationError(
                {
                    "body": _(
                        "U heeft hier al %(count)s vragen die nog geen antwoord hebben. "
                        "Wacht op een antwoord voordat u een nieuwe vraag stelt."
                    )
                    % {"count": open_count}
                }
            )
        now = timezone.now()
        question = CouncilQuestion.objects.create(
            process=process,
            member=member,
            to_all=member is None,
            asker=user,
            body=body,
            asked_at=now,
            state=QuestionState.PENDING,
            due_on=timezone.localdate(now) + datetime.timedelta(days=answer_days()),
        )
        if not premoderated(question):
            _publish(question, now)
            question.save(update_fields=["state", "due_on"])
    return question


def question_moderate(*, actor, question: CouncilQuestion, publish: bool, reason: str = ""):
    """A moderator or the clerk publishes a waiting question, or does not (with a reason the
    asker reads on the process page). Once: a decided question is not decided again."""
    if not permissions.can_moderate_questions(actor):
        raise PermissionDenied(_("Alleen moderatoren en de griffie controleren vragen."))
    reason = (reason or "").strip()
    if not publish and len(reason) < QUESTION_MIN:
        raise ValidationError(
            {"reason": _("Schrijf waarom de vraag niet geplaatst wordt (minstens 10 tekens).")}
        )
    with transaction.atomic():
        locked = CouncilQuestion.objects.select_for_update().get(pk=question.pk)
        if locked.state != QuestionState.PENDING:
            raise PermissionDenied(_("Over deze vraag is al besloten."))
        if publish:
            _publish(locked, timezone.now())
            locked.save(update_fields=["state", "due_on"])
            audit.record(actor, AuditAction.QUESTION_PUBLISHED, locked)
        else:
            locked.state, locked.refusal_reason = QuestionState.REFUSED, reason[:300]
            locked.save(update_fields=["state", "refusal_reason"])
            audit.record(actor, AuditAction.QUESTION_REFUSED, locked, {"reason": reason[:300]})
    for name in ("state", "due_on", "refusal_reason"):
        setattr(question, name, getattr(locked, name))
    return question


def question_answer(*, user, question: CouncilQuestion, answer: str) -> CouncilQuestion:
    """The council member the question was put to (any verified member of the municipality
    for a question to all) answers it once, in public."""
    member = verified_member(user)
    answer = clean_body(answer, field="answer", maximum=TEXT_SHORT)
    with transaction.atomic():
        locked = (
            CouncilQuestion.objects.select_for_update()
            .select_related("process")
            .get(pk=question.pk)
        )
        if locked.process.municipality_id != member.municipality_id:
            raise PermissionDenied(_("U bent raadslid in een andere gemeente."))
        if not locked.to_all and locked.member_id != member.pk:
            raise PermissionDenied(_("Deze vraag is aan een ander raadslid gesteld."))
        if locked.answered_at is not None:
            raise PermissionDenied(_("Deze vraag heeft al een antwoord."))
        if locked.state != QuestionState.PUBLISHED:
            raise PermissionDenied(_("Deze vraag is niet geplaatst."))
        locked.answer, locked.answered_by, locked.answered_at = answer, member, timezone.now()
        locked.save(update_fields=["answer", "answered_by", "answered_at"])
        events.emit(
            CouncilQuestionAnswered(
                question_id=locked.pk, process_id=locked.process_id, member_id=member.pk
            )
        )
    for name in ("answer", "answered_by", "answered_by_id", "answered_at"):
        setattr(question, name, getattr(locked, name))
    return question
