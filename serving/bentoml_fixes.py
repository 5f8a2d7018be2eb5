"""A fix for BentoML 1.4's request timeout, which held every request's state for the whole timeout.

BentoML's ``TimeoutMiddleware`` (``traffic={"timeout": ...}``) arms one ``loop.call_later``
timer per request and never cancels it, so each finished request stays referenced from the event
loop's timer heap (its future, its context and OpenTelemetry span: ~5 KB) until the timer fires.
At 600 requests/s with the 60 s timeout that is ~170 MB per worker, climbing for the first
minute of any busy period: the "memory drift" that ``benchmarks/load.py`` showed (found by
counting live objects per type: one ``TimerHandle``, ``Future`` and ``_Span`` per request).

:func:`call_with_released_timer` is a ``__call__`` for that middleware with the same contract
(answer 504 when no response has started within the timeout, else let the route finish) whose
timer is cancelled as soon as the response starts.  It works on any object with the
middleware's two attributes, ``app`` and ``timeout``; :func:`serving.bentoml_compat.release_timeout_timer`
installs it on BentoML's class when a worker starts.
"""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.responses import JSONResponse


async def call_with_released_timer(self: Any, scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] not in ("http", "websocket"):
        await self.app(scope, receive, send)
        return
    response_started = asyncio.Event()

    async def send_and_note(message: Any) -> None:
        response_started.set()
        await send(message)

    route = asyncio.ensure_future(self.app(scope, receive, send_and_note))
    started = asyncio.ensure_future(response_started.wait())
    try:
        # asyncio.wait cancels its own timer when it returns: nothing outlives the request.
        done, _pending = await asyncio.wait({route, started}, timeout=self.timeout,
                                            return_when=asyncio.FIRST_COMPLETED)
    finally:
        started.cancel()
    if not done:
        route.cancel()
        await JSONResponse({"error": f"Not able to process the request in {self.timeout} seconds"},
                           status_code=504)(scope, receive, send)
        return
    await route

