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
