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
