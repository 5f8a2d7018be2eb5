"""JSON-lines logs for the service, one object per line, with the request id on every line.

BentoML already gives each HTTP request an id (the OpenTelemetry span id it returns as the
``X-BentoML-Request-ID`` header); we reuse it instead of inventing a second one, so a client
that reports a header value can be matched to the server's lines.  Masking of personal data
(:mod:`serving.log_privacy`) runs as a handler filter before this formatter renders a line.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from serving import bentoml_compat, log_privacy

# The loggers whose records reach stdout in a `bentoml serve` process.
SERVICE_LOGGERS = ("bentoml", "bentoml.access", "uvicorn", "uvicorn.error", "uvicorn.access", "circus")


def current_request_id() -> str | None:
    """The id BentoML gave the request being handled (16 hex digits), or None outside a request."""
    request_id = bentoml_compat.request_id()
    if not request_id:
        return None
    return format(request_id, "016x")


class JsonLineFormatter(logging.Formatter):
    """Render a record as one JSON object: time, level, logger, message, request id, worker.

    The message has already been masked by :class:`serving.log_privacy.MaskPersonalData`; a
    traceback (server errors only: client errors were reduced to one line by that filter) goes
    into ``exc`` so that the record still fits on one line.
    """

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": current_request_id(),
            "pid": record.process,
        }
        component = getattr(record, "component", None)
        if component:
            entry["component"] = component.strip("[]")
        if record.exc_info and not record.exc_text:
            record.exc_text = log_privacy.mask(self.formatException(record.exc_info))
        if record.exc_text:
            entry["exc"] = record.exc_text
        # ensure_ascii=False: Chinese stays readable in the log; json.dumps escapes newlines.
        return json.dumps(entry, ensure_ascii=False, default=str)


def install_json_logging(*logger_names: str) -> None:
    """Mask every handler of the root and ``logger_names``; give BentoML's server handlers JSON.

    Called in each server process after BentoML has configured its handlers (they are created by
    ``logging.config.dictConfig`` when the server starts, so there is nothing to change earlier).
    Only the handlers BentoML's server logging config created get the JSON formatter, so an
    in-process test client leaves pytest's own handlers alone.  Our ``serving`` loggers are
    raised to INFO so that model loading and refused requests show in the log.
    """
    names = logger_names or SERVICE_LOGGERS
    log_privacy.install(*names)
    formatter = JsonLineFormatter()
    for name in ("", *names):
        for handler in logging.getLogger(name).handlers:
            if handler.get_name() in bentoml_compat.BENTOML_SERVER_HANDLERS:
                handler.setFormatter(formatter)
    logging.getLogger("serving").setLevel(logging.INFO)
