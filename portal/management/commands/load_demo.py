"""Load the demo content. Idempotent: running it twice changes nothing."""

from importlib import import_module, util

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "c2future-demo"  # noqa: S105 - DEBUG-only account, printed on purpose


def demo_modules():
    """Every installed app's `demo` module, in INSTALLED_APPS order: a new app brings its
    own demo content without editing this command."""
    names = [f"{config.name}.demo" for config in apps.get_app_configs()]
    return [import_module(name) for name in names if util.find_spec(name) is not None]


class Command(BaseCommand):
    help = "Load demo content: site pages, sectors, the six partner clusters, and more."

    def handle(self, *args, **options):
        with transaction.atomic():
            for module in demo_modules():
                module.load()
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        if settings.DEBUG:
            self._ensure_demo_staff()

    def _ensure_demo_staff(self):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "email": "demo@example.com"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        self.stdout.write(
            f"Demo staff login (DEBUG only): {DEMO_USERNAME} / {DEMO_PASSWORD} "
            f"at {settings.SITE_URL}/admin/"
        )
