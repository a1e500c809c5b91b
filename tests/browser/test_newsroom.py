"""A newsroom's day in real Chromium: submit, watch, search, read."""

import pytest
from playwright.sync_api import expect

from claims.models import Article
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


# Tasks run inline when the submission commits (the autouse fixture in
# tests/conftest.py): the in-memory SQLite test database locks whole tables
# between threads, so a background ingest thread would fail here, though not on
# the file database of the embedded default. The live polling itself is covered
# by tests/test_views.py and tests/test_worker_flow.py.


def test_a_journalist_submits_an_article_and_watches_it_processed(
    new_page, journalist, seed_text
):
    page = new_page()
    log_in(page, "jo", "pw-jo")
    page.get_by_role("link", name="Submit article").click()
    page.get_by_role("link", name="Paste text").click()
    page.get_by_label("Article text").fill(seed_text)
    page.get_by_label("Title").fill("China hackers and MPs")
    page.get_by_role("button", name="Submit text").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("China hackers and MPs")
    # The status updates in place, without a reload, until the article is done.
    expect(page.locator("#article-status")).to_have_text("Done", timeout=120_000)
    expect(page.locator("mark[data-claim]").first).to_be_visible()
    expect(page.get_by_role("link", name="Lord Cameron").first).to_be_visible()
    screenshot(page, "article")
    assert Article.objects.get().status == Article.Status.DONE

    page.get_by_role("link", name="Oliver Dowden").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Oliver Dowden")
    screenshot(page, "actor")
    page.locator(".claim-row a.claim-text").first.click()
    expect(page.locator(".claim-quote")).to_be_visible()
    screenshot(page, "claim")


def test_pages_fit_a_phone_screen(new_page, journalist, seed_text):
    from claims import services

    services.article_submit_text(text=seed_text, enqueue=False)
    from claims.tasks import ingest_article

    ingest_article.apply(args=[Article.objects.get().pk])
    page = new_page(width=375, height=800)
    article_url = Article.objects.get().get_absolute_url()
    pages = [
        ("/", "home-375"),
        ("/claims/", "claims-375"),
        (article_url, "article-375"),
    ]
    for path, name in pages:
        page.goto(path)
        # Nothing wider than the screen: no sideways scrolling on a phone.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (path, width)
        screenshot(page, name)


def test_an_editor_judges_and_annotates_and_the_journalist_sees_it(
    new_page, journalist, editor, seed_text
):
    from claims import services
    from claims.tasks import ingest_article

    article, _ = services.article_submit_text(text=seed_text, enqueue=False)
    ingest_article.apply(args=[article.pk])

    # The journalist finds a speaker's claims through the search box.
    reader = new_page()
    log_in(reader, "jo", "pw-jo")
    reader.goto("/claims/")
    reader.get_by_label("Search claims, speakers and article titles").fill("Loughton")
    reader.keyboard.press("Enter")
    expect(reader.locator(".claim-row").first).to_contain_text("Tim Loughton")
    screenshot(reader, "search")
    claim_url = reader.locator(".claim-row a.claim-text").first.get_attribute("href")

    # The editor takes the claim, judges it with evidence and checks attribution.
    desk = new_page()
    log_in(desk, "ed", "pw-ed")
    desk.goto(claim_url)
    desk.get_by_role("button", name="Take it").click()
    # Taking the claim opens the review form for the editor who holds it.
    expect(desk.locator("#review-panel")).to_contain_text("by you")
    desk.get_by_label("Verdict:").select_option("misleading")
    desk.get_by_label("Rationale:").fill("The messages came from an impersonator.")
    desk.get_by_label("Evidence links:").fill(
        "https://example.org/statement Parliament security statement"
    )
    desk.get_by_label("Attribution:").select_option("confirmed")
    desk.get_by_label("Attribution note:").fill("Said on the record at the briefing.")
    desk.get_by_role("button", name="Save review").click()
    expect(desk.locator("body")).to_contain_text(
        "The messages came from an impersonator."
    )
    screenshot(desk, "claim-reviewed")

    # ... and notes a span of the article by selecting it.
    desk.goto(article.get_absolute_url())
    words = desk.locator(".article-text p").nth(1)
    words.select_text()
    desk.dispatch_event(".article-text", "mouseup")
    quote = desk.locator("#note-quote").input_value()
    assert quote and quote in article.text
    desk.locator("#note-body").fill("Check which systems were hit.")
    desk.get_by_role("button", name="Add note").click()
    expect(desk.locator(".note-span").first).to_be_visible()
    screenshot(desk, "article-noted")

    # The journalist sees the verdict and the note.
    reader.goto(claim_url)
    expect(reader.locator("body")).to_contain_text("Misleading")
    expect(reader.locator("body")).to_contain_text("Parliament security statement")
    reader.goto(article.get_absolute_url())
    expect(reader.locator("#notes")).to_contain_text("Check which systems were hit.")
    expect(reader.locator(".note-span").first).to_be_visible()
