from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """Bodies of the cooperation (steering group, NYIN, networks), memberships, meetings and decisions."""

    name = "samverkan.governance"
    label = "governance"
    verbose_name = _("Styrning")
