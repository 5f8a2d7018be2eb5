"""A logging filter that masks personal data in every log line the service writes.

Validation errors and tracebacks can carry request values (a review text with a phone number,
a WeChat id, a shipping address); the filter masks the rendered message and any traceback text
before a handler writes them, whoever logged them (our code, BentoML, uvicorn).
"""

from __future__ import annotations

import logging
import re

from pydantic import ValidationError

from features.schema import describe_validation_error
from features.text import mask_contacts
from serving import bentoml_compat

# A shipping address in a log line: a value named like an address field, or a run of Chinese
# text (with digits) that holds an address marker such as 省/市/区/路/号/栋/室/小区.  Masking a
# little too much in a log line is cheap; leaking an address is not.
_ADDRESS_FIELD = re.compile(
    r"""(?P<key>["']?(?:shipping_)?address["']?\s*[:=]\s*)(?P<value>"[^"]*"|'[^']*'|[^\s,;}]+)""",
    re.IGNORECASE,
)
_ADDRESS_TEXT = re.compile(
    r"[\u4e00-\u9fff0-9０-９A-Za-z#\-（）()]*"
    r"(?:省|自治区|市|区|县|镇|乡|村|路|街|巷|弄|号|栋|幢|单元|室|小区|大厦|公寓|花园|广场|门口)"
    r"[\u4e00-\u9fff0-9０-９A-Za-z#\-（）()]*"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def mask_addresses(text: str) -> str:
    """Replace address field values and address-like Chinese runs with ``<address>``."""
    text = _ADDRESS_FIELD.sub(lambda m: m.group("key") + "<address>", text)

    def replace(match: re.Match[str]) -> str:
        run = match.group(0)
        # Two Chinese characters at least: a lone marker in an English line is not an address.
        return "<address>" if len(_CJK.findall(run)) >= 2 else run

    return _ADDRESS_TEXT.sub(replace, text)


def mask(text: str) -> str:
    """Everything a log line must not show: phone numbers, WeChat/QQ handles, addresses."""
    return mask_addresses(mask_contacts(text))


class MaskPersonalData(logging.Filter):
    """Rewrite a record's message and traceback with :func:`mask`.

    A request that fails validation is the client's error, not the server's: BentoML logs it at
    ERROR with a full traceback, which this filter turns into one WARNING line naming the fields.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask(record.getMessage())
        record.args = ()
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, ValidationError):
            fields = "; ".join(describe_validation_error(error))
            record.msg = mask(f"{record.msg}: client error (400): {fields}")
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            if hasattr(record, bentoml_compat.BENTOML_LEVEL_FIELD):  # set by BentoML's filter, which runs first
                setattr(record, bentoml_compat.BENTOML_LEVEL_FIELD, "[WARNING]")
            record.exc_info, record.exc_text = None, None
            return True
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        return True


def install(*logger_names: str) -> None:
    """Add the filter to every handler of the root logger and of the named loggers."""
    for name in ("", *logger_names):
        for handler in logging.getLogger(name).handlers:
            if not any(isinstance(f, MaskPersonalData) for f in handler.filters):
                handler.addFilter(MaskPersonalData())
