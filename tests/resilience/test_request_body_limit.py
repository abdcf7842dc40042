"""Oversized request bodies are refused by their Content-Length, before a byte is read.

A 150 MB anonymous POST to a questionnaire step used to be spooled to a temporary file
before any form looked at it. Public forms take 1 MB, the admin 60 MB (documents are up
to 50 MB). The same limits hold in deploy/nginx.conf (tests/resilience/test_nginx.py).
"""

import pytest
from django.test import Client

from tests.security.test_headers import csp_directives

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
STEP = "/questionnaire/step/company/"


class Unreadable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


def post_declaring(path, length, client=None):
    return (client or Client()).generic(
        "POST",
        path,
        b"x",
        content_type="multipart/form-data; boundary=c2f",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": Unreadable()},
    )


def test_a_150_mb_anonymous_post_to_a_questionnaire_step_is_refused_unread():
    response = post_declaring(STEP, 150 * MB)
    assert response.status_code == 413
    content = response.content.decode()
    assert "larger than this page accepts (1.0\xa0MB)" in content
    assert '<main id="main"' in content  # the site's own page, in its layout
    assert (
        "'unsafe-inline'" not in csp_directives(response["Content-Security-Policy"])["script-src"]
    )


@pytest.mark.parametrize("path", ["/", STEP, "/it/questionnaire/step/company/", "/events/x/"])
def test_public_posts_over_one_megabyte_are_refused(path):
    assert post_declaring(path, MB + 1).status_code == 413


@pytest.mark.parametrize("path", ["/admin/login/", "/it/admin/login/", "/es/admin/login/"])
def test_the_admin_takes_uploads_up_to_60_mb(path):
    assert post_declaring(path, 150 * MB).status_code == 413
    assert post_declaring(path, 60 * MB + 1).status_code == 413
    body = b"username=curator&password=x&pad=" + b"a" * (2 * MB)
    response = Client().post(path, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200  # the login form again, the body read in full


def test_a_body_within_the_limit_still_posts():
    response = Client().post(STEP, {"company_name": "Small form"})
    assert response.status_code != 413


@pytest.mark.parametrize("length", ["abc", "-5", "", "99999999999999999999999"])
def test_a_malformed_content_length_is_never_a_server_error(length):
    response = Client().generic("POST", STEP, b"x", CONTENT_LENGTH=length)
    assert response.status_code < 500
