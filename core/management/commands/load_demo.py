"""Load the demo content. Idempotent: running it twice changes nothing."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

import clusters.demo
import core.demo
import events.demo
import matchmaking.demo
import surveys.demo

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "c2future-demo"  # noqa: S105 - DEBUG-only account, printed on purpose


class Command(BaseCommand):
    help = "Load demo content: site pages, sectors, the six partner clusters, and more."

    def handle(self, *args, **options):
        with transaction.atomic():
            for module in (core.demo, clusters.demo, events.demo, surveys.demo, matchmaking.demo):
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
