"""The ready template "Stellingen peilen" ships with conversations and starts a process whose
first phase holds a conversation."""

import pytest

from samenspraak.conversations.models import PHASE_KIND
from samenspraak.processes.models import ProcessTemplate
from samenspraak.processes.services import shipped_templates_install

pytestmark = pytest.mark.django_db


def test_the_template_is_installed_with_a_conversation_phase():
    shipped_templates_install()
    template = ProcessTemplate.objects.get(key="stellingen-peilen", municipality=None)
    assert template.name == "Stellingen peilen"
    kinds = [phase["kind"] for phase in template.design["phases"]]
    assert kinds == [PHASE_KIND, "processes.evaluate"]
