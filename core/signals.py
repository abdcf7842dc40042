"""Cache invalidation: any change to what the home counters count clears them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from clusters.models import Cluster, Company
from events.models import Event

from .selectors import invalidate_home_counters


@receiver([post_save, post_delete], sender=Cluster)
@receiver([post_save, post_delete], sender=Company)
@receiver([post_save, post_delete], sender=Event)
def _invalidate_counters(**kwargs):
    invalidate_home_counters()
