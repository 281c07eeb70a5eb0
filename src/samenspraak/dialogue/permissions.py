"""Who may comment, delete comments and moderate.

The app that owns a commentable object decides when commenting on it is allowed, and who may see
it on its own public page, with a view rule in its manifest (core.components.ViewRule):

    view_rules=(ViewRule("consultation.Input",
                         can_view=lambda user, input: <would the input's page show it to user?>,
                         can_comment=lambda user, input: phase_allows(..., COMMENT)),)

The comment rule is only asked for logged-in people; without one commenting is not allowed.
(Tests register stand-ins with `register_comment_rule` / `register_view_rule`.)

Pages of this app that show someone else's object (the report page) ask `can_view` and give 404
exactly when the object's own page would. Without a registered view rule nobody sees it here.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from samenspraak.accounts.models import Role
from samenspraak.accounts.permissions import has_role

MODERATOR_ROLES = (Role.MODERATOR, Role.ADMINISTRATOR)

_comment_rules: dict[type[models.Model], Callable] = {}
_view_rules: dict[type[models.Model], Callable] = {}


def _concrete(model_or_obj) -> type[models.Model]:
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    return model._meta.concrete_model


def register_comment_rule(model: type[models.Model], rule: Callable) -> None:
    """`rule(user, target) -> bool` decides whether `user` (logged in) may comment on `target`."""
    _comment_rules[_concrete(model)] = rule


def unregister_comment_rule(model: type[models.Model]) -> None:
    _comment_rules.pop(_concrete(model), None)


def register_view_rule(model: type[models.Model], rule: Callable) -> None:
    """`rule(user, obj) -> bool`: does the object's own public page show it to `user`?"""
    _view_rules[_concrete(model)] = rule


def unregister_view_rule(model: type[models.Model]) -> None:
    _view_rules.pop(_concrete(model), None)


def _declared(name: str, registered: dict) -> dict[type[models.Model], Callable]:
    """The rules (`can_view`/`can_comment`) of the installed apps' manifests' view_rules, plus
    those registered directly (tests)."""
    from django.apps import apps

    from samenspraak.core import components

    declared = components.cached(
        f"dialogue.{name}",
        lambda: {
            apps.get_model(rule.model)._meta.concrete_model: getattr(rule, name)
            for rule in components.view_rules()
            if getattr(rule, name) is not None
        },
    )
    return {**declared, **registered}


def can_view(user, obj) -> bool:
    """The owning app's view rule for `obj` (any user, also anonymous); False without one."""
    rule = _declared("can_view", _view_rules).get(_concrete(obj))
    return bool(rule and rule(user, obj))


def is_commentable_model(model: type[models.Model]) -> bool:
    return _concrete(model) in _declared("can_comment", _comment_rules)


def can_comment(user, target) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    rule = _declared("can_comment", _comment_rules).get(_concrete(target))
    return bool(rule and rule(user, target))


def can_moderate(user) -> bool:
    return has_role(user, *MODERATOR_ROLES)


def can_delete_comment(user, comment) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return comment.author_id == user.pk or can_moderate(user)


def commentable_models() -> list[type[models.Model]]:
    """Models whose app registered a comment rule (e.g. for demo data and checks)."""
    return sorted(_declared("can_comment", _comment_rules), key=lambda model: model._meta.label)
