"""Signed links: resume a draft, or start an update of a published company.

Both expire after 30 days. A bad signature and an expired link are told apart so the
page can say which it is.
"""

from datetime import timedelta

from django.core import signing

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


def update_value(company):
    return signing.dumps({"company": company.pk, "version": company.version}, salt=UPDATE_SALT)


def read_update_value(value):
    """The company id in an update link (raises LinkExpired / LinkInvalid)."""
    payload = _load(value, UPDATE_SALT)
    if not isinstance(payload, dict) or not isinstance(payload.get("company"), int):
        raise LinkInvalid
    return payload["company"]
