"""What representation holds about a person, for "Mijn gegevens" and account erasure.

The answers about yourself (age band, gender, education level, area) per process. Erasure
deletes them: the person withdrew, so they no longer count in any figure.
"""

from django.utils.translation import gettext_lazy as _

from samenspraak.representation.models import ELSEWHERE, NOT_SAID, Answer

OTHER_AREAS = {ELSEWHERE: _("Ergens anders"), NOT_SAID: _("Wil ik niet zeggen")}


def export(user) -> dict:
    from samenspraak.organisations.models import Area

    answers = list(
        Answer.objects.filter(user=user).select_related("process").order_by("created_at")
    )
    pks = [int(answer.area) for answer in answers if answer.area.isdigit()]
    names = dict(Area.objects.filter(pk__in=pks).values_list("pk", "name"))
    return {
        "answers": [
            {
                "process": answer.process.title,
                "answered_at": answer.created_at.isoformat(),
                "age": answer.get_age_display(),
                "gender": answer.get_gender_display(),
                "education": answer.get_education_display(),
                "area": names.get(int(answer.area), answer.area)
                if answer.area.isdigit()
                else str(OTHER_AREAS.get(answer.area, answer.area)),
            }
            for answer in answers
        ]
    }


def erase(user) -> None:
    Answer.objects.filter(user=user).delete()


def handler():
    from samenspraak.accounts import privacy

    return privacy.handler(
        "representation",
        label=_("Antwoorden over uzelf (leeftijd, geslacht, opleiding, wijk)"),
        exporter=export,
        anonymiser=erase,
        covers=["representation.Answer.user"],
    )
