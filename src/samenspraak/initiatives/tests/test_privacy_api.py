"""Personal data (export and erasure) and the public API: never the signers."""

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts import privacy
from samenspraak.initiatives import services
from samenspraak.initiatives.factories import InitiativeFactory, MeetingFactory, eligible_resident
from samenspraak.initiatives.models import CouncilDecision, Initiative, Outcome, Signature, Status

pytestmark = pytest.mark.django_db


def test_export_and_erase_keep_the_count_without_the_person(bylaw, clerk):
    initiative = InitiativeFactory(signatures_needed=10, title="Bankjes langs de Singel")
    signer = eligible_resident()
    services.signature_add(user=signer, initiative=initiative, notify=True)
    data = privacy.export_user_data(signer)["initiatives"]
    assert data["signatures"][0]["title"] == "Bankjes langs de Singel"
    assert data["signatures"][0]["keep_me_informed"] is True
    privacy.anonymise_user_data(signer)
    signature = Signature.objects.get()
    assert signature.user is None and signature.notify is False
    initiative.refresh_from_db()
    assert initiative.signature_count == 1

    from samenspraak.initiatives.privacy import erase

    erase(initiative.initiator)
    assert Initiative.objects.get().initiator is None


def test_api_lists_public_initiatives_with_count_and_never_signers(client, bylaw):
    public = InitiativeFactory(signatures_needed=5)
    signer = eligible_resident(display_name="Geheime Tekenaar")
    services.signature_add(user=signer, initiative=public)
    InitiativeFactory(status=Status.CONCEPT, title="Nog geheim concept")
    response = client.get("/api/v1/initiatives")
    assert response.status_code == 200
    body = response.json()
    items = body["_embedded"]["initiatives"] if "_embedded" in body else body["results"]
    assert [i["id"] for i in items] == [public.pk]
    assert items[0]["signatureCount"] == 1 and items[0]["status"] == "collecting"
    text = response.content.decode()
    assert "Geheime Tekenaar" not in text and signer.email not in text
    assert "Nog geheim concept" not in text
    assert client.get(f"/api/v1/initiatives/{public.pk}").json()["signaturesNeeded"] == 5
    concept = Initiative.objects.get(status=Status.CONCEPT)
    assert client.get(f"/api/v1/initiatives/{concept.pk}").status_code == 404
    assert client.get("/api/v1/initiatives?status=concept").status_code == 400


def test_api_lists_council_decisions(client, bylaw, clerk):
    meeting = MeetingFactory(starts_at=timezone.now())
    initiative = InitiativeFactory(status=Status.SCHEDULED, meeting=meeting)
    services.decision_record(
        actor=clerk,
        initiative=initiative,
        outcome=Outcome.ADOPTED,
        motivation="De raad neemt het voorstel over.",
        decided_on=timezone.localdate(),
    )
    response = client.get(reverse("api:v1:council_decisions"))
    assert response.status_code == 200
    text = response.content.decode()
    assert '"outcome":"adopted"' in text.replace(" ", "")
    assert CouncilDecision.objects.count() == 1
    assert client.get(reverse("api:v1:council_decisions") + "?outcome=nee").status_code == 400


def test_trace_lists_every_step_and_the_decision_in_order_with_links(
    client, bylaw, clerk, django_assert_max_num_queries
):
    import datetime

    meeting = MeetingFactory(starts_at=timezone.now() + datetime.timedelta(hours=1))
    initiative = InitiativeFactory(signatures_needed=1)
    services.signature_add(user=eligible_resident(), initiative=initiative)
    services.initiative_schedule(actor=clerk, initiative=initiative, meeting=meeting)
    meeting.starts_at = timezone.now() - datetime.timedelta(hours=1)
    meeting.save()
    services.decision_record(
        actor=clerk,
        initiative=initiative,
        outcome=Outcome.ADOPTED,
        motivation="De raad neemt het voorstel over.",
        decided_on=timezone.localdate(),
        decision_url="https://voorbeeldstad.raadsinformatie.nl/besluit/3",
    )
    url = reverse("api:v1:initiative_trace", args=[initiative.pk])
    client.get(url)  # warm the cached municipality
    # The initiative, then core.trace.thread: initiatives' provider (itself, steps, decisions)
    # and delivery's (projects that came from it: none here).
    with django_assert_max_num_queries(5):
        body = client.get(url).json()
    kinds = [(s["kind"], s["status"]) for s in body["steps"]]
    assert kinds == [
        ("initiative", "agenda"),
        ("initiative", "scheduled"),
        ("initiative", "decided"),
        ("decision", "adopted"),
    ]
    assert body["initiative"] == initiative.pk and body["status"] == "decided"
    assert all(s["_links"]["html"]["href"].startswith("http") for s in body["steps"])
    decision = body["steps"][-1]
    assert decision["title"] == "De gemeenteraad heeft het voorstel aangenomen"
    assert decision["text"] == "De raad neemt het voorstel over."
    assert decision["_links"]["official"]["href"].endswith("/besluit/3")
    detail = client.get(decision["_links"]["api"]["href"]).json()
    assert detail["outcome"] == "adopted" and detail["initiative"]["id"] == initiative.pk
    concept = InitiativeFactory(status=Status.CONCEPT)
    assert client.get(reverse("api:v1:initiative_trace", args=[concept.pk])).status_code == 404
