"""Poll the outlets' feeds once: those due, or every active one with --now."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from claims.models import Feed
from claims.services.feeds import feeds_poll_due


class Command(BaseCommand):
    help = (
        "Poll the feeds that are due (or all active feeds with --now) once; new "
        "items become articles. The beat task does the same every minute."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="poll every active feed, due or not"
        )
        parser.add_argument(
            "--workers", type=int, default=None, help="downloads at once (default 8)"
        )

    def handle(self, *args, **options):
        with tqdm(unit="feed", file=sys.stderr, disable=None) as bar:
            summary = feeds_poll_due(
                all=options["now"], workers=options["workers"], progress=bar
            )
        failed = [r for r in summary.results if r.outcome == "error"]
        urls = dict(
            Feed.objects.filter(pk__in=[r.feed_id for r in failed]).values_list(
                "pk", "url"
            )
        )
        for result in failed:
            self.stderr.write(
                f"{urls.get(result.feed_id, result.feed_id)}: {result.error}"
            )
        self.stdout.write(str(summary))
