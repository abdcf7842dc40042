"""Clear the cached filter options of the events list when what they list changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from clusters.models import Cluster

from .models import Event
from .selectors import invalidate_filter_options


@receiver([post_save, post_delete], sender=Event)
@receiver([post_save, post_delete], sender=Cluster)
@receiver(m2m_changed, sender=Event.partner_clusters.through)
def _event_options_changed(**kwargs):
    invalidate_filter_options()
