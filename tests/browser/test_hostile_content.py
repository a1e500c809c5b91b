"""Hostile content everywhere a page shows stored text: nothing runs.

Article titles, bylines and text, claim text, actor and outlet names, review
rationale and evidence links, notes: each carries script tags, event handlers,
javascript: URLs or CSS injection. Chromium opens every page that shows them,
the admin's included, and no payload runs (no dialog, no marker set), with the
Content-Security-Policy in force and the pages still working (htmx loaded).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from claims.models import Annotation, Appearance, ClaimMatch, Review, Source
from tests.factories import make_actor, make_article, make_claim

pytestmark = pytest.mark.django_db(transaction=True)

PAYLOADS = [
    "<script>window.__pwned='script';alert(1)</script>",
    "<img src=x onerror=\"window.__pwned='img';alert(2)\">",
    "<svg onload=\"window.__pwned='svg'\"></svg>",
    "</title></style><style>body{background:url(javascript:alert(3))}</style>",
    '"><a href="javascript:window.__pwned=\'link\'" id="evil">click</a>',
]
HOSTILE = " ".join(PAYLOADS)


@pytest.fixture
def hostile(editor):
    source = Source.objects.create(name=f"Outlet {PAYLOADS[1]}")
    actor = make_actor(f"Speaker {PAYLOADS[0]}")
    text = f"Hackers struck, she said. {HOSTILE}"
    article = make_article(
        f"Title {PAYLOADS[0]}", source=source, text=text,
        raw_html=f"<html><body>{HOSTILE}</body></html>",
    )  # fmt: skip
    article.byline = f"By {PAYLOADS[2]}"
    article.save()
    claim = make_claim(f"Claim {PAYLOADS[4]}", claimant=actor, articles=(article,))
    Review.objects.create(
        claim=claim, reviewer=editor, verdict="false",
        rationale=f"Because {PAYLOADS[3]}",
        evidence=[{"url": "javascript:window.__pwned='evidence'", "title": HOSTILE}],
    )  # fmt: skip
    Annotation.objects.create(author=editor, claim=claim, body=f"Note {HOSTILE}")
    repeat = make_claim(f"Repeat {PAYLOADS[0]}", articles=(article,))
    ClaimMatch.objects.create(
        claim=repeat, claim_text=repeat.text, target=claim, method="lexical", score=0.7
    )
    quote = Appearance.objects.filter(claim=claim).first()
    return {"source": source, "actor": actor, "article": article, "claim": claim,
            "appearance": quote}  # fmt: skip


def _visit(page, path: str) -> None:
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    response = page.goto(path)
    assert response.status < 400, path
    page.wait_for_load_state("load")
    assert page.evaluate("window.__pwned") is None, path
    assert dialogs == [], path
    # Clicking the injected link (if it survived as a link at all) runs nothing.
    if page.locator("a#evil").count():
        page.locator("a#evil").first.click()
        assert page.evaluate("window.__pwned") is None, path


def test_no_stored_payload_runs_on_any_page(new_page, live_server, hostile, editor):
    page = new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", "ed")
    page.fill("#id_password", "pw-ed")
    page.click("button[type=submit]")
    claim, article = hostile["claim"], hostile["article"]
    paths = [
        "/",
        "/claims/",
        "/claims/?q=Hackers",
        claim.get_absolute_url(),
        article.get_absolute_url(),
        hostile["actor"].get_absolute_url(),
        hostile["source"].get_absolute_url(),
        "/review/",
        "/matches/",
        "/articles/",
        "/actors/",
        "/api/v1/docs/",
    ]
    for path in paths:
        _visit(page, path)
    # The pages still work under the policy: htmx loaded and running.
    page.goto("/claims/")
    assert page.evaluate("typeof window.htmx") == "object"


def test_no_stored_payload_runs_in_the_admin(new_page, hostile):
    User.objects.create_superuser("boss", password="pw-boss")
    page = new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", "pw-boss")
    page.click("input[type=submit]")
    claim, article = hostile["claim"], hostile["article"]
    for path in [
        "/admin/claims/claim/",
        f"/admin/claims/claim/{claim.pk}/change/",
        "/admin/claims/article/",
        f"/admin/claims/article/{article.pk}/change/",
        f"/admin/claims/actor/{hostile['actor'].pk}/change/",
        f"/admin/claims/source/{hostile['source'].pk}/change/",
        "/admin/claims/review/",
        "/admin/claims/annotation/",
    ]:
        _visit(page, path)
