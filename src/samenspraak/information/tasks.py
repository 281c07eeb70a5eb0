"""Background work: telling followers about a new update. The request queues one task; that
task queues one e-mail per recipient (so one bad address never stops the others)."""

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from samenspraak.core.mail import send_mail_later


@task()
def notify_followers_of_update(update_id: int, url: str = "") -> int:
    from samenspraak.information.models import Update
    from samenspraak.information.selectors import followers_to_notify

    update = Update.objects.select_related("process").filter(pk=update_id).first()
    if update is None:
        return 0
    process = update.process
    sent = 0
    with override("nl"):
        subject = _("Nieuws over %(process)s: %(title)s") % {
            "process": process.title,
            "title": update.title,
        }
        text = Truncator(strip_tags(update.body)).words(80)
        lines = [
            _("Er is nieuws over %(process)s, dat u volgt.") % {"process": process.title},
            "",
            update.title,
            "",
            text,
            "",
        ]
        if url:
            lines += [_("Lees het hele bericht:"), url, ""]
        lines.append(
            _(
                "U krijgt dit bericht omdat u dit proces volgt. Stoppen met volgen kan op de "
                "pagina van het proces. Geen e-mail meer over processen? Pas dat aan bij Mijn "
                "account."
            )
        )
        body = "\n".join(str(line) for line in lines)
        for email in followers_to_notify(process).values_list("email", flat=True):
            send_mail_later(subject, body, [email])
            sent += 1
    return sent
