"""Every role check of the clusters app, written once: the two curation roles, their model
permissions, and who may see and change which companies and submissions.

`Curator` curates every company, offering and the taxonomy. `Cluster staff` edits only the
members of the clusters they are linked to (Cluster.staff). Groups are created by a
migration and again after every flush (post_migrate, clusters.apps), so a fresh or flushed
database always has them.

Curators (superusers and the Curator group) curate every row. Any other staff user is
"cluster staff" of the clusters that list them in Cluster.staff and reaches only the rows
linked to one of those clusters: companies that are members, submissions naming them.
Every admin view (the ModelAdmins, their custom pages, actions, filters and autocompletes)
and the staff results pages ask these functions; nothing else decides row access.
"""

from core import groups as core_groups

from .models import Cluster, Company

__all__ = [
    "CLUSTER_STAFF",
    "CURATOR",
    "GROUP_PERMISSIONS",
    "can_change_company",
    "can_import_companies",
    "can_manage_offerings_list",
    "can_merge_companies",
    "can_view_company",
    "companies_visible_to",
    "ensure_groups",
    "foreign_cluster_ids",
    "is_cluster_staff",
    "is_curator",
    "rows_visible_to",
    "staff_cluster_ids",
    "visible_clusters",
]

# The group names (surveys grants its own permissions to the same groups).
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


def ensure_groups(group_model=None, permission_model=None) -> None:
    """Create the groups and grant their clusters permissions (historical models may be
    passed in, for migrations)."""
    core_groups.ensure_groups(
        "clusters", GROUP_PERMISSIONS, group_model=group_model, permission_model=permission_model
    )


def is_curator(user):
    """Curators and superusers see every company and submission; other staff only their
    clusters' (cached on the user object: asked many times per admin page)."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_c2f_is_curator", None)
    if cached is None:
        cached = user.groups.filter(name=CURATOR).exists()
        user._c2f_is_curator = cached
    return cached


def can_import_companies(user):
    """Spreadsheet imports touch every cluster's companies: curators only."""
    return is_curator(user)


def can_merge_companies(user):
    """Merging folds one company into another, whatever their clusters: curators only."""
    return is_curator(user) and user.has_perm("clusters.change_company")


def can_manage_offerings_list(user):
    """The offerings list spans every company; cluster staff edit offerings inline on their
    own companies instead."""
    return is_curator(user)


def staff_cluster_ids(user):
    """The ids of the clusters this user is staff of (cached on the user object)."""
    cached = getattr(user, "_c2f_staff_cluster_ids", None)
    if cached is None:
        if user.is_authenticated and user.is_active and user.is_staff:
            cached = frozenset(user.staff_clusters.values_list("pk", flat=True))
        else:
            cached = frozenset()
        user._c2f_staff_cluster_ids = cached
    return cached


def is_cluster_staff(user):
    """Active staff listed in at least one cluster's staff."""
    return bool(staff_cluster_ids(user))


def rows_visible_to(user, queryset, clusters_field="clusters"):
    """`queryset` narrowed to the rows whose `clusters_field` (a many-to-many to Cluster)
    names one of the user's clusters; every row for curators, none for anyone else."""
    if is_curator(user):
        return queryset
    cluster_ids = staff_cluster_ids(user)
    if not cluster_ids:
        return queryset.none()
    field = queryset.model._meta.get_field(clusters_field)
    through = field.remote_field.through
    own_column = field.m2m_field_name()
    cluster_column = field.m2m_reverse_field_name()
    links = through.objects.filter(**{f"{cluster_column}__in": cluster_ids})
    return queryset.filter(pk__in=links.values(f"{own_column}_id"))


def companies_visible_to(user, queryset=None):
    """Companies (any status) this user may see and curate."""
    return rows_visible_to(user, Company.objects.all() if queryset is None else queryset)


def can_view_company(user, company):
    """One company: curators every one, cluster staff their clusters' members only."""
    if is_curator(user):
        return True
    if company is None or company.pk is None:
        return True  # list and add pages: model permissions decide, querysets narrow
    cluster_ids = staff_cluster_ids(user)
    return bool(cluster_ids) and company.clusters.filter(pk__in=cluster_ids).exists()


def can_change_company(user, company):
    """The same rule: whoever may see a company may curate it (model permissions aside)."""
    return can_view_company(user, company)


def visible_clusters(user, queryset=None):
    """Clusters whose admin record the user may see: all for curators, else their own."""
    queryset = Cluster.objects.all() if queryset is None else queryset
    if is_curator(user):
        return queryset
    return queryset.filter(pk__in=staff_cluster_ids(user))


def foreign_cluster_ids(user, company):
    """The company's memberships in clusters the user is not staff of (kept on their saves)."""
    if company is None or company.pk is None or is_curator(user):
        return set()
    own = staff_cluster_ids(user)
    return {pk for pk in company.clusters.values_list("pk", flat=True) if pk not in own}
