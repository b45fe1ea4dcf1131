from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SettlementConfig(AppConfig):
    """Price lists, settlement runs, netting, PEPPOL invoices and accounting exports."""

    name = "samverkan.settlement"
    label = "settlement"
    verbose_name = _("Avräkning")

    def ready(self) -> None:
        from samverkan.core import navigation
        from samverkan.exchange import retention
        from samverkan.settlement.retention import settled_in_final_runs

        navigation.register(
            navigation.NavItem(_("Avräkning"), "settlement:run_list", order=500, active_prefix="/avrakning/"),
        )
        retention.register_settled_check(settled_in_final_runs)
