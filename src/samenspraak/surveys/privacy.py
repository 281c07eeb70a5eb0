"""What the surveys app holds about a person, for "Mijn gegevens" and account erasure.

A filled-in survey is private. Erasure unlinks it from the person: the answers stay in the
survey's totals (they were given anonymously to the results), but nobody can tell whose they
were any more.
"""

from django.utils.translation import gettext_lazy as _

from samenspraak.surveys.models import Response
from samenspraak.surveys.selectors import answer_text


def export(user) -> dict:
    responses = (
        Response.objects.filter(respondent=user)
        .select_related("survey__process")
        .prefetch_related("answers__question")
        .order_by("created_at", "pk")
    )
    return {
        "responses": [
            {
                "process": response.survey.process.title,
                "survey": response.survey.title,
                "filled_in_at": response.created_at.isoformat(),
                "answers": [
                    {
                        "question": answer.question.text,
                        "answer": answer_text(answer.question, answer.value),
                    }
                    for answer in sorted(
                        response.answers.all(), key=lambda a: (a.question.order, a.question_id)
                    )
                ],
            }
            for response in responses
        ],
    }


def erase(user) -> None:
    Response.objects.filter(respondent=user).update(respondent=None)


def handler():
    from samenspraak.accounts import privacy

    return privacy.handler(
        "surveys",
        label=_("Ingevulde enquêtes"),
        exporter=export,
        anonymiser=erase,
        covers=["surveys.Response.respondent"],
    )
