"""Development mailbox: shows the e-mails written to var/mail, so demo log-in codes can be read.

Mounted only when SAMENSPRAAK_DEV_MAILBOX is on (never in production).
"""

from email import message_from_bytes
from email.header import decode_header, make_header

from django.conf import settings
from django.shortcuts import render


def _read_messages(limit: int = 50):
    directory = settings.EMAIL_FILE_PATH
    if not directory.exists():
        return []
    files = sorted(directory.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    messages = []
    for path in files[:limit]:
        # One file per connection; messages are separated by a line of dashes.
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            raw = raw.strip()
            if not raw:
                continue
            msg = message_from_bytes(raw)
            body = msg.get_payload(decode=True) if not msg.is_multipart() else None
            if msg.is_multipart():
                for part in msg.walk():
                    if part.get_content_type() == "text/plain":
                        body = part.get_payload(decode=True)
                        break
            messages.append(
                {
                    "to": msg.get("To", ""),
                    "subject": str(make_header(decode_header(msg.get("Subject", "")))),
                    "date": msg.get("Date", ""),
                    "body": (body or b"").decode("utf-8", "replace"),
                }
            )
    return messages


def mailbox(request):
    return render(request, "web/devmail.html", {"mails": _read_messages()})
