"""The Celery application; settings come from Django's, prefixed CELERY_."""

import os

from celery import Celery, bootsteps
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

app = Celery("tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def _prepare_worker(**kwargs) -> None:
    """Load spaCy once per worker process, before the first article waits for it
    (and set the process up for a long life: pipeline.prepare_worker)."""
    from claims.ingest import pipeline

    pipeline.prepare_worker()


class Heartbeat(bootsteps.StartStopStep):
    """Every worker tells Redis it is alive, for the web's readiness check."""

    requires = {"celery.worker.components:Timer"}

    def start(self, worker) -> None:
        from claims.views.health import HEARTBEAT_SECONDS, redis_client

        self.client = redis_client()
        self.name = worker.hostname
        self.beat()
        self.timer = worker.timer.call_repeatedly(HEARTBEAT_SECONDS, self.beat)

    def beat(self) -> None:
        from claims.views.health import record_heartbeat

        try:
            record_heartbeat(self.client, self.name)
        except Exception:  # Redis away: the worker's own reconnect handles it
            return

    def stop(self, worker) -> None:
        timer = getattr(self, "timer", None)
        if timer is not None:
            timer.cancel()


app.steps["worker"].add(Heartbeat)
