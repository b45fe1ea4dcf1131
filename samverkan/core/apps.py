from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The user-interface shell: layout, navigation, security headers, formats."""

    name = "samverkan.core"
    label = "core"
    verbose_name = "Samverkan"
