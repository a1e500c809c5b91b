"""Workflows across models, one module per area.

The article workflows are re-exported here because most callers need only them
(``services.article_submit_url``); other areas are imported from their module.
"""

from claims.services.articles import (
    article_enqueue,
    article_note_retry,
    article_reprocess,
    article_submit_html,
    article_submit_text,
    article_submit_url,
    articles_outdated,
    articles_requeue_stuck,
)

__all__ = [
    "article_enqueue",
    "article_note_retry",
    "article_reprocess",
    "article_submit_html",
    "article_submit_text",
    "article_submit_url",
    "articles_outdated",
    "articles_requeue_stuck",
]
