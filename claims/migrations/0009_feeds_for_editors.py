"""Editors follow outlets' feeds (their role gains the feed permissions); articles
are found by their submitted URL (feed polling), so it is indexed."""

from django.db import migrations, models


def update_roles(apps, schema_editor):
    """Editors follow outlets' feeds: view, add, change and delete them."""
    from claims.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0008_review_append_only"),
    ]

    operations = [
        migrations.RunPython(update_roles, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="article",
            name="submitted_url",
            field=models.URLField(blank=True, db_index=True, max_length=2000),
        ),
    ]
