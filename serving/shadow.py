"""Shadow scoring: a challenger scores live traffic beside the champion, never answering.

With ``REVIEWGUARD_SHADOW_ALIAS`` set (e.g. ``challenger``), each service worker loads the
review and order models at that alias as a second :class:`serving.predictor.Predictor`.  After
the champion's answer to a request is ready, the route hands the items and the champion's
results to :meth:`ShadowScorer.submit`, which only puts them on a small queue (never waits, never
touches the answer).  One background thread per worker scores them with the shadow and records
what it answered and whether it agreed with the champion (:func:`serving.monitoring.record_shadow`):
a promotion can be judged on live traffic before the gate moves the alias.

Bounded, so that the shadow can never pile up work or memory: at most
:data:`SHADOW_QUEUE_REQUESTS` requests wait; when the queue is full a request is not
shadow-scored and its items are counted in ``reviewguard_shadow_dropped_total`` (the shadow then
sees a sample of the traffic).  The thread runs at a lower OS priority (nice +10, on Linux) so
that the champion's threads get the cores first; it still shares the worker's GIL, so the shadow
costs up to as much CPU as the champion for the items it scores.

The shadow reads the buyer-risk ledger like the champion (so both see the same features and
ledger reasons) but never records in it.  Each model follows the alias on its own: when only the
review model has a ``challenger``, reviews and chats are shadow-scored and orders are not.  An
alias missing at start is logged and the worker serves without shadow; reloads
(:meth:`ShadowScorer.follow_alias`) pick up a new shadow version, a shadow alias that appeared,
or drop one that was removed.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from features.settings import Settings, threads_per_worker
from serving import monitoring
from serving.ledger import BuyerLedger, Decision
from serving.predictor import LoadedModel, Predictor, load_version

log = logging.getLogger(__name__)

# Requests waiting for the shadow, at most (each up to MAX_ITEMS_PER_REQUEST items).
SHADOW_QUEUE_REQUESTS = 32
# The shadow thread's nice value (Linux: per thread; OpenMP threads it starts inherit it).
SHADOW_NICE = 10
# Which routes each model serves.
ROUTES_OF = {"review": ("review", "chat"), "order": ("order",)}


class ReadOnlyLedger(BuyerLedger):
    """The champion's ledger as the shadow sees it: read like the champion, never written."""

    def record(self, decisions: list[Decision]) -> int:
        return 0


@dataclass(frozen=True)
class _Shadow:
    """A loaded shadow: the Predictor, which routes it scores and which versions it holds."""

    predictor: Predictor
    routes: frozenset[str]
    models: dict[str, LoadedModel]  # "review"/"order" -> the shadow's model; shadowed models only
    borrowed_from: Predictor | None  # the champion whose model fills a slot that has no shadow

    @property
    def versions(self) -> dict[str, dict[str, Any]]:
        return {model: {"name": m.name, "version": m.version} for model, m in self.models.items()}


class ShadowScorer:
    """The worker's shadow: loading, following the alias, and the bounded background scoring."""

    def __init__(self, settings: Settings, *, queue_size: int = SHADOW_QUEUE_REQUESTS) -> None:
        self.settings = settings
        self.alias = settings.shadow_alias or None
        self._shadow: _Shadow | None = None
        self._queue: queue.Queue[tuple[str, Sequence[Any], Sequence[Any]]] = queue.Queue(maxsize=queue_size)
        self._pending = 0
        self._idle = threading.Condition()
        self._thread: threading.Thread | None = None

    # --- loading -------------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self._shadow is not None

    def describe(self) -> dict[str, Any] | None:
        """What ``GET /v1/models`` shows under ``shadow``: None when no shadow alias is configured."""
        if self.alias is None:
            return None
        shadow = self._shadow
        versions = shadow.versions if shadow is not None else {}
        return {"alias": self.alias, "review": versions.get("review"), "order": versions.get("order")}

    def load(self, champion: Predictor) -> None:
        """Load the shadow at worker start.  Never raises: without it the worker serves unchanged."""
        self._follow(champion, starting=True)

    def follow_alias(self, champion: Predictor) -> bool:
        """Load the versions the shadow alias names now (at every reload of the champions).

        Returns True when the shadow changed.  Never raises: a registry that cannot be reached
        or a version that cannot be loaded keeps the shadow in use; an alias that no longer
        exists drops it.
        """
        return self._follow(champion, starting=False)

    def _follow(self, champion: Predictor, *, starting: bool) -> bool:
        if self.alias is None:
            return False
        keeping = "serving without shadow scoring" if starting else "keeping the shadow in use"
        try:
            wanted = self._resolve()
        except Exception as exc:  # registry down: keep what is loaded
            log.warning("shadow alias %s: cannot check the registry (%s); %s", self.alias, exc, keeping)
            return False
        current = self._shadow
        held = {model: loaded.version for model, loaded in (current.models if current else {}).items()}
        stale = current is not None and current.borrowed_from is not None and current.borrowed_from is not champion
        if {model: v for model, v in wanted.items() if v is not None} == held and not stale and not starting:
            return False
        try:
            fresh = self._build(wanted, champion)
        except Exception as exc:  # an unloadable version: keep what is loaded
            log.warning("shadow alias %s: cannot load %s (%s); %s", self.alias, wanted, exc, keeping)
            return False
        self._shadow = fresh
        missing = [f"{self._name(model)}@{self.alias}" for model, version in wanted.items() if version is None]
        if fresh is None:
            log.warning("shadow alias %s: no %s in the registry at %s; serving without shadow scoring",
                        self.alias, " or ".join(missing), self.settings.resolved_tracking_uri())
        else:
            log.info("shadow scoring with alias %s: %s (routes %s)%s", self.alias, fresh.versions,
                     ", ".join(sorted(fresh.routes)), "".join(f"; no {name}: not shadow-scored" for name in missing))
            self._start_thread()
        return fresh is not current

    def _name(self, model: str) -> str:
        return self.settings.review_model_name if model == "review" else self.settings.order_model_name

    def _resolve(self) -> dict[str, int | None]:
        """``{"review": version, "order": version}`` of the shadow alias; None where it does not exist."""
        from mlflow.exceptions import MlflowException
        from mlflow.tracking import MlflowClient

        uri = self.settings.resolved_tracking_uri()
        client = MlflowClient(tracking_uri=uri, registry_uri=uri)
        found: dict[str, int | None] = {}
        for model in ("review", "order"):
            try:
                found[model] = int(client.get_model_version_by_alias(self._name(model), self.alias).version)
            except MlflowException as exc:
                if "RESOURCE_DOES_NOT_EXIST" not in str(exc.error_code) and "INVALID_PARAMETER_VALUE" not in str(exc.error_code):
                    raise
                found[model] = None
        return found

    def _build(self, wanted: dict[str, int | None], champion: Predictor) -> _Shadow | None:
        uri = self.settings.resolved_tracking_uri()
        current = self._shadow.models if self._shadow is not None else {}
        models: dict[str, LoadedModel] = {}
        for model, version in wanted.items():
            if version is None:
                continue
            held = current.get(model)
            models[model] = held if held is not None and held.version == version else load_version(
                self._name(model), version, uri)
        if not models:
            return None
        # A model without a shadow version is the champion's (never scored by the shadow).
        review = models.get("review", champion.review_model)
        order = models.get("order", champion.order_model)
        ledger = ReadOnlyLedger(champion.ledger.path) if champion.ledger is not None else None
        predictor = Predictor(review, order, ledger)
        # The champion's thread count: the same value where a model is shared with the champion.
        predictor.limit_threads(threads_per_worker(self.settings.workers))
        routes = frozenset(route for model in models for route in ROUTES_OF[model])
        return _Shadow(predictor, routes, models, champion if len(models) < 2 else None)

    # --- scoring -------------------------------------------------------------------------------
    def submit(self, route: str, items: Sequence[Any], results: Sequence[Any]) -> None:
        """Queue a scored request for the shadow; drop (and count) it when the queue is full.

        Called on the event loop after the champion's answer is ready: never blocks, never
        raises, never changes ``results``.
        """
        shadow = self._shadow
        if shadow is None or route not in shadow.routes:
            return
        try:
            with self._idle:
                self._pending += 1
            try:
                self._queue.put_nowait((route, items, results))
            except queue.Full:
                self._done()
                monitoring.record_shadow_dropped(route, len(items))
        except Exception:  # never fail the request for the shadow's sake
            log.warning("cannot queue a request for shadow scoring", exc_info=True)

    def wait_idle(self, timeout: float) -> bool:
        """Wait until every queued request has been shadow-scored (tests, shutdown); False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def _done(self) -> None:
        with self._idle:
            self._pending -= 1
            if self._pending == 0:
                self._idle.notify_all()

    def _start_thread(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="shadow-scoring", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        _lower_priority()
        while True:
            route, items, results = self._queue.get()
            try:
                self._score(route, items, results)
            finally:
                self._done()

    def _score(self, route: str, items: Sequence[Any], results: Sequence[Any]) -> None:
        shadow = self._shadow  # read once: a reload applies to the next request
        if shadow is None or route not in shadow.routes:
            return
        try:
            if route == "review":
                # Same label, confidence and malicious flag without the appeal package.
                answers = shadow.predictor.classify_reviews(items, packages=False)
            elif route == "order":
                answers = shadow.predictor.score_orders(items)
            else:
                answers = shadow.predictor.assess_chats(items)
        except Exception:
            log.warning("shadow scoring of %d %s items failed", len(items), route, exc_info=True)
            monitoring.record_shadow_error(route, len(items))
            return
        monitoring.record_shadow(route, results, answers)


def _lower_priority() -> None:
    """Nice the calling thread (Linux schedules threads separately); elsewhere nothing."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), SHADOW_NICE)
    except (AttributeError, OSError):
        pass
