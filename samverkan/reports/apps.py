from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Start pages, dashboards, maps and PDF reports across the domain apps."""

    name = "samverkan.reports"
    label = "reports"
    verbose_name = _("Rapporter")
