"""Tags of the admin's templates (the project's overrides in templates/admin/)."""

import hashlib
from urllib.parse import quote

from django import template
from django.utils.translation import get_language

register = template.Library()


def _in(url, encoded_path):
    # `{% if url in request.path|urlencode %}`: a url the template cannot test is False.
    try:
        return url in encoded_path
    except TypeError:
        return False


@register.simple_tag
def nav_sidebar_key(available_apps, path):
    """What admin/app_list.html shows in the navigation sidebar, as a cache key: the apps'
    and models' names and links in the active language, and which of them the current
    page is under (the template's only use of the path). Every model of every app is in
    the sidebar of every admin page: rendering it was 6–7 ms of each page."""
    encoded = quote(str(path), safe="/")
    parts = [get_language()]
    for app in available_apps or ():
        parts.append(
            (str(app["app_label"]), str(app["name"]), app["app_url"], _in(app["app_url"], encoded))
        )
        for model in app["models"]:
            url = model.get("admin_url")
            parts.append(
                (
                    str(model["object_name"]),
                    str(model["name"]),
                    url,
                    model.get("add_url"),
                    bool(model.get("view_only")),
                    _in(url, encoded),
                )
            )
    return hashlib.sha256(repr(parts).encode()).hexdigest()
