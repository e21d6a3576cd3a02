"""Running work in the background: a ``django-tasks`` task enqueued for the worker process
(``manage.py db_worker``), or, when no worker runs, a small thread pool of the web process.

- With a queueing backend (``DJANGO_TASKS_BACKEND=django_tasks_db.DatabaseBackend``, what
  ``scripts/serve.sh`` and the production units use) the task goes to the worker: the web
  processes never render.
- With the ``ImmediateBackend`` (``runserver``, no worker) it runs in a thread pool of at
  most ``settings.BACKGROUND_THREADS`` threads (default 1), so a request returns at once and
  a burst of work cannot take every core from the web process.
- ``settings.BACKGROUND_RUNNER = "inline"`` runs it at once in the caller, ``"off"`` drops it
  (tests: the suite runs "off" unless a test asks for background work).

Otherwise work starts after the current transaction commits, so it sees what was saved.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from threading import Lock

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django_tasks.backends.immediate import ImmediateBackend

log = logging.getLogger("drafts.background")

_pool: ThreadPoolExecutor | None = None
_pool_lock = Lock()


def _thread_pool() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(
                max_workers=max(1, int(getattr(settings, "BACKGROUND_THREADS", 1))),
                thread_name_prefix="background",
            )
        return _pool


def _in_thread(func, args) -> None:
    try:
        func(*args)
    except Exception:
        log.exception("background work %s%r failed", func.__name__, args)
    finally:
        connection.close()


def run(task, *args) -> None:
    """Run ``task`` (a ``django_tasks`` task) with ``args`` in the background, once the
    current transaction has committed (inline: at once, in this transaction)."""
    runner = getattr(settings, "BACKGROUND_RUNNER", "auto")
    if runner == "off":
        return
    if runner == "inline":
        try:
            task.func(*args)
        except Exception:
            log.exception("background work %s%r failed", task.func.__name__, args)
        return
    transaction.on_commit(lambda: _start(task, args))


def _start(task, args) -> None:
    if getattr(settings, "BACKGROUND_RUNNER", "auto") == "thread" or isinstance(
        task.get_backend(), ImmediateBackend
    ):
        close_old_connections()
        _thread_pool().submit(_in_thread, task.func, args)
        return
    task.enqueue(*args)
