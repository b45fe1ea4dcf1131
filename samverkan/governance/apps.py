from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """Bodies of the cooperation (steering group, NYIN, networks), memberships, meetings and decisions."""

    name = "samverkan.governance"
    label = "governance"
    verbose_name = _("Styrning")

    def ready(self) -> None:
        from samverkan.core import navigation

        navigation.register(
            navigation.NavItem(_("Styrning"), "governance:body_list", order=300, active_prefix="/styrning/"),
        )
