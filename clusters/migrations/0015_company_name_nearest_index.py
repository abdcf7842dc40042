"""A GiST trigram index on UPPER(name), for the nearest names first (PostgreSQL only).

The submission review lists possible duplicates of a new company: the companies with a
similar name. A common name ("… Engineering S.A.") is similar to thousands of the 100k
generated companies; through the GIN index each of them was fetched to keep ten, about
60 ms of the review page. GiST answers "the ten nearest names" (`%` with `ORDER BY <->`)
from the index itself. The GIN index stays for the admin's `icontains` search.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS company_name_upper_trgm_gist "
        "ON clusters_company USING GIST ((UPPER(name::text)) gist_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS company_name_upper_trgm_gist")


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0014_admin_search_indexes"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
