"""Log plumbing that must import nothing from Django: the logging config loads it with settings."""

from __future__ import annotations

import contextvars
import logging

# The current request's id, for every log line written while the request is handled.
current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdLogFilter(logging.Filter):
    """Puts the current request id on every log record as `request_id`."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True
