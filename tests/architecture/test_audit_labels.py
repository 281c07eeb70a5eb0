"""Every action written to the audit log has a label from some app's manifest, so the audit log
filter lists all of them.

The actions are found in the code: the action argument of every `record(...)` call (a literal,
or a constant evaluated in its module), every constant of an `*Action` class in a module that
writes to the audit log (services pass those through helpers), and module constants named
`*_ACTION`.
"""

import ast
import importlib
from pathlib import Path

import samenspraak
from samenspraak.core import components
from samenspraak.web.staff.forms import AuditLogFilterForm

SOURCE = Path(samenspraak.__file__).parent
#: Functions that write an audit entry, with the position of their action argument.
WRITERS = {"record": 1, "_audit": None}


def _modules():
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE.parent)
        if "tests" in relative.parts or "migrations" in relative.parts:
            continue
        yield ".".join(relative.with_suffix("").parts).removesuffix(".__init__"), path


def _name(func) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _action_argument(call: ast.Call):
    position = WRITERS[_name(call.func)]
    for keyword in call.keywords:
        if keyword.arg == "action":
            return keyword.value
    if position is not None and len(call.args) > position:
        return call.args[position]
    return None


def recorded_actions() -> dict[str, str]:
    """{action: module} for every audit action the product code can write."""
    found = {}
    for module_name, path in _modules():
        tree = ast.parse(path.read_text())
        calls = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and _name(node.func) in WRITERS
        ]
        if not calls and not module_name.endswith("core.audit"):
            continue
        module = importlib.import_module(module_name)
        for call in calls:
            argument = _action_argument(call)
            if argument is None:
                continue
            try:
                value = eval(ast.unparse(argument), vars(module))  # noqa: S307 - our own code
            except NameError:
                continue  # a parameter: its callers pass *Action constants, found below
            if isinstance(value, str):
                found[value] = module_name
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name.endswith("Action"):
                for attribute, value in vars(getattr(module, node.name)).items():
                    if not attribute.startswith("_") and isinstance(value, str):
                        found[value] = module_name
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if isinstance(target, ast.Name) and target.id.endswith("_ACTION"):
                    found[getattr(module, target.id)] = module_name
    return found


def test_the_scan_finds_actions_of_every_kind():
    found = recorded_actions()
    assert found["admin.other"] == "samenspraak.core.audit"  # an Action class
    assert found["staff.logged_in"] == "samenspraak.core.signals"  # record(..., Action.X)
    assert found["process.created"] == "samenspraak.processes.services"  # AuditAction
    assert found["dialogue.hide"] == "samenspraak.dialogue.services"  # passed via a helper
    assert found["information.update_created"] == "samenspraak.information.services"  # literal
    assert found["accounts.locked_out"] == "samenspraak.accounts.services"  # *_ACTION constant
    assert len(found) >= 50


def test_every_recorded_action_has_a_label_from_a_manifest():
    labels = components.audit_action_labels()
    missing = {
        action: module for action, module in recorded_actions().items() if action not in labels
    }
    assert missing == {}, "Label these in the manifest of the app that records them"


def test_every_label_belongs_to_the_app_that_records_the_action():
    found = recorded_actions()
    for manifest in components.manifests():
        for action in manifest.audit_actions:
            assert found.get(action, "").startswith(f"samenspraak.{manifest.app}."), action


def test_the_filter_lists_every_action():
    choices = dict(AuditLogFilterForm().fields["action"].choices)
    assert set(recorded_actions()) <= set(choices)
