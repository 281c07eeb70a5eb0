"""Which content can be reported and hidden.

An app makes its objects reportable in its manifest's view rule (core.components.ViewRule):

    view_rules=(ViewRule("consultation.Input", ..., report_label=_("inbreng"),
                         report_text=lambda input: input.body),)

`label` names the kind of content in the moderator queue; `text(obj)` gives the text the moderator
reads (default: `str(obj)`). Comments are reportable out of the box.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404


@dataclass(frozen=True)
class Reportable:
    model: type[models.Model]
    label: str
    text: Callable[[models.Model], str]


_reportables: dict[type[models.Model], Reportable] = {}


def register_reportable(model: type[models.Model], label: str, text: Callable | None = None):
    model = model._meta.concrete_model
    _reportables[model] = Reportable(model, label, text or str)


def unregister_reportable(model: type[models.Model]) -> None:
    _reportables.pop(model._meta.concrete_model, None)


def reportable_for(model: type[models.Model]) -> Reportable | None:
    """How `model` shows in the moderation queue: from the installed apps' manifests'
    view_rules with a report_label (or registered directly, for tests); None if not reportable."""
    from django.apps import apps

    from samenspraak.core import components

    model = model._meta.concrete_model
    if model in _reportables:
        return _reportables[model]
    for rule in components.view_rules():
        if rule.report_label is not None:
            declared = apps.get_model(rule.model)._meta.concrete_model
            if declared is model:
                return Reportable(model, rule.report_label, rule.report_text or str)
    return None


def content_type_key(obj_or_model) -> str:
    """The stable key used in URLs: "app_label.model_name", e.g. "dialogue.comment"."""
    meta = obj_or_model._meta
    return f"{meta.app_label}.{meta.model_name}"


def content_type_from_key(key: str) -> ContentType:
    """The ContentType for "app_label.model_name"; 404 when there is none (cached lookup)."""
    app_label, _sep, model = (key or "").partition(".")
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        raise Http404 from None
    if content_type.model_class() is None:
        raise Http404
    return content_type
