from django.urls import reverse


def test_the_county_overview_lists_26_municipalities_beside_the_map(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("organisations:county_detail", args=["01"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<path d="M') == 26
    assert html.count('href="/kommuner/') >= 26 * 2  # map and table
    assert "Etablering Södertörn" in html and "Koordination Norrort" in html
    assert "Region Stockholm" in html
    assert "212000-0068" in html


def test_the_municipality_page_shows_bodies_districts_and_networks(client, db):
    html = client.get(reverse("organisations:municipality_detail", args=["0180"])).content.decode()
    assert "Kommunfullmäktige" in html and "Socialnämnden" in html
    assert "Hägersten-Älvsjö stadsdelsnämnd" in html
    assert "uppgick i Hägersten-Älvsjö stadsdelsnämnd" in html


def test_huddinge_is_in_etablering_sodertorn(client, db):
    html = client.get(reverse("organisations:municipality_detail", args=["0126"])).content.decode()
    assert "Etablering Södertörn" in html
    assert "0007:2120000068" in html


def test_the_page_is_in_english_when_asked(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("organisations:county_detail", args=["01"])).content.decode()
    assert "Municipalities" in html
