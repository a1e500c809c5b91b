"""A GIN index for full-text search over claims, on PostgreSQL only.

SQLite keeps the column (it accepts any type name) but searches with LIKE.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS claim_search_vector_gin "
            "ON claims_claim USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS claim_search_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_issue4_fields")]

    operations = [migrations.RunPython(create_index, drop_index)]
