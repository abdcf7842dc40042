from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .embed import allowed_origins


@checks.register(checks.Tags.security)
def embed_allowed_origins(app_configs, **kwargs):
    try:
        allowed_origins()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="opendata.E001")]
    return []
