"""Errors of the JSON API, always in one shape (schemas.Error):

    {"error": {"code": "invalid_parameter", "message": "…", "details": [{"parameter": …}]}}

`code` is stable for programs; `message` is for people and follows Accept-Language.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _


class ApiError(Exception):
    def __init__(self, status, code, message, details=()):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = list(details)


def error_response(status, code, message, details=()):
    body = {"error": {"code": code, "message": str(message), "details": list(details)}}
    return JsonResponse(body, status=status)


def not_found(message=None):
    return ApiError(404, "not_found", message or _("Nothing here: check the address."))


def invalid_parameters(details):
    return ApiError(
        400,
        "invalid_parameter",
        _("Some parameters are not valid: see details."),
        details,
    )


def _parameter_name(location):
    # Ninja reports ("query", "limit") or ("path", "slug"); the source comes first.
    parts = [str(part) for part in location[1:] if not isinstance(part, int)]
    return ".".join(parts) or str(location[0] if location else "")


def from_validation_errors(errors):
    """ApiError for ninja's (pydantic's) errors about query and path parameters."""
    return invalid_parameters(
        [
            {"parameter": _parameter_name(error.get("loc", ())), "message": str(error["msg"])}
            for error in errors
        ]
    )


def from_form_errors(form_errors):
    """ApiError for the directory filter form's errors ({field: [messages]})."""
    return invalid_parameters(
        [
            {"parameter": name, "message": str(message)}
            for name, messages in form_errors.items()
            for message in messages
        ]
    )
