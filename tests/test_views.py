"""The pages as an anonymous visitor, a journalist, an editor and an outsider see."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims import services
from claims.models import Actor, Article, Claim
from tests.conftest import DATA


@pytest.fixture
def ingested(seed_text, journalist) -> Article:
    article, _ = services.article_submit_text(text=seed_text, user=journalist)
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    return article


@pytest.mark.django_db(transaction=True)
def test_anonymous_visitors_read_claims_actors_and_articles(client, ingested):
    dowden = Actor.objects.get(name="Oliver Dowden")
    claim = dowden.claims.first()
    pages = {
        reverse("claims:home"): "Latest claims",
        reverse("claims:claims"): claim.text[:40],
        reverse("claims:actors"): "Oliver Dowden",
        reverse("claims:articles"): ingested.title,
        dowden.get_absolute_url(): claim.text[:40],
        claim.get_absolute_url(): "Oliver Dowden",
        ingested.get_absolute_url(): "Lord Cameron",
    }
    for url, expected in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert expected in response.content.decode(), url
    # Anonymous visitors see no submit button, and the form sends them to log in.
    assert "Submit article" not in client.get(reverse("claims:home")).content.decode()
    response = client.get(reverse("claims:submit"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db(transaction=True)
def test_the_article_page_highlights_each_claim_with_its_speaker(client, ingested):
    body = client.get(ingested.get_absolute_url()).content.decode()
    for appearance in ingested.appearances.select_related("claim"):
        assert f'data-claim="{appearance.claim_id}"' in body
    assert 'title="Lord Cameron"' in body
    assert "<mark" in body
    assert "Source link" not in body


@pytest.mark.django_db
def test_the_closed_site_asks_anonymous_visitors_to_log_in(client, settings):
    settings.PUBLIC_READ = False
    response = client.get(reverse("claims:claims"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_a_journalist_submits_a_url_and_lands_on_the_article(
    client, journalist, settings
):
    settings.TASK_MODE = "celery"  # queued only: nothing fetches example.com here
    client.force_login(journalist)
    response = client.post(
        reverse("claims:submit"), {"kind": "url", "u-url": "https://example.com/news/1"}
    )
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    assert article.submitted_by == journalist
    assert article.status == Article.Status.QUEUED
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 1s"' in page  # keeps itself up to date
    assert "Queued" in page


@pytest.mark.django_db
def test_a_duplicate_url_leads_to_the_existing_article(client, journalist, settings):
    settings.TASK_MODE = "celery"
    client.force_login(journalist)
    data = {"kind": "url", "u-url": "https://example.com/news/2"}
    first = client.post(reverse("claims:submit"), data)
    second = client.post(reverse("claims:submit"), data, follow=True)
    assert Article.objects.count() == 1
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "already submitted" in second.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_journalist_pastes_text_with_a_title(client, journalist, seed_text):
    client.force_login(journalist)
    response = client.post(
        reverse("claims:submit"),
        {
            "kind": "text",
            "t-text": seed_text,
            "t-title": "Hackers and MPs",
            "t-url": "",
        },
        follow=True,
    )
    article = Article.objects.get()
    assert article.title == "Hackers and MPs"
    assert article.status == Article.Status.DONE
    assert "Iain Duncan Smith" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_journalist_uploads_an_html_file(client, journalist):
    client.force_login(journalist)
    upload = SimpleUploadedFile(
        "page.html", (DATA / "seed-article.html").read_bytes(), content_type="text/html"
    )
    client.post(reverse("claims:submit"), {"kind": "html", "h-file": upload})
    article = Article.objects.get()
    assert article.status == Article.Status.DONE
    assert article.byline == "Example Political Staff"


@pytest.mark.django_db
def test_bad_submissions_show_the_reason_and_store_nothing(client, journalist):
    client.force_login(journalist)
    cases = [
        ({"kind": "url", "u-url": "ftp://example.com/file"}, "http"),
        ({"kind": "url", "u-url": "not a url"}, ""),
        ({"kind": "text", "t-text": ""}, "required"),
        (
            {
                "kind": "html",
                "h-file": SimpleUploadedFile("x.pdf", b"%PDF-1.4", "application/pdf"),
            },
            ".html",
        ),
    ]
    for data, reason in cases:
        response = client.post(reverse("claims:submit"), data)
        assert response.status_code == 200
        assert reason in response.content.decode()
        assert 'class="errorlist' in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_an_outsider_cannot_submit(client, outsider):
    client.force_login(outsider)
    response = client.post(
        reverse("claims:submit"), {"kind": "url", "u-url": "https://example.com/x"}
    )
    assert response.status_code == 403
    assert not Article.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_editor_reprocesses_an_article(client, editor, ingested):
    claims_before = set(Claim.objects.values_list("pk", flat=True))
    client.force_login(editor)
    response = client.post(reverse("claims:article-reprocess", args=[ingested.pk]))
    assert response.status_code == 302
    ingested.refresh_from_db()
    assert ingested.status == Article.Status.DONE
    assert set(Claim.objects.values_list("pk", flat=True)) == claims_before
    assert ingested.events.filter(status="queued").count() == 2


@pytest.mark.django_db
def test_reprocess_needs_a_role_and_a_post(client, outsider):
    article, _ = services.article_submit_url(url="https://example.com/y", enqueue=False)
    url = reverse("claims:article-reprocess", args=[article.pk])
    assert client.post(url).status_code == 302  # to the login page
    client.force_login(outsider)
    assert client.post(url).status_code == 403
    assert client.get(url).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_article_html_from_the_web_is_never_rendered_raw(client, journalist):
    hostile = (
        '<html><head><title>Hi<script>alert("t")</script></title></head><body>'
        "<article><p>The minister said the plan would cost <b>£4bn</b> over four "
        "years, according to officials.</p><p>&lt;script&gt;alert(1)&lt;/script&gt; "
        'appeared <img src=x onerror="alert(2)"> in the text of this article here.'
        "</p></article></body></html>"
    )
    article, _ = services.article_submit_html(html=hostile, user=journalist)
    article.refresh_from_db()
    assert article.status == Article.Status.DONE, article.error
    body = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "onerror" not in body


@pytest.mark.django_db
def test_the_htmx_poll_gets_only_the_article_part(client):
    article, _ = services.article_submit_url(url="https://example.com/z", enqueue=False)
    response = client.get(article.get_absolute_url(), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert 'id="article-status"' in body


def test_the_login_page_is_at_accounts_login(client, db):
    assert client.get("/accounts/login/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_an_uploaded_page_in_windows_1252_keeps_its_letters(client, journalist):
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head><body>'
        "<article><p>The minister said the caf\xe9 owners in S\xe3o Paulo would be "
        "paid \x93in full\x94 by the end of the year, officials said.</p></article>"
        "</body></html>"
    ).encode("latin-1")
    client.force_login(journalist)
    upload = SimpleUploadedFile("cafe.html", page, content_type="text/html")
    client.post(reverse("claims:submit"), {"kind": "html", "h-file": upload})
    article = Article.objects.get()
    assert "café owners in São Paulo" in article.text
    assert "“in full”" in article.text
