"""The table of the shared rate-limit counters (settings: CACHES["ratelimit-database"])."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "core_ratelimit_cache"


def create_table(apps, schema_editor):
    # The same table `manage.py createcachetable` would create; nothing if it exists.
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_table, drop_table)]
