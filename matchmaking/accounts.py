"""Participants' accounts (django-allauth): emails through the task queue, display names."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from core.tasks import queue_email


class AccountAdapter(DefaultAccountAdapter):
    def pre_login(self, request, user, **kwargs):
        """Staff sign in at the admin only, where django-axes locks out password guessing."""
        if user.is_staff:
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            messages.error(request, _("Staff accounts sign in through the admin sign-in page."))
            return redirect("admin:login")
        return super().pre_login(request, user, **kwargs)

    def send_mail(self, template_prefix, email, context):
        """allauth's emails (verification, sign-in code, password reset) rendered as allauth
        does, then sent off the request path once the transaction commits."""
        request = allauth_context.request
        full_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        message = self.render_mail(template_prefix, email, full_context)
        queue_email(message.subject, message.body, message.to)


def user_display(user):
    """The person's name once registered, else the email address (never the username,
    which allauth generates for participants)."""
    person = getattr(user, "matchmaking_person", None)
    return person.full_name if person else user.email or user.get_username()
