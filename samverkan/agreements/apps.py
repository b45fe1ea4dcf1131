from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    """The county agreement in versions, consultation rounds, responses and the compilation."""

    name = "samverkan.agreements"
    label = "agreements"
    verbose_name = _("Överenskommelser")

    def ready(self) -> None:
        from samverkan.agreements import panels
        from samverkan.core import navigation, startpage

        navigation.register(
            navigation.NavItem(
                _("Överenskommelser"), "agreements:agreement_list", order=200, active_prefix="/overenskommelser/"
            ),
        )
        startpage.register(panels.consultations)
