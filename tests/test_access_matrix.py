"""The access matrix: every principal × every URL × every method, as designed.

The policy is the table ``ENDPOINTS`` below, one row per URL pattern of the
site (the browser pages, the API, the auth views and the admin), each method it
accepts mapped to a rule that says what each principal gets:

- ``OK``: an answer, 2xx or a 3xx that is not a login redirect;
- ``LOGIN``: log in first (a redirect to the login page for pages and the
  admin, 401 for the API);
- ``FORBIDDEN``: 403, the principal is known but its role or token scope does
  not allow this;
- ``NOT_FOUND``: 404 where the object's existence is hidden (someone else's
  note, webhook or token, a hidden note);
- ``NOT_ALLOWED``: 405, the view takes another method.

The rules follow the designed roles (DESIGN.md, claims/roles.py): journalists
submit and read; editors also review, annotate, correct and merge; the admin
(superuser and staff) may do anything and is the only one in the admin site.
Pages know browser sessions only (an API token is anonymous there) and are
readable by anyone while ``PUBLIC_READ`` is on; the API takes sessions and
tokens, reads need a login unless ``API_PUBLIC_READ``, writes need a write
token (or a session) and the role's permission.

Each test is one row (endpoint, method) asked by every principal in turn, from
the same starting state: what a request writes is rolled back (a savepoint)
and the cache emptied before the next principal asks; a failure shows the row's
expected and actual outcomes side by side. ``test_the_table_classifies_every_url``
walks the URL resolver: a URL (or an API method) added without a row here fails
it, so the matrix stays complete.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient
from rest_framework.views import APIView

from claims.models import (
    ApiToken,
    Appearance,
    ClaimMatch,
    Feed,
    Mention,
    Source,
    SourceDomain,
    WebhookDelivery,
)
from claims.services.annotations import annotation_create, annotation_set_hidden
from claims.services.reviews import review_record
from claims.services.tokens import api_token_create
from claims.services.webhooks import webhook_create
from tests.api.conftest import client_for
from tests.factories import make_actor, make_article, make_claim

pytestmark = pytest.mark.django_db

OK, LOGIN, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = (
    "ok", "login", "forbidden", "not found", "not allowed",
)  # fmt: skip

# --- Principals ---------------------------------------------------------------------


@dataclass(frozen=True)
class Principal:
    name: str
    persona: str | None  # None: anonymous
    token: str | None = None  # "read" / "write": an API token; None: a session

    @property
    def session(self) -> bool:
        """Logged in as browser pages see it (they do not read API tokens)."""
        return self.persona is not None and self.token is None


PRINCIPALS = [
    Principal("anonymous", None),
    Principal("outsider", "outsider"),  # logged in, no newsroom role
    Principal("journalist", "journalist"),
    Principal("editor", "editor"),
    Principal("admin", "admin"),  # superuser and staff
    Principal("journalist-read-token", "journalist", ApiToken.Scope.READ),
    Principal("journalist-write-token", "journalist", ApiToken.Scope.WRITE),
    Principal("editor-read-token", "editor", ApiToken.Scope.READ),
    Principal("editor-write-token", "editor", ApiToken.Scope.WRITE),
]

# What each role may do (DESIGN.md "Who uses it"; claims/roles.py), as permissions.
ROLE_MAY = {
    "outsider": set(),
    "journalist": {"claims.add_article"},
    "editor": {
        "claims.add_article",
        "claims.change_article",
        "claims.add_review",
        "claims.change_claim",
        "claims.change_actor",
        "claims.add_annotation",
        "claims.change_annotation",
        "claims.view_feed",
        "claims.add_feed",
        "claims.change_feed",
        "claims.delete_feed",
        "claims.view_claimmatch",
        "claims.change_claimmatch",
    },
}
# The editor owns the world's notes, webhook and spare token.
OWNER = "editor"


def may(principal: Principal, permission: str) -> bool:
    if principal.persona == "admin":
        return True
    return permission in ROLE_MAY.get(principal.persona or "", set())


# --- Rules: (principal, site) -> expected outcome -------------------------------------


@dataclass(frozen=True)
class Site:
    public_read: bool = True  # settings.PUBLIC_READ (the default)
    api_public_read: bool = False  # settings.API_PUBLIC_READ (the default)


Rule = Callable[[Principal, Site], str]


def anyone(principal: Principal, site: Site) -> str:
    return OK


def refused(outcome: str) -> Rule:
    """The same answer for everyone (a method the view does not take)."""
    return lambda principal, site: outcome


def readable(principal: Principal, site: Site) -> str:
    """A page anyone may read while PUBLIC_READ is on (views/access.py)."""
    return OK if site.public_read or principal.session else LOGIN


def page(permission: str | None = None, *, owned: bool = False) -> Rule:
    """A page for logged-in users: with ``permission``; ``owned``: the owner's
    object only, a 404 for anyone else."""

    def rule(principal: Principal, site: Site) -> str:
        if not principal.session:
            return LOGIN
        if permission and not may(principal, permission):
            return FORBIDDEN
        if owned and principal.persona != OWNER:
            return NOT_FOUND
        return OK

    return rule


def api(
    permission: str | None = None,
    *,
    write: bool = False,
    login: bool = False,
    seen_with: str | None = None,
    owned: str = "",
) -> Rule:
    """An API endpoint (permissions.ApiAccess).

    ``write``: needs a write token or a session; ``permission``: the role's;
    ``login``: no anonymous reads even with API_PUBLIC_READ; ``seen_with``: the
    object is hidden (404) from those without this permission; ``owned``: the
    owner's object only, others get "hidden" (404) or "refused" (403).
    """

    def rule(principal: Principal, site: Site) -> str:
        anonymous_may_read = site.api_public_read and not (write or login)
        if principal.persona is None and not anonymous_may_read:
            return LOGIN
        if write and principal.token == ApiToken.Scope.READ:
            return FORBIDDEN
        if permission and not may(principal, permission):
            return FORBIDDEN
        if seen_with and not may(principal, seen_with):
            return NOT_FOUND
        if owned and principal.persona != OWNER:
            return NOT_FOUND if owned == "hidden" else FORBIDDEN
        return OK

    return rule


def api_post_only(principal: Principal, site: Site) -> str:
    """GET on a POST-only API action: reading needs a login first, then 405."""
    if principal.persona is None and not site.api_public_read:
        return LOGIN
    return NOT_ALLOWED


def admin_only(admin_gets: str = OK, others_get: str = LOGIN) -> Rule:
    """The admin site: the admin (in a session); anyone else is sent to its login."""

    def rule(principal: Principal, site: Site) -> str:
        is_admin = principal.session and principal.persona == "admin"
        return admin_gets if is_admin else others_get

    return rule


# --- The world every request is made against ----------------------------------------

ARTICLE_TEXT = (
    "Hackers targeted the Electoral Commission, Mr Dowden said. "
    "China denies it, the spokesman said."
)


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("admin", password="pw-admin")


@pytest.fixture
def world(journalist, editor, outsider, superuser) -> dict:
    """One of every object a URL names; ids go into the paths."""
    source = Source.objects.create(name="The Example Times", kind="news")
    SourceDomain.objects.create(source=source, domain="example.org")
    feed = Feed.objects.create(source=source, url="https://example.org/feed.xml")
    article = make_article(
        "China accused",
        source=source,
        text=ARTICLE_TEXT,
        url="https://example.org/china",
        raw_html=f"<html><body><p>{ARTICLE_TEXT}</p></body></html>",
    )
    dowden = make_actor("Oliver Dowden", "Mr Dowden")
    duplicate = make_actor("O. Dowden")
    claim = make_claim(
        "Hackers targeted the Electoral Commission",
        claimant=dowden,
        articles=(article,),
        cue="said",
    )
    mention = Mention.objects.create(actor=dowden, article=article, spans=[[43, 52]])
    review = review_record(
        claim=claim,
        reviewer=editor,
        version=claim.version,
        verdict="verified",
        rationale="The NCSC confirmed it.",
    )
    claim.refresh_from_db()
    note = annotation_create(author=editor, body="Ask the NCSC.", claim=claim)
    hidden = annotation_create(author=editor, body="Off the record.", claim=claim)
    annotation_set_hidden(annotation=hidden, user=editor, hidden=True)
    webhook = webhook_create(
        owner=editor, url="https://example.org/hook", events=["claim.created"]
    )
    WebhookDelivery.objects.create(
        webhook=webhook, event="claim.created", payload={"event": "claim.created"}
    )
    spare_token, _ = api_token_create(user=editor, name="spare", scope="read")
    # Claim matching: a claim found like the claim above, waiting in the match
    # queue; and a claim linked to words of another article, to split off.
    spare = make_claim("China denies it", articles=(article,))
    match = ClaimMatch.objects.create(
        claim=spare, claim_text=spare.text, target=claim, method="lexical", score=0.6
    )
    repeat = make_article("Sanctions", text="Sanctions will follow soon.")
    split_claim = make_claim("Sanctions follow", articles=(article,))
    split_off = Appearance.objects.create(
        claim=split_claim, article=repeat, content_spans=[[0, 21]], start=0, end=21
    )
    return {
        "users": {
            "journalist": journalist,
            "editor": editor,
            "outsider": outsider,
            "admin": superuser,
        },
        "source": source,
        "feed": feed,
        "article": article,
        "actor": dowden,
        "duplicate": duplicate,
        "claim": claim,
        "appearance": claim.appearances.get(),
        "mention": mention,
        "review": review,
        "note": note,
        "hidden_note": hidden,
        "webhook": webhook,
        "token": spare_token,
        "spare_claim": spare,
        "match": match,
        "split_claim": split_claim,
        "split_off": split_off,
        "group": Group.objects.get(name="editor"),
        "user": editor,
    }


def client_as(principal: Principal, world: dict) -> APIClient:
    if principal.persona is None:
        return client_for(None)
    user = world["users"][principal.persona]
    if principal.token:
        return client_for(user, principal.token)
    client = APIClient()
    client.force_login(user)
    return client


# --- The table ----------------------------------------------------------------------

Data = Callable[[dict], dict]


@dataclass(frozen=True)
class Endpoint:
    route: str  # the pattern as the URL resolver spells it
    url: Callable[[dict], str]  # the address to request, from the world
    methods: dict[str, Rule]
    data: dict[str, Data] = field(default_factory=dict)
    label: str = ""  # tells apart two rows of one route

    @property
    def area(self) -> str:
        if self.route.startswith("api/"):
            return "api"
        return "admin" if self.route.startswith("admin/") else "pages"

    @property
    def id(self) -> str:
        return self.route + (f" ({self.label})" if self.label else "")


def named(name: str, obj: str | None = None) -> Callable:
    """The URL of ``name``, with the id of the world's ``obj`` as pk."""

    def url(world: dict) -> str:
        return reverse(name, kwargs={"pk": world[obj].pk} if obj else {})

    return url


def admin_url(name: str, obj: str | None = None) -> Callable:
    return lambda world: reverse(name, args=[world[obj].pk] if obj else [])


def version_of(world: dict) -> int:
    return world["claim"].version


def opml_upload() -> io.BytesIO:
    upload = io.BytesIO(
        b'<opml version="2.0"><body><outline text="Other" '
        b'xmlUrl="https://example.org/opml-feed.xml"/></body></opml>'
    )
    upload.name = "feeds.opml"
    return upload


PAGES = [
    Endpoint("", named("claims:home"), {"GET": readable}),
    # Probes for the load balancer and compose: no login.
    Endpoint("healthz", named("claims:healthz"), {"GET": anyone}),
    Endpoint("readyz", named("claims:readyz"), {"GET": anyone}),
    Endpoint(
        "submit/",
        named("claims:submit"),
        {"GET": page("claims.add_article"), "POST": page("claims.add_article")},
        {
            "POST": lambda w: {
                "kind": "text",
                "t-text": "Mr Dowden said the hackers were Chinese.",
                "t-title": "Pasted",
            }
        },
    ),
    Endpoint("articles/", named("claims:articles"), {"GET": readable}),
    Endpoint(
        "articles/<int:pk>/", named("claims:article", "article"), {"GET": readable}
    ),
    Endpoint(
        "articles/<int:pk>/snapshot/",
        named("claims:article-snapshot", "article"),
        {"GET": readable},
    ),
    # POST-only views refuse GET before asking who is there (@require_POST first).
    Endpoint(
        "articles/<int:pk>/reprocess/",
        named("claims:article-reprocess", "article"),
        {"GET": refused(NOT_ALLOWED), "POST": page("claims.add_article")},
    ),
    Endpoint("claims/", named("claims:claims"), {"GET": readable}),
    Endpoint("claims/facets/", named("claims:claim_facets"), {"GET": readable}),
    Endpoint("claims/<int:pk>/", named("claims:claim", "claim"), {"GET": readable}),
    Endpoint("actors/", named("claims:actors"), {"GET": readable}),
    Endpoint("actors/<int:pk>/", named("claims:actor", "actor"), {"GET": readable}),
    Endpoint("sources/<int:pk>/", named("claims:source", "source"), {"GET": readable}),
    Endpoint("accuracy/", named("claims:accuracy"), {"GET": readable}),
    Endpoint(
        "review/", named("claims:review-queue"), {"GET": page("claims.add_review")}
    ),
    Endpoint(
        "claims/<int:pk>/take/",
        named("claims:claim-take", "claim"),
        {"GET": refused(NOT_ALLOWED), "POST": page("claims.add_review")},
    ),
    Endpoint(
        "claims/<int:pk>/release/",
        named("claims:claim-release", "claim"),
        {"GET": refused(NOT_ALLOWED), "POST": page("claims.add_review")},
    ),
    Endpoint(
        "claims/<int:pk>/review/",
        named("claims:claim-review", "claim"),
        {"GET": page("claims.add_review"), "POST": page("claims.add_review")},
        {
            "POST": lambda w: {
                "version": version_of(w),
                "verdict": "misleading",
                "rationale": "Only one system was reached.",
                "evidence": "",
            }
        },
    ),
    Endpoint(
        "claims/<int:pk>/correct/",
        named("claims:claim-correct", "claim"),
        {"GET": page("claims.change_claim"), "POST": page("claims.change_claim")},
        {
            "POST": lambda w: {
                "version": version_of(w),
                "text": "Hackers targeted the Electoral Commission's systems",
                "speaker": "Oliver Dowden",
                "note": "The article says systems.",
            }
        },
    ),
    Endpoint(
        "actors/<int:pk>/merge/",
        named("claims:actor-merge", "actor"),
        {"GET": page("claims.change_actor"), "POST": page("claims.change_actor")},
        {"POST": lambda w: {"duplicate": f"#{w['duplicate'].pk}"}},
    ),
    Endpoint(
        "articles/<int:pk>/edit/",
        named("claims:article-edit", "article"),
        {"GET": page("claims.change_article"), "POST": page("claims.change_article")},
        {
            "POST": lambda w: {
                "title": "China accused of hacking",
                "byline": "A Reporter",
                "source": w["source"].pk,
                "note": "Fuller title.",
            }
        },
    ),
    Endpoint(
        "claims/<int:pk>/notes/",
        named("claims:claim-note", "claim"),
        {"GET": refused(NOT_ALLOWED), "POST": page("claims.add_annotation")},
        {"POST": lambda w: {"body": "Check with the Commission."}},
    ),
    Endpoint(
        "articles/<int:pk>/notes/",
        named("claims:article-note", "article"),
        {"GET": refused(NOT_ALLOWED), "POST": page("claims.add_annotation")},
        {"POST": lambda w: {"body": "Which hackers?", "quote": "Hackers targeted"}},
    ),
    Endpoint(
        "notes/<int:pk>/edit/",
        named("claims:note-edit", "note"),
        {"GET": page(owned=True), "POST": page(owned=True)},
        {"POST": lambda w: {"body": "Ask the NCSC again."}},
    ),
    Endpoint(
        "notes/<int:pk>/delete/",
        named("claims:note-delete", "note"),
        {"GET": refused(NOT_ALLOWED), "POST": page(owned=True)},
    ),
    Endpoint(
        "notes/<int:pk>/hide/",
        named("claims:note-hide", "note"),
        {"GET": refused(NOT_ALLOWED), "POST": page("claims.change_annotation")},
        {"POST": lambda w: {"hidden": "1"}},
    ),
    # The outlets' feeds: an editors' page.
    Endpoint(
        "feeds/",
        named("claims:feeds"),
        {"GET": page("claims.view_feed"), "POST": page("claims.add_feed")},
        {
            "POST": lambda w: {
                "source": w["source"].pk,
                "url": "https://example.org/other-feed.xml",
                "interval_minutes": 30,
            }
        },
    ),
    Endpoint(
        "feeds/import/",
        named("claims:feed-import"),
        {"GET": refused(NOT_ALLOWED), "POST": page("claims.add_feed")},
        {"POST": lambda w: {"file": opml_upload()}},
    ),
    Endpoint(
        "feeds/<int:pk>/pause/",
        named("claims:feed-pause", "feed"),
        {"GET": refused(NOT_ALLOWED), "POST": page("claims.change_feed")},
    ),
    Endpoint(
        "feeds/<int:pk>/resume/",
        named("claims:feed-resume", "feed"),
        {"GET": refused(NOT_ALLOWED), "POST": page("claims.change_feed")},
    ),
    Endpoint(
        "feeds/<int:pk>/poll/",
        named("claims:feed-poll", "feed"),
        {"GET": refused(NOT_ALLOWED), "POST": page("claims.change_feed")},
    ),
    Endpoint(
        "feeds/<int:pk>/delete/",
        named("claims:feed-delete", "feed"),
        {"GET": refused(NOT_ALLOWED), "POST": page("claims.delete_feed")},
        {"POST": lambda w: {"confirm": "1"}},
    ),
    # Claim matching: the match queue is the editors'; splitting and merging
    # claims are corrections (POST-only, like the other forms on a claim's page).
    Endpoint(
        "matches/", named("claims:matches"), {"GET": page("claims.view_claimmatch")}
    ),
    Endpoint(
        "matches/<int:pk>/accept/",
        named("claims:match-accept", "match"),
        {"GET": refused(NOT_ALLOWED), "POST": page("claims.change_claimmatch")},
    ),
    Endpoint(
        "matches/<int:pk>/reject/",
        named("claims:match-reject", "match"),
        {"GET": refused(NOT_ALLOWED), "POST": page("claims.change_claimmatch")},
    ),
    Endpoint(
        "claims/<int:pk>/split/",
        named("claims:claim-split", "split_claim"),
        {"GET": refused(NOT_ALLOWED), "POST": page("claims.change_claim")},
        {
            "POST": lambda w: {
                "version": w["split_claim"].version,
                "appearance": [w["split_off"].pk],
            }
        },
    ),
    Endpoint(
        "claims/<int:pk>/merge/",
        named("claims:claim-merge", "spare_claim"),
        {"GET": refused(NOT_ALLOWED), "POST": page("claims.change_claim")},
        {
            "POST": lambda w: {
                "version": w["spare_claim"].version,
                "into": f"#{w['claim'].pk}",
                "confirm": "1",
            }
        },
    ),
    # The user's API tokens: anyone logged in, their own tokens only.
    Endpoint(
        "accounts/tokens/",
        named("api-tokens"),
        {"GET": page(), "POST": page()},
        {"POST": lambda w: {"name": "my notebook", "scope": "read"}},
    ),
    Endpoint(
        "accounts/tokens/<int:pk>/revoke/",
        named("api-token-revoke", "token"),
        {"GET": refused(NOT_ALLOWED), "POST": page(owned=True)},
    ),
]

AUTH = [
    Endpoint(
        "accounts/login/",
        named("login"),
        {"GET": anyone, "POST": anyone},  # a wrong password: the form again
        {"POST": lambda w: {"username": "nobody", "password": "wrong"}},
    ),
    Endpoint(
        "accounts/logout/",
        named("logout"),
        {"GET": refused(NOT_ALLOWED), "POST": anyone},
    ),
    Endpoint(
        "accounts/password_change/",
        named("password_change"),
        {"GET": page(), "POST": page()},  # an empty form: the form again
    ),
    Endpoint(
        "accounts/password_change/done/",
        named("password_change_done"),
        {"GET": page()},
    ),
    Endpoint(
        "accounts/password_reset/",
        named("password_reset"),
        {"GET": anyone, "POST": anyone},
        {"POST": lambda w: {"email": "nobody@example.org"}},
    ),
    Endpoint(
        "accounts/password_reset/done/", named("password_reset_done"), {"GET": anyone}
    ),
    Endpoint(
        "accounts/reset/<uidb64>/<token>/",
        lambda w: reverse(
            "password_reset_confirm", kwargs={"uidb64": "MQ", "token": "no-such-token"}
        ),
        {"GET": anyone, "POST": anyone},  # an invalid link: a page that says so
    ),
    Endpoint("accounts/reset/done/", named("password_reset_complete"), {"GET": anyone}),
]

READ = api()
A = "api/v1/"

API = [
    Endpoint(A, named("api:root"), {"GET": READ}),
    # The API's description is public: it holds no data.
    Endpoint(A + "schema/", named("api:schema"), {"GET": anyone}),
    Endpoint(A + "docs/", named("api:docs"), {"GET": anyone}),
    Endpoint(A + "redoc/", named("api:redoc"), {"GET": anyone}),
    Endpoint(A + "claims/", named("api:claim-list"), {"GET": READ}),
    Endpoint(A + "claims/<int:pk>/", named("api:claim-detail", "claim"), {"GET": READ}),
    # Bulk exports: logged-in clients only, whatever API_PUBLIC_READ says.
    Endpoint(
        A + "claims/export.csv",
        named("api:claims-export-csv"),
        {"GET": api(login=True)},
    ),
    Endpoint(
        A + "claims/export.jsonl",
        named("api:claims-export-jsonl"),
        {"GET": api(login=True)},
    ),
    Endpoint(
        A + "claims/<int:pk>/claimreview",
        named("api:claim-claimreview", "claim"),
        {"GET": READ},
    ),
    Endpoint(A + "claimreviews/", named("api:claimreview-list"), {"GET": READ}),
    Endpoint(
        A + "articles/",
        named("api:article-list"),
        {"GET": READ, "POST": api("claims.add_article", write=True)},
        {
            "POST": lambda w: {
                "text": "Mr Dowden said the hackers were Chinese.",
                "title": "Pasted through the API",
            }
        },
    ),
    Endpoint(
        A + "articles/<int:pk>/",
        named("api:article-detail", "article"),
        {"GET": READ},
    ),
    Endpoint(
        A + "articles/<int:pk>/reprocess/",
        named("api:article-reprocess", "article"),
        {"GET": api_post_only, "POST": api("claims.add_article", write=True)},
    ),
    Endpoint(A + "actors/", named("api:actor-list"), {"GET": READ}),
    Endpoint(A + "actors/<int:pk>/", named("api:actor-detail", "actor"), {"GET": READ}),
    Endpoint(
        A + "actors/<int:pk>/claims/",
        named("api:actor-claims", "actor"),
        {"GET": READ},
    ),
    Endpoint(A + "sources/", named("api:source-list"), {"GET": READ}),
    Endpoint(
        A + "sources/<int:pk>/", named("api:source-detail", "source"), {"GET": READ}
    ),
    Endpoint(
        A + "reviews/",
        named("api:review-list"),
        {"GET": READ, "POST": api("claims.add_review", write=True)},
        {
            "POST": lambda w: {
                "claim": w["claim"].pk,
                "version": version_of(w),
                "verdict": "misleading",
                "rationale": "Only one system was reached.",
            }
        },
    ),
    Endpoint(
        A + "reviews/<int:pk>/", named("api:review-detail", "review"), {"GET": READ}
    ),
    Endpoint(
        A + "annotations/",
        named("api:annotation-list"),
        {"GET": READ, "POST": api("claims.add_annotation", write=True)},
        {"POST": lambda w: {"body": "Check the date.", "claim": w["claim"].pk}},
    ),
    # A visible note: anyone reads it; only its author (the editor) edits it.
    Endpoint(
        A + "annotations/<int:pk>/",
        named("api:annotation-detail", "note"),
        {
            "GET": READ,
            "PUT": api(write=True, owned="refused"),
            "PATCH": api(write=True, owned="refused"),
            "DELETE": api(write=True, owned="refused"),
        },
        {
            "PUT": lambda w: {"body": "Ask the NCSC, then the Commission."},
            "PATCH": lambda w: {"body": "Ask the NCSC, then the Commission."},
        },
        label="visible note",
    ),
    # A hidden note exists for editors only.
    Endpoint(
        A + "annotations/<int:pk>/",
        named("api:annotation-detail", "hidden_note"),
        {
            "GET": api(seen_with="claims.change_annotation"),
            "PATCH": api(
                write=True, seen_with="claims.change_annotation", owned="refused"
            ),
            "DELETE": api(
                write=True, seen_with="claims.change_annotation", owned="refused"
            ),
        },
        {"PATCH": lambda w: {"body": "Still off the record."}},
        label="hidden note",
    ),
    Endpoint(
        A + "annotations/<int:pk>/hide/",
        named("api:annotation-hide", "note"),
        {"GET": api_post_only, "POST": api("claims.change_annotation", write=True)},
        {"POST": lambda w: {"hidden": True}},
    ),
    Endpoint(A + "deletions/", named("api:deletion-list"), {"GET": READ}),
    Endpoint(
        A + "feeds/",
        named("api:feed-list"),
        {"GET": READ, "POST": api("claims.add_feed", write=True)},
        {
            "POST": lambda w: {
                "url": "https://example.org/api-feed.xml",
                "outlet": w["source"].pk,
            }
        },
    ),
    Endpoint(
        A + "feeds/<int:pk>/",
        named("api:feed-detail", "feed"),
        {
            "GET": READ,
            "PATCH": api("claims.change_feed", write=True),
            "DELETE": api("claims.delete_feed", write=True),
        },
        {"PATCH": lambda w: {"is_active": False}},
    ),
    Endpoint(
        A + "feeds/<int:pk>/poll/",
        named("api:feed-poll", "feed"),
        {"GET": api_post_only, "POST": api("claims.change_feed", write=True)},
    ),
    Endpoint(
        A + "feeds/import/",
        named("api:feed-import"),
        {"GET": api_post_only, "POST": api("claims.add_feed", write=True)},
        {
            "POST": lambda w: {
                "opml": '<opml version="2.0"><body><outline text="Other" '
                'xmlUrl="https://example.org/opml-feed.xml"/></body></opml>'
            }
        },
    ),
    # The match queue: anyone who may read lists it; editors decide.
    Endpoint(A + "matches/", named("api:match-list"), {"GET": READ}),
    Endpoint(
        A + "matches/<int:pk>/", named("api:match-detail", "match"), {"GET": READ}
    ),
    Endpoint(
        A + "matches/<int:pk>/accept/",
        named("api:match-accept", "match"),
        {"GET": api_post_only, "POST": api("claims.change_claimmatch", write=True)},
    ),
    Endpoint(
        A + "matches/<int:pk>/reject/",
        named("api:match-reject", "match"),
        {"GET": api_post_only, "POST": api("claims.change_claimmatch", write=True)},
    ),
    Endpoint(
        A + "claims/<int:pk>/split/",
        named("api:claim-split", "split_claim"),
        {"GET": api_post_only, "POST": api("claims.change_claim", write=True)},
        {
            "POST": lambda w: {
                "version": w["split_claim"].version,
                "appearances": [w["split_off"].pk],
            }
        },
    ),
    Endpoint(
        A + "claims/<int:pk>/merge/",
        named("api:claim-merge", "spare_claim"),
        {"GET": api_post_only, "POST": api("claims.change_claim", write=True)},
        {
            "POST": lambda w: {
                "version": w["spare_claim"].version,
                "into": w["claim"].pk,
            }
        },
    ),
    # Webhooks: any logged-in client manages its own; others' do not exist.
    Endpoint(
        A + "webhooks/",
        named("api:webhook-list"),
        {"GET": api(login=True), "POST": api(write=True)},
        {
            "POST": lambda w: {
                "url": "https://example.org/another-hook",
                "events": ["claim.reviewed"],
            }
        },
    ),
    Endpoint(
        A + "webhooks/<int:pk>/",
        named("api:webhook-detail", "webhook"),
        {
            "GET": api(login=True, owned="hidden"),
            "PATCH": api(write=True, owned="hidden"),
            "DELETE": api(write=True, owned="hidden"),
        },
        {"PATCH": lambda w: {"is_active": False}},
    ),
    Endpoint(
        A + "webhooks/<int:pk>/deliveries/",
        named("api:webhook-deliveries", "webhook"),
        {"GET": api(login=True, owned="hidden")},
    ),
]


def admin_model(app: str, model: str, obj: str, **override: Rule) -> list[Endpoint]:
    """The admin's URLs of one registered model; ``override``: view -> rule."""
    prefix = f"admin/{app}/{model}/"
    name = f"admin:{app}_{model}_"
    rules = {
        "changelist": admin_only(),
        "add": admin_only(),
        "add_post": admin_only(),
        "change": admin_only(),
        "change_post": admin_only(),
        "delete": admin_only(),
        "delete_post": admin_only(),
        "history": admin_only(),
        **override,
    }
    return [
        Endpoint(prefix, admin_url(name + "changelist"), {"GET": rules["changelist"]}),
        Endpoint(
            prefix + "add/",
            admin_url(name + "add"),
            {"GET": rules["add"], "POST": rules["add_post"]},  # empty: the form again
        ),
        Endpoint(
            prefix + "<path:object_id>/change/",
            admin_url(name + "change", obj),
            {"GET": rules["change"], "POST": rules["change_post"]},
        ),
        Endpoint(
            prefix + "<path:object_id>/delete/",
            admin_url(name + "delete", obj),
            {"GET": rules["delete"], "POST": rules["delete_post"]},
            {"POST": lambda w: {"post": "yes"}},
        ),
        Endpoint(
            prefix + "<path:object_id>/history/",
            admin_url(name + "history", obj),
            {"GET": rules["history"]},
        ),
        # The old change URL, which redirects to the new one.
        Endpoint(
            prefix + "<path:object_id>/",
            lambda w: f"/{prefix}{w[obj].pk}/",
            {"GET": admin_only()},
        ),
    ]


ADMIN = [
    Endpoint("admin/", admin_url("admin:index"), {"GET": admin_only()}),
    Endpoint(
        "admin/login/",
        admin_url("admin:login"),
        {"GET": anyone, "POST": anyone},  # a wrong password: the form again
        {"POST": lambda w: {"username": "nobody", "password": "wrong"}},
    ),
    # Logging out takes POST; anyone else is sent to the admin's front page.
    Endpoint(
        "admin/logout/",
        admin_url("admin:logout"),
        {"GET": admin_only(NOT_ALLOWED, OK), "POST": admin_only(OK, OK)},
    ),
    Endpoint(
        "admin/password_change/",
        admin_url("admin:password_change"),
        {"GET": admin_only(), "POST": admin_only()},
    ),
    Endpoint(
        "admin/password_change/done/",
        admin_url("admin:password_change_done"),
        {"GET": admin_only()},
    ),
    Endpoint(
        "admin/autocomplete/",
        lambda w: (
            reverse("admin:autocomplete")
            + "?app_label=claims&model_name=feed&field_name=source&term=Ex"
        ),
        {"GET": admin_only()},
    ),
    Endpoint("admin/jsi18n/", admin_url("admin:jsi18n"), {"GET": admin_only()}),
    Endpoint(
        "admin/r/<path:content_type_id>/<path:object_id>/",
        lambda w: reverse(
            "admin:view_on_site",
            args=[ContentType.objects.get_for_model(w["claim"]).pk, w["claim"].pk],
        ),
        {"GET": admin_only()},
    ),
    Endpoint(
        "admin/^(?P<app_label>auth|claims)/$",
        lambda w: reverse("admin:app_list", args=["claims"]),
        {"GET": admin_only()},
    ),
    # Past the admin's login, no page says which admin URLs exist.
    Endpoint(
        "admin/(?P<url>.*)$",
        lambda w: "/admin/no-such-page/",
        {"GET": admin_only(NOT_FOUND)},
    ),
    Endpoint(
        "admin/auth/user/<id>/password/",
        admin_url("admin:auth_user_password_change", "user"),
        {"GET": admin_only(), "POST": admin_only()},
    ),
    *admin_model("auth", "group", "group"),
    *admin_model("auth", "user", "user"),
    *admin_model("claims", "source", "source"),
    *admin_model("claims", "feed", "feed"),
    *admin_model("claims", "article", "article"),
    *admin_model("claims", "actor", "actor"),
    *admin_model("claims", "claim", "claim"),
    # Reviews are kept as written and made through the review service (it moves
    # the claim's verdict and version): the admin reads them, and adds, changes
    # and deletes none.
    *admin_model(
        "claims",
        "review",
        "review",
        add=admin_only(FORBIDDEN),
        add_post=admin_only(FORBIDDEN),
        change_post=admin_only(FORBIDDEN),
        delete=admin_only(FORBIDDEN),
        delete_post=admin_only(FORBIDDEN),
    ),
    *admin_model("claims", "annotation", "note"),
    *admin_model("claims", "appearance", "appearance"),
    *admin_model("claims", "mention", "mention"),
    *admin_model("claims", "apitoken", "token"),
]

ENDPOINTS = [*PAGES, *AUTH, *API, *ADMIN]


# --- Running a request and naming its outcome ---------------------------------------


def request(principal: Principal, endpoint: Endpoint, method: str, world: dict):
    client = client_as(principal, world)
    url = endpoint.url(world)
    make = endpoint.data.get(method)
    data = make(world) if make else {}
    if endpoint.area == "api":
        body = json.dumps(data) if data else ""
        return client.generic(method, url, data=body, content_type="application/json")
    if method == "GET":
        return client.get(url)
    return getattr(client, method.lower())(url, data)


def outcome(response, area: str) -> str:
    """The class of an answer; a login asked in the wrong form for the area (a
    redirect from the API, a 401 from a page) is named as such."""
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        target = urlsplit(response["Location"]).path
        login_page = reverse("admin:login" if area == "admin" else "login")
        if target == login_page and area != "api":
            return LOGIN
        if target in (reverse("login"), reverse("admin:login")):
            return f"redirect to {target}"
        return OK
    if status == 401:
        return LOGIN if area == "api" else "401 from a page"
    by_status = {403: FORBIDDEN, 404: NOT_FOUND, 405: NOT_ALLOWED}
    if status in by_status:
        return by_status[status]
    return OK if 200 <= status < 300 else f"status {status}"


def answers(principals: list[Principal], endpoint: Endpoint, method: str, world):
    """What each principal gets, each from the same starting state: whatever a
    request writes is rolled back, and the cache (throttles, login failures)
    emptied, before the next one asks."""
    got = {}
    for principal in principals:
        cache.clear()
        with transaction.atomic():
            response = request(principal, endpoint, method, world)
            transaction.set_rollback(True)
        got[principal.name] = outcome(response, endpoint.area)
    return got


def expectations(principals: list[Principal], rule: Rule, site: Site) -> dict:
    return {principal.name: rule(principal, site) for principal in principals}


# --- The matrix: one test per (endpoint, method), every principal in it --------------

DEFAULT_SITE = Site()
# Rows where the product departs from the table (see each reason); strict, so
# a fix shows up as a failure to remove the mark.
KNOWN_BUGS: dict[tuple[str, str], str] = {}
BUG_REASONS: dict[str, str] = {}


def rows(areas: set[str], methods: set[str] | None = None) -> Iterator:
    for endpoint in ENDPOINTS:
        if endpoint.area not in areas:
            continue
        for method in endpoint.methods:
            if methods and method not in methods:
                continue
            bug = KNOWN_BUGS.get((method, endpoint.route))
            marks = (
                [pytest.mark.xfail(strict=True, reason=BUG_REASONS[bug])] if bug else []
            )
            yield pytest.param(
                endpoint, method, id=f"{method} /{endpoint.id}", marks=marks
            )


@pytest.mark.parametrize(("endpoint", "method"), list(rows({"pages", "api"})))
def test_pages_and_api_answer_as_designed(endpoint, method, world, settings):
    settings.PUBLIC_READ = DEFAULT_SITE.public_read
    settings.API_PUBLIC_READ = DEFAULT_SITE.api_public_read
    rule = endpoint.methods[method]
    assert answers(PRINCIPALS, endpoint, method, world) == expectations(
        PRINCIPALS, rule, DEFAULT_SITE
    )


@pytest.mark.parametrize(("endpoint", "method"), list(rows({"admin"})))
def test_the_admin_answers_as_designed(endpoint, method, world):
    rule = endpoint.methods[method]
    assert answers(PRINCIPALS, endpoint, method, world) == expectations(
        PRINCIPALS, rule, DEFAULT_SITE
    )


# A site closed to the public (PUBLIC_READ off) with its API open to anonymous
# readers (API_PUBLIC_READ on): the two switches change what anonymous clients
# get, and a token still logs nobody in to the pages.
FLIPPED_SITE = Site(public_read=False, api_public_read=True)
ANONYMOUS_ON_PAGES = [PRINCIPALS[0], PRINCIPALS[5]]  # nobody; a read token


@pytest.mark.parametrize(("endpoint", "method"), list(rows({"pages", "api"}, {"GET"})))
def test_reads_follow_the_public_read_switches(endpoint, method, world, settings):
    settings.PUBLIC_READ = FLIPPED_SITE.public_read
    settings.API_PUBLIC_READ = FLIPPED_SITE.api_public_read
    rule = endpoint.methods[method]
    assert answers(ANONYMOUS_ON_PAGES, endpoint, method, world) == expectations(
        ANONYMOUS_ON_PAGES, rule, FLIPPED_SITE
    )


# --- The table is complete ----------------------------------------------------------


def resolver_routes(
    patterns=None, prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    """(route, pattern) of every URL the site answers, as the resolver spells it."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from resolver_routes(pattern.url_patterns, route)
        else:
            yield route, pattern


def test_the_table_classifies_every_url():
    site = {route for route, _ in resolver_routes()}
    table = {endpoint.route for endpoint in ENDPOINTS}
    assert sorted(site - table) == [], "URLs the access table does not classify"
    assert sorted(table - site) == [], "rows for URLs the site no longer has"


METHODS = ("get", "post", "put", "patch", "delete")


def accepted_methods(pattern: URLPattern) -> set[str]:
    """The methods a DRF view answers (router actions, or an APIView's handlers);
    HEAD and OPTIONS follow GET and need no row."""
    callback = pattern.callback
    view_class = getattr(callback, "cls", None)
    if view_class is None or not issubclass(view_class, APIView):
        return set()
    actions = getattr(callback, "actions", None)
    answered = (
        set(actions) if actions else {m for m in METHODS if hasattr(view_class, m)}
    )
    return {method.upper() for method in answered} & {m.upper() for m in METHODS}


def test_the_table_classifies_every_api_method():
    table: dict[str, set[str]] = {}
    for endpoint in ENDPOINTS:
        table.setdefault(endpoint.route, set()).update(endpoint.methods)
    missing = {
        route: sorted(accepted_methods(pattern) - table.get(route, set()))
        for route, pattern in resolver_routes()
        if accepted_methods(pattern) - table.get(route, set())
    }
    assert missing == {}, "API methods the access table does not classify"


def test_every_row_has_a_rule_for_every_principal():
    outcomes = {OK, LOGIN, FORBIDDEN, NOT_FOUND, NOT_ALLOWED}
    for endpoint in ENDPOINTS:
        for method, rule in endpoint.methods.items():
            assert method in {"GET", "POST", "PUT", "PATCH", "DELETE"}
            for site in (DEFAULT_SITE, FLIPPED_SITE):
                assert set(expectations(PRINCIPALS, rule, site).values()) <= outcomes
