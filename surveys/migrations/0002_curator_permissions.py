"""Give the curation groups the questionnaire permissions; trigram search for duplicates."""

from django.contrib.auth.management import create_permissions
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


def grant(apps, schema_editor):
    # On a fresh database permissions only exist after post_migrate: create them now.
    app_config = apps.get_app_config("surveys")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    from surveys.permissions import ensure_permissions

    ensure_permissions(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


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
