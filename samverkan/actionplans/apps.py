from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplansConfig(AppConfig):
    """Action plans, areas, measures in priority order, sub-goals and follow-up rounds."""

    name = "samverkan.actionplans"
    label = "actionplans"
    verbose_name = _("Handlingsplaner")
