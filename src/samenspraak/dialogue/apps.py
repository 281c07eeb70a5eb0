from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "samenspraak.dialogue"
    verbose_name = _("Gesprek en moderatie")

    def ready(self):
        from samenspraak.dialogue.models import Comment
        from samenspraak.dialogue.moderation import register_reportable

        register_reportable(Comment, _("reactie"), text=lambda comment: comment.body)
