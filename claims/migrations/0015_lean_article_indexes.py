"""Articles lose the indexes nothing reads: the LIKE-pattern twins of status,
submitted URL and content hash, and the content hash's plain index (it is only
looked up for articles without a URL, which article_unique_text_without_url
serves). Status and submitted URL keep a plain index each.

The database side is written out: Django's AlterField(db_index=False) on
content_hash would also drop article_unique_text_without_url, the partial
unique index of a constraint on the same column, taking it for the field's own.
"""

from django.db import migrations, models

# Django's names for db_index=True (the same on every database; the _like
# twins exist on PostgreSQL only).
DROPPED = [
    "claims_article_content_hash_19c8b5c6",
    "claims_article_content_hash_19c8b5c6_like",
    "claims_article_status_91d24bef",
    "claims_article_status_91d24bef_like",
    "claims_article_submitted_url_dfa46403",
    "claims_article_submitted_url_dfa46403_like",
]
RESTORED = {
    "claims_article_content_hash_19c8b5c6": "content_hash",
    "claims_article_status_91d24bef": "status",
    "claims_article_submitted_url_dfa46403": "submitted_url",
}


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0014_lean_write_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="content_hash",
                    field=models.CharField(blank=True, max_length=64),
                ),
                migrations.AlterField(
                    model_name="article",
                    name="status",
                    field=models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("fetching", "Fetching"),
                            ("extracting", "Extracting"),
                            ("analysing", "Analysing"),
                            ("done", "Done"),
                            ("failed", "Failed"),
                        ],
                        default="queued",
                        max_length=12,
                    ),
                ),
                migrations.AlterField(
                    model_name="article",
                    name="submitted_url",
                    field=models.URLField(blank=True, max_length=2000),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    [f'DROP INDEX IF EXISTS "{name}"' for name in DROPPED],
                    reverse_sql=[
                        f'CREATE INDEX IF NOT EXISTS "{name}"'
                        f' ON "claims_article" ("{column}")'
                        for name, column in RESTORED.items()
                    ],
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["status"], name="article_status"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["submitted_url"], name="article_submitted_url"),
        ),
    ]
