"""Export and erase a person's data, across apps.

Each app that stores something about a person registers a handler, usually in its
`AppConfig.ready()`:

    from samenspraak.accounts import privacy

    privacy.register(
        "consultation",
        label=_("Ideeën en reacties"),
        exporter=lambda user: [...],   # JSON-serialisable data about `user`
        anonymiser=lambda user: ...,   # unlink/blank personal data; keep the contribution
    )

`export_user_data(user)` returns {"<key>": exporter(user), ...}; `anonymise_user_data(user)`
calls every anonymiser inside the caller's transaction. Anonymisers must not delete public
contributions: they keep the text and drop what identifies the person (the account itself is
anonymised by accounts.services.account_anonymise, which calls this).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PrivacyHandler:
    key: str
    label: str
    exporter: Callable[[Any], Any] | None = None
    anonymiser: Callable[[Any], None] | None = None


_handlers: dict[str, PrivacyHandler] = {}


def register(
    key: str,
    *,
    label: str = "",
    exporter: Callable[[Any], Any] | None = None,
    anonymiser: Callable[[Any], None] | None = None,
) -> PrivacyHandler:
    """Register (or replace, so `ready()` may run twice) the handler for one app's data."""
    handler = PrivacyHandler(
        key=key, label=str(label or key), exporter=exporter, anonymiser=anonymiser
    )
    _handlers[key] = handler
    return handler


def unregister(key: str) -> None:
    _handlers.pop(key, None)


def handlers() -> list[PrivacyHandler]:
    return list(_handlers.values())


def export_user_data(user) -> dict[str, Any]:
    return {h.key: h.exporter(user) for h in _handlers.values() if h.exporter is not None}


def anonymise_user_data(user) -> None:
    for handler in _handlers.values():
        if handler.anonymiser is not None:
            handler.anonymiser(user)
