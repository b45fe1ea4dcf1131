import time_machine
from django.urls import reverse

from samverkan.audit.models import AuditEvent
from samverkan.core.demo import DEMO_PASSWORD


def login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_anna_logs_in_and_lands_on_her_start_page(client, person):
    user = person("anna")
    user.set_password(DEMO_PASSWORD)
    user.save()
    response = login(client, "anna", DEMO_PASSWORD)
    assert response.status_code == 302 and response.url == "/"
    html = client.get("/").content.decode()
    assert "Välkommen, Anna" in html and "Handläggare" in html
    assert AuditEvent.objects.filter(action="accounts.logged_in", actor=user).exists()


def test_a_wrong_password_gets_a_message_in_swedish(client, db):
    response = login(client, "anna", "fel")
    assert response.status_code == 400
    assert "Användarnamnet eller lösenordet är fel." in response.content.decode()


def test_five_wrong_passwords_lock_the_account_and_the_lock_out_is_audited(client, person):
    user = person("anna")
    user.set_password(DEMO_PASSWORD)
    user.save()
    for _ in range(4):
        assert "lösenordet är fel" in login(client, "anna", "fel").content.decode()
    assert "För många misslyckade inloggningar" in login(client, "anna", "fel").content.decode()
    # Even the right password is refused while the account is locked.
    response = login(client, "anna", DEMO_PASSWORD)
    assert response.status_code == 400 and "För många" in response.content.decode()
    event = AuditEvent.objects.get(action="accounts.locked_out")
    assert event.organisation.scb_code == "0126"
    assert AuditEvent.objects.filter(action="accounts.login_failed").count() == 5


def test_the_lock_out_ends_after_its_time(client, person):
    user = person("anna")
    user.set_password(DEMO_PASSWORD)
    user.save()
    with time_machine.travel("2026-11-24 10:00 +0100", tick=False):
        for _ in range(5):
            login(client, "anna", "fel")
    with time_machine.travel("2026-11-24 10:16 +0100", tick=False):
        assert login(client, "anna", DEMO_PASSWORD).status_code == 302


def test_logout_needs_a_post(client, person):
    client.force_login(person("anna"))
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_next_cannot_send_the_user_to_another_site(client, person):
    user = person("anna")
    user.set_password(DEMO_PASSWORD)
    user.save()
    response = client.post(
        reverse("accounts:login"), {"username": "anna", "password": DEMO_PASSWORD, "next": "https://evil.example/"}
    )
    assert response.url == "/"
