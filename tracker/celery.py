"""The Celery application; settings come from Django's, prefixed CELERY_."""

import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

app = Celery("tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def _load_language_model(**kwargs) -> None:
    """Load spaCy once per worker process, before the first article waits for it."""
    from django.conf import settings

    from claims.ingest import nlp

    nlp.get_pipeline(settings.SPACY_MODEL)
