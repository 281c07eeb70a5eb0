"""The process wizard's steps: its own, and those other apps add through their manifest
(core.components.WizardStep), each placed after the own step it names. Processes does not
know those apps: it shows their form and template and calls their save."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from samenspraak.core import components
from samenspraak.core.forms import apply_service_errors

#: The wizard's own steps: (url key, label). The draft process is stored from the first step on.
OWN_STEPS = [
    ("doel", gettext_lazy("Doel")),
    ("niveau", gettext_lazy("Niveau")),
    ("toezegging", gettext_lazy("Toezegging")),
    ("fasen", gettext_lazy("Fasen")),
    ("voorbeeld", gettext_lazy("Voorbeeld")),
    ("publiceren", gettext_lazy("Publiceren")),
]
OWN_KEYS = [key for key, _label in OWN_STEPS]
#: The own steps another app's step may follow: those that shape the design (the preview and
#: publishing come last).
ANCHORS = ("doel", "niveau", "toezegging", "fasen")


@dataclass(frozen=True)
class Step:
    key: str
    label: Any
    #: The other app's step (None: one of the wizard's own).
    added: components.WizardStep | None = None


def steps(user) -> list[Step]:
    """The wizard's steps for this person, in order (another app's step only when its
    permission lets this person see it)."""
    added = [
        step
        for step in components.wizard_steps()
        if step.after in ANCHORS and (step.permission is None or step.permission(user))
    ]
    result = []
    for key, label in OWN_STEPS:
        result.append(Step(key, label))
        result += [Step(step.key, step.label, step) for step in added if step.after == key]
    return result


def step_url(process, key) -> str:
    return reverse("processes:manage_step", args=[process.slug, key])


def context(process, key, all_steps: list[Step]) -> dict:
    keys = [step.key for step in all_steps]
    index = keys.index(key)
    return {
        "process": process,
        "steps": [
            {"key": step.key, "label": step.label, "number": number, "current": step.key == key}
            for number, step in enumerate(all_steps, start=1)
        ],
        "step": key,
        "step_label": all_steps[index].label,
        "step_number": index + 1,
        "previous": keys[index - 1] if index else None,
        "next": keys[index + 1] if index + 1 < len(keys) else None,
        "next_label": all_steps[index + 1].label if index + 1 < len(keys) else None,
    }


def next_key(key, all_steps: list[Step]) -> str:
    keys = [step.key for step in all_steps]
    return keys[min(keys.index(key) + 1, len(keys) - 1)]


def added_step(request, process, step: Step, all_steps: list[Step]):
    """Another app's step: its form, saved through its own `save` (its service, its audit log);
    a refusal keeps what was typed and says why on the form."""
    added = step.added
    data = request.POST if request.method == "POST" else None
    form = added.form(process, data)
    if data is not None and form.is_valid():
        try:
            message = added.save(request, process, form)
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, message)
            target = step.key if added.repeat else next_key(step.key, all_steps)
            return redirect(step_url(process, target))
    page = context(process, step.key, all_steps)
    page.update(added.context(process))
    page.update(form=form, added=added, step_url=step_url(process, step.key))
    return render(request, "processes/manage/step_added.html", page)
