"""The request-timeout middleware's call keeps BentoML's contract and leaves no timer behind.

That BentoML's own middleware gets this call, and that upstream's still leaves a timer per
request, is tested in test_bentoml_compat.py.
"""

from __future__ import annotations

import asyncio

from serving import bentoml_fixes


class TimeoutMiddleware:
    """The shape of BentoML's middleware (``app``, ``timeout``) with the call it is given."""

    __call__ = bentoml_fixes.call_with_released_timer

    def __init__(self, app, timeout: float) -> None:
        self.app = app
        self.timeout = timeout


def _app(delay_before_response: float, delay_after_start: float = 0.0, record: list | None = None):
    async def app(scope, receive, send):
        try:
            await asyncio.sleep(delay_before_response)
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await asyncio.sleep(delay_after_start)
            await send({"type": "http.response.body", "body": b"ok"})
        except asyncio.CancelledError:
            if record is not None:
                record.append("cancelled")
            raise
    return app


async def _call(middleware: TimeoutMiddleware) -> list[dict]:
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    await middleware({"type": "http", "path": "/", "method": "POST", "headers": []}, receive, send)
    return sent


class TimerLoop(asyncio.SelectorEventLoop):
    """An event loop that keeps every timer it arms, to count the ones still pending."""

    def __init__(self) -> None:
        super().__init__()
        self.timers: list[asyncio.TimerHandle] = []

    def call_at(self, when, callback, *args, context=None):  # call_later goes through here
        handle = super().call_at(when, callback, *args, context=context)
        self.timers.append(handle)
        return handle

    def pending_timers(self) -> int:
        return sum(1 for handle in self.timers if not handle.cancelled() and handle.when() > self.time())


def pending_timers_after_requests(middleware_class, requests: int = 50) -> int:
    """Timers still armed after ``requests`` finished requests through ``middleware_class``."""
    async def main() -> int:
        middleware = middleware_class(_app(0.0), timeout=60)
        for _ in range(requests):
            sent = await _call(middleware)
            assert sent[0]["status"] == 200 and sent[-1]["body"] == b"ok"
        return asyncio.get_running_loop().pending_timers()

    with asyncio.Runner(loop_factory=TimerLoop) as runner:
        return runner.run(main())


def test_a_finished_request_leaves_no_live_timer() -> None:
    # BentoML's own call leaves one 60 s timer (holding the request) per request here
    # (test_bentoml_compat.test_upstream_timeout_middleware_still_leaves_a_timer_per_request).
    assert pending_timers_after_requests(TimeoutMiddleware) == 0


def test_no_response_within_the_timeout_is_a_504_and_the_route_is_cancelled() -> None:
    record: list[str] = []

    async def main() -> list[dict]:
        return await _call(TimeoutMiddleware(_app(5.0, record=record), timeout=0.2))

    sent = asyncio.run(main())
    assert sent[0]["status"] == 504
    assert b"Not able to process the request in 0.2 seconds" in sent[-1]["body"]
    assert record == ["cancelled"]


def test_a_response_that_started_in_time_may_finish_after_the_timeout() -> None:
    async def main() -> list[dict]:
        return await _call(TimeoutMiddleware(_app(0.0, delay_after_start=0.4), timeout=0.2))

    sent = asyncio.run(main())
    assert sent[0]["status"] == 200 and sent[-1]["body"] == b"ok"
