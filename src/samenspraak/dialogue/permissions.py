"""Who may comment, delete comments and moderate.

The app that owns a commentable object decides when commenting on it is allowed, by registering a
rule in its AppConfig.ready():

    from samenspraak.dialogue.permissions import register_comment_rule
    register_comment_rule(Input, lambda user, input: phase_allows(..., Action.COMMENT))

The rule is only asked for logged-in people; without a registered rule commenting is not allowed.

The same app says who may see an object on its own public page, with a view rule:

    from samenspraak.dialogue.permissions import register_view_rule
    register_view_rule(Input, lambda user, input: <would the input's page show it to user?>)

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


def can_view(user, obj) -> bool:
    """The owning app's view rule for `obj` (any user, also anonymous); False without one."""
    rule = _view_rules.get(_concrete(obj))
    return bool(rule and rule(user, obj))


def is_commentable_model(model: type[models.Model]) -> bool:
    return _concrete(model) in _comment_rules


def can_comment(user, target) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    rule = _comment_rules.get(_concrete(target))
    return bool(rule and rule(user, target))


def can_moderate(user) -> bool:
    return has_role(user, *MODERATOR_ROLES)


def can_delete_comment(user, comment) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return comment.author_id == user.pk or can_moderate(user)


def commentable_models() -> list[type[models.Model]]:
    """Models whose app registered a comment rule (e.g. for demo data and checks)."""
    return sorted(_comment_rules, key=lambda model: model._meta.label)
