"""What the consultation app holds about a person, for "Mijn gegevens" and account erasure.

Input is a public contribution: erasure keeps its text and drops the author. A support stays
counted (the public total and a budget proposal's threshold depend on it) but loses the person.
What staff did (registering paper input, handling, answering) stays as the municipality's work,
without the staff member.
"""

from django.utils.translation import gettext_lazy as _

from samenspraak.consultation.models import Input, OfficialAnswer, Support


def _input_row(item: Input) -> dict:
    return {
        "process": item.process.title,
        "title": item.title,
        "url": item.get_absolute_url(),
    }


def export(user) -> dict:
    inputs = Input.objects.select_related("process", "area", "topic")
    return {
        "inputs": [
            {
                **_input_row(item),
                "body": item.body,
                "area": item.area.name if item.area else None,
                "topic": item.topic.name if item.topic else None,
                "latitude": item.latitude,
                "longitude": item.longitude,
                "place": item.place_name or None,
                "image": item.image.name or None,
                "status": item.status,
                "created_at": item.created_at.isoformat(),
            }
            for item in inputs.filter(author=user).order_by("created_at", "pk")
        ],
        "supports": [
            {**_input_row(s.input), "supported_at": s.created_at.isoformat()}
            for s in Support.objects.filter(user=user)
            .select_related("input__process")
            .order_by("created_at", "pk")
        ],
        "inputs_registered_for_others": [
            {**_input_row(item), "channel": item.channel, "received_on": item.received_on}
            for item in inputs.filter(registered_by=user).order_by("created_at", "pk")
        ],
        "inputs_handled": [
            {**_input_row(item), "status": item.status}
            for item in inputs.filter(owner=user).order_by("created_at", "pk")
        ],
        "answers_given": [
            {
                **_input_row(a.input),
                "outcome": a.outcome,
                "published_at": a.published_at.isoformat(),
            }
            for a in OfficialAnswer.objects.filter(answered_by=user)
            .select_related("input__process")
            .order_by("published_at", "pk")
        ],
    }


def erase(user) -> None:
    Input.objects.filter(author=user).update(author=None)
    Input.objects.filter(registered_by=user).update(registered_by=None)
    Input.objects.filter(owner=user).update(owner=None)
    Support.objects.filter(user=user).update(user=None)
    OfficialAnswer.objects.filter(answered_by=user).update(answered_by=None)


def handler():
    from samenspraak.accounts import privacy

    return privacy.handler(
        "consultation",
        label=_("Inbreng en steun"),
        exporter=export,
        anonymiser=erase,
        covers=[
            "consultation.Input.author",
            "consultation.Input.registered_by",
            "consultation.Input.owner",
            "consultation.Support.user",
            "consultation.OfficialAnswer.answered_by",
        ],
    )
