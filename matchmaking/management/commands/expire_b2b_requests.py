"""Mark pending B2B meeting requests past their programme's expiry as expired. Pages already
treat them as expired; this keeps the admin's status filter right. send_b2b_digests runs it
too. Cron, e.g. hourly:

    0 * * * *  cd /srv/c2future && .venv/bin/python manage.py expire_b2b_requests
"""

from django.core.management.base import BaseCommand

from matchmaking import booking


class Command(BaseCommand):
    help = "Mark expired B2B meeting requests."

    def handle(self, *args, **options):
        self.stdout.write(f"{booking.expire_requests()} request(s) expired.")
