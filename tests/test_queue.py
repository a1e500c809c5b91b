"""Tasks handed over on commit, as TASK_MODE says (services/queue.py)."""

import threading

import pytest
from django.db import transaction

from claims.services import queue


class FakeTask:
    name = "claims.fake"

    def __init__(self, *, broker_up: bool = True) -> None:
        self.broker_up = broker_up
        self.ran: list[tuple] = []
        self.published: list[tuple] = []
        self.done = threading.Event()

    def apply(self, args=()):
        self.ran.append((tuple(args), threading.current_thread().name))
        self.done.set()

    def apply_async(self, args=(), retry_policy=None):
        if not self.broker_up:
            raise ConnectionError("Redis is away")
        self.published.append((tuple(args), retry_policy))


@pytest.mark.django_db(transaction=True)
def test_celery_mode_publishes_after_commit_and_reports_a_broker_outage(
    settings, caplog
):
    settings.TASK_MODE = "celery"
    up, down = FakeTask(), FakeTask(broker_up=False)
    outages = []
    with transaction.atomic():
        queue.enqueue_on_commit(up, [7], thread="t")
        queue.enqueue_on_commit(
            down, [8], thread="t", broker_down=lambda: outages.append(8)
        )
        assert up.published == [] and outages == []  # nothing before the commit
    assert up.published == [((7,), queue.PUBLISH_RETRY)]
    assert outages == [8] and down.ran == []
    (warning,) = [r for r in caplog.records if "broker unavailable" in r.getMessage()]
    assert warning.levelname == "WARNING"


@pytest.mark.django_db(transaction=True)
def test_a_broker_outage_is_logged_with_the_callers_fields(settings, caplog):
    settings.TASK_MODE = "celery"
    with transaction.atomic():
        queue.enqueue_on_commit(
            FakeTask(broker_up=False),
            [9],
            thread="t",
            log_extra={"article_id": 9, "stage": "queue"},
        )
    (warning,) = [r for r in caplog.records if "broker unavailable" in r.getMessage()]
    assert (warning.article_id, warning.stage) == (9, "queue")


@pytest.mark.django_db(transaction=True)
def test_thread_mode_runs_on_the_named_background_thread(settings):
    settings.TASK_MODE = "thread"
    task = FakeTask()
    with transaction.atomic():
        queue.enqueue_on_commit(task, [1], thread="feeds-test")
    assert task.done.wait(10)
    ((args, thread),) = task.ran
    assert args == (1,) and thread.startswith("feeds-test")


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_hands_over_nothing(settings):
    settings.TASK_MODE = "eager"
    task = FakeTask()
    with pytest.raises(RuntimeError), transaction.atomic():
        queue.enqueue_on_commit(task, [1], thread="t")
        raise RuntimeError("the view failed")
    assert task.ran == []
    with transaction.atomic():
        queue.enqueue_on_commit(task, [2], thread="t")
    assert [args for args, _ in task.ran] == [(2,)]
