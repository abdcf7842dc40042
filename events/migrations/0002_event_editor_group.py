"""The "Event editor" group: staff who curate the events archive and nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_event_editor_group(apps, schema_editor):
    # On a fresh database permissions are created after all migrations (post_migrate);
    # create the events app's permissions now so the group can be given them.
    app_config = apps.get_app_config("events")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True  # create_permissions skips None
    try:
        create_permissions(app_config, apps=apps, verbosity=0)
    finally:
        app_config.models_module = models_module

    from events.permissions import ensure_event_editor_group

    ensure_event_editor_group(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_event_editor_group(apps, schema_editor):
    from events.permissions import EVENT_EDITOR_GROUP

    apps.get_model("auth", "Group").objects.filter(name=EVENT_EDITOR_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_event_editor_group, remove_event_editor_group)]
