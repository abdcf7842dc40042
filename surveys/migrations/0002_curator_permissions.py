"""Give the curation groups the questionnaire permissions; trigram search for duplicates."""

from django.contrib.auth.management import create_permissions
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

CURATOR_CODENAMES = [
    f"{action}_{model}"
    for model in ("survey", "extraquestion", "submission")
    for action in ("add", "change", "delete", "view")
]
# Cluster staff review submissions naming their clusters (row rule in surveys/admin.py).
CLUSTER_STAFF_CODENAMES = ["view_submission", "change_submission", "view_survey"]


def grant(apps, schema_editor):
    # On a fresh database permissions only exist after post_migrate: create them now.
    app_config = apps.get_app_config("surveys")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (
        ("Curator", CURATOR_CODENAMES),
        ("Cluster staff", CLUSTER_STAFF_CODENAMES),
    ):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="surveys", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("surveys", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
