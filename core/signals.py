"""Cache invalidation: the home counters and the public page cache follow every write."""

from django.apps import apps
from django.core.signals import setting_changed
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from clusters.models import Cluster, Company
from events.models import Event

from .page_cache import invalidate_pages
from .selectors import invalidate_home_counters

# The apps whose data the public pages show, less what no public page shows: questionnaire
# answers (until approved into a company), material requests, the search vocabulary and
# the change history. Keeping drafts out keeps SMEs filling in forms from emptying the cache.
PUBLIC_DATA_APPS = {"core", "clusters", "events", "surveys", "matchmaking"}
PRIVATE_MODELS = {
    "surveys.submission",
    "events.materialrequest",
    "clusters.searchword",
    # Matchmaking: only programmes, validated participants and opportunities are public.
    "matchmaking.unavailability",
    "matchmaking.meetingrequest",
    "matchmaking.meeting",
    "matchmaking.meetingseat",
    "matchmaking.slot",
    "matchmaking.table",
}


@receiver([post_save, post_delete], sender=Cluster)
@receiver([post_save, post_delete], sender=Company)
@receiver([post_save, post_delete], sender=Event)
def _invalidate_counters(**kwargs):
    invalidate_home_counters()


def shows_on_public_pages(model):
    meta = model._meta
    # A many-to-many table belongs to the model that declares the field.
    owner = meta.auto_created._meta if meta.auto_created else meta
    return (
        owner.app_label in PUBLIC_DATA_APPS
        and owner.label_lower not in PRIVATE_MODELS
        and not owner.model_name.startswith("historical")
    )


def _invalidate_pages(**kwargs):
    invalidate_pages()


# Connected per model, not to every sender: a receiver for all senders would make every
# QuerySet.delete() in the project (sessions, lockouts, task rows) load and signal each row.
for _model in apps.get_models(include_auto_created=True):
    if shows_on_public_pages(_model):
        for _signal in (post_save, post_delete, m2m_changed):
            _signal.connect(_invalidate_pages, sender=_model, dispatch_uid="invalidate-pages")


@receiver(setting_changed)
def _settings_changed(**kwargs):
    # Only tests change settings at run time; a page rendered under the old ones is stale.
    invalidate_pages()
