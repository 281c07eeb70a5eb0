"""What representation holds about a person, for "Mijn gegevens" and account erasure.

The answers about yourself (age band, gender, education level, area) per process. Erasure
deletes them: the person withdrew, so they no longer count in any figure.
"""

from django.utils.translation import gettext_lazy as _

from samenspraak.representation.models import Answer


def export(user) -> dict:
    answers = Answer.objects.filter(user=user).select_related("process").order_by("created_at")
    return {
        "answers": [
            {
                "process": answer.process.title,
                "answered_at": answer.created_at.isoformat(),
                "age": answer.get_age_display(),
                "gender": answer.get_gender_display(),
                "education": answer.get_education_display(),
                "area": answer.area,
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
