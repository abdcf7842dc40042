"""Questionnaire permissions of the curation groups (the groups come from clusters/roles.py).

Granted by a data migration and again after every migrate/flush (post_migrate), so a fresh
or flushed database always has them.
"""

CURATOR = "Curator"
CLUSTER_STAFF = "Cluster staff"

GROUP_PERMISSIONS = {
    CURATOR: [
        f"{action}_{model}"
        for model in ("survey", "extraquestion", "submission")
        for action in ("add", "change", "delete", "view")
    ],
    # Cluster staff review the submissions naming their clusters (row rule in admin.py).
    CLUSTER_STAFF: ["view_submission", "change_submission", "view_survey"],
}


def ensure_permissions(group_model, permission_model):
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=name)
        group.permissions.add(
            *permission_model.objects.filter(
                content_type__app_label="surveys", codename__in=codenames
            )
        )
