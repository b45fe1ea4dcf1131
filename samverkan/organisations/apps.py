from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    """The county, its municipalities and districts, the association, networks and bodies."""

    name = "samverkan.organisations"
    label = "organisations"
    verbose_name = _("Organisationer")

    def ready(self) -> None:
        from samverkan.core import navigation

        navigation.register(
            navigation.NavItem(
                _("Länet"), "organisations:county_overview", order=10, public=True, active_prefix="/lan/"
            ),
        )
