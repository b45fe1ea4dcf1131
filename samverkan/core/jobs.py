"""A background job that fails unexpectedly says so on its page, instead of "computing" for ever.

A job (a settlement run, a bulk import) refuses bad input with its own messages. Anything else —
a database connection cut, a bug — raised out of the task, and the job's state was never
updated: its page kept reloading. `failure_recorded` records one Swedish message on the job
and raises again (so the task is marked failed and the error logged). Nothing of the work is
left: each job writes its result all or nothing in one transaction, which the error rolled
back. A worker that dies outright is another matter, handled by `core.workers`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)


@contextmanager
def failure_recorded(record: Callable[[], object], *, expected: tuple[type[BaseException], ...] = ()) -> Iterator[None]:
    """Run a job's work; on an error other than the `expected` refusals (which the job reports
    itself), call `record()`, which marks the job failed, and raise again."""
    try:
        yield
    except expected:
        raise
    except Exception:
        # A broken connection (the error may be that) is closed, so that `record` gets a new one;
        # inside a transaction (a caller's, or a test's) the connection is left as it is.
        if not connection.in_atomic_block and connection.errors_occurred and not connection.is_usable():
            connection.close()
        try:
            record()
        except DatabaseError:
            logger.exception("the job's failure could not be recorded")
        raise
