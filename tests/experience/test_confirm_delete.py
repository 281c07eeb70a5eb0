"""Issue #11 part 2, item 4: every delete button leads to a confirmation page (GET, works
without JavaScript); only the POST from that page deletes."""

import pytest
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.consultation.factories import AnswerTemplateFactory, InputFactory
from samenspraak.consultation.models import AnswerTemplate
from samenspraak.dialogue.factories import CommentFactory
from samenspraak.dialogue.models import Comment
from samenspraak.processes.factories import ProcessFactory
from samenspraak.surveys.factories import QuestionFactory
from samenspraak.surveys.models import Question

pytestmark = pytest.mark.django_db


def _confirm_then_delete(client, url, still_there):
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "verwijderen?" in html and "Ja, verwijderen" in html
    assert still_there()
    assert client.post(url).status_code == 302
    assert not still_there()


def test_a_survey_question(client):
    import datetime

    from django.utils import timezone

    question = QuestionFactory(text="Hoe oud bent u?")
    survey = question.survey
    now = timezone.now()  # questions can be deleted before the survey opens
    survey.phase.starts_at = now + datetime.timedelta(days=1)
    survey.phase.ends_at = now + datetime.timedelta(days=10)
    survey.phase.save()
    client.force_login(StaffUserFactory(role=Role.PROCESS_MANAGER))
    manage = client.get(reverse("surveys:manage", args=[survey.process.slug, survey.pk]))
    url = reverse("surveys:question_delete", args=[survey.process.slug, survey.pk, question.pk])
    assert f'<a href="{url}">' in manage.content.decode()
    _confirm_then_delete(client, url, Question.objects.filter(pk=question.pk).exists)


def test_an_answer_template(client):
    template = AnswerTemplateFactory()
    client.force_login(StaffUserFactory(role=Role.PROCESS_MANAGER))
    url = reverse("consultation:answer_template_delete", args=[template.pk])
    listing = client.get(reverse("consultation:answer_templates")).content.decode()
    assert f'<a href="{url}">' in listing
    _confirm_then_delete(client, url, AnswerTemplate.objects.filter(pk=template.pk).exists)


def test_a_comment_and_the_house_rules_link_by_the_form(client):
    process = ProcessFactory(with_phase="consultation.collect")
    item = InputFactory(process=process, phase=process.phases.get())
    author = UserFactory()
    comment = CommentFactory(target=item, author=author)
    client.force_login(author)
    page = client.get(reverse("consultation:input_detail", args=[process.slug, item.pk]))
    assert f'href="{reverse("dialogue:house_rules")}"' in page.content.decode()
    url = reverse("dialogue:comment_delete", args=[comment.pk])
    _confirm_then_delete(client, url, Comment.objects.filter(pk=comment.pk).exists)


def test_someone_elses_comment_gets_no_confirmation_page(client):
    comment = CommentFactory(target=ProcessFactory())
    client.force_login(UserFactory())
    assert client.get(reverse("dialogue:comment_delete", args=[comment.pk])).status_code == 403


def test_a_budget(client):
    from samenspraak.budgeting.factories import BudgetFactory
    from samenspraak.budgeting.models import Budget

    budget = BudgetFactory(title="Wijkbudget Noord")
    slug = budget.process.slug
    client.force_login(StaffUserFactory(role=Role.PROCESS_MANAGER))
    listing = client.get(reverse("budgeting:manage_budgets", args=[slug])).content.decode()
    url = reverse("budgeting:manage_budget_delete", args=[slug, budget.pk])
    assert f'href="{url}"' in listing
    assert "Wijkbudget Noord" in client.get(url).content.decode()  # says what goes
    _confirm_then_delete(client, url, Budget.objects.filter(pk=budget.pk).exists)
