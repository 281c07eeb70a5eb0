"""The start-up check of the component manifests (core.components.check_manifests)."""

from dataclasses import replace

import pytest

from samenspraak.core import components
from samenspraak.core.components import PhaseAction, SearchProvider
from samenspraak.processes.phases import PhaseKind


@pytest.fixture
def swap():
    """Replace an app's registered manifests for one test."""
    saved = {}

    def _swap(app, manifests):
        saved.setdefault(app, components._registered.get(app))
        components._registered[app] = manifests
        components.clear_cache()

    yield _swap
    for app, manifests in saved.items():
        components._registered[app] = manifests
    components.clear_cache()


def _ids(errors):
    return sorted({error.id for error in errors})


def _manifest(app):
    return components._registered[app][0]


def test_the_product_s_manifests_pass():
    assert components.check_manifests() == []


def test_every_domain_app_has_its_manifest():
    apps = {m.app for m in components.manifests()}
    assert {
        "core",
        "accounts",
        "processes",
        "information",
        "dialogue",
        "consultation",
        "surveys",
        "budgeting",
    } <= apps


def test_an_app_that_registers_something_without_a_manifest_fails(swap):
    swap("surveys", [])
    errors = components.check_manifests()
    assert _ids(errors) == ["core.E010"]
    assert any("'surveys'" in e.msg and "privacy" in e.msg for e in errors)


def test_two_manifests_for_one_app_fail(swap):
    swap("surveys", [_manifest("surveys"), replace(_manifest("surveys"), privacy=())])
    assert "core.E011" in _ids(components.check_manifests())


def test_a_key_declared_twice_fails(swap):
    surveys = _manifest("surveys")
    twin = SearchProvider("processes.processes", "Dubbel", search=None, template="x.html")
    swap("surveys", [replace(surveys, search_providers=(twin,))])
    errors = components.check_manifests()
    assert _ids(errors) == ["core.E012"]
    assert "'processes.processes'" in errors[0].msg


def test_an_unimportable_path_fails(swap):
    swap("surveys", [replace(_manifest("surveys"), demo_chapters="samenspraak.surveys.nergens")])
    assert _ids(components.check_manifests()) == ["core.E013"]


def test_a_missing_process_template_file_fails(swap):
    surveys = _manifest("surveys")
    swap("surveys", [replace(surveys, process_templates=("process_templates/nergens.json",))])
    errors = components.check_manifests()
    assert _ids(errors) == ["core.E015"]
    assert "nergens.json" in errors[0].msg


def test_a_phase_kind_allowing_an_unregistered_action_fails(swap):
    kind = PhaseKind(key="surveys.odd", name="Vreemd", allows=frozenset({"juggle"}))
    surveys = _manifest("surveys")
    swap("surveys", [replace(surveys, phase_kinds=(*surveys.phase_kinds, kind))])
    errors = components.check_manifests()
    assert _ids(errors) == ["core.E014"]
    assert "juggle" in errors[0].msg


def test_the_action_registered_by_its_owner_passes(swap):
    kind = PhaseKind(key="surveys.odd", name="Vreemd", allows=frozenset({"juggle"}))
    surveys = _manifest("surveys")
    swap(
        "surveys",
        [
            replace(
                surveys,
                phase_kinds=(*surveys.phase_kinds, kind),
                phase_actions=(*surveys.phase_actions, PhaseAction("juggle", "Jongleren")),
            )
        ],
    )
    assert components.check_manifests() == []


def test_processes_names_no_action_of_a_higher_app():
    from samenspraak.processes import phases

    assert not hasattr(phases, "Action")
    owners = {a.key: m.app for m in components.manifests() for a in m.phase_actions}
    assert owners == {
        "submit_input": "consultation",
        "support": "consultation",
        "comment": "dialogue",
        "opinion_vote": "conversations",
        "survey": "surveys",
        "vote": "budgeting",
        "assembly_register": "assemblies",
    }


def _wizard_step(**changes):
    step = components.WizardStep(
        "notitie",
        "Notitie",
        template="processes/manage/_simple_form.html",
        form=lambda process, data: None,
        save=lambda request, process, form: "",
    )
    return replace(step, **changes)


def _with_steps(swap, *steps):
    swap("surveys", [replace(_manifest("surveys"), wizard_steps=steps)])


def test_a_sound_wizard_step_passes(swap):
    from samenspraak.processes.checks import check_wizard_steps

    _with_steps(swap, _wizard_step())
    assert components.check_manifests() == []
    assert check_wizard_steps() == []


@pytest.mark.parametrize(
    "changes, problem",
    [
        ({"key": "Met Spatie"}, "lower-case letters"),
        ({"key": "a/b"}, "lower-case letters"),
        ({"template": "nergens/bestaat.html"}, "does not exist"),
        ({"template": ""}, "needs a template"),
        ({"save": "niet aanroepbaar"}, "save must be callable"),
        ({"permission": True}, "permission must be callable"),
    ],
)
def test_a_wizard_step_that_cannot_work_fails(swap, changes, problem):
    _with_steps(swap, _wizard_step(**changes))
    errors = components.check_manifests()
    assert _ids(errors) == ["core.E016"]
    assert problem in errors[0].msg


def test_something_else_than_a_wizard_step_fails(swap):
    _with_steps(swap, "notitie")
    assert _ids(components.check_manifests()) == ["core.E016"]


def test_a_wizard_step_key_taken_by_another_app_fails(swap):
    taken = components.wizard_steps()[0].key  # representation's "deelnemers"
    _with_steps(swap, _wizard_step(key=taken))
    assert _ids(components.check_manifests()) == ["core.E012"]


@pytest.mark.parametrize(
    "changes, error_id",
    [
        ({"after": "publiceren"}, "processes.E002"),
        ({"after": "nergens"}, "processes.E002"),
        ({"key": "fasen"}, "processes.E003"),
    ],
)
def test_a_wizard_step_in_a_place_the_wizard_does_not_have_fails(swap, changes, error_id):
    from samenspraak.processes.checks import check_wizard_steps

    _with_steps(swap, _wizard_step(**changes))
    assert _ids(check_wizard_steps()) == [error_id]
