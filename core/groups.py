"""Group and permission bootstrap shared by the apps.

An app passes its groups and the codenames of its own models' permissions; the groups are
created by the app's migration and again after every migrate and flush (post_migrate,
which transactional tests trigger), as django.contrib.auth does for permissions.
"""

from collections.abc import Iterable, Mapping


def ensure_groups(
    app_label: str,
    group_permissions: Mapping[str, Iterable[str] | None],
    *,
    group_model=None,
    permission_model=None,
) -> None:
    """Create each group and grant it `app_label`'s permissions by codename (None: all).

    The models may be passed in, for a data migration's historical models.
    """
    if group_model is None or permission_model is None:
        from django.contrib.auth.models import Group, Permission

        group_model, permission_model = group_model or Group, permission_model or Permission
    for name, codenames in group_permissions.items():
        group, _created = group_model.objects.get_or_create(name=name)
        permissions = permission_model.objects.filter(content_type__app_label=app_label)
        if codenames is not None:
            permissions = permissions.filter(codename__in=list(codenames))
        group.permissions.add(*permissions)
