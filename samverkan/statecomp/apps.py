from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatecompConfig(AppConfig):
    """State compensation: rates, receptions, expected versus received."""

    name = "samverkan.statecomp"
    label = "statecomp"
    verbose_name = _("Statlig ersättning")

    def ready(self) -> None:
        from samverkan.core import navigation

        navigation.register(
            navigation.NavItem(
                _("Statlig ersättning"), "statecomp:overview", order=600, active_prefix="/statlig-ersattning/"
            ),
        )
