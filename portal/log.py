"""Log plumbing that must import nothing from Django: the logging config loads it with settings."""

from __future__ import annotations

import contextvars
import logging
import unicodedata

# The current request's id, for every log line written while the request is handled.
current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdLogFilter(logging.Filter):
    """Puts the current request id on every log record as `request_id`."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


# Line and paragraph separators end a line for many log viewers too; format characters (such as
# right-to-left overrides) can make a line read as something else.
_LINE_BREAKING = frozenset({"Cc", "Cf", "Zl", "Zp"})


def escape_controls(text: str) -> str:
    """`text` with every control character written as an escape (\\n, \\x00, \\u2028).

    A request path, header or username can carry a newline; unescaped, it would start a new,
    genuine-looking log line (CWE-117). A NUL would make the log a binary file.
    """
    if text.isprintable():
        return text
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in _LINE_BREAKING
        else ch
        for ch in text
    )


class EscapingFormatter(logging.Formatter):
    """One event, one line: control characters in the message (and so in every value a user
    could have sent) are escaped. A traceback below the line keeps its own lines."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        return escape_controls(super().formatMessage(record))
