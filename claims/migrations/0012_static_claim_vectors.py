"""Claim matching now compares static embeddings (128 bytes, embed.static), not
MiniLM's (384 bytes): stored vectors of the old size cannot be compared with
new ones, so they go, and `manage.py index_claims` embeds those claims again."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("claims", "0011_match_queue_for_editors")]

    operations = [
        migrations.RunSQL(
            "DELETE FROM claims_claimvector WHERE length(vector) <> 128",
            reverse_sql=migrations.RunSQL.noop,
        )
    ]
