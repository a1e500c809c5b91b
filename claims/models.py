"""The domain: outlets, articles, actors, claims and the judgements on them."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import EmptyResultSet
from django.db import connection, models, transaction
from django.db.models import Count, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from claims.ingest import matching
from claims.ingest.analysis import analyser_version
from claims.ingest.confidence import describe as describe_basis


def related_count(related: QuerySet, link: str) -> Coalesce:
    """How many rows of ``related`` point at the outer row through ``link``.

    A subquery per row shown (one index lookup each), where ``Count()`` over a
    join groups the whole table before the first page can be cut.
    """
    rows = (
        related.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def normalise_name(name: str) -> str:
    """Key for matching names: case, accents, punctuation and spacing ignored."""
    return matching.normalised(name)


def normalise_claim_text(text: str) -> str:
    """Key for identical claims: quotes, case, punctuation and spacing ignored."""
    return normalise_name(text)


# --- Source and Feed --------------------------------------------------------


class Source(models.Model):
    class Kind(models.TextChoices):
        NEWS = "news", "News outlet"
        GOVERNMENT = "government", "Government"
        AGENCY = "agency", "News agency"
        SOCIAL = "social", "Social media"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NEWS)
    homepage = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("claims:source", args=[self.pk])

    @property
    def domain_list(self) -> list[str]:
        return [d.domain for d in self.domains.all()]


class SourceDomain(models.Model):
    """A web domain an outlet publishes on; one domain belongs to one outlet."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True)

    def __str__(self) -> str:
        return self.domain


class Feed(models.Model):
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="feeds")
    url = models.URLField(max_length=2000, unique=True)
    is_active = models.BooleanField(default=True)
    interval_minutes = models.PositiveIntegerField(default=15)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # For the editors, whatever the polls' outcome: the feed moved to a new
    # address, or could not move (services/feeds.py).
    note = models.TextField(blank=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    items_seen = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.url


# --- Article ----------------------------------------------------------------


class ArticleQuerySet(models.QuerySet):
    def stuck(self, older_than: timedelta) -> ArticleQuerySet:
        """Articles left in a working state longer than a worker ever needs."""
        cutoff = timezone.now() - older_than
        return self.filter(status__in=Article.WORKING, status_changed_at__lt=cutoff)

    def analysed_before(self, version: str) -> ArticleQuerySet:
        """Finished articles whose claims an analyser other than ``version``
        found: processing them again applies what the analyser has learnt since."""
        return self.filter(analysed_before(version))


def analysed_before(version: str) -> Q:
    """The condition of ``ArticleQuerySet.analysed_before``, to filter or exclude by."""
    return Q(status=ArticleStatus.DONE) & ~Q(
        extractor_version__endswith=analyser_mark(version)
    )


def analyser_mark(version: str) -> str:
    """How an article's ``extractor_version`` ends when the analyser at
    ``version`` found its claims."""
    return f"analyser-{version}"


class ArticleStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    FETCHING = "fetching", "Fetching"
    EXTRACTING = "extracting", "Extracting"
    ANALYSING = "analysing", "Analysing"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Article(models.Model):
    Status = ArticleStatus

    class Origin(models.TextChoices):
        URL = "url", "URL"
        TEXT = "text", "Pasted text"
        HTML = "html", "HTML file"
        FEED = "feed", "Feed"

    WORKING = (Status.QUEUED, Status.FETCHING, Status.EXTRACTING, Status.ANALYSING)
    # The order of steps, for the progress bar.
    STEPS = (
        Status.QUEUED,
        Status.FETCHING,
        Status.EXTRACTING,
        Status.ANALYSING,
        Status.DONE,
    )

    source = models.ForeignKey(
        Source,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.URL)
    # The canonical URL; null for pasted text without one.
    url = models.URLField(max_length=2000, null=True, blank=True)
    # Indexed (article_submitted_url): feed polling finds an article moved by
    # a redirect by it.
    submitted_url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    byline = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)
    # The snapshot: the raw page as fetched, and the text every offset refers to.
    raw_html = models.TextField(blank=True)
    text = models.TextField(blank=True)
    # Looked up only for articles without a URL: article_unique_text_without_url.
    content_hash = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.QUEUED
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    extractor_version = models.CharField(max_length=100, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_articles",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        # Plain indexes, without the LIKE-pattern twins a db_index CharField
        # gets on PostgreSQL: nothing searches these by pattern, and every
        # status change writes every index of the row.
        indexes = [
            models.Index(fields=["status"], name="article_status"),
            models.Index(fields=["submitted_url"], name="article_submitted_url"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=Q(url__isnull=False),
                name="article_unique_url",
            ),
            # Pasted text without a URL is identified by its content.
            models.UniqueConstraint(
                fields=["content_hash"],
                condition=Q(url__isnull=True) & ~Q(content_hash=""),
                name="article_unique_text_without_url",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values),
                name="article_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"Article {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("claims:article", args=[self.pk])

    @property
    def is_working(self) -> bool:
        return self.status in self.WORKING

    @property
    def analysis_outdated(self) -> bool:
        """Whether a finished article's claims came from an earlier analyser."""
        return self.status == self.Status.DONE and not self.extractor_version.endswith(
            analyser_mark(analyser_version())
        )

    @property
    def step_index(self) -> int:
        if self.status == self.Status.FAILED:
            return -1
        return self.STEPS.index(self.status)

    @staticmethod
    def hash_text(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def advance(
        self, to: str, *, expect: tuple[str, ...], message: str = "", **fields
    ) -> bool:
        """Move to status ``to`` if the row is still in one of ``expect``.

        A conditional UPDATE, so two workers holding the same article cannot both
        claim a step; returns whether this caller won. ``fields`` are written in
        the same UPDATE (and on this instance) if it does. The status and its
        event are committed together (one commit, or the caller's transaction,
        without a savepoint of its own).
        """
        now = timezone.now()
        with transaction.atomic(savepoint=False):
            changed = Article.objects.filter(pk=self.pk, status__in=expect).update(
                status=to,
                status_changed_at=now,
                error=message,
                updated_at=now,
                **fields,
            )
            if changed:
                ArticleEvent.objects.create(article=self, status=to, message=message)
        if changed:
            self.status, self.status_changed_at, self.error = to, now, message
            for name, value in fields.items():
                setattr(self, name, value)
        return bool(changed)

    def fail(self, message: str) -> None:
        self.advance(self.Status.FAILED, expect=self.WORKING, message=message)


class ArticleEvent(models.Model):
    """The status history of an article, one row per change."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="events"
    )
    status = models.CharField(max_length=12, choices=Article.Status.choices)
    message = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.article_id} {self.status} at {self.at:%Y-%m-%d %H:%M:%S}"


# --- Actor --------------------------------------------------------------------


class ActorQuerySet(models.QuerySet):
    def live(self) -> ActorQuerySet:
        return self.filter(merged_into__isnull=True)

    def with_claim_counts(self) -> ActorQuerySet:
        return self.annotate(claim_count=related_count(Claim.objects, "claimant"))

    def named(self, name: str) -> ActorQuerySet:
        """Live actors whose name or one of whose aliases is ``name``."""
        key = normalise_name(name)
        if not key:
            return self.none()
        return self.live().filter(Q(key=key) | Q(aliases__key=key)).distinct()


class Actor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        GOVERNMENT = "government", "Government body"
        GROUP = "group", "Group"
        COUNTRY = "country", "Country"

    name = models.CharField(max_length=300)
    key = models.CharField(max_length=300, db_index=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    wikidata_id = models.CharField(max_length=20, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "kind"],
                condition=Q(merged_into__isnull=True),
                name="actor_unique_live_name_kind",
            ),
            models.CheckConstraint(condition=~Q(key=""), name="actor_key_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # The key is derived state of the name, kept in the row so it can be indexed.
        self.key = normalise_name(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("claims:actor", args=[self.pk])

    @property
    def alias_names(self) -> list[str]:
        """Oldest first (sorted here, so prefetched aliases serve too)."""
        return [a.name for a in sorted(self.aliases.all(), key=lambda a: a.pk)]


class ActorAlias(models.Model):
    """Another name of an actor ("NCSC", "Mr Dowden"), used to match new mentions."""

    # Lookups by actor use the unique (actor, key) index: no index of its own.
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="aliases", db_index=False
    )
    name = models.CharField(max_length=300)
    key = models.CharField(max_length=300)

    class Meta:
        # Keys are looked up whole: a plain index (a CharField's db_index would
        # add a second, for LIKE prefixes, that every insert pays for).
        indexes = [models.Index(fields=["key"], name="alias_key")]
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "key"], name="alias_unique_per_actor"
            )
        ]

    def __str__(self) -> str:
        return self.name


# --- Claim and where it appears ---------------------------------------------


class Verdict(models.TextChoices):
    UNREVIEWED = "unreviewed", "Unreviewed"
    IN_REVIEW = "in_review", "In review"
    VERIFIED = "verified", "Verified"
    MISLEADING = "misleading", "Misleading"
    FALSE = "false", "False"
    UNVERIFIABLE = "unverifiable", "Unverifiable"


class AttributionStatus(models.TextChoices):
    UNCHECKED = "unchecked", "Unchecked"
    CONFIRMED = "confirmed", "Confirmed"
    DISPUTED = "disputed", "Disputed"
    MISATTRIBUTED = "misattributed", "Misattributed"


# What an editor's attribution check can find (the review form, the API, the
# accuracy page's counts).
ATTRIBUTION_FINDINGS = [
    AttributionStatus.CONFIRMED,
    AttributionStatus.DISPUTED,
    AttributionStatus.MISATTRIBUTED,
]


def attributed(through: str = "") -> Q:
    """Appearances with a cue or a source (``Appearance.is_attribution``), as a
    condition on appearances or, with ``through`` ("appearances__"), on
    what they belong to."""
    return ~Q(**{f"{through}cue_text": ""}) | ~Q(**{f"{through}source_text": ""})


class Quotation(models.TextChoices):
    """How much of an appearance is in quotation marks (``Appearance.quotation``)."""

    DIRECT = "direct", "direct quote"
    PARTIAL = "partial", "partly quoted"
    INDIRECT = "indirect", "reported"


# The basis of an attribution with words in quotation marks (confidence.basis).
QUOTED_BASIS = "+quoted"


def quotation_of(is_direct: bool, found_by: str) -> str:
    """``Quotation`` of an appearance from its stored fields: a direct quote is
    wholly quoted; reported speech with quoted words has "+quoted" in its basis."""
    if is_direct:
        return Quotation.DIRECT.value
    if QUOTED_BASIS in found_by:
        return Quotation.PARTIAL.value
    return Quotation.INDIRECT.value


def quotation_is(value: str, through: str = "") -> Q:
    """The condition of ``quotation_of(...) == value`` on appearances or, with
    ``through``, on what they belong to."""
    if value == Quotation.DIRECT:
        return Q(**{f"{through}is_direct": True})
    quoted = Q(**{f"{through}found_by__contains": QUOTED_BASIS})
    return Q(**{f"{through}is_direct": False}) & (
        quoted if value == Quotation.PARTIAL else ~quoted
    )


class ClaimQuerySet(models.QuerySet):
    def awaiting_review(self) -> ClaimQuerySet:
        return self.filter(verdict=Verdict.UNREVIEWED).order_by(
            "-checkworthiness", "-id"
        )

    def review_queue(self) -> ClaimQuerySet:
        """Claims editors still have to judge, taken or not, most check-worthy first."""
        return self.filter(
            verdict__in=[Verdict.UNREVIEWED, Verdict.IN_REVIEW]
        ).order_by("-checkworthiness", "-id")

    def newest_first(self) -> ClaimQuerySet:
        return self.order_by("-first_seen_at", "-id")

    def with_attribution_confidence(self) -> ClaimQuerySet:
        """Annotate the lowest extraction confidence of the claim's attributions."""
        return self.annotate(
            attribution_confidence=Min(
                "appearances__confidence", filter=attributed("appearances__")
            )
        )

    def refresh_search(self, *, touch: bool = False) -> None:
        """Rebuild the search text (and vector on PostgreSQL) of these claims.

        The text is the claimant's name and aliases, then the title and outlet
        of each article the claim appears in, each once. ``touch`` also sets
        ``updated_at``, in the same statement, for API clients' change feeds.
        """
        if connection.vendor == "postgresql":
            self._refresh_search_sql(touch)
            return
        # Rows, not models: a claim seen in many articles would otherwise load
        # every one of them.
        rows = list(self.values_list("pk", "claimant_id", "claimant__name"))
        aliases: dict[int, list[str]] = {}
        for actor_id, name in (
            ActorAlias.objects.filter(actor_id__in={r[1] for r in rows if r[1]})
            .order_by("pk")
            .values_list("actor_id", "name")
        ):
            aliases.setdefault(actor_id, []).append(name)
        seen_in: dict[int, list[str]] = {}
        for claim_id, title, outlet in (
            Appearance.objects.filter(claim_id__in=[r[0] for r in rows])
            .order_by("pk")
            .values_list("claim_id", "article__title", "article__source__name")
        ):
            seen_in.setdefault(claim_id, []).extend((title, outlet))
        now = timezone.now()
        claims = []
        for pk, claimant_id, claimant_name in rows:
            words = [claimant_name, *aliases.get(claimant_id, ()), *seen_in.get(pk, ())]
            text = search_text_of(words)
            claims.append(Claim(pk=pk, search_text=text, updated_at=now))
        fields = ["search_text", "updated_at"] if touch else ["search_text"]
        Claim.objects.bulk_update(claims, fields, batch_size=500)

    def _refresh_search_sql(self, touch: bool) -> None:
        """refresh_search in one statement: the words gathered, deduplicated in
        the order above, and the text and vector written by PostgreSQL."""
        try:
            ids, params = self.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # filtered by an empty list: nothing to do
            return
        tables = {
            "claim": Claim._meta.db_table,
            "actor": Actor._meta.db_table,
            "alias": ActorAlias._meta.db_table,
            "appearance": Appearance._meta.db_table,
            "article": Article._meta.db_table,
            "source": Source._meta.db_table,
        }
        quoted = {k: connection.ops.quote_name(v) for k, v in tables.items()}
        touched = ", updated_at = %s" if touch else ""
        vector = SEARCH_VECTOR_SQL.format(text="c.text", search_text="t.text")
        sql = _REFRESH_SEARCH.format(ids=ids, vector=vector, touched=touched, **quoted)
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *([timezone.now()] if touch else [])])

    def low_confidence(self, threshold: float) -> ClaimQuerySet:
        return self.with_attribution_confidence().filter(
            attribution_confidence__lt=threshold
        )


def search_text_of(words: list[str]) -> str:
    """A claim's search text from its words, in order: the claimant's name, the
    claimant's aliases (oldest first), then the title and outlet of each
    article it appears in (in the order of its appearances), each once."""
    return " \n".join(dict.fromkeys(w for w in words if w))


# The search vector of a claim's text and search text, as PostgreSQL computes
# it: in refresh_search's UPDATE below, and where the store inserts new claims
# with their search text (claims/ingest/store.py), over columns named so.
SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('english', COALESCE({text}, '')), 'A')"
    " || setweight(to_tsvector('english', COALESCE({search_text}, '')), 'B')"
)

# Claim.objects.refresh_search on PostgreSQL. Each word keeps its first place
# (part: 0 claimant, 1 aliases, 2 articles; then row id and column), as the
# Python path's dict.fromkeys does.
_REFRESH_SEARCH = """
WITH ids(id) AS MATERIALIZED ({ids}),
words AS (
    SELECT c.id AS claim_id, 0 AS part, 0::bigint AS row_id, 0 AS col, a.name AS word
      FROM {claim} c JOIN {actor} a ON a.id = c.claimant_id
     WHERE c.id IN (SELECT id FROM ids)
    UNION ALL
    SELECT c.id, 1, al.id, 0, al.name
      FROM {claim} c JOIN {alias} al ON al.actor_id = c.claimant_id
     WHERE c.id IN (SELECT id FROM ids)
    UNION ALL
    SELECT ap.claim_id, 2, ap.id, 0, ar.title
      FROM {appearance} ap JOIN {article} ar ON ar.id = ap.article_id
     WHERE ap.claim_id IN (SELECT id FROM ids)
    UNION ALL
    SELECT ap.claim_id, 2, ap.id, 1, s.name
      FROM {appearance} ap JOIN {article} ar ON ar.id = ap.article_id
      JOIN {source} s ON s.id = ar.source_id
     WHERE ap.claim_id IN (SELECT id FROM ids)
),
firsts AS (
    SELECT DISTINCT ON (claim_id, word) claim_id, word, part, row_id, col
      FROM words WHERE word <> ''
     ORDER BY claim_id, word, part, row_id, col
),
texts AS (
    SELECT claim_id, string_agg(word, E' \\n' ORDER BY part, row_id, col) AS text
      FROM firsts GROUP BY claim_id
)
UPDATE {claim} c
   SET search_text = COALESCE(t.text, ''),
       search_vector = {vector}{touched}
  FROM ids LEFT JOIN texts t ON t.claim_id = ids.id
 WHERE c.id = ids.id
"""


class Claim(models.Model):
    text = models.TextField()
    # sha256 of the normalised text and the claimant: identical claims by the
    # same claimant are one row, kept unique by the database.
    # Unique and indexed by Meta (hashes: looked up whole, never by prefix).
    fingerprint = models.CharField(max_length=64, editable=False)
    # Set for words that only mean something in one article ("the claims" in
    # "she denied the claims"): the article they came from, part of the
    # fingerprint, so they are never one claim with another article's words.
    scope_article_id = models.PositiveIntegerField(null=True, blank=True)
    # sha256 of the normalised text alone: the same words, whoever said them
    # (claim matching's exact step; see claims/ingest/matching.py).
    text_key = models.CharField(max_length=64, blank=True, editable=False)
    # Lookups by claimant use the claim_speaker_* indexes below.
    claimant = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claims",
        db_index=False,
    )
    checkworthiness = models.FloatField(default=0.0)
    verdict = models.CharField(
        max_length=20,
        choices=Verdict.choices,
        default=Verdict.UNREVIEWED,
    )
    attribution_status = models.CharField(
        max_length=20,
        choices=AttributionStatus.choices,
        default=AttributionStatus.UNCHECKED,
    )
    # Optimistic concurrency for editors: bumped on every review or correction.
    version = models.PositiveIntegerField(default=1)
    # The editor working on the claim (verdict in_review), so two do not collide.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_claims",
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    # Claim text, speaker and aliases, and article titles, for full-text search.
    # Kept up to date by Claim.objects.refresh_search(); indexed on PostgreSQL
    # (tsvector, GIN) and matched with LIKE on SQLite.
    search_text = models.TextField(blank=True, default="")
    search_vector = SearchVectorField(null=True, blank=True, editable=False)
    first_seen_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-first_seen_at", "-id"]
        # The list's sort orders, alone and under the filters used most, each
        # ending with id so a cursor page starts with an index range scan.
        indexes = [
            models.Index(fields=["first_seen_at", "id"], name="claim_newest"),
            models.Index(
                fields=["verdict", "first_seen_at", "id"], name="claim_verdict_newest"
            ),
            models.Index(
                fields=["claimant", "first_seen_at", "id"], name="claim_speaker_newest"
            ),
            # An actor's track record (claims by verdict) from the index alone.
            models.Index(fields=["claimant", "verdict"], name="claim_speaker_verdict"),
            models.Index(
                fields=["attribution_status", "first_seen_at", "id"],
                name="claim_attribution_newest",
            ),
            models.Index(
                fields=["checkworthiness", "first_seen_at", "id"],
                name="claim_checkworthy",
            ),
            models.Index(fields=["updated_at", "id"], name="claim_sync"),
            models.Index(fields=["text_key"], name="claim_text_key"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["fingerprint"], name="claim_unique_fingerprint"
            ),
            models.CheckConstraint(
                condition=Q(checkworthiness__gte=0) & Q(checkworthiness__lte=1),
                name="claim_checkworthiness_range",
            ),
            models.CheckConstraint(
                condition=Q(verdict__in=Verdict.values), name="claim_verdict_valid"
            ),
            models.CheckConstraint(
                condition=Q(attribution_status__in=AttributionStatus.values),
                name="claim_attribution_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def save(self, *args, **kwargs) -> None:
        if not self.text_key and self.text:
            self.text_key = matching.text_key(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("claims:claim", args=[self.pk])

    @staticmethod
    def make_fingerprint(
        text: str, claimant_id: int | None, article_id: int | None = None
    ) -> str:
        """The claim's key: its normalised text and claimant; with
        ``article_id``, a claim of that article only (words that point back
        into it, such as "the claims", are no claim of any other)."""
        key = f"{normalise_claim_text(text)}\x1f{claimant_id or ''}"
        if article_id is not None:
            key += f"\x1farticle {article_id}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    def fingerprint_for(self, text: str, claimant_id: int | None) -> str:
        """The fingerprint of this claim with ``text`` and ``claimant_id``, in
        its scope (``scope_article_id``)."""
        return self.make_fingerprint(text, claimant_id, self.scope_article_id)

    @transaction.atomic
    def record_verdict(
        self,
        *,
        reviewer,
        verdict: str = "",
        rationale: str = "",
        evidence: list[dict] | None = None,
        attribution: str = "",
        attribution_note: str = "",
        version: int | None = None,
    ) -> Review:
        """Record one editor's judgement; the claim shows the latest one.

        ``verdict`` or ``attribution`` may be empty to judge only the other; a
        verdict ends the claim's assignment. With ``version`` the change applies
        only if nobody changed the claim since the editor loaded it, otherwise
        ``ClaimConflict`` is raised and nothing is written.
        """
        now = timezone.now()
        fields: dict = {"version": models.F("version") + 1, "updated_at": now}
        if verdict:
            fields.update(verdict=verdict, assigned_to=None, assigned_at=None)
        if attribution:
            fields["attribution_status"] = attribution
        rows = Claim.objects.filter(pk=self.pk)
        if version is not None:
            rows = rows.filter(version=version)
        # The conditional UPDATE comes first: it holds the row until commit, so
        # a second editor's UPDATE waits and then finds the version moved on.
        if not rows.update(**fields):
            self.refresh_from_db()
            raise ClaimConflict(self)
        self.refresh_from_db()
        return Review.objects.create(
            claim=self,
            reviewer=reviewer,
            verdict=self.verdict,
            rationale=rationale,
            evidence=evidence or [],
            attribution=attribution,
            attribution_note=attribution_note,
            created_at=now,
        )

    def take(self, user) -> bool:
        """Assign the claim to ``user`` for review if nobody holds it yet.

        A conditional UPDATE, so of two editors taking it at once one wins;
        returns whether ``user`` did. Only unreviewed claims can be taken.
        """
        now = timezone.now()
        changed = Claim.objects.filter(
            pk=self.pk, verdict=Verdict.UNREVIEWED, assigned_to__isnull=True
        ).update(
            verdict=Verdict.IN_REVIEW,
            assigned_to=user,
            assigned_at=now,
            version=models.F("version") + 1,
            updated_at=now,
        )
        self.refresh_from_db()
        return bool(changed)

    def release(self) -> bool:
        """Put a claim in review back in the queue; returns whether it was held."""
        changed = Claim.objects.filter(pk=self.pk, verdict=Verdict.IN_REVIEW).update(
            verdict=Verdict.UNREVIEWED,
            assigned_to=None,
            assigned_at=None,
            version=models.F("version") + 1,
            updated_at=timezone.now(),
        )
        self.refresh_from_db()
        return bool(changed)


class ClaimConflict(Exception):
    """The claim changed after the editor loaded it; ``claim`` is its current state."""

    def __init__(self, claim: Claim) -> None:
        super().__init__(f"claim {claim.pk} changed (now version {claim.version})")
        self.claim = claim


class Appearance(models.Model):
    """A claim inside one article, with the spans it occupies in the stored text."""

    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="appearances"
    )
    # Lookups by article use the unique (article, claim, start) index.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="appearances", db_index=False
    )
    # [[start, end], ...] into Article.text; several when the quote is split.
    content_spans = models.JSONField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    cue_start = models.PositiveIntegerField(null=True, blank=True)
    cue_end = models.PositiveIntegerField(null=True, blank=True)
    cue_text = models.CharField(max_length=200, blank=True)
    source_start = models.PositiveIntegerField(null=True, blank=True)
    source_end = models.PositiveIntegerField(null=True, blank=True)
    source_text = models.CharField(max_length=300, blank=True)
    # All of the content is in quotation marks: a direct quote. Reported speech
    # that quotes a few words is not, and has "+quoted" in found_by
    # (``quotation``). Older analysers set it for any quoted word: ``manage.py
    # reprocess`` brings their articles up to date.
    is_direct = models.BooleanField(default=False)
    confidence = models.FloatField(default=0.0)
    # How the extractor found the attribution (confidence.basis), e.g.
    # "clause/pronoun"; empty for an unattributed sentence or older analyses.
    found_by = models.CharField(max_length=40, blank=True)
    extractor_version = models.CharField(max_length=100, blank=True)
    # Who said it here: the claim's speaker, or someone repeating the claim.
    speaker = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appearances_spoken",
    )
    # How this appearance joined its claim when its own words differ from the
    # claim's ("exact", "lexical", "semantic"; empty: the claim's own words).
    match_method = models.CharField(max_length=10, blank=True)
    match_score = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "claim", "start"], name="appearance_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="appearance_span"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} in {self.article_id} @{self.start}"

    @property
    def is_attribution(self) -> bool:
        """Whether a cue or a source was found: an attribution, not a sentence
        picked for being check-worthy (as ``with_attribution_confidence``)."""
        return bool(self.cue_text or self.source_text)

    @property
    def quotation(self) -> str:
        """A direct quote, partly quoted or reported (``Quotation``)."""
        return quotation_of(self.is_direct, self.found_by)

    @property
    def quotation_words(self) -> str:
        """``quotation`` as a user reads it; "not attributed" for a sentence
        picked for being check-worthy."""
        if not self.is_attribution:
            return "not attributed"
        return Quotation(self.quotation).label

    @property
    def found_by_words(self) -> str:
        """How the extractor found this attribution, in an editor's words."""
        return describe_basis(self.found_by)


class ClaimVector(models.Model):
    """A claim's sentence embedding, stored so matching never re-embeds it."""

    claim = models.OneToOneField(
        Claim, on_delete=models.CASCADE, primary_key=True, related_name="vector"
    )
    vector = models.BinaryField()  # matching.pack(embed.static(...)): 128 signed bytes

    def __str__(self) -> str:
        return f"vector of {self.claim_id}"


class ClaimWording(models.Model):
    """Another wording (and speaker) known to be ``claim``: an appearance that
    matching linked to it, or a claim merged into it.

    The store looks wordings up like claims' own fingerprints, so an article
    analysed again finds the claim its repeat was linked to at once.
    """

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="wordings")
    # Unique and indexed by Meta, as on Claim.
    fingerprint = models.CharField(max_length=64)
    text_key = models.CharField(max_length=64)
    # As on Appearance: how these words were found to be the claim.
    method = models.CharField(max_length=10, blank=True)
    score = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["text_key"], name="wording_text_key")]
        constraints = [
            models.UniqueConstraint(
                fields=["fingerprint"], name="wording_unique_fingerprint"
            )
        ]

    def __str__(self) -> str:
        return f"wording of {self.claim_id}"


class MatchTerm(models.Model):
    """One content word of a claim (hashed): how matching finds claims to compare."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="terms")
    key = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["key", "claim"], name="matchterm_key")]

    def __str__(self) -> str:
        return f"{self.key} in {self.claim_id}"


class ClaimMatch(models.Model):
    """A new claim found to be like a stored one, and what editors made of it.

    Proposed pairs wait in the match queue; accepting one merges the new claim
    into the stored one, rejecting it is remembered so the pair never returns.
    An editor's split leaves a rejected pair behind for the same reason.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    class Method(models.TextChoices):
        EXACT = "exact", "Same words"
        LEXICAL = "lexical", "Nearly the same words"
        SEMANTIC = "semantic", "Same meaning"
        EDITOR = "editor", "Editor"

    # The new claim; empty once an accepted pair merged it into the target.
    claim = models.ForeignKey(
        Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="matches"
    )
    claim_text = models.TextField()  # its words, kept after a merge
    target = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="matched_by"
    )
    method = models.CharField(max_length=10, choices=Method.choices)
    score = models.FloatField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "target"], name="claimmatch_pair"),
            models.CheckConstraint(
                condition=~Q(claim=models.F("target")), name="claimmatch_two_claims"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="claimmatch_queue")
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} ~ {self.target_id} ({self.status})"


class Mention(models.Model):
    """An actor named in one article."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="mentions")
    # Lookups by article use the unique (article, actor) index.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="mentions", db_index=False
    )
    spans = models.JSONField(default=list)  # [[start, end], ...] into Article.text

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "actor"], name="mention_unique")
        ]

    def __str__(self) -> str:
        return f"{self.actor} in {self.article_id}"


# --- Judgements ---------------------------------------------------------------


class Review(models.Model):
    """One editor's judgement of a claim; kept forever, never edited."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    rationale = models.TextField(blank=True)
    evidence = models.JSONField(
        default=list, blank=True
    )  # [{"url": ..., "title": ...}]
    attribution = models.CharField(
        max_length=20, choices=AttributionStatus.choices, blank=True
    )
    attribution_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} by {self.reviewer}"


class AnnotationQuerySet(models.QuerySet):
    def visible_to(self, user) -> AnnotationQuerySet:
        """Hidden notes are shown to editors only (marked), never to others."""
        if user.has_perm("claims.change_annotation"):
            return self
        return self.filter(hidden_by__isnull=True)


class Annotation(models.Model):
    """A note on a claim, or on a span of an article's stored text (W3C selectors)."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="annotations"
    )
    claim = models.ForeignKey(
        Claim,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="annotations",
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="annotations",
    )
    body = models.TextField()
    # {"TextQuoteSelector": {...}, "TextPositionSelector": {...}} on Article.text
    selector = models.JSONField(default=dict, blank=True)
    # Editors may hide someone else's note; it is kept, not deleted.
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hidden_annotations",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnnotationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(claim__isnull=False) | Q(article__isnull=False),
                name="annotation_has_target",
            )
        ]

    def __str__(self) -> str:
        return self.body[:60]


class ClaimEdit(models.Model):
    """A correction of a claim's text or speaker; the original stays on record."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="edits")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="claim_edits"
    )
    old_text = models.TextField()
    new_text = models.TextField()
    old_claimant = models.ForeignKey(
        Actor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    new_claimant = models.ForeignKey(
        Actor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"edit of claim {self.claim_id} by {self.editor}"


# --- API clients ----------------------------------------------------------------


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A program's key to the API; only its hash is stored."""

    class Scope(models.TextChoices):
        READ = "read", "Read"
        WRITE = "write", "Read and write"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    # The first characters of the key, shown so users can tell tokens apart.
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Webhook(models.Model):
    """A client's URL to notify of events, signed with its own secret."""

    class Event(models.TextChoices):
        CLAIM_CREATED = "claim.created", "Claim created"
        CLAIM_REVIEWED = "claim.reviewed", "Claim reviewed"
        ARTICLE_DONE = "article.done", "Article done"
        ARTICLE_FAILED = "article.failed", "Article failed"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField(max_length=2000)
    events = models.JSONField(default=list)  # a list of Event values
    # Kept in clear: signing needs it, and the client already holds it.
    secret = models.CharField(max_length=100)
    is_active = models.BooleanField(default=True)
    failures = models.PositiveIntegerField(default=0)
    last_status = models.CharField(max_length=200, blank=True)
    last_delivery_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event sent (or being sent) to one webhook."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    webhook = models.ForeignKey(
        Webhook, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, choices=Webhook.Event.choices)
    payload = models.JSONField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    response_status = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event} to {self.webhook_id}: {self.status}"


class Deletion(models.Model):
    """A row that is gone, so clients mirroring the data by polling can drop it.

    ``replaced_by`` points at the survivor when the row was merged into another.
    """

    model = models.CharField(max_length=40)  # "claim", "actor", "annotation", ...
    object_id = models.BigIntegerField()
    replaced_by = models.BigIntegerField(null=True, blank=True)
    deleted_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["deleted_at", "id"]
        indexes = [models.Index(fields=["model", "deleted_at"])]

    def __str__(self) -> str:
        return f"{self.model} {self.object_id} deleted"
