from django.urls import reverse

from samverkan.accounts.models import APIToken
from samverkan.audit.models import AuditEvent


def test_anna_creates_a_token_sees_it_once_and_it_works(client, person):
    client.force_login(person("anna"))
    response = client.post(reverse("accounts:token_create"), {"name": "Procapita", "valid_days": 30})
    key = response.context["key"]
    assert key.startswith("sv_") and key in response.content.decode()
    token = APIToken.objects.get(name="Procapita")
    assert token.key_hash != key and key not in token.key_hash
    assert AuditEvent.objects.filter(action="accounts.api_token_created", object_id=str(token.pk)).exists()
    me = client.__class__().get("/api/accounts/me/", headers={"Authorization": f"Bearer {key}"})
    assert me.json()["username"] == "anna"


def test_a_revoked_token_stops_working(client, person):
    token, key = APIToken.issue(person("anna"), "Procapita")
    client.force_login(person("anna"))
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    response = client.__class__().get("/api/accounts/me/", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 401


def test_an_expired_token_stops_working(client, person):
    import datetime as dt

    from django.utils import timezone

    _, key = APIToken.issue(person("anna"), "old", expires_at=timezone.now() - dt.timedelta(days=1))
    assert client.get("/api/accounts/me/", headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_a_token_form_with_too_many_days_says_what_is_wrong(client, person):
    client.force_login(person("anna"))
    response = client.post(reverse("accounts:token_create"), {"name": "x", "valid_days": 1000})
    assert response.status_code == 400
    assert "aria-describedby" in response.content.decode()
    assert not APIToken.objects.filter(name="x").exists()


def test_an_auditor_cannot_create_tokens(client, person):
    client.force_login(person("rut"))
    assert client.post(reverse("accounts:token_create"), {"name": "x", "valid_days": 10}).status_code == 403
