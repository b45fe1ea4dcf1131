from samverkan.accounts.models import APIToken


def test_the_api_lists_organisations_page_by_page(client, person, django_assert_max_num_queries):
    _, key = APIToken.issue(person("anna"), "test")
    with django_assert_max_num_queries(5):
        response = client.get(
            "/api/organisations/?kind=municipality&limit=10", headers={"Authorization": f"Bearer {key}"}
        )
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 26 and len(body["items"]) == 10
    assert body["items"][0]["peppol_id"].startswith("0007:")


def test_the_list_query_count_does_not_grow_with_the_page(client, person, django_assert_max_num_queries):
    _, key = APIToken.issue(person("anna"), "test")
    with django_assert_max_num_queries(5):
        client.get("/api/organisations/?limit=200", headers={"Authorization": f"Bearer {key}"})


def test_an_organisation_by_code_and_its_bodies(client, person):
    client.force_login(person("cecilia"))
    assert client.get("/api/organisations/0126/").json()["name"] == "Huddinge"
    bodies = client.get("/api/organisations/0126/bodies/").json()["items"]
    assert {b["kind"] for b in bodies} >= {"council", "executive_board", "committee"}


def test_the_schema_is_served(client, db):
    schema = client.get("/api/openapi.json").json()
    assert "/api/organisations/" in schema["paths"]


def test_anonymous_calls_are_refused_in_swedish(client, db):
    response = client.get("/api/organisations/")
    assert response.status_code == 401
    assert "krävs" in response.json()["detail"]
