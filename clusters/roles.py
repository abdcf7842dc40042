"""The two curation roles and their model permissions.

`Curator` curates every company, offering and the taxonomy. `Cluster staff` edits only the
members of the clusters they are linked to (Cluster.staff); that row-level rule lives in
clusters/permissions.py. Groups are created by a migration and again after every flush
(post_migrate), so a fresh or flushed database always has them.
"""

CURATOR = "Curator"
CLUSTER_STAFF = "Cluster staff"

_CRUD = ("add", "change", "delete", "view")

GROUP_PERMISSIONS = {
    CURATOR: [
        f"{action}_{model}"
        for model in (
            "company",
            "offering",
            "companycompetency",
            "companymarket",
            "competency",
            "competencyarea",
            "sector",
        )
        for action in _CRUD
    ]
    + ["view_cluster", "change_cluster", "view_historicalcompany"],
    CLUSTER_STAFF: [
        f"{action}_{model}"
        for model in ("company", "offering", "companycompetency", "companymarket")
        for action in ("add", "change", "view")
    ]
    + [
        "delete_offering",
        "delete_companycompetency",
        "delete_companymarket",
        "view_competency",
        "view_competencyarea",
        "view_sector",
        "view_cluster",
        "view_historicalcompany",
    ],
}


def ensure_groups(group_model, permission_model):
    """Create the groups and grant their permissions (models passed in for migrations)."""
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.add(
            *permission_model.objects.filter(
                content_type__app_label="clusters", codename__in=codenames
            )
        )
