"""The "Event editor" role: staff who curate the events archive and nothing else."""

EVENT_EDITOR_GROUP = "Event editor"


def ensure_event_editor_group():
    """Create the group with every events permission (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=EVENT_EDITOR_GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="events"))
    return group
