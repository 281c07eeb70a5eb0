"""What consultation adds to lower apps: its phase kind, process page sections, comment rule."""

from django.utils.translation import gettext_lazy as _

from samenspraak.consultation.models import COLLECT


def _inputs_section(request, process):
    from samenspraak.consultation import permissions, selectors

    phases = selectors.collect_phases(process)
    if not phases:
        return None
    phase = selectors.collect_phase(process)
    return {
        "process": process,
        "inputs": selectors.latest_inputs(process),
        "counts": selectors.input_counts(process),
        "phase": phase,
        "can_submit": phase is not None
        and (not request.user.is_authenticated or permissions.can_submit(request.user, phase)),
    }


def _figures_section(request, process):
    from samenspraak.consultation import selectors

    if not selectors.collect_phases(process):
        return None
    return {"process": process, "figures": selectors.process_figures(process)}


def register_all() -> None:
    from samenspraak.core.registry import process_sections
    from samenspraak.processes.phases import Action, PhaseKind, phase_kinds

    phase_kinds.register(
        PhaseKind(
            key=COLLECT,
            name=_("Inbreng verzamelen"),
            description=_(
                "Inwoners geven ideeën en reacties, steunen en bespreken ze. "
                "Elke inbreng krijgt een openbare reactie van de gemeente."
            ),
            allows=frozenset({Action.SUBMIT_INPUT, Action.SUPPORT, Action.COMMENT}),
        )
    )
    from samenspraak.consultation import privacy

    privacy.register()
    from samenspraak.consultation.events import EVENT_TYPES, InputAnswered
    from samenspraak.core import events

    for event_type in EVENT_TYPES:
        events.register_type(event_type)
    events.subscribe(InputAnswered, "samenspraak.consultation.notifications.answer_published")
    process_sections.register(
        "consultation.inputs",
        template="consultation/section_inputs.html",
        context=_inputs_section,
        order=30,
    )
    process_sections.register(
        "consultation.figures",
        template="consultation/section_figures.html",
        context=_figures_section,
        order=40,
    )
    try:
        from samenspraak.dialogue.permissions import register_comment_rule
    except ImportError:  # the dialogue app does not offer comments yet
        return
    from samenspraak.consultation.models import Input
    from samenspraak.consultation.permissions import can_comment

    register_comment_rule(Input, can_comment)

    from samenspraak.dialogue.moderation import register_reportable

    register_reportable(Input, _("inbreng"), text=lambda item: f"{item.title}\n{item.body}")

    from samenspraak.consultation.permissions import can_view_input
    from samenspraak.dialogue.permissions import register_view_rule

    register_view_rule(Input, can_view_input)
