"""Answers about yourself in "Mijn gegevens" and erased with the account; stored apart."""

from samenspraak.accounts import privacy
from samenspraak.accounts.factories import UserFactory
from samenspraak.representation import selectors, services
from samenspraak.representation.models import NOT_SAID, Answer


def test_export_and_erase(town):
    person = UserFactory()
    services.answer_submit(
        process=town["process"],
        user=person,
        age="25-44",
        gender=NOT_SAID,
        education="hoog",
        area=str(town["north"].pk),
    )
    exported = privacy.export_user_data(person)["representation"]
    assert exported["answers"][0]["process"] == "Het nieuwe plein"
    assert exported["answers"][0]["age"] == "25 tot 45 jaar"
    assert exported["answers"][0]["gender"] == "Wil ik niet zeggen"
    assert exported["answers"][0]["area"] == "Noord"
    privacy.anonymise_user_data(person)
    assert not Answer.objects.filter(user=person).exists()
    age = selectors.process_figures(town["process"]).comparisons[0]
    assert age.total == 0


def test_nothing_else_points_at_the_answers():
    """Stored apart: no model of another app has a relation to Answer."""
    related = [
        field
        for field in Answer._meta.get_fields()
        if field.is_relation and field.auto_created and not field.concrete
    ]
    assert related == []
