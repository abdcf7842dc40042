"""django-axes counts admin sign-in failures only.

With AXES_ONLY_ADMIN_SITE axes stops *refusing* other sign-ins but still *records* their
failures, and the address-only lockout parameter then counts a venue's participants (one NAT
address, /accounts/login/) against the admin. Participants' sign-in is protected by
allauth's own rate limits (ACCOUNT_RATE_LIMITS) instead.
"""

from axes.handlers.database import AxesDatabaseHandler


class AdminOnlyDatabaseHandler(AxesDatabaseHandler):
    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        if request is not None and not self.is_admin_request(request):
            return None
        return super().user_login_failed(sender, credentials, request, **kwargs)
