from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """The county catalogue of services, participants, placements and attendance."""

    name = "samverkan.exchange"
    label = "exchange"
    verbose_name = _("Utbyte av insatser")
