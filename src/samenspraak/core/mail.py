"""E-mail goes through the task queue: a request never waits for (or fails on) the mail server."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def deliver_email(
    subject: str, body: str, to: list[str], html: str | None = None, from_email: str | None = None
) -> int:
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()


def send_mail_later(
    subject: str, body: str, to: list[str], html: str | None = None, from_email: str | None = None
):
    """Queue an e-mail; the worker (`samenspraak db_worker`) sends it."""
    return deliver_email.enqueue(
        subject=str(subject), body=str(body), to=list(to), html=html, from_email=from_email
    )


def mail_person(person, *, subject_template: str, body_template: str, context):
    """Render a mail for one person in their own language (`person.language`) and queue it.

    Meant for the task worker (event subscribers), so the web process never renders mail and
    never in the wrong language. `context` is a dict, or a function returning one that is
    called in the person's language (for links: reverse() then gives the /en/ address).
    Returns None when the person has no address."""
    from django.template.loader import render_to_string
    from django.utils import translation

    if not getattr(person, "email", ""):
        return None
    language = getattr(person, "language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        if callable(context):
            context = context()
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
    return send_mail_later(subject, body, [person.email])
