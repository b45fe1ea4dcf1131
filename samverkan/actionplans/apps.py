from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplansConfig(AppConfig):
    """Action plans, areas, measures in priority order, sub-goals and follow-up rounds."""

    name = "samverkan.actionplans"
    label = "actionplans"
    verbose_name = _("Handlingsplaner")

    def ready(self) -> None:
        from samverkan.actionplans import panels
        from samverkan.core import navigation, startpage

        navigation.register(
            navigation.NavItem(
                _("Handlingsplaner"), "actionplans:plan_list", order=310, active_prefix="/handlingsplaner/"
            ),
        )
        startpage.register(panels.followup)
