from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    """The county agreement in versions, consultation rounds, responses and the compilation."""

    name = "samverkan.agreements"
    label = "agreements"
    verbose_name = _("Överenskommelser")
