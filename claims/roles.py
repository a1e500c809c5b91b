"""The newsroom roles: groups and the permissions each holds."""

from __future__ import annotations

from django.apps import apps as global_apps

ROLES = {
    # Journalists submit and read; annotating is an editor's job (DESIGN.md).
    "journalist": ["add_article", "view_article", "view_claim", "view_actor"],
    "editor": [
        "add_article",
        "change_article",
        "view_article",
        "view_claim",
        "change_claim",
        "view_actor",
        "change_actor",
        "add_review",
        "view_review",
        "add_annotation",
        "change_annotation",
        # Editors choose which outlets' feeds the tracker follows.
        "view_feed",
        "add_feed",
        "change_feed",
        "delete_feed",
        # Editors work the match queue: pairs of claims that may be one claim.
        "view_claimmatch",
        "change_claimmatch",
    ],
}


def ensure_roles(apps=global_apps) -> None:
    """Create the role groups with exactly their permissions; safe to run again."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure they exist.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, codenames in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.set(
            permission_model.objects.filter(
                content_type__app_label="claims", codename__in=codenames
            )
        )
