from __future__ import annotations

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from samverkan.accounts.models import User
from samverkan.core.demo import DEMO_PASSWORD, DemoContext
from samverkan.lib.tz import today


class Command(BaseCommand):
    help = "Load the demo data of every app (after load_refdata) and print the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Load even if the demo data is already there")

    def handle(self, *args: object, **options: object) -> None:
        ctx = DemoContext(today=today())
        if User.objects.filter(username="cecilia").exists() and not options["force"]:
            self.stdout.write("Demodata finns redan; inget laddades (använd --force för att ladda igen).")
        else:
            with transaction.atomic():
                for config in apps.get_app_configs():
                    if not config.name.startswith("samverkan."):
                        continue
                    try:
                        module = importlib.import_module(f"{config.name}.demo")
                    except ModuleNotFoundError as exc:
                        if exc.name != f"{config.name}.demo":
                            raise
                        continue
                    if hasattr(module, "load"):
                        module.load(ctx)
                        self.stdout.write(f"  demodata: {config.label}")
        self.print_logins()

    def print_logins(self) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demoinloggningar (lösenord för alla: {DEMO_PASSWORD}):"))
        for user in (
            User.objects.filter(email__endswith="@demo.samverkan.example")
            .select_related("organisation")
            .order_by("role", "username")
        ):
            self.stdout.write(f"  {user.username:<10} {user.get_role_display():<28} {user.organisation.name}")
