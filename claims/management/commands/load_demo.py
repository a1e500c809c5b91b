"""Load the demo: accounts `editor` and `journalist`, and the seed article ingested."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError

from claims import services
from claims.roles import ensure_roles
from claims.tasks import ingest_article

DEMO_PASSWORD = "demo-password"  # noqa: S105 (published in the README, demo only)
DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"


class Command(BaseCommand):
    help = "Create the demo accounts and ingest the demo article (never in production)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="load even on a configured database"
        )

    def handle(self, *args, **options):
        if settings.DATABASE_URL and not options["force"]:
            # Accounts with a published password must never reach a real site.
            raise CommandError(
                "Refusing to load demo accounts on DATABASE_URL; see --force."
            )
        ensure_roles()
        for role in ("editor", "journalist"):
            user, created = User.objects.get_or_create(username=role)
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            user.groups.add(Group.objects.get(name=role))
            self.stdout.write(f"account {role}: {'created' if created else 'exists'}")
        editor = User.objects.get(username="editor")
        for path in sorted(DEMO_DIR.glob("*.txt")):
            article, created = services.article_submit_text(
                text=path.read_text(encoding="utf-8"), user=editor, enqueue=False
            )
            # A demo loaded by an earlier analyser is read again, so that
            # `make run` after an upgrade shows what the tracker finds now.
            if created or (
                article.analysis_outdated
                and services.article_reprocess(article=article, enqueue=False)
            ):
                ingest_article.apply(args=[article.pk])
                article.refresh_from_db()
            self.stdout.write(
                f"demo article {article.pk} ({path.name}): {article.status}, "
                f"{article.appearances.count()} claims"
            )
