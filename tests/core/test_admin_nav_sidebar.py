"""templates/admin/nav_sidebar.html: Django's own navigation sidebar, its output kept per
apps, links, language and current page (core/templatetags/admin_tags.py)."""

from pathlib import Path

import django
import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.template import engines
from django.template.loader import get_template
from django.test import RequestFactory
from django.utils import translation

from clusters.permissions import CLUSTER_STAFF, CURATOR
from tests.clusters.factories import UserFactory

DJANGOS = (
    Path(django.__file__).parent / "contrib/admin/templates/admin/nav_sidebar.html"
).read_text()

PATHS = [
    "/admin/",
    "/admin/clusters/",
    "/admin/clusters/company/",
    "/admin/clusters/company/12/change/",
    "/admin/clusters/cluster/",
    "/admin/surveys/submission/3/review/",
    "/admin/events/event/add/",
    "/admin/unknown/ü path/",
]


@pytest.fixture
def users(db):
    curator = UserFactory(username="nav-curator", is_staff=True)
    curator.groups.add(Group.objects.get(name=CURATOR))
    staff = UserFactory(username="nav-staff", is_staff=True)
    staff.groups.add(Group.objects.get(name=CLUSTER_STAFF))
    superuser = UserFactory(username="nav-super", is_staff=True, is_superuser=True)
    return [curator, staff, superuser]


@pytest.mark.parametrize("language", ["en", "it", "el"])
def test_the_sidebar_is_djangos_for_every_page_user_and_language(users, language):
    ours = get_template("admin/nav_sidebar.html")
    djangos = engines["django"].from_string(DJANGOS)
    rendered = set()
    prefix = "" if language == "en" else f"/{language}"
    with translation.override(language):
        for user in users:
            for path in PATHS:
                request = RequestFactory().get(prefix + path)
                request.user = user
                context = {**admin.site.each_context(request), "request": request}
                expected = djangos.render(context, request)
                for _twice in range(2):  # rendered, then kept
                    assert ours.render(context, request) == expected, (user, path)
                rendered.add(expected)
    assert len(rendered) > len(PATHS)  # pages and users see different sidebars
    assert any("current-model" in page for page in rendered)
