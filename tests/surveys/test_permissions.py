"""surveys.permissions: the questionnaire's checks, on the directory's roles and row rule."""

import pytest
from django.contrib.auth.models import Group

from clusters import permissions as cluster_permissions
from clusters import permissions as roles
from surveys import permissions

from .factories import ClusterFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_roles_are_the_directorys_and_the_rule_is_not_written_twice():
    assert set(permissions.GROUP_PERMISSIONS) == {roles.CURATOR, roles.CLUSTER_STAFF}
    assert permissions.is_curator is cluster_permissions.is_curator
    assert permissions.is_cluster_staff is cluster_permissions.is_cluster_staff


def test_who_sees_the_results_and_which_submissions(survey):
    mine, other = ClusterFactory(), ClusterFactory()
    visible = SubmissionFactory(survey=survey, clusters=[mine])
    SubmissionFactory(survey=survey, clusters=[other])
    staff = UserFactory(username="staff")
    mine.staff.add(staff)
    curator = UserFactory(username="curator")
    curator.groups.add(Group.objects.get(name=roles.CURATOR))
    nobody = UserFactory(username="nobody")

    assert permissions.can_view_results(staff) and permissions.can_review(staff)
    assert not permissions.can_curate(staff)
    assert list(permissions.visible_submissions(staff)) == [visible]
    assert permissions.can_view_results(curator) and permissions.can_curate(curator)
    assert permissions.visible_submissions(curator).count() == 2
    assert not permissions.can_view_results(nobody) and not permissions.can_review(nobody)
    assert not permissions.visible_submissions(nobody).exists()
