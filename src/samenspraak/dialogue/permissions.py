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

import datetime
from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils import timezone

from samenspraak.accounts.models import STAFF_ROLES, Role
from samenspraak.accounts.permissions import has_role

MODERATOR_ROLES = (Role.MODERATOR, Role.ADMINISTRATOR)

#: Roles whose comments carry the "officiële reactie" badge: the municipality's staff and
#: council members (the role is given by an administrator, so it is verified).
OFFICIAL_ROLES = tuple(STAFF_ROLES)

_comment_rules: dict[type[models.Model], Callable] = {}
_view_rules: dict[type[models.Model], Callable] = {}
_positions: dict[type[models.Model], bool] = {}
_premoderate: dict[type[models.Model], Callable] = {}
_target_house_rules: dict[type[models.Model], Callable] = {}


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


def register_comment_options(
    model: type[models.Model],
    *,
    positions: bool = False,
    premoderate: Callable | None = None,
    house_rules: Callable | None = None,
) -> None:
    """What a manifest's ViewRule says with `positions`, `premoderate` and `house_rules`, for
    models registered directly (tests)."""
    concrete = _concrete(model)
    _positions[concrete] = positions
    for registry, value in ((_premoderate, premoderate), (_target_house_rules, house_rules)):
        if value is None:
            registry.pop(concrete, None)
        else:
            registry[concrete] = value


def unregister_comment_options(model: type[models.Model]) -> None:
    for registry in (_positions, _premoderate, _target_house_rules):
        registry.pop(_concrete(model), None)


def _declared(name: str, registered: dict) -> dict[type[models.Model], Any]:
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


def takes_positions(target) -> bool:
    """Comments on `target` take a position (for, against, neutral), shown side by side."""
    return bool(_declared("positions", _positions).get(_concrete(target)))


def is_premoderated(target) -> bool:
    """New comments on `target` wait for a moderator (its view rule's `premoderate`)."""
    rule = _declared("premoderate", _premoderate).get(_concrete(target))
    return bool(rule and rule(target))


def target_house_rules(target) -> list[tuple[str, str]]:
    """House rules that hold on `target` besides the municipality's: [(title, text)]."""
    rule = _declared("house_rules", _target_house_rules).get(_concrete(target))
    return list(rule(target) or []) if rule else []


def is_official(user) -> bool:
    """Comments by this person get the "officiële reactie" badge."""
    return has_role(user, *OFFICIAL_ROLES)


def can_moderate(user) -> bool:
    return has_role(user, *MODERATOR_ROLES)


def can_delete_comment(user, comment) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return comment.author_id == user.pk or can_moderate(user)


def can_edit_comment(user, comment, *, minutes: int) -> bool:
    """The author, within `minutes` after posting, while no moderator hid it."""
    if user is None or not user.is_authenticated or comment.author_id != user.pk:
        return False
    if getattr(comment, "hidden_rule", None) is not None:
        return False
    return timezone.now() < comment.created_at + datetime.timedelta(minutes=minutes)


def commentable_models() -> list[type[models.Model]]:
    """Models whose app registered a comment rule (e.g. for demo data and checks)."""
    return sorted(_declared("can_comment", _comment_rules), key=lambda model: model._meta.label)
