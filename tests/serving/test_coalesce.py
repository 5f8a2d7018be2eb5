"""Greedy coalescing: right results to the right caller, joined calls under load, no waiting when idle."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from serving.coalesce import RequestCoalescer


class Recorder:
    """A scoring function that records its calls and can be held busy or made to fail."""

    def __init__(self, hold: float = 0.0, poison: str | None = None) -> None:
        self.calls: list[list[str]] = []
        self.hold = hold
        self.poison = poison
        self.threads: set[str] = set()

    def __call__(self, items: list[str]) -> list[str]:
        self.calls.append(list(items))
        self.threads.add(threading.current_thread().name)
        time.sleep(self.hold)
        if self.poison is not None and self.poison in items:
            raise ValueError(f"cannot score {self.poison}")
        return [item.upper() for item in items]


def test_each_caller_gets_its_own_results_in_order() -> None:
    score = Recorder(hold=0.02)
    coalescer = RequestCoalescer(score, max_items=100, name="test-score")

    async def main() -> list[list[str]]:
        requests = [[f"r{i}-{j}" for j in range(i % 4 + 1)] for i in range(30)]
        return await asyncio.gather(*(coalescer(items) for items in requests)), requests

    answers, requests = asyncio.run(main())
    assert answers == [[item.upper() for item in items] for items in requests]
    # 30 concurrent requests arrived while the first call ran: they were joined into few calls.
    assert len(score.calls) < 10
    assert sorted(item for call in score.calls for item in call) == sorted(i for r in requests for i in r)
    assert score.threads == {next(iter(score.threads))} and next(iter(score.threads)).startswith("test-score")
    coalescer.close()


def test_an_idle_request_is_scored_at_once_and_alone() -> None:
    score = Recorder()
    coalescer = RequestCoalescer(score, max_items=100, name="test-score")

    async def main() -> float:
        started = time.perf_counter()
        assert await coalescer(["a"]) == ["A"]
        return time.perf_counter() - started

    elapsed = asyncio.run(main())
    assert score.calls == [["a"]]
    assert elapsed < 0.05  # no timer: only the thread hop (a timer-based batcher waits here)
    coalescer.close()


def test_joined_calls_never_exceed_max_items_and_large_requests_run_alone() -> None:
    score = Recorder(hold=0.01)
    coalescer = RequestCoalescer(score, max_items=10, name="test-score")

    async def main() -> None:
        sizes = [3, 4, 5, 12, 2, 2, 2, 6]
        requests = [[f"{n}-{i}-{j}" for j in range(n)] for i, n in enumerate(sizes)]
        answers = await asyncio.gather(*(coalescer(items) for items in requests))
        assert answers == [[item.upper() for item in items] for items in requests]

    asyncio.run(main())
    assert all(len(call) <= 10 or len(call) == 12 for call in score.calls)
    assert any(len(call) == 12 for call in score.calls)
    coalescer.close()


def test_one_failing_request_fails_alone() -> None:
    score = Recorder(hold=0.02, poison="bad")
    coalescer = RequestCoalescer(score, max_items=100, name="test-score")

    async def main() -> list:
        requests = [["a"], ["b"], ["bad"], ["c"], ["d"]]
        return await asyncio.gather(*(coalescer(items) for items in requests), return_exceptions=True)

    answers = asyncio.run(main())
    assert answers[0] == ["A"] and answers[1] == ["B"] and answers[3] == ["C"] and answers[4] == ["D"]
    assert isinstance(answers[2], ValueError) and "bad" in str(answers[2])
    coalescer.close()


def test_a_cancelled_caller_does_not_break_the_others() -> None:
    score = Recorder(hold=0.05)
    coalescer = RequestCoalescer(score, max_items=100, name="test-score")

    async def main() -> None:
        first = asyncio.ensure_future(coalescer(["a"]))
        await asyncio.sleep(0.01)  # the first call is running
        gone = asyncio.ensure_future(coalescer(["gone"]))
        kept = asyncio.ensure_future(coalescer(["kept"]))
        await asyncio.sleep(0)
        gone.cancel()
        assert await first == ["A"]
        assert await kept == ["KEPT"]
        with pytest.raises(asyncio.CancelledError):
            await gone

    asyncio.run(main())
    assert ["gone"] not in score.calls and all("gone" not in call for call in score.calls)
    coalescer.close()
