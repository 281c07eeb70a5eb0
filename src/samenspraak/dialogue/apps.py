from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "samenspraak.dialogue"
    verbose_name = _("Gesprek en moderatie")

    def ready(self):
        from samenspraak.dialogue import privacy
        from samenspraak.dialogue.models import Comment
        from samenspraak.dialogue.moderation import register_reportable
        from samenspraak.dialogue.permissions import can_view, register_view_rule

        register_reportable(Comment, _("reactie"), text=lambda comment: comment.body)
        # A comment shows on its target's page, so it is visible exactly when that page is
        # (a hidden comment is left out there; the report page checks that for any content).
        register_view_rule(
            Comment,
            lambda user, comment: comment.target is not None and can_view(user, comment.target),
        )
        privacy.register()

        from samenspraak.core import events
        from samenspraak.dialogue.events import EVENT_TYPES

        for event_type in EVENT_TYPES:
            events.register_type(event_type)
