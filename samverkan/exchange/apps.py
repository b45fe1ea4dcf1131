from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """The county catalogue of services, participants, placements and attendance."""

    name = "samverkan.exchange"
    label = "exchange"
    verbose_name = _("Utbyte av insatser")

    def ready(self) -> None:
        from samverkan.accounts.roles import Role
        from samverkan.core import navigation

        people = frozenset({Role.CASE_OFFICER, Role.MUNICIPAL_COORDINATOR, Role.PROVIDER_STAFF, Role.AUDITOR})
        navigation.register(
            navigation.NavItem(_("Katalog"), "exchange:catalogue", order=300, public=True, active_prefix="/katalog/"),
            navigation.NavItem(
                _("Placeringar"), "exchange:placement_list", order=310, roles=people, active_prefix="/utbyte/"
            ),
        )
