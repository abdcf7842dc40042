"""Delete questionnaire drafts nobody touched for 30 days (run daily from cron)."""

from django.core.management.base import BaseCommand

from surveys.services import purge_stale_drafts


class Command(BaseCommand):
    help = "Delete in-progress questionnaire drafts untouched for 30 days."

    def handle(self, *args, **options):
        deleted = purge_stale_drafts()
        self.stdout.write(f"Deleted {deleted} stale draft(s).")
