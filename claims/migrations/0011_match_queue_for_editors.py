"""Editors work the match queue (their role gains the ClaimMatch permissions)."""

from django.db import migrations


def update_roles(apps, schema_editor):
    """Editors see the match queue and accept or reject its pairs."""
    from claims.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0010_claim_matching"),
    ]

    operations = [
        migrations.RunPython(update_roles, migrations.RunPython.noop),
    ]
