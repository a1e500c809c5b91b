"""Process stored articles again: those an earlier analyser read (the default),
the failed ones, or the ones named by id.

The analyser's version changes with every change to what it finds
(analysis.analyser_version), and an article keeps the claims of the version
that read it until it is processed again; this command catches a whole
database up after an upgrade. Each article goes through the pipeline as the
"Process again" button sends it: from its stored snapshot, keeping the
claims editors reviewed or annotated.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims import services
from claims.ingest.analysis import analyser_version
from claims.models import Article
from claims.tasks import ingest_article


class Command(BaseCommand):
    help = (
        "Process stored articles again: every article an earlier analyser read "
        "(default), the failed ones (--failed) or the ids given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "ids", nargs="*", type=int, help="article ids (default: the outdated ones)"
        )
        parser.add_argument(
            "--failed", action="store_true", help="the failed articles instead"
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="hand to the workers instead of running here",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="say how many, change nothing"
        )

    def handle(self, *args, **options):
        if options["ids"]:
            articles = Article.objects.filter(pk__in=options["ids"])
            missing = set(options["ids"]) - set(articles.values_list("pk", flat=True))
            if missing:
                names = ", ".join(map(str, sorted(missing)))
                raise CommandError(f"No article {names}.")
        elif options["failed"]:
            articles = Article.objects.filter(status=Article.Status.FAILED)
        else:
            articles = services.articles_outdated()
        pks = list(articles.order_by("pk").values_list("pk", flat=True))
        what = f"{len(pks)} article{'s' if len(pks) != 1 else ''}"
        version = f"analyser {analyser_version()}"
        if options["dry_run"] or not pks:
            self.stdout.write(f"{what} to process again ({version}).")
            return
        counts = {"done": 0, "failed": 0, "queued": 0, "skipped": 0}
        with tqdm(pks, unit="article", file=sys.stderr) as bar:
            for pk in bar:
                outcome = self._again(pk, queue=options["queue"])
                counts[outcome] += 1
                bar.set_postfix(counts, refresh=False)
        summary = ", ".join(f"{n} {word}" for word, n in counts.items() if n)
        self.stdout.write(f"{what} processed again ({version}): {summary}.")
        if counts["failed"]:
            raise CommandError(
                f"{counts['failed']} of {len(pks)} failed; their pages say why "
                "(or: manage.py reprocess --failed --dry-run)."
            )

    def _again(self, pk: int, *, queue: bool) -> str:
        """Send one article through again; what became of it."""
        article = Article.objects.filter(pk=pk).only("pk", "status").first()
        if article is None or not services.article_reprocess(
            article=article, enqueue=queue
        ):
            # Deleted meanwhile, or a worker holds it already: it will come
            # out with the current analyser anyway.
            return "skipped"
        if queue:
            return "queued"
        ingest_article.apply(args=[pk])
        article.refresh_from_db(fields=["status", "error"])
        if article.status == Article.Status.FAILED:
            with tqdm.external_write_mode(file=sys.stderr):
                self.stderr.write(f"article {pk}: {article.error}")
            return "failed"
        return "done"
