"""A logging filter that masks personal data in every log line the service writes.

Validation errors and tracebacks can carry request values (a review text with a phone number,
a WeChat id); the filter masks the rendered message and any traceback text before a handler
writes them, whoever logged them (our code, BentoML, uvicorn).
"""

from __future__ import annotations

import logging

from features.text import mask_personal_data


class MaskPersonalData(logging.Filter):
    """Rewrite a record's message and traceback with :func:`mask_personal_data`."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_personal_data(record.getMessage())
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personal_data(record.exc_text)
        return True


def install(*logger_names: str) -> None:
    """Add the filter to every handler of the root logger and of the named loggers."""
    for name in ("", *logger_names):
        for handler in logging.getLogger(name).handlers:
            if not any(isinstance(f, MaskPersonalData) for f in handler.filters):
                handler.addFilter(MaskPersonalData())
