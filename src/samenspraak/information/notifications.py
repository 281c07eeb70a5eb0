"""E-mail about news updates, sent by the task worker as a subscriber to UpdatePublished.

One mail per follower who agreed to process news, each in the follower's own language (so one
bad address never stops the others)."""

from django.urls import reverse
from django.utils.text import Truncator

from samenspraak.core.links import absolute_url
from samenspraak.core.mail import mail_person
from samenspraak.core.richtext import plain_text
from samenspraak.information.events import UpdatePublished


def update_published(event: UpdatePublished) -> int:
    from samenspraak.information.models import Update
    from samenspraak.information.selectors import followers_to_notify

    update = Update.objects.select_related("process").filter(pk=event.update_id).first()
    if update is None:
        return 0  # deleted since
    process = update.process
    text = Truncator(plain_text(update.body)).words(80)

    def context():  # in each follower's language: the link follows it
        path = reverse("information:update_detail", args=[process.slug, update.pk])
        return {"update": update, "process": process, "text": text, "link": absolute_url(path)}

    sent = 0
    for follower in followers_to_notify(process):
        mail_person(
            follower,
            subject_template="information/email/update_subject.txt",
            body_template="information/email/update_follower.txt",
            context=context,
        )
        sent += 1
    return sent
