from django.apps import AppConfig
from django.core.signals import setting_changed
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


def _settings_changed(**kwargs):
    # Only tests change settings at run time; a page rendered under the old ones is stale.
    from .caching import PAGES

    PAGES.retire()


class CoreConfig(AppConfig):
    """The foundation every app builds on; it imports no project app."""

    name = "core"
    verbose_name = _("Site content")
    public_models = ("SitePage",)

    def ready(self):
        from .caching import connect_signals

        # Each app's caches.py declares its namespaces and the models that retire them.
        autodiscover_modules("caches")
        connect_signals()
        setting_changed.connect(_settings_changed, dispatch_uid="core-retire-pages")
