from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """People, their role in one organisation, login, API tokens and the tenancy gate."""

    name = "samverkan.accounts"
    label = "accounts"
    verbose_name = _("Konton")

    def ready(self) -> None:
        from samverkan.core import navigation

        navigation.register(
            navigation.NavItem(_("Mitt konto"), "accounts:profile", order=900, active_prefix="/konto/"),
        )
