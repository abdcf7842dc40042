"""Remind both sides of every meeting starting within 24 hours, once per meeting (a moved
meeting is reminded again). Cron, hourly:

    5 * * * *  cd /srv/c2future && .venv/bin/python manage.py send_b2b_reminders
"""

from django.core.management.base import BaseCommand

from matchmaking import notifications


class Command(BaseCommand):
    help = "Email the day-before reminders of B2B meetings (once each)."

    def handle(self, *args, **options):
        sent = notifications.send_reminders()
        self.stdout.write(f"{sent} reminder(s) queued.")
