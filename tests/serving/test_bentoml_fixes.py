"""The request-timeout middleware keeps BentoML's contract and leaves no timer behind."""

from __future__ import annotations

import asyncio

from bentoml._internal.server.http.traffic import TimeoutMiddleware

from serving import bentoml_fixes

bentoml_fixes.install()


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


def test_a_finished_request_leaves_no_live_timer() -> None:
    async def main() -> int:
        middleware = TimeoutMiddleware(_app(0.0), timeout=60)
        for _ in range(50):
            sent = await _call(middleware)
            assert sent[0]["status"] == 200 and sent[-1]["body"] == b"ok"
        loop = asyncio.get_running_loop()
        # BentoML's own version leaves one 60 s timer (holding the request) per call here.
        return sum(1 for handle in loop._scheduled if not handle.cancelled())

    assert asyncio.run(main()) == 0


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
