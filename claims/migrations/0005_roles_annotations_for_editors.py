"""Annotating is an editor's job: journalists no longer hold add_annotation."""

from django.db import migrations


def update_roles(apps, schema_editor):
    from claims.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_claim_search_index")]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
