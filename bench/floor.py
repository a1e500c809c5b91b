"""The floor for the claims list: a bare WSGI app, the same SQL, orjson.

    gunicorn bench.floor:app   (with DATABASE_URL set; bench/read_bench.py starts it)

Answers ``/claims/?verdict=…|speaker=…&page_size=…&cursor=…`` with the same
JSON as ``/api/v1/claims/`` (claims with speaker, appearances with article and
outlet, latest review, counts, a next link), from the same three queries our
API runs (claims page joined with speakers, appearances, reviews) through
psycopg2, without Django, DRF, authentication, throttling or ETags. What our
API does on top of this is what it costs; the read benchmark prints the ratio.
"""

from __future__ import annotations

import base64
import os
from collections import defaultdict
from datetime import datetime
from urllib.parse import parse_qs

import orjson
import psycopg2

PAGE = """
SELECT c.id, c.text, c.claimant_id, a.name, a.kind, c.checkworthiness, c.verdict,
       c.attribution_status, c.version, c.first_seen_at, c.updated_at
FROM claims_claim c LEFT JOIN claims_actor a ON a.id = c.claimant_id
WHERE {where} ORDER BY c.first_seen_at DESC, c.id DESC LIMIT %s
"""
APPEARANCES = """
SELECT p.claim_id, p.content_spans, p.start, p."end", p.cue_text, p.cue_start,
       p.cue_end, p.source_text, p.source_start, p.source_end, p.is_direct,
       p.confidence, p.article_id, r.url, r.title, r.published_at, r.source_id,
       s.name
FROM claims_appearance p JOIN claims_article r ON r.id = p.article_id
LEFT JOIN claims_source s ON s.id = r.source_id
WHERE p.claim_id = ANY(%s)
ORDER BY r.published_at, r.created_at, p.start, p.id
"""
REVIEWS = """
SELECT v.id, v.claim_id, v.verdict, v.rationale, v.evidence, v.attribution,
       v.attribution_note, u.username, v.created_at
FROM claims_review v JOIN auth_user u ON u.id = v.reviewer_id
WHERE v.claim_id = ANY(%s) ORDER BY v.created_at DESC, v.id DESC
"""

_connection = None


def _cursor():
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg2.connect(os.environ["DATABASE_URL"])
        _connection.autocommit = True
    return _connection.cursor()


def _time(value: datetime | None) -> str | None:
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _span(text, start, end):
    return None if start is None else {"text": text, "start": start, "end": end}


def app(environ, start_response):
    query = parse_qs(environ.get("QUERY_STRING", ""))
    root = f"http://{environ['HTTP_HOST']}"
    size = int(query.get("page_size", ["50"])[0])
    where, params = ["TRUE"], []
    if "verdict" in query:
        where.append("c.verdict = %s")
        params.append(query["verdict"][0])
    if "speaker" in query:
        where.append("c.claimant_id = %s")
        params.append(int(query["speaker"][0]))
    if "cursor" in query:
        raw = query["cursor"][0]
        seen, pk = orjson.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        where.append("c.first_seen_at <= %s AND (c.first_seen_at, c.id) < (%s, %s)")
        params += [seen, seen, pk]
    cursor = _cursor()
    cursor.execute(PAGE.format(where=" AND ".join(where)), [*params, size + 1])
    claims = cursor.fetchall()
    more = len(claims) > size
    claims = claims[:size]
    ids = [row[0] for row in claims]
    appearances, reviews = defaultdict(list), defaultdict(list)
    cursor.execute(APPEARANCES, [ids])
    for row in cursor.fetchall():
        appearances[row[0]].append(row)
    cursor.execute(REVIEWS, [ids])
    for row in cursor.fetchall():
        reviews[row[1]].append(
            {
                "id": row[0],
                "url": f"{root}/api/v1/reviews/{row[0]}/",
                "claim": row[1],
                "claim_url": f"{root}/api/v1/claims/{row[1]}/",
                "verdict": row[2],
                "rationale": row[3],
                "evidence": row[4],
                "attribution": row[5],
                "attribution_note": row[6],
                "reviewer": row[7],
                "created_at": _time(row[8]),
            }
        )
    results = []
    for c in claims:
        pk, own = c[0], appearances[c[0]]
        results.append(
            {
                "id": pk,
                "url": f"{root}/api/v1/claims/{pk}/",
                "web_url": f"{root}/claims/{pk}/",
                "text": c[1],
                "speaker": None
                if c[2] is None
                else {
                    "id": c[2],
                    "name": c[3],
                    "kind": c[4],
                    "url": f"{root}/api/v1/actors/{c[2]}/",
                },
                "checkworthiness": c[5],
                "verdict": c[6],
                "attribution_status": c[7],
                "version": c[8],
                "first_seen_at": _time(c[9]),
                "updated_at": _time(c[10]),
                "appearances": [
                    {
                        "article": {
                            "id": a[12],
                            "url": f"{root}/api/v1/articles/{a[12]}/",
                            "page_url": a[13],
                            "title": a[14],
                            "outlet": None
                            if a[16] is None
                            else {
                                "id": a[16],
                                "name": a[17],
                                "url": f"{root}/api/v1/sources/{a[16]}/",
                            },
                            "published_at": _time(a[15]),
                        },
                        "content_spans": a[1],
                        "start": a[2],
                        "end": a[3],
                        "cue": _span(a[4], a[5], a[6]),
                        "source": _span(a[7], a[8], a[9]),
                        "quote": "direct" if a[10] else "indirect",
                        "confidence": a[11],
                    }
                    for a in own
                ],
                "latest_review": reviews[pk][0] if reviews[pk] else None,
                "counts": {
                    "appearances": len(own),
                    "articles": len({a[12] for a in own}),
                    "reviews": len(reviews[pk]),
                },
            }
        )
    next_link = None
    if more and claims:
        last = claims[-1]
        token = orjson.dumps([_time(last[9]), last[0]])
        next_link = f"{root}/claims/?cursor=" + base64.urlsafe_b64encode(
            token
        ).decode().rstrip("=")
    body = orjson.dumps({"next": next_link, "previous": None, "results": results})
    start_response(
        "200 OK",
        [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
    )
    return [body]
