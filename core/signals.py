"""Cache invalidation: the home counters and the public page cache follow every write."""

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
PUBLIC_DATA_APPS = {"core", "clusters", "events", "surveys"}
PRIVATE_MODELS = {"surveys.submission", "events.materialrequest", "clusters.searchword"}


@receiver([post_save, post_delete], sender=Cluster)
@receiver([post_save, post_delete], sender=Company)
@receiver([post_save, post_delete], sender=Event)
def _invalidate_counters(**kwargs):
    invalidate_home_counters()


def shows_on_public_pages(model):
    meta = model._meta
    return (
        meta.app_label in PUBLIC_DATA_APPS
        and meta.label_lower not in PRIVATE_MODELS
        and not meta.model_name.startswith("historical")
    )


@receiver([post_save, post_delete, m2m_changed])
def _invalidate_pages(sender, **kwargs):
    if shows_on_public_pages(sender):
        invalidate_pages()


@receiver(setting_changed)
def _settings_changed(**kwargs):
    # Only tests change settings at run time; a page rendered under the old ones is stale.
    invalidate_pages()
