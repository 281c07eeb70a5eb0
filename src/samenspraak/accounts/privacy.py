"""Export and erase a person's data, across apps.

Each app that stores something about a person declares a handler in its manifest
(samenspraak/<app>/manifest.py, core.components):

    from samenspraak.accounts import privacy

    MANIFEST = Manifest(
        app="consultation",
        privacy=(
            privacy.handler(
                "consultation",
                label=_("Ideeën en reacties"),
                exporter=lambda user: [...],   # JSON-serialisable data about `user`
                anonymiser=lambda user: ...,   # unlink/blank personal data; keep the contribution
                covers=["consultation.Input.author", ...],
            ),
        ),
    )

`handlers()` are those of the installed apps' manifests plus any registered directly with
`register()` (tests use that for stand-ins).

`export_user_data(user)` returns {"<key>": exporter(user), ...}; `anonymise_user_data(user)`
calls every anonymiser inside the caller's transaction. Anonymisers must not delete public
contributions: they keep the text and drop what identifies the person (the account itself is
anonymised by accounts.services.account_anonymise, which calls this).

Every reference to a person must be someone's job. A handler names the fields it exports and
erases in `covers` ("app_label.Model.field"); `uncovered_references()` lists every foreign key
to the user model (of any installed app, third-party ones too) and every field in
NAMED_PERSONAL_FIELDS that no handler covers and ALLOWED_UNCOVERED does not excuse. The system
check accounts.E001 fails on any, so a new model with a user field cannot ship without a handler.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

#: Fields that hold personal data without being a foreign key to the user model; a handler must
#: cover them like any user reference.
NAMED_PERSONAL_FIELDS = (
    # The session of a logged-in person holds their user id (and allauth's pending log-in, with
    # the e-mail address typed for a log-in code).
    "sessions.Session.session_data",
    # Queued and sent e-mail keeps its recipient address and text in the task's arguments.
    "django_tasks_database.DBTaskResult.args_kwargs",
    # Log entries about an account store its name (or e-mail address) as it was then.
    "core.AuditLogEntry.target_repr",
    "admin.LogEntry.object_repr",
)

#: User references no handler has to cover, each with the reason. Keep this short.
ALLOWED_UNCOVERED = {
    # Django's group and permission links are access rights, not something the person did;
    # account_anonymise clears both (user.groups.clear(), user.user_permissions.clear()).
    "accounts.User_groups.user": "access rights; cleared by account_anonymise itself",
    "accounts.User_user_permissions.user": "access rights; cleared by account_anonymise itself",
}

#: References that still point at the (anonymised) account after erasure, on purpose.
RETAINED_AFTER_ERASURE = {
    # The audit log is append-only: it must keep saying which account did what. The account
    # it points at no longer has an e-mail address, name or password after erasure.
    "core.AuditLogEntry.actor": "append-only audit log of staff actions (accountability)",
    # Django admin's own change history, which the audit log mirrors; same reason.
    "admin.LogEntry.user": "Django admin history, mirrored in the audit log (accountability)",
}


@dataclass(frozen=True)
class PrivacyHandler:
    key: str
    label: str
    exporter: Callable[[Any], Any] | None = None
    anonymiser: Callable[[Any], None] | None = None
    covers: tuple[str, ...] = field(default=())


_handlers: dict[str, PrivacyHandler] = {}


def handler(
    key: str,
    *,
    label: str = "",
    exporter: Callable[[Any], Any] | None = None,
    anonymiser: Callable[[Any], None] | None = None,
    covers: Iterable[str] = (),
) -> PrivacyHandler:
    """The handler for one app's data, for its manifest's `privacy` field.

    `covers` names the fields ("app_label.Model.field") whose data this handler exports and
    erases; see `uncovered_references()`.
    """
    return PrivacyHandler(
        key=key,
        label=str(label or key),
        exporter=exporter,
        anonymiser=anonymiser,
        covers=tuple(covers),
    )


def register(key: str, **kwargs) -> PrivacyHandler:
    """Register (or replace) a handler outside any manifest (for tests' stand-ins)."""
    _handlers[key] = handler(key, **kwargs)
    return _handlers[key]


def unregister(key: str) -> None:
    _handlers.pop(key, None)


def handlers() -> list[PrivacyHandler]:
    from samenspraak.core import components

    declared = {h.key: h for h in components.privacy_handlers()}
    return list({**declared, **_handlers}.values())


def export_user_data(user) -> dict[str, Any]:
    return {h.key: h.exporter(user) for h in handlers() if h.exporter is not None}


def anonymise_user_data(user) -> None:
    for h in handlers():
        if h.anonymiser is not None:
            h.anonymiser(user)


def field_name(model, name: str) -> str:
    return f"{model._meta.label}.{name}"


def user_references() -> list[str]:
    """Every foreign key or one-to-one field to the user model, in every installed app.

    Many-to-many links show up through their (auto-created) through models, e.g.
    "accounts.User_groups.user".
    """
    from django.apps import apps
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    found = []
    for model in apps.get_models(include_auto_created=True):
        for model_field in model._meta.get_fields():
            if (
                model_field.concrete
                and (model_field.many_to_one or model_field.one_to_one)
                and model_field.related_model is user_model
            ):
                found.append(field_name(model, model_field.name))
    return sorted(found)


def covered() -> set[str]:
    return {name for h in handlers() for name in h.covers}


def uncovered_references() -> list[str]:
    """User references and named personal fields that no handler covers (should be none)."""
    wanted = set(user_references()) | {
        name for name in NAMED_PERSONAL_FIELDS if _field_exists(name)
    }
    return sorted(wanted - covered() - set(ALLOWED_UNCOVERED))


def unknown_covers() -> list[str]:
    """Names in some handler's `covers` that are no field of an installed model (typos)."""
    return sorted(name for name in covered() if not _field_exists(name))


def _field_exists(name: str) -> bool:
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    app_label, _dot, rest = name.partition(".")
    model_name, _dot, attribute = rest.partition(".")
    try:
        model = apps.get_model(app_label, model_name)
        model._meta.get_field(attribute)
    except (LookupError, FieldDoesNotExist):
        return False
    return True


def check_coverage(app_configs=None, **kwargs):
    """System check: every user reference has a privacy handler (accounts.E001/E002)."""
    from django.core import checks

    errors = [
        checks.Error(
            f"{name} refers to a person but no privacy handler covers it.",
            hint="Declare an export/erase handler, privacy.handler(..., covers=[...]), in the "
            "app's manifest, or add it with a reason to privacy.ALLOWED_UNCOVERED.",
            id="accounts.E001",
        )
        for name in uncovered_references()
    ]
    errors += [
        checks.Error(
            f"A privacy handler covers {name}, which is no field of an installed model.",
            id="accounts.E002",
        )
        for name in unknown_covers()
    ]
    return errors
