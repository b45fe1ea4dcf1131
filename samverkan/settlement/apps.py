from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SettlementConfig(AppConfig):
    """Price lists, settlement runs, netting, PEPPOL invoices and accounting exports."""

    name = "samverkan.settlement"
    label = "settlement"
    verbose_name = _("Avräkning")
