"""A covering index for search by relevance: the newest matches, from the index.

Built CONCURRENTLY (a million claims take seconds; writes go on meanwhile), and
on PostgreSQL only: SQLite has no covering indexes, and the plain index Django
would make there instead repeats ``claim_newest``.
"""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class AddIndexOnPostgres(AddIndexConcurrently):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("claims", "0013_feed_note"),
    ]

    operations = [
        AddIndexOnPostgres(
            model_name="claim",
            index=models.Index(
                fields=["first_seen_at", "id"],
                include=("search_vector",),
                name="claim_newest_search",
            ),
        ),
    ]
