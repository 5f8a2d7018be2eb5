"""A logging filter that masks personal data in every log line the service writes.

Validation errors and tracebacks can carry request values (a review text with a phone number,
a WeChat id); the filter masks the rendered message and any traceback text before a handler
writes them, whoever logged them (our code, BentoML, uvicorn).
"""

from __future__ import annotations

import logging

from pydantic import ValidationError

from features.schema import describe_validation_error
from features.text import mask_contacts


class MaskPersonalData(logging.Filter):
    """Rewrite a record's message and traceback with :func:`features.text.mask_contacts`.

    A request that fails validation is the client's error, not the server's: BentoML logs it at
    ERROR with a full traceback, which this filter turns into one WARNING line naming the fields.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_contacts(record.getMessage())
        record.args = ()
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, ValidationError):
            fields = "; ".join(describe_validation_error(error))
            record.msg = mask_contacts(f"{record.msg}: client error (400): {fields}")
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            if hasattr(record, "levelname_bracketed"):  # set by BentoML's own filter, which runs first
                record.levelname_bracketed = "[WARNING]"
            record.exc_info, record.exc_text = None, None
            return True
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_contacts(record.exc_text)
        return True


def install(*logger_names: str) -> None:
    """Add the filter to every handler of the root logger and of the named loggers."""
    for name in ("", *logger_names):
        for handler in logging.getLogger(name).handlers:
            if not any(isinstance(f, MaskPersonalData) for f in handler.filters):
                handler.addFilter(MaskPersonalData())
