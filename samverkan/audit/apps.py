from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """Append-only audit events: every change, and every read of personal data."""

    name = "samverkan.audit"
    label = "audit"
    verbose_name = _("Logg")

    def ready(self) -> None:
        from samverkan.accounts.roles import Role
        from samverkan.audit import receivers
        from samverkan.core import navigation

        receivers.connect()
        navigation.register(
            navigation.NavItem(
                _("Logg"),
                "audit:event_list",
                order=800,
                roles=frozenset({Role.REGIONAL_COORDINATOR, Role.MUNICIPAL_COORDINATOR, Role.AUDITOR}),
            ),
        )
