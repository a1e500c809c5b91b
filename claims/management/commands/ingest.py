"""Ingest articles from the command line: URLs, files (.html or text) or stdin ("-")."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims import services
from claims.ingest.fetch import FetchError
from claims.models import Article
from claims.tasks import ingest_article


class Command(BaseCommand):
    help = "Submit articles (URL, file or - for stdin); process them now or queue them."

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", help="URL, path to .html/.txt, or -")
        parser.add_argument("--title", default="", help="title for pasted text")
        parser.add_argument("--url", default="", help="original URL of a file or stdin")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="hand to the workers instead of running here",
        )
        parser.add_argument(
            "--reprocess",
            action="store_true",
            help="process already known articles again",
        )

    def handle(self, *args, **options):
        inputs = options["inputs"]
        failures = 0
        bar = tqdm(inputs, unit="article", disable=len(inputs) < 2, file=sys.stderr)
        for item in bar:
            bar.set_postfix_str(item[-40:])
            try:
                article, created = self._submit(item, options)
            except (FetchError, ValueError, OSError) as exc:
                failures += 1
                with tqdm.external_write_mode(file=sys.stderr):
                    self.stderr.write(f"{item}: refused: {exc}")
                continue
            if not created and options["reprocess"]:
                created = services.article_reprocess(
                    article=article, enqueue=options["queue"]
                )
            if created and not options["queue"]:
                ingest_article.apply(args=[article.pk])
            article.refresh_from_db()
            if article.status == Article.Status.FAILED:
                failures += 1
            with tqdm.external_write_mode(file=sys.stderr):
                self.stdout.write(self._describe(item, article, created))
        if failures:
            raise CommandError(f"{failures} of {len(inputs)} input(s) failed.")

    def _submit(self, item: str, options) -> tuple[Article, bool]:
        enqueue = options["queue"]
        if item.startswith(("http://", "https://")):
            return services.article_submit_url(url=item, enqueue=enqueue)
        if item == "-":
            content, name = sys.stdin.read(), ""
        else:
            path = Path(item)
            if not path.is_file():
                raise ValueError("not a URL and not a readable file")
            content, name = (
                path.read_text(encoding="utf-8", errors="replace"),
                path.name,
            )
        if name.lower().endswith((".html", ".htm")) or content.lstrip()[
            :15
        ].lower().startswith(("<!doctype html", "<html")):
            return services.article_submit_html(
                html=content, url=options["url"], enqueue=enqueue
            )
        return services.article_submit_text(
            text=content, title=options["title"], url=options["url"], enqueue=enqueue
        )

    def _describe(self, item: str, article: Article, created: bool) -> str:
        prefix = f"{item}: article {article.pk}"
        if not created:
            return f"{prefix} already known ({article.status}); use --reprocess"
        if article.status == Article.Status.FAILED:
            return f"{prefix} failed: {article.error}"
        if article.status == Article.Status.DONE:
            claims = article.appearances.count()
            return (
                f"{prefix} done: {claims} claim(s), {article.mentions.count()} actor(s)"
            )
        return f"{prefix} {article.status}"
