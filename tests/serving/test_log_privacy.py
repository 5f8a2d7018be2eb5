import io
import logging

from serving.log_privacy import MaskPersonalData, install


def test_messages_and_tracebacks_are_masked():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("reviewguard.test.privacy")
    logger.addHandler(handler)
    logger.propagate = False
    install("reviewguard.test.privacy")
    assert any(isinstance(f, MaskPersonalData) for f in handler.filters)
    try:
        logger.warning("bad item text=%s", "加微信 abc12345 电话13800138000")
        try:
            raise ValueError("input_value='联系我 1 3 8 0 0 1 3 8 0 0 0'")
        except ValueError:
            logger.exception("validation failed")
    finally:
        logger.removeHandler(handler)
    written = stream.getvalue()
    assert "13800138000" not in written and "abc12345" not in written
    assert "1 3 8 0 0 1 3 8 0 0 0" not in written
    assert "138****8000" in written and "validation failed" in written and "ValueError" in written


def test_validation_errors_become_one_warning_line():
    from pydantic import ValidationError

    from features.schema import ReviewItem

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(MaskPersonalData())
    logger = logging.getLogger("reviewguard.test.validation")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        try:
            ReviewItem.model_validate({"review_id": "r", "text": "电话13800138000", "rating": 9})
        except ValidationError:
            logger.exception("Exception on /v1/reviews/classify [POST]")
    finally:
        logger.removeHandler(handler)
    written = stream.getvalue().strip()
    assert written.startswith("WARNING ") and "\n" not in written
    assert "rating: Input should be less than or equal to 5" in written and "Traceback" not in written


def test_log_masking_keeps_addresses_ports_and_trace_ids():
    from features.text import mask_contacts

    line = "127.0.0.1:51098 trace=e408c9ed9506d9ad560f0df16b7b56b7 length=13800138000x took 1.822ms"
    assert mask_contacts(line) == line
    assert mask_contacts("电话 138-0013-8000，微信 abc12345") == "电话 138****8000，微信 ab***"
