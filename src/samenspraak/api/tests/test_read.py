"""Public reads: only what the public pages show, in the NL API Design Rules' shape."""

import pytest

from samenspraak.api.version import API_VERSION

pytestmark = pytest.mark.django_db


def problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def test_areas(api, world):
    response = api.get("/api/v1/areas")
    assert response.status_code == 200
    assert response["API-Version"] == API_VERSION
    assert [a["slug"] for a in response.json()["results"]] == ["oud-zuid"]


def test_processes_lists_only_published_ones(api, world):
    body = api.get("/api/v1/processes").json()
    slugs = {p["slug"]: p for p in body["results"]}
    assert set(slugs) == {"plein", "buurtbudget"}  # not the draft "concept"
    assert slugs["plein"]["_links"]["self"]["href"].endswith("/api/v1/processes/plein")


def test_process_detail_and_draft_is_not_found(api, world):
    detail = api.get("/api/v1/processes/plein").json()
    assert detail["title"] == "Het nieuwe plein"
    assert detail["areas"] == ["oud-zuid"]
    assert detail["phases"][0]["state"] == "current"
    problem(api.get("/api/v1/processes/concept"), 404)


def test_inputs_leave_out_hidden_and_draft_input_and_personal_data(api, world):
    response = api.get("/api/v1/inputs?process=plein&pageSize=100")
    ids = {row["id"] for row in response.json()["results"]}
    assert ids == {i.pk for i in world.inputs}
    assert world.hidden.pk not in ids and world.draft_input.pk not in ids
    assert b"geheim.adres@example.org" not in response.content
    assert b"Scheldwoorden" not in response.content
    assert response.json()["results"][0]["authorName"] == "Buurvrouw"
    problem(api.get(f"/api/v1/inputs/{world.hidden.pk}"), 404)
    problem(api.get(f"/api/v1/inputs/{world.draft_input.pk}"), 404)
    assert api.get(f"/api/v1/inputs/{world.inputs[0].pk}").json()["title"] == (
        "Bankjes bij de fontein"
    )


def test_inputs_filter_by_process_area_and_status(api, world):
    def ids(query):
        rows = api.get(f"/api/v1/inputs?process=plein&{query}").json()["results"]
        return {row["id"] for row in rows}

    assert ids("area=oud-zuid") == {world.inputs[0].pk}
    assert ids("status=in_progress") == {world.inputs[1].pk}
    assert ids("status=submitted") == {world.inputs[0].pk, world.inputs[2].pk}


def test_bad_query_lists_every_wrong_parameter(api, world):
    body = problem(api.get("/api/v1/inputs?process=bestaat-niet&status=kwijt&pageSize=0"), 400)
    names = sorted(row["name"] for row in body["invalidParams"])
    assert names == ["pageSize", "process", "status"]
    reasons = {row["name"]: row["reason"] for row in body["invalidParams"]}
    assert reasons["process"] == "Er is geen openbaar proces met deze korte naam."
    # The draft process is not public, so it is no filter either.
    problem(api.get("/api/v1/inputs?process=concept"), 400)


def test_pages_have_links(api, world):
    body = api.get("/api/v1/inputs?process=plein&pageSize=2").json()
    assert (body["count"], body["page"], body["pageSize"]) == (3, 1, 2)
    assert "page=2" in body["_links"]["next"]["href"]
    assert "previous" not in body["_links"]
    second = api.get(body["_links"]["next"]["href"]).json()
    assert len(second["results"]) == 1 and "next" not in second["_links"]
    problem(api.get("/api/v1/inputs?page=9"), 404)
    problem(api.get("/api/v1/inputs?page=nul"), 400)


def test_budgets_and_only_published_results(api, world):
    budgets = api.get("/api/v1/budgets").json()["results"]
    by_id = {b["id"]: b for b in budgets}
    assert by_id[world.budget.pk]["resultPublished"] is True
    assert "result" in by_id[world.budget.pk]["_links"]
    assert by_id[world.unpublished_budget.pk]["resultPublished"] is False
    result = api.get(f"/api/v1/budgets/{world.budget.pk}/result").json()
    assert result["ballots"] == 9
    assert [p["funded"] for p in result["projects"]] == [True, False]
    problem(api.get(f"/api/v1/budgets/{world.unpublished_budget.pk}/result"), 404)


def test_etag_gives_304_when_unchanged(api, world):
    first = api.get("/api/v1/processes/plein")
    etag = first["ETag"]
    again = api.get("/api/v1/processes/plein", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["API-Version"] == API_VERSION
    world.process.title = "Het plein, nieuw"
    world.process.save()
    assert api.get("/api/v1/processes/plein", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_no_trailing_slashes_and_unknown_addresses_are_problems(api, world):
    problem(api.get("/api/v1/processes/"), 404)
    body = problem(api.get("/api/v1/bestaat-niet"), 404)
    assert body["instance"] == "/api/v1/bestaat-niet"
    problem(api.get("/api/v2/processes"), 404)
    problem(api.post("/api/v1/bestaat-niet", {}), 404)  # no CSRF refusal, no HTML


def test_cors_only_for_allowed_origins(api, world, settings):
    settings.SAMENSPRAAK_API_CORS_ORIGINS = ["https://kaart.voorbeeldstad.nl"]
    allowed = api.get("/api/v1/areas", HTTP_ORIGIN="https://kaart.voorbeeldstad.nl")
    assert allowed["Access-Control-Allow-Origin"] == "https://kaart.voorbeeldstad.nl"
    assert "Origin" in allowed["Vary"]
    other = api.get("/api/v1/areas", HTTP_ORIGIN="https://kwaad.example")
    assert not other.has_header("Access-Control-Allow-Origin")
    preflight = api.options(
        "/api/v1/inputs/1/answer",
        HTTP_ORIGIN="https://kaart.voorbeeldstad.nl",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )
    assert preflight.status_code == 204
    assert "Authorization" in preflight["Access-Control-Allow-Headers"]
    assert not preflight.has_header("Access-Control-Allow-Credentials")


def test_cors_setting_refuses_wildcards(settings):
    from samenspraak.api.checks import check_cors_origins

    settings.SAMENSPRAAK_API_CORS_ORIGINS = ["*"]
    assert [e.id for e in check_cors_origins()] == ["api.E001"]
    settings.SAMENSPRAAK_API_CORS_ORIGINS = ["https://kaart.voorbeeldstad.nl"]
    assert check_cors_origins() == []


def test_english_problems_with_accept_language(api, world):
    body = problem(api.get("/api/v1/inputs?status=kwijt", HTTP_ACCEPT_LANGUAGE="en"), 400)
    assert body["title"] == "The request is not right"


def test_reads_cost_a_fixed_number_of_queries(api, world, django_assert_max_num_queries):
    from samenspraak.budgeting.factories import BudgetFactory
    from samenspraak.consultation.factories import InputFactory
    from samenspraak.processes.factories import ProcessFactory

    for _ in range(10):
        InputFactory(phase=world.inputs[0].phase)
    with django_assert_max_num_queries(6):
        assert api.get("/api/v1/inputs?pageSize=50").status_code == 200
    for _ in range(5):
        ProcessFactory().areas.add(world.area)
        BudgetFactory(process=world.process)
    with django_assert_max_num_queries(7):
        assert api.get("/api/v1/processes?pageSize=50").status_code == 200
    with django_assert_max_num_queries(4):
        assert api.get("/api/v1/budgets?pageSize=50").status_code == 200


def test_every_list_checks_its_page_parameters(api, world):
    for url in ("/api/v1/areas", "/api/v1/budgets", "/api/v1/processes/plein/updates"):
        body = problem(api.get(f"{url}?pageSize=500&page=1&page=2"), 400)
        assert sorted(row["name"] for row in body["invalidParams"]) == ["page", "pageSize"]


def test_a_crash_is_a_problem_too(rf):
    from samenspraak.api.middleware import ApiMiddleware

    middleware = ApiMiddleware(lambda request: None)
    response = middleware.process_exception(rf.get("/api/v1/areas"), RuntimeError("stuk"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert b"stuk" not in response.content  # no internals in the answer
    assert middleware.process_exception(rf.get("/processen/"), RuntimeError("stuk")) is None
