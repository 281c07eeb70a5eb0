from django.apps import AppConfig


class ThrowawayConfig(AppConfig):
    name = "tests.architecture.throwaway_component"
    label = "throwaway"
    verbose_name = "Wegwerpcomponent"

    def ready(self):
        from samenspraak.core import components

        from .manifest import MANIFEST

        components.register(MANIFEST)
