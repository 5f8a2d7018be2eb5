"""Greedy request coalescing: score together whatever arrived while the model was busy.

BentoML's adaptive batching waits before each call for more requests to arrive.  Its wait is
learned from the recent average, so after a burst of traffic a lone request kept waiting
~20 ms on an idle server (measured: p50 4 ms before a burst at concurrency 32, 20 ms after it).
Here nothing ever waits on a timer: a request that finds the model idle is scored at once; requests
that arrive while a call runs are queued and scored together in the next call.  Under load calls
grow to many items (the per-call cost of the model is then shared), and at low load latency
is that of one item.  Each request still gets exactly its own results, in order.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)

Item = TypeVar("Item")
Result = TypeVar("Result")


class RequestCoalescer(Generic[Item, Result]):
    """Run ``score(items) -> results`` (one result per item, same order) for concurrent callers.

    Parameters
    ----------
    score
        The scoring function; called on one worker thread, never concurrently with itself.
    max_items
        Requests are joined while their total stays within this; a larger request runs alone.
    name
        Name of the worker thread (shows up in profiles and thread dumps).
    """

    def __init__(self, score: Callable[[list[Item]], Sequence[Result]], *, max_items: int, name: str) -> None:
        self._score = score
        self._max_items = max_items
        self._queue: deque[tuple[list[Item], asyncio.Future[list[Result]]]] = deque()
        self._draining = False
        # One thread: the model is CPU-bound under the GIL, so more threads only add contention.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)

    async def __call__(self, items: Sequence[Item]) -> list[Result]:
        """The results for ``items``; scored alone or together with other waiting requests."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[list[Result]] = loop.create_future()
        self._queue.append((list(items), future))
        if not self._draining:
            # All queue handling happens on the event loop thread, so no lock is needed.
            self._draining = True
            loop.create_task(self._drain(loop))
        return await future

    async def _drain(self, loop: asyncio.AbstractEventLoop) -> None:
        try:
            while self._queue:
                group = self._take_group()
                items = [item for request_items, _future in group for item in request_items]
                try:
                    results = await loop.run_in_executor(self._executor, self._score, items)
                except Exception as exc:
                    if len(group) == 1:
                        _fail(group[0][1], exc)
                        continue
                    # One request's problem must not fail the others joined with it: score alone.
                    log.warning("a coalesced call of %d requests failed; scoring them one by one", len(group))
                    for request_items, future in group:
                        try:
                            _settle(future, await loop.run_in_executor(self._executor, self._score, request_items))
                        except Exception as exc:
                            _fail(future, exc)
                    continue
                start = 0
                for request_items, future in group:
                    _settle(future, list(results[start:start + len(request_items)]))
                    start += len(request_items)
        finally:
            self._draining = False

    def _take_group(self) -> list[tuple[list[Item], asyncio.Future[list[Result]]]]:
        group = [self._queue.popleft()]
        total = len(group[0][0])
        while self._queue and total + len(self._queue[0][0]) <= self._max_items:
            request = self._queue.popleft()
            group.append(request)
            total += len(request[0])
        # Callers that gave up (client gone) are not scored.
        return [request for request in group if not request[1].done()] or group[:1]

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


def _settle(future: asyncio.Future[Any], result: Any) -> None:
    if not future.done():  # done: the caller was cancelled meanwhile
        future.set_result(result)


def _fail(future: asyncio.Future[Any], exc: BaseException) -> None:
    if not future.done():
        future.set_exception(exc)
