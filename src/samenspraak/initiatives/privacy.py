"""What initiatives hold about a person, for "Mijn gegevens" and account erasure.

An initiative is a public proposal: erasure keeps it and drops the initiator. A signature
stays counted (the threshold the council acted on depends on it) but loses the person; the
notify wish goes with it. Co-initiatorship is the person's own tie: it is removed. Paper
signatures hold no account. A question to the council stays public (it may carry an answer)
without its asker. What the clerk did (paper lists, recorded decisions) stays as the
council's work, without the staff member.
"""

from django.utils.translation import gettext_lazy as _

from samenspraak.initiatives.models import (
    CoInitiator,
    CouncilDecision,
    CouncilMember,
    CouncilQuestion,
    Initiative,
    PaperList,
    Signature,
)


def _row(initiative: Initiative) -> dict:
    return {"title": initiative.title, "url": initiative.get_absolute_url()}


def export(user) -> dict:
    return {
        "initiatives_started": [
            {
                **_row(i),
                "kind": i.kind,
                "status": i.status,
                "problem": i.problem,
                "proposal": i.proposal,
                "council_ask": i.council_ask,
                "created_at": i.created_at.isoformat(),
            }
            for i in Initiative.objects.filter(initiator=user).order_by("created_at", "pk")
        ],
        "co_initiator_of": [
            _row(c.initiative)
            for c in CoInitiator.objects.filter(user=user)
            .select_related("initiative")
            .order_by("pk")
        ],
        "signatures": [
            {
                **_row(s.initiative),
                "signed_at": s.signed_at.isoformat(),
                "keep_me_informed": s.notify,
            }
            for s in Signature.objects.filter(user=user)
            .select_related("initiative")
            .order_by("signed_at", "pk")
        ],
        "paper_lists_entered": [
            {**_row(p.initiative), "received_on": p.received_on.isoformat()}
            for p in PaperList.objects.filter(entered_by=user)
            .select_related("initiative")
            .order_by("entered_at", "pk")
        ],
        "council_member_profile": [
            {
                "name": m.name,
                "party": m.party,
                "portfolio": m.portfolio,
                "bio": m.bio,
                "areas": [a.name for a in m.areas.order_by("name")],
                "topics": [t.name for t in m.topics.order_by("name")],
                "reactions": [
                    {
                        "title": str(r.subject),
                        "url": r.subject_url,
                        "body": r.body,
                        "created_at": r.created_at.isoformat(),
                    }
                    for r in m.reactions.select_related(
                        "initiative", "input__process", "process"
                    ).order_by("created_at", "pk")
                ],
                "answers": [
                    {
                        "question": q.body,
                        "answer": q.answer,
                        "answered_at": q.answered_at.isoformat() if q.answered_at else None,
                        "url": q.get_absolute_url(),
                    }
                    for q in m.answers.select_related("process").order_by("answered_at", "pk")
                ],
            }
            for m in CouncilMember.objects.filter(user=user)
        ],
        "questions_to_the_council": [
            {
                "process": q.process.title,
                "url": q.get_absolute_url(),
                "to": q.member.name if q.member else ("all" if q.to_all else None),
                "question": q.body,
                "asked_at": q.asked_at.isoformat(),
                "answer": q.answer,
                "answered_at": q.answered_at.isoformat() if q.answered_at else None,
            }
            for q in CouncilQuestion.objects.filter(asker=user)
            .select_related("process", "member")
            .order_by("asked_at", "pk")
        ],
        "council_members_verified": [
            {"name": m.name, "verified_at": m.verified_at.isoformat()}
            for m in CouncilMember.objects.filter(verified_by=user).order_by("pk")
        ],
        "council_decisions_recorded": [
            {**_row(d.initiative), "outcome": d.outcome, "decided_on": d.decided_on.isoformat()}
            for d in CouncilDecision.objects.filter(recorded_by=user)
            .select_related("initiative")
            .order_by("recorded_at", "pk")
        ],
    }


def erase(user) -> None:
    Initiative.objects.filter(initiator=user).update(initiator=None)
    CoInitiator.objects.filter(user=user).delete()
    Signature.objects.filter(user=user).update(user=None, notify=False)
    PaperList.objects.filter(entered_by=user).update(entered_by=None)
    CouncilDecision.objects.filter(recorded_by=user).update(recorded_by=None)
    # A question is public and was answered in public: it stays, without the person.
    CouncilQuestion.objects.filter(asker=user).update(asker=None)
    CouncilMember.objects.filter(verified_by=user).update(verified_by=None)
    # The public profile goes; the member's reactions stay on record as "een raadslid".
    CouncilMember.objects.filter(user=user).delete()


def handler():
    from samenspraak.accounts import privacy

    return privacy.handler(
        "initiatives",
        label=_("Burgerinitiatieven en handtekeningen"),
        exporter=export,
        anonymiser=erase,
        covers=[
            "initiatives.Initiative.initiator",
            "initiatives.CoInitiator.user",
            "initiatives.Signature.user",
            "initiatives.PaperList.entered_by",
            "initiatives.CouncilDecision.recorded_by",
            "initiatives.CouncilMember.user",
            "initiatives.CouncilMember.verified_by",
            "initiatives.CouncilQuestion.asker",
        ],
    )
