"""Every reference to a person, in any installed app, has a privacy handler that covers it.

accounts.privacy walks all models (third-party ones too: allauth, admin, sessions, the task
queue) for foreign keys to the user model; each must be named in some handler's `covers` or
be on the short, commented allow-list. The system check accounts.E001 says the same at start-up.
"""

import pytest
from django.core import checks

from samenspraak.accounts import privacy


def test_every_user_reference_is_covered_by_a_handler():
    assert privacy.uncovered_references() == []
    assert privacy.unknown_covers() == []


def test_the_walk_sees_third_party_and_auto_created_models():
    references = set(privacy.user_references())
    assert {
        "account.EmailAddress.user",
        "mfa.Authenticator.user",
        "admin.LogEntry.user",
        "accounts.User_groups.user",
        "core.AuditLogEntry.actor",
        "consultation.Input.author",
    } <= references


def test_allow_lists_name_real_fields_and_say_why():
    references = set(privacy.user_references())
    for name, reason in privacy.ALLOWED_UNCOVERED.items():
        assert name in references and len(reason) > 10
    for name, reason in privacy.RETAINED_AFTER_ERASURE.items():
        # Kept after erasure, but still exported by some handler.
        assert name in privacy.covered() and len(reason) > 10
    assert set(privacy.NAMED_PERSONAL_FIELDS) <= privacy.covered()


@pytest.fixture
def without_dialogue_handler():
    """Dialogue's manifest as if it declared no privacy handler."""
    from dataclasses import replace

    from samenspraak.core import components

    kept = components._registered["dialogue"]
    components._registered["dialogue"] = [replace(kept[0], privacy=())]
    components.clear_cache()
    yield
    components._registered["dialogue"] = kept
    components.clear_cache()


def test_a_model_without_handler_fails_the_system_check(without_dialogue_handler):
    assert "dialogue.Comment.author" in privacy.uncovered_references()
    errors = checks.run_checks()
    assert any(e.id == "accounts.E001" and "dialogue.Comment.author" in e.msg for e in errors), (
        errors
    )


def test_a_misspelt_cover_fails_the_system_check():
    privacy.register("typo", covers=["consultation.Input.auteur"])
    try:
        assert privacy.unknown_covers() == ["consultation.Input.auteur"]
        assert "accounts.E002" in [e.id for e in checks.run_checks()]
    finally:
        privacy.unregister("typo")
