"""Participants' accounts: django-allauth with email login, mandatory verification, codes."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.matchmaking.factories import AccountFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_signing_up_sends_a_verification_email_through_the_queue(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "ana@example.mx",
                "password1": "a-long-pass-phrase-9",
                "password2": "a-long-pass-phrase-9",
            },
        )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="ana@example.mx")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ana@example.mx"]
    assert mail.outbox[0].subject.startswith("[C2Future]")
    # Not signed in before the address is verified.
    assert "_auth_user_id" not in client.session
    assert not user.emailaddress_set.get().verified


def test_an_unverified_account_cannot_sign_in_with_its_password(
    client, django_capture_on_commit_callbacks
):
    user = AccountFactory(email="ben@example.com")
    user.emailaddress_set.create(email=user.email, verified=False, primary=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_login"),
            {"login": "ben@example.com", "password": "correct-horse-battery"},
        )
    assert "_auth_user_id" not in client.session
    # A verification email (code) is sent instead.
    assert mail.outbox and mail.outbox[0].to == ["ben@example.com"]


def test_a_verified_account_signs_in_with_email_and_password(client):
    user = AccountFactory(email="cleo@example.com")
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    response = client.post(
        reverse("account_login"),
        {"login": "cleo@example.com", "password": "correct-horse-battery"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_verified_account_signs_in_with_an_emailed_code(
    client, django_capture_on_commit_callbacks
):
    user = AccountFactory(email="dora@example.com")
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_request_login_code"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    code = re.search(r"^\s*([A-Z0-9-]{6,})\s*$", mail.outbox[0].body, re.MULTILINE).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_allauth_pages_use_the_site_layout(client):
    response = client.get(reverse("account_login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="main"' in html  # base.html
    assert "btn btn-primary" in html
    assert "Send me a sign-in code" in html


def test_the_signed_in_name_is_the_persons(client):
    from matchmaking.accounts import user_display

    person = PersonFactory(full_name="Elena Ruiz")
    assert user_display(person.user) == "Elena Ruiz"
    assert user_display(AccountFactory(email="x@example.com")) == "x@example.com"


def test_staff_keep_the_admin_sign_in(client):
    staff = AccountFactory(username="curator", is_staff=True, is_superuser=True)
    response = client.post(
        reverse("admin:login"),
        {"username": "curator", "password": "correct-horse-battery", "next": "/admin/"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_staff_cannot_sign_in_through_the_participants_page(client):
    staff = AccountFactory(email="curator@example.com", is_staff=True)
    staff.emailaddress_set.create(email=staff.email, verified=True, primary=True)
    response = client.post(
        reverse("account_login"),
        {"login": "curator@example.com", "password": "correct-horse-battery"},
        follow=True,
    )
    assert "_auth_user_id" not in client.session
    assert response.redirect_chain[-1][0].startswith(reverse("admin:login"))
    assert "admin sign-in page" in response.content.decode()
