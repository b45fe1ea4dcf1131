"""The public catalogue: without login, full-text search, filters, distance, open data."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.urls import reverse

from samverkan.core.query_budget import assert_queries_do_not_grow
from samverkan.exchange.models import Service


@pytest.fixture
def courses(new_service):
    return {
        "sfi": new_service(
            name="Sfi för yrkesförare", languages=",ar,so,", description="Svenska med yrkesord för körkort."
        ),
        "health": new_service(
            provider="0182", name="Hälsoskola", category=Service.Category.HEALTH, languages=",ti,", city="Nacka"
        ),
        "far": new_service(
            provider="0188", name="Validering av vårdkompetens", category=Service.Category.VALIDATION, languages=",fa,"
        ),
        "draft": new_service(name="Hemlig kurs", published=False),
    }


def names(response) -> set[str]:
    return {s.name for s in response.context["page_obj"].object_list}


def test_a_visitor_without_login_sees_the_published_services(client, courses):
    response = client.get(reverse("exchange:catalogue"))
    assert response.status_code == 200
    assert {"Sfi för yrkesförare", "Hälsoskola", "Validering av vårdkompetens"} <= names(response)
    assert "Hemlig kurs" not in names(response)
    assert "10 av 10" in response.content.decode()  # free places


def test_the_catalogue_finds_the_course_by_language(client, courses):
    response = client.get(reverse("exchange:catalogue"), {"language": "ar"})
    assert names(response) == {"Sfi för yrkesförare"}


def test_full_text_search_matches_words_and_prefixes(client, courses):
    assert names(client.get(reverse("exchange:catalogue"), {"q": "yrkesförare"})) == {"Sfi för yrkesförare"}
    assert names(client.get(reverse("exchange:catalogue"), {"q": "körkort"})) == {"Sfi för yrkesförare"}
    assert names(client.get(reverse("exchange:catalogue"), {"q": "hälso"})) == {"Hälsoskola"}
    # The language's Swedish name and the provider's name are searched too.
    assert names(client.get(reverse("exchange:catalogue"), {"q": "tigrinja"})) == {"Hälsoskola"}
    assert "Validering av vårdkompetens" in names(client.get(reverse("exchange:catalogue"), {"q": "Norrtälje"}))


def test_search_syntax_in_the_query_is_only_text(client, courses):
    for text in ['"', "sfi OR", "NEAR(", "*", "-x", "a:b"]:
        assert client.get(reverse("exchange:catalogue"), {"q": text}).status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_a_misspelling_still_finds_the_service_on_postgresql(client, courses):
    assert "Sfi för yrkesförare" in names(client.get(reverse("exchange:catalogue"), {"q": "yrkesforare"}))
    assert "Hälsoskola" in names(client.get(reverse("exchange:catalogue"), {"q": "tigrinia"}))


def test_filters_by_category_and_municipality(client, courses):
    assert names(client.get(reverse("exchange:catalogue"), {"category": "health"})) == {"Hälsoskola"}
    assert names(client.get(reverse("exchange:catalogue"), {"municipality": "0188"})) == {"Validering av vårdkompetens"}


def test_distance_from_a_municipality(client, courses):
    response = client.get(reverse("exchange:catalogue"), {"near": "0126", "distance": "30"})
    found = names(response)
    assert {"Sfi för yrkesförare", "Hälsoskola"} <= found  # Botkyrka and Nacka are near Huddinge
    assert "Validering av vårdkompetens" not in found  # Norrtälje is some 80 km away
    rows = list(response.context["page_obj"].object_list)
    assert rows[0].km <= rows[-1].km
    far = client.get(reverse("exchange:catalogue"), {"near": "0126"})
    assert "Validering av vårdkompetens" in names(far)  # without a limit everything, nearest first


def test_a_distance_without_a_place_is_a_form_error(client, courses):
    response = client.get(reverse("exchange:catalogue"), {"distance": "10"})
    assert response.status_code == 400
    assert "Välj kommunen som avståndet räknas från." in response.content.decode()


def test_the_public_detail_page_shows_how_to_apply(client, courses):
    response = client.get(reverse("exchange:catalogue_detail", args=[courses["sfi"].code]))
    assert response.status_code == 200
    assert "Så ansöker du" in response.content.decode()
    assert client.get(reverse("exchange:catalogue_detail", args=[courses["draft"].code])).status_code == 404


def test_the_catalogue_is_open_data_as_json_and_csv(client, courses):
    data = client.get("/api/catalogue/services/", {"language": "ar"}).json()
    assert [s["name"] for s in data["items"]] == ["Sfi för yrkesförare"]
    assert data["items"][0]["provider"] == "0127" and data["items"][0]["free_places"] == 10
    response = client.get("/api/catalogue/services.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert "Hemlig kurs" not in {r["namn"] for r in rows}
    assert {r["namn"] for r in rows} >= {"Sfi för yrkesförare", "Hälsoskola"}


def test_the_catalogue_page_costs_the_same_queries_at_any_size(client, new_service, org):
    provider = org("0127")

    def grow(count):
        Service.objects.bulk_create(
            Service(
                provider=provider,
                code=f"I-Q{dt.datetime.now():%f}{i}",
                name=f"Kurs {i}",
                category="sfi",
                price_model="month",
                capacity=5,
                published=True,
                languages=",ar,",
            )
            for i in range(count)
        )

    assert_queries_do_not_grow(client, reverse("exchange:catalogue") + "?language=ar&near=0126", grow, budget=8)
