from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_event_editor_group(**kwargs):
    # The migration creates the group; this keeps it after every flush (transactional
    # tests), as auth does for permissions.
    from .permissions import ensure_event_editor_group

    ensure_event_editor_group()


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    # Shown on public pages: their writes retire the page cache (core.caching).
    public_models = ("Speaker", "Event", "Session", "Talk", "Material")
    canonical_parameters = {"events:list": ("year", "kind", "place", "cluster")}

    def ready(self):
        post_migrate.connect(_ensure_event_editor_group, sender=self)
