"""Who may do what in the events archive, written once.

`Event editor` is the one role of the archive: staff who curate events, their programme,
speakers, materials and the material requests, and nothing else (every model permission of
this app, no other app's). The group is created by a migration and again after every flush
(post_migrate), so a fresh or flushed database always has it. The admin asks the functions
below; nothing else decides what an events user may do.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, Permission

from core.groups import ensure_groups

EVENT_EDITOR_GROUP = "Event editor"

User = AbstractBaseUser | AnonymousUser


def ensure_event_editor_group(group_model=Group, permission_model=Permission):
    """Create the group with every events permission (idempotent; a migration passes its
    historical models)."""
    ensure_groups(
        "events",
        {EVENT_EDITOR_GROUP: None},  # every events permission
        group_model=group_model,
        permission_model=permission_model,
    )
    return group_model.objects.get(name=EVENT_EDITOR_GROUP)


def can_publish_events(user: User) -> bool:
    """Publishing and unpublishing change events: the change permission, not only view."""
    return user.has_perm("events.change_event")


def can_duplicate_events(user: User) -> bool:
    """A copy is a new event (with its programme and materials)."""
    return user.has_perm("events.add_event")


def can_add_material_request(user: User) -> bool:
    """Nobody: requests come from visitors on the event page, with their consent."""
    return False
