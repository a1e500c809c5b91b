"""Handing a task to whoever runs tasks, once the current transaction commits.

``settings.TASK_MODE`` says who: ``celery`` publishes to the broker (Redis);
``thread`` (the embedded default) runs it in this process, on one background
thread per kind of work, so tasks run one at a time beside the requests and
SQLite sees a single writer; anything else (the tests' eager mode) runs it
inline when the transaction commits. Articles, webhook deliveries and "poll
now" on feeds all go through ``enqueue_on_commit``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import close_old_connections, transaction

log = logging.getLogger(__name__)

# Publishing gives up after about two seconds rather than hold the request.
PUBLISH_RETRY = {"max_retries": 3, "interval_start": 0.2, "interval_step": 0.5,
                 "interval_max": 1}  # fmt: skip

_executors: dict[str, ThreadPoolExecutor] = {}
_lock = threading.Lock()


def enqueue_on_commit(
    task,
    args: Sequence = (),
    *,
    thread: str,
    broker_down: Callable[[], None] | None = None,
    log_extra: dict | None = None,
) -> None:
    """Run the Celery ``task`` with ``args`` once the transaction commits.

    ``thread`` names the background thread in the embedded mode (one per kind
    of work). When the broker cannot be reached the task is not sent: the
    warning is logged (with ``log_extra``, for the JSON log's fields) and
    ``broker_down`` is called, so the caller can say so and let a sweep or the
    next beat tick send it again.
    """
    args = tuple(args)
    mode = settings.TASK_MODE
    if mode == "celery":
        transaction.on_commit(lambda: _publish(task, args, broker_down, log_extra))
    elif mode == "thread":
        executor = _executor(thread)
        transaction.on_commit(lambda: executor.submit(_run_here, task, args))
    else:
        transaction.on_commit(lambda: task.apply(args=args))


def _executor(name: str) -> ThreadPoolExecutor:
    with _lock:
        if name not in _executors:
            _executors[name] = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix=name
            )
        return _executors[name]


def _publish(
    task, args: tuple, broker_down: Callable[[], None] | None, log_extra: dict | None
) -> None:
    try:
        task.apply_async(args=args, retry_policy=PUBLISH_RETRY)
    except Exception:  # kombu raises several kinds when Redis is away
        log.warning(
            "could not queue %s%s: broker unavailable", task.name, args,
            exc_info=True, extra=log_extra,
        )  # fmt: skip
        if broker_down is not None:
            broker_down()


def _run_here(task, args: tuple) -> None:
    try:
        task.apply(args=args)
    except Exception:
        log.exception("in-process %s%s failed", task.name, args)
    finally:
        close_old_connections()
