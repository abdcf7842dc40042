"""Signed links: resume a draft, or start an update of a published company.

Both expire after 30 days. A bad signature and an expired link are told apart so the
page can say which it is. An update link also carries a keyed hash of the company's contact
on record: once the contact changes, links sent to the old one no longer open anything.
"""

import hashlib
from datetime import timedelta

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

LINK_MAX_AGE = timedelta(days=30)
RESUME_SALT = "surveys.resume"
UPDATE_SALT = "surveys.update"


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def _load(value, salt):
    try:
        return signing.loads(value, salt=salt, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except (signing.BadSignature, ValueError, TypeError, UnicodeError) as error:
        raise LinkInvalid from error


def resume_value(submission):
    return signing.dumps(str(submission.token), salt=RESUME_SALT)


def read_resume_value(value):
    """The submission token in a resume link (raises LinkExpired / LinkInvalid)."""
    token = _load(value, RESUME_SALT)
    if not isinstance(token, str):
        raise LinkInvalid
    return token


def contact_fingerprint(company):
    """A keyed hash of who an update link is for: the contact on record and its addresses.

    Keyed (SECRET_KEY) so the link, whose payload is only signed, reveals nothing about them.
    """
    contact = "\n".join(
        value.strip().casefold()
        for value in (company.contact_name, company.contact_email, company.public_email)
    )
    return salted_hmac("surveys.update.contact", contact).hexdigest()[:32]


def update_value(company):
    return signing.dumps(
        {"company": company.pk, "contact": contact_fingerprint(company)}, salt=UPDATE_SALT
    )


def read_update_value(value):
    """(company id, contact fingerprint) in an update link (raises LinkExpired / LinkInvalid)."""
    payload = _load(value, UPDATE_SALT)
    if not isinstance(payload, dict) or not isinstance(payload.get("company"), int):
        raise LinkInvalid
    # Links signed before contacts were part of them match no contact: no longer valid.
    contact = payload.get("contact", "")
    if not isinstance(contact, str):
        raise LinkInvalid
    return payload["company"], contact


def is_for_current_contact(company, fingerprint):
    return constant_time_compare(contact_fingerprint(company), fingerprint)


# ---- Draft keys: what a draft was opened from (Submission.draft_key) ----------------------


def _draft_key(*parts):
    return hashlib.sha256("\n".join(str(part) for part in parts).encode()).hexdigest()


def session_draft_key(browser_key):
    """The visitor's session or CSRF cookie (hashed: both are secrets, never stored)."""
    return _draft_key("session", browser_key)


def update_draft_key(company):
    """A company and its current contact: every link sent to that contact opens one draft."""
    return _draft_key("update", company.pk, contact_fingerprint(company))
