from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The site shell on top of the domain apps: home, about, health, errors, sitemaps."""

    name = "portal"
    verbose_name = _("Site")
