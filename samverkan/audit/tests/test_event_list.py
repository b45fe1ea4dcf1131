from django.urls import reverse

from samverkan.audit.services import record
from samverkan.organisations.models import Organisation


def events(person):
    huddinge = Organisation.objects.get(scb_code="0126")
    nacka = Organisation.objects.get(scb_code="0182")
    record(actor=person("anna"), action="exchange.placement_created", organisation=huddinge, object_repr="H-1")
    record(actor=person("eve"), action="exchange.placement_created", organisation=nacka, object_repr="N-1")


def test_the_regional_coordinator_sees_every_municipalitys_events(client, person):
    events(person)
    client.force_login(person("cecilia"))
    html = client.get(reverse("audit:event_list")).content.decode()
    assert "H-1" in html and "N-1" in html


def test_a_municipal_coordinator_sees_only_her_own(client, person):
    events(person)
    client.force_login(person("hanna"))
    html = client.get(reverse("audit:event_list")).content.decode()
    assert "H-1" in html and "N-1" not in html


def test_a_case_officer_may_not_search_the_log(client, person):
    client.force_login(person("anna"))
    assert client.get(reverse("audit:event_list")).status_code == 403


def test_search_by_text_and_dates(client, person):
    events(person)
    client.force_login(person("cecilia"))
    html = client.get(reverse("audit:event_list"), {"q": "N-1"}).content.decode()
    assert "N-1" in html and "H-1" not in html
    response = client.get(reverse("audit:event_list"), {"date_from": "2026-01-02", "date_to": "2026-01-01"})
    assert response.status_code == 400 and "Slutdatumet ligger före startdatumet." in response.content.decode()


def test_the_list_is_paginated_with_a_fixed_number_of_queries(client, person, django_assert_max_num_queries):
    huddinge = Organisation.objects.get(scb_code="0126")
    for i in range(120):
        record(actor=None, action="test.bulk", organisation=huddinge, object_repr=f"row {i}")
    client.force_login(person("cecilia"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("audit:event_list"), {"page": 2})
    assert response.context["page_obj"].number == 2


def test_a_log_longer_than_the_bound_is_not_counted_to_the_end(client, person, monkeypatch):
    from samverkan.core.pagination import BoundedPaginator

    huddinge = Organisation.objects.get(scb_code="0126")
    for i in range(7):
        record(actor=None, action="test.bulk", organisation=huddinge, object_repr=f"row {i}")
    client.force_login(person("cecilia"))
    monkeypatch.setattr(BoundedPaginator, "bound", 5)
    response = client.get(reverse("audit:event_list"))
    paginator = response.context["page_obj"].paginator
    assert paginator.count == 5 and paginator.bounded
    assert "Fler än 5 händelser" in response.content.decode()
    response = client.get(reverse("audit:event_list"), {"q": "row 3"})
    assert response.context["page_obj"].paginator.count == 1
    assert not response.context["page_obj"].paginator.bounded
