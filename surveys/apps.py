from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_permissions(**kwargs):
    # After migrate and after every flush (transactional tests), like auth's permissions.
    from django.contrib.auth.models import Group, Permission

    from .permissions import ensure_permissions

    ensure_permissions(Group, Permission)


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Questionnaire")
    # The questionnaire's pages show the survey and its extra questions; the answers
    # (Submission) stay private until approved into a company.
    public_models = ("Survey", "ExtraQuestion")

    def ready(self):
        post_migrate.connect(_ensure_permissions, sender=self)
