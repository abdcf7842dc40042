"""Email each participant the meeting requests waiting for their answer (at most every three
days each; running it again sends nothing new). Also marks expired requests. Cron, daily:

    40 7 * * *  cd /srv/c2future && .venv/bin/python manage.py send_b2b_digests
"""

from django.core.management.base import BaseCommand

from matchmaking import booking, notifications


class Command(BaseCommand):
    help = "Mark expired B2B meeting requests and email digests of unanswered ones."

    def handle(self, *args, **options):
        expired = booking.expire_requests()
        sent = notifications.send_digests()
        self.stdout.write(f"{expired} request(s) expired, {sent} digest(s) queued.")
