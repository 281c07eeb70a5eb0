"""E-mail about input, sent by the task worker as a subscriber to consultation's events.

Each mail is rendered for its recipient, in their language (core.mail.mail_person)."""

from django.urls import reverse

from samenspraak.consultation.events import InputAnswered
from samenspraak.core.links import absolute_url
from samenspraak.core.mail import mail_person

SUBJECT = "consultation/email/answer_subject.txt"


def answer_published(event: InputAnswered) -> int:
    """The author (consent "answers") and the process's followers (consent "process updates")
    each get one mail; someone who is both gets the author's. Returns the number queued."""
    from samenspraak.accounts.models import NotificationKind
    from samenspraak.accounts.selectors import user_consent_kinds
    from samenspraak.consultation.models import Input, OfficialAnswer
    from samenspraak.information.selectors import followers_to_notify

    input = Input.objects.select_related("process", "author").filter(pk=event.input_id).first()
    answer = OfficialAnswer.objects.filter(pk=event.answer_id).first()
    if input is None or answer is None:
        return 0  # removed since: nothing to tell

    def context():  # called in each recipient's language: the link follows it
        path = reverse("consultation:input_detail", args=[input.process.slug, input.pk])
        return {
            "input": input,
            "answer": answer,
            "process": input.process,
            "link": absolute_url(path),
        }

    recipients = []
    author = input.author
    wants_mail = author is not None and author.is_active and author.email
    if wants_mail and NotificationKind.ANSWERS in user_consent_kinds(author):
        recipients.append((author, "consultation/email/answer_author.txt"))
    seen = {person.email for person, _template in recipients}
    for follower in followers_to_notify(input.process):
        if follower.email and follower.email not in seen:
            seen.add(follower.email)
            recipients.append((follower, "consultation/email/answer_follower.txt"))
    for person, template in recipients:
        mail_person(person, subject_template=SUBJECT, body_template=template, context=context)
    return len(recipients)
