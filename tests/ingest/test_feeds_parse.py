"""feeds.py: RSS, Atom, sitemaps and OPML read into items; hostile input refused.

The documents are small hand-written examples of each format, shaped like what
outlets publish (FeedBurner links, xml:base, CDATA, news sitemaps).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from claims.ingest.feeds import FeedError, parse_date, parse_feed, parse_opml
from claims.ingest.fetch import InvalidURL, canonical_url

RSS2 = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Example News - UK</title>
    <link>https://www.example.org/news</link>
    <item>
      <title><![CDATA[Minister denies <b>leak</b>]]></title>
      <link>https://www.example.org/news/uk-1?utm_source=rss&amp;utm_medium=feed</link>
      <guid isPermaLink="false">uk-1</guid>
      <pubDate>Mon, 25 Mar 2024 10:00:00 GMT</pubDate>
    </item>
    <item>
      <title>Relative link</title>
      <link>/news/uk-2</link>
      <pubDate>Mon, 25 Mar 2024 11:30:00 +0100</pubDate>
    </item>
    <item>
      <title>Through FeedBurner</title>
      <link>https://feeds.feedburner.example/~r/example/~3/abc/</link>
      <feedburner:origLink>https://www.example.org/news/uk-3</feedburner:origLink>
      <dc:date>2024-03-25T12:00:00Z</dc:date>
    </item>
    <item>
      <title>Only a permalink guid</title>
      <guid>https://www.example.org/news/uk-4#comments</guid>
    </item>
    <item>
      <title>The same story again, shared</title>
      <link>https://WWW.Example.org:443/news/uk-1?fbclid=abc123</link>
    </item>
    <item><title>No address at all</title><description>Just text</description></item>
    <item><title>Not a web page</title><link>javascript:alert(1)</link></item>
  </channel>
</rss>
"""


def test_it_reads_rss_2():
    feed = parse_feed(RSS2, "https://www.example.org/feeds/uk.xml")
    assert feed.kind == "rss"
    assert feed.title == "Example News - UK"
    assert [i.url for i in feed.items] == [
        "https://www.example.org/news/uk-1",
        "https://www.example.org/news/uk-2",
        "https://www.example.org/news/uk-3",
        "https://www.example.org/news/uk-4",
    ]
    first = feed.items[0]
    assert first.title == "Minister denies <b>leak</b>"
    assert first.guid == "uk-1"
    assert first.published_at == datetime(2024, 3, 25, 10, 0, tzinfo=UTC)
    assert feed.items[1].published_at == datetime(
        2024, 3, 25, 11, 30, tzinfo=timezone(timedelta(hours=1))
    )
    assert feed.items[2].published_at == datetime(2024, 3, 25, 12, 0, tzinfo=UTC)
    assert feed.items[3].published_at is None
    # The shared copy of uk-1 is the same item; two items had no usable address.
    assert feed.skipped == 2


def test_it_reads_rss_091_without_namespaces():
    doc = b"""<rss version="0.91"><channel><title>Old school</title>
      <item><title>One</title><link>http://old.example.org/1.html</link></item>
      <item><title>Two</title><link>http://old.example.org/2.html</link></item>
    </channel></rss>"""
    feed = parse_feed(doc)
    assert feed.kind == "rss"
    assert [(i.title, i.url) for i in feed.items] == [
        ("One", "http://old.example.org/1.html"),
        ("Two", "http://old.example.org/2.html"),
    ]


def test_it_reads_rss_1_rdf():
    doc = b"""<?xml version="1.0"?>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
             xmlns="http://purl.org/rss/1.0/"
             xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://rdf.example.org/">
        <title>RDF Gazette</title>
        <items><rdf:Seq><rdf:li rdf:resource="https://rdf.example.org/a"/></rdf:Seq></items>
      </channel>
      <item rdf:about="https://rdf.example.org/a">
        <title>Story A</title>
        <link>https://rdf.example.org/a?mc_cid=1&amp;mc_eid=2</link>
        <dc:date>2024-03-26T09:15:00+00:00</dc:date>
      </item>
      <item rdf:about="https://rdf.example.org/b"><title>Story B</title></item>
    </rdf:RDF>"""
    feed = parse_feed(doc)
    assert feed.kind == "rdf"
    assert feed.title == "RDF Gazette"
    assert [i.url for i in feed.items] == [
        "https://rdf.example.org/a",
        "https://rdf.example.org/b",
    ]
    assert feed.items[0].guid == "https://rdf.example.org/a"
    assert feed.items[0].published_at == datetime(2024, 3, 26, 9, 15, tzinfo=UTC)


def test_it_reads_rss_090():
    doc = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                       xmlns="http://my.netscape.com/rdf/simple/0.9/">
      <channel><title>Ninety</title><link>http://ninety.example.org/</link></channel>
      <item><title>First</title><link>http://ninety.example.org/first</link></item>
    </rdf:RDF>"""
    feed = parse_feed(doc)
    assert feed.kind == "rdf"
    assert [i.url for i in feed.items] == ["http://ninety.example.org/first"]


def test_it_reads_atom_1():
    doc = b"""<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.org/section/">
      <title type="html">Politics &amp;lt;live&amp;gt;</title>
      <link rel="self" href="https://atom.example.org/feed.atom"/>
      <entry>
        <title type="html">Budget &lt;em&gt;row&lt;/em&gt; deepens</title>
        <link rel="enclosure" type="image/jpeg" href="/img/1.jpg"/>
        <link rel="alternate" type="text/html" href="budget-row"/>
        <id>tag:atom.example.org,2024:1</id>
        <published>2024-03-27T08:00:00+01:00</published>
        <updated>2024-03-27T10:00:00+01:00</updated>
      </entry>
      <entry>
        <title>Only updated</title>
        <link href="https://atom.example.org/other?b=2&amp;a=1&amp;gclid=x"/>
        <id>tag:atom.example.org,2024:2</id>
        <updated>2024-03-27T11:00:00Z</updated>
      </entry>
      <entry><title>Only a self link</title><link rel="self" href="/x"/></entry>
    </feed>"""
    feed = parse_feed(doc, "https://atom.example.org/feed.atom")
    assert feed.kind == "atom"
    assert feed.title == "Politics <live>"
    assert [(i.url, i.title) for i in feed.items] == [
        ("https://atom.example.org/section/budget-row", "Budget row deepens"),
        ("https://atom.example.org/other?a=1&b=2", "Only updated"),
    ]
    assert feed.items[0].guid == "tag:atom.example.org,2024:1"
    assert feed.items[0].published_at == datetime(2024, 3, 27, 7, 0, tzinfo=UTC)
    assert feed.items[1].published_at == datetime(2024, 3, 27, 11, 0, tzinfo=UTC)
    assert feed.skipped == 1


def test_it_reads_a_news_sitemap():
    doc = b"""<?xml version="1.0" encoding="UTF-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
            xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
      <url>
        <loc>https://sitemap.example.org/2024/03/28/inquiry</loc>
        <news:news>
          <news:publication><news:name>Sitemap Herald</news:name>
            <news:language>en</news:language></news:publication>
          <news:publication_date>2024-03-28T06:30:00Z</news:publication_date>
          <news:title>Inquiry opens into procurement</news:title>
        </news:news>
      </url>
      <url><loc>https://sitemap.example.org/2024/03/28/second</loc>
        <news:news><news:publication_date>2024-03-28</news:publication_date>
        <news:title>Second</news:title></news:news></url>
    </urlset>"""
    feed = parse_feed(doc)
    assert feed.kind == "sitemap-news"
    assert feed.title == "Sitemap Herald"
    first, second = feed.items
    assert first.title == "Inquiry opens into procurement"
    assert first.url == "https://sitemap.example.org/2024/03/28/inquiry"
    assert first.published_at == datetime(2024, 3, 28, 6, 30, tzinfo=UTC)
    assert second.published_at == datetime(2024, 3, 28, tzinfo=UTC)


def test_a_plain_sitemap_is_a_fallback():
    doc = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://plain.example.org/a</loc><lastmod>2024-03-01</lastmod></url>
      <url><loc>https://plain.example.org/b</loc></url>
    </urlset>"""
    feed = parse_feed(doc)
    assert feed.kind == "sitemap"
    assert [i.url for i in feed.items] == [
        "https://plain.example.org/a",
        "https://plain.example.org/b",
    ]
    assert feed.items[0].published_at == datetime(2024, 3, 1, tzinfo=UTC)


def test_a_sitemap_index_says_to_pick_one_of_its_sitemaps():
    doc = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://idx.example.org/news.xml</loc></sitemap>
    </sitemapindex>"""
    with pytest.raises(FeedError, match=r"sitemap index.*idx\.example\.org/news\.xml"):
        parse_feed(doc)


def test_a_web_page_is_not_a_feed_but_its_feed_is_pointed_at():
    page = b"""<!doctype html><html><head><title>Home</title>
      <link rel="alternate" type="application/rss+xml" href="/rss.xml"></head>
      <body><p>News</p></body></html>"""
    with pytest.raises(FeedError) as caught:
        parse_feed(page, "https://home.example.org/")
    assert caught.value.message == (
        "The address serves a web page, not a feed. Its feed seems to be at "
        "https://home.example.org/rss.xml."
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The feed is empty."),
        (b"   \n", "The feed is empty."),
        (b'{"items": []}', "is not XML"),
        (b"\x00\x01\x02\xff\xfe garbage", "is not XML"),
        (b"<<<>>> not really xml &&&", "not well-formed XML"),
        (b"<note><to>Tove</to></note>", "root element is <note>"),
        (b"<rss><channel><item><title>cut off", "not well-formed XML"),
    ],
)
def test_garbage_is_a_clear_error(data, message):
    with pytest.raises(FeedError, match=message):
        parse_feed(data)


def test_a_truncated_feed_still_gives_its_complete_items():
    doc = b"""<rss version="2.0"><channel><title>Cut</title>
      <item><title>Whole</title><link>https://cut.example.org/1</link></item>
      <item><title>Half</title><link>https://cut.example.org/2</link></item>
      <item><title>Lost"""
    feed = parse_feed(doc)
    assert [i.url for i in feed.items][:2] == [
        "https://cut.example.org/1",
        "https://cut.example.org/2",
    ]


def test_a_stray_ampersand_is_forgiven():
    doc = b"""<rss version="2.0"><channel><title>Tom & Jerry News</title>
      <item><title>Cats & dogs</title><link>https://amp.example.org/1</link></item>
    </channel></rss>"""
    feed = parse_feed(doc)
    assert [i.url for i in feed.items] == ["https://amp.example.org/1"]


def _laughs(levels: int) -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels)
    ]
    last = f"&lol{levels - 1};"
    return (
        '<?xml version="1.0"?><!DOCTYPE rss [' + "".join(entities) + "]>"
        f'<rss version="2.0"><channel><title>{last}</title><item>'
        f"<title>{last}</title><link>https://laughs.example.org/1</link>"
        "</item></channel></rss>"
    ).encode()


def test_entities_are_never_expanded():
    # Nine levels expand to a billion "lol"s; three would be a thousand.
    started = time.monotonic()
    with pytest.raises(FeedError, match="not well-formed"):
        parse_feed(_laughs(10))
    feed = parse_feed(_laughs(4))
    assert time.monotonic() - started < 2
    assert "lollol" not in feed.items[0].title
    assert [i.url for i in feed.items] == ["https://laughs.example.org/1"]


def test_external_entities_are_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">'
        '<!ENTITY remote SYSTEM "http://127.0.0.1:9/dtd">]>'
        '<rss version="2.0"><channel><title>&x;&remote;</title><item>'
        "<title>&x;</title><link>https://xxe.example.org/1</link>"
        "</item></channel></rss>"
    ).encode()
    feed = parse_feed(doc)
    assert "TOP-SECRET" not in feed.title
    assert "TOP-SECRET" not in feed.items[0].title


def test_it_parses_dates_in_the_forms_feeds_use():
    assert parse_date("Tue, 26 Mar 2024 09:00:00 +0000") == datetime(
        2024, 3, 26, 9, tzinfo=UTC
    )
    assert parse_date("Tue, 26 Mar 2024 09:00:00 GMT") == datetime(
        2024, 3, 26, 9, tzinfo=UTC
    )
    assert parse_date("2024-03-26T09:00:00") == datetime(2024, 3, 26, 9, tzinfo=UTC)
    assert parse_date("2024-03-26") == datetime(2024, 3, 26, tzinfo=UTC)
    assert parse_date("yesterday-ish") is None
    assert parse_date("") is None


# --- Canonical URLs ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "https://example.org/a?utm_source=tw&utm_medium=social&utm_campaign=x",
            "https://example.org/a",
        ),
        (
            "https://example.org/a?id=7&fbclid=IwAR0&gclid=1&igshid=2&ref=home",
            "https://example.org/a?id=7",
        ),
        ("https://example.org/a?mc_cid=1&mc_eid=2&cmpid=rss", "https://example.org/a"),
        ("https://example.org/a?UTM_Source=x&Page=2", "https://example.org/a?Page=2"),
        ("https://example.org/a?b=2&a=1&c=3", "https://example.org/a?a=1&b=2&c=3"),
        ("https://example.org/a#section-2", "https://example.org/a"),
        ("HTTPS://Example.ORG:443/A/Path?", "https://example.org/A/Path"),
        ("http://example.org:80/a", "http://example.org/a"),
        ("http://example.org:8080/a", "http://example.org:8080/a"),
        (
            "https://example.org/a?q=caf%C3%A9+bar&x=",
            "https://example.org/a?q=caf%C3%A9+bar&x=",
        ),
        ("https://example.org/search?q=a&q=b", "https://example.org/search?q=a&q=b"),
        ("https://example.org", "https://example.org/"),
    ],
)
def test_canonical_urls_drop_what_does_not_name_the_page(url, canonical):
    assert canonical_url(url) == canonical


def test_canonical_url_refuses_what_validate_url_refuses():
    with pytest.raises(InvalidURL):
        canonical_url("javascript:alert(1)")
    with pytest.raises(InvalidURL):
        canonical_url("https://user:pw@example.org/")


# --- OPML -------------------------------------------------------------------------

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Newsroom subscriptions</title></head>
  <body>
    <outline text="UK news" title="UK news">
      <outline type="rss" text="Example News" title="Example News"
               xmlUrl="https://www.example.org/feeds/uk.xml" htmlUrl="https://www.example.org/"/>
      <outline type="rss" text="The Herald" xmlurl="https://herald.example.net/rss"/>
    </outline>
    <outline type="rss" text="Example News" xmlUrl="https://www.example.org/feeds/uk.xml"/>
    <outline text="A folder without a feed"/>
  </body>
</opml>"""


def test_it_reads_the_feeds_of_an_opml_file():
    feeds = parse_opml(OPML)
    assert [(f.url, f.title, f.html_url) for f in feeds] == [
        (
            "https://www.example.org/feeds/uk.xml",
            "Example News",
            "https://www.example.org/",
        ),
        ("https://herald.example.net/rss", "The Herald", ""),
    ]
    assert parse_opml(OPML.decode()) == feeds


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (RSS2, "not OPML"),
        (b"", "empty"),
        (b"name,url\nExample,https://example.org/feed", "not XML"),
    ],
)
def test_a_file_that_is_not_opml_is_refused(data, message):
    with pytest.raises(FeedError, match=message):
        parse_opml(data)
