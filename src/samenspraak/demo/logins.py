"""The demo log-ins table that `samenspraak demo --logins` prints before the server starts."""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from samenspraak.accounts.models import Role, User
from samenspraak.demo.areas import (
    VERIFIED_RESIDENT_AREA,
)
from samenspraak.demo.generator import (
    STAFF_PASSWORD,
    STAFF_SEATS,
    UNVERIFIED_RESIDENT_EMAIL,
    VERIFIED_RESIDENT_EMAIL,
    demo_totp_secret,
)


@dataclass(frozen=True)
class Login:
    role: str
    email: str
    how: str
    totp_secret: str | None = None


def base_url() -> str:
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}"


def resident_how() -> str:
    if settings.SAMENSPRAAK_DEV_MAILBOX:
        return _("inloggen met e-mailcode; lees de code op %(url)s") % {
            "url": f"{base_url()}/dev/mail/"
        }
    return _("inloggen met e-mailcode (de e-mail gaat naar de ingestelde mailserver)")


def demo_logins() -> list[Login]:
    """The demo accounts that exist now, in a fixed order: residents first, then staff."""
    emails = [VERIFIED_RESIDENT_EMAIL, UNVERIFIED_RESIDENT_EMAIL, *(s.email for s in STAFF_SEATS)]
    users = {u.email: u for u in User.objects.filter(email__in=emails)}
    rows: list[Login] = []
    labels = {
        VERIFIED_RESIDENT_EMAIL: _("Inwoner, gecontroleerd: woont in %(area)s, 18+")
        % {"area": VERIFIED_RESIDENT_AREA},
        UNVERIFIED_RESIDENT_EMAIL: _("Inwoner, zonder gecontroleerde kenmerken"),
    }
    for email in emails[:2]:
        if email in users:
            rows.append(Login(role=labels[email], email=email, how=resident_how()))
    staff_how = _("wachtwoord + TOTP-code (zie hieronder)")
    for seat in STAFF_SEATS:
        user = users.get(seat.email)
        if user is None:
            continue
        role = str(Role(seat.role).label)
        if seat.superuser:
            role = _("%(role)s (superuser)") % {"role": role}
        rows.append(
            Login(role=role, email=seat.email, how=staff_how, totp_secret=demo_totp_secret(user))
        )
    return rows


def render_logins(rows: list[Login]) -> str:
    if not rows:
        return _("Er zijn geen demo-accounts. Maak ze met: samenspraak demo") + "\n"
    login_url = base_url() + reverse("account_login")
    headers = (_("Rol"), _("E-mailadres"), _("Zo logt u in"))
    table = [headers, *((r.role, r.email, r.how) for r in rows)]
    widths = [max(len(str(line[i])) for line in table) for i in range(2)]
    lines = [
        _(
            "Demo-inloggegevens voor Gemeente Voorbeeldstad (alleen voor de demo, nooit echt "
            "gebruiken)"
        ),
        _("Inloggen op %(url)s") % {"url": login_url},
        "",
    ]
    for number, (role, email, how) in enumerate(table):
        lines.append(f"  {role:<{widths[0]}}  {email:<{widths[1]}}  {how}")
        if number == 0:
            lines.append(f"  {'-' * widths[0]}  {'-' * widths[1]}  {'-' * len(str(how))}")
    secrets = [r for r in rows if r.totp_secret]
    if secrets:
        lines += [
            "",
            _("Wachtwoord van alle demo-medewerkers: %(password)s") % {"password": STAFF_PASSWORD},
            _(
                "TOTP: `samenspraak demo_totp E-MAIL` toont de code van dit moment. Of zet het "
                "geheim in een authenticator-app:"
            ),
        ]
        lines += [f"  {r.email:<{widths[1]}}  {r.totp_secret}" for r in secrets]
    others = User.objects.filter(role=Role.RESIDENT, email__endswith="@voorbeeldstad.example")
    extra = others.exclude(email__in=[r.email for r in rows])
    example = extra.order_by("pk").values_list("email", flat=True).first()
    if example:
        lines += [
            "",
            _(
                "En %(count)s andere demo-inwoners, bijvoorbeeld %(email)s: ook zij loggen in met "
                "een e-mailcode."
            )
            % {"count": extra.count(), "email": example},
        ]
    return "\n".join(lines) + "\n"
