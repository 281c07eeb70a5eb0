"""Every text field with a limit states that limit in the one message of core.text
("Maximaal 120 tekens. Nu zijn het er 131."), the limit that really applies, and no field cuts
pasted text with a maxlength attribute."""

import ast
import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.utils import translation

from samenspraak.core.text import TOO_LONG

SRC = Path(__file__).resolve().parents[2]  # src/samenspraak


def _form_modules() -> list[str]:
    return sorted(
        ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
        for path in SRC.rglob("*.py")
        if "forms" in path.stem and not {"tests", "migrations"} & set(path.parts)
    )


def _form_classes():
    for name in _form_modules():
        module = importlib.import_module(name)
        for _n, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                yield cls


def test_the_form_modules_are_found():
    assert "samenspraak.consultation.forms" in _form_modules()
    assert len(list(_form_classes())) > 30


def _fields(cls) -> dict:
    """The form's fields as a page gets them (a form that needs arguments: its declared ones)."""
    try:
        return cls().fields
    except Exception:  # noqa: BLE001 - a form that needs a process, a user, ...
        return cls.base_fields


@pytest.mark.django_db
def test_every_declared_or_model_made_text_field_states_its_limit():
    wrong = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _form_classes()
        for name, field in _fields(cls).items()
        if isinstance(field, forms.CharField)
        and field.max_length is not None
        and field.error_messages.get("max_length") != TOO_LONG
    ]
    assert wrong == []


def test_no_text_field_with_a_limit_is_made_in_code_without_the_message():
    """Fields added in __init__ are not in base_fields: find them in the source."""
    found = []
    for path in SRC.rglob("*.py"):
        if (
            {"tests", "migrations"} & set(path.parts)
            or path.name == "forms.py"
            and path.parent.name == "core"
        ):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"CharField", "EmailField", "SlugField", "URLField"}
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "forms"
                and any(keyword.arg == "max_length" for keyword in node.keywords)
            ):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert found == [], "use core.forms.LimitedTextField (or state_limit) for these"


@pytest.mark.django_db
def test_a_model_form_field_says_the_model_limit_once():
    from samenspraak.information.forms import UpdateForm

    with translation.override("nl"):
        form = UpdateForm({"title": "a" * 161, "body": "Tekst"})
        assert not form.is_valid()
        assert form.errors["title"] == ["Maximaal 160 tekens. Nu zijn het er 161."]
        assert "maxlength" not in str(form["title"])


def test_an_input_title_states_the_service_limit_not_a_looser_one():
    from samenspraak.consultation.forms import InputForm
    from samenspraak.consultation.services import TITLE_MAX

    field = InputForm.base_fields["title"]
    assert field.max_length == TITLE_MAX
    with translation.override("nl"):
        with pytest.raises(forms.ValidationError) as refused:
            field.clean("a" * (TITLE_MAX + 250))
        assert refused.value.messages == [
            f"Maximaal {TITLE_MAX} tekens. Nu zijn het er {TITLE_MAX + 250}."
        ]


def test_allauth_email_fields_state_their_limit():
    from samenspraak.accounts.forms import RequestLoginCodeForm, ResetPasswordForm

    for form in (RequestLoginCodeForm(), ResetPasswordForm()):
        assert form.fields["email"].error_messages["max_length"] == TOO_LONG
