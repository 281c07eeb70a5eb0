"""The ready template "Burgerberaad" ships with assemblies and starts with its phase."""

import pytest

from samenspraak.assemblies.models import PHASE_KIND
from samenspraak.processes.models import ProcessTemplate
from samenspraak.processes.services import shipped_templates_install

pytestmark = pytest.mark.django_db


def test_the_template_is_installed_with_an_assembly_phase():
    shipped_templates_install()
    template = ProcessTemplate.objects.get(key="burgerberaad", municipality=None)
    assert template.name == "Burgerberaad"
    kinds = [phase["kind"] for phase in template.design["phases"]]
    assert kinds == [PHASE_KIND, "processes.inform", "processes.decide"]
