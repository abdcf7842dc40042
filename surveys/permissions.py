"""Who may do what with the questionnaire's submissions and results.

The roles and the per-cluster row rule are the directory's, written once: the groups and
the rule in clusters/permissions.py (curators reach every submission,
cluster staff those naming one of their clusters). This module adds the questionnaire's
model permissions of those groups (granted by a data migration and again after every
migrate/flush, post_migrate) and the checks the admin and the results pages ask.
"""

from clusters.permissions import (
    CLUSTER_STAFF,
    CURATOR,
    can_view_company,
    companies_visible_to,
    is_cluster_staff,
    is_curator,
    rows_visible_to,
    visible_clusters,
)
from core.groups import ensure_groups

from .models import Submission

__all__ = [
    "GROUP_PERMISSIONS",
    "can_curate",
    "can_review",
    "can_view_company",
    "can_view_results",
    "companies_visible_to",
    "ensure_permissions",
    "is_cluster_staff",
    "is_curator",
    "visible_clusters",
    "visible_submissions",
]

GROUP_PERMISSIONS = {
    CURATOR: [
        f"{action}_{model}"
        for model in ("survey", "extraquestion", "submission")
        for action in ("add", "change", "delete", "view")
    ],
    # Cluster staff review the submissions naming their clusters (visible_submissions).
    CLUSTER_STAFF: ["view_submission", "change_submission", "view_survey"],
}


def ensure_permissions(group_model=None, permission_model=None) -> None:
    """Grant the groups their questionnaire permissions (models passed in for migrations)."""
    ensure_groups(
        "surveys", GROUP_PERMISSIONS, group_model=group_model, permission_model=permission_model
    )


def can_review(user) -> bool:
    """Cluster staff review their clusters' submissions whatever their model permissions."""
    return is_cluster_staff(user)


def can_curate(user) -> bool:
    """The privacy requests (export or erase a respondent's data) are the curators'."""
    return is_curator(user)


def can_view_results(user) -> bool:
    """The results dashboard and the exports."""
    return user.has_perm("surveys.view_submission") or is_cluster_staff(user)


def visible_submissions(user, queryset=None):
    """Submissions a staff user may see: all for curators, else those naming their clusters."""
    queryset = Submission.objects.all() if queryset is None else queryset
    return rows_visible_to(user, queryset)
