"""The BentoML 1.4 service: ``bentoml serve serving.service:ReviewGuard``.

Routes (docs/spec.md): ``POST /v1/reviews/classify`` and ``POST /v1/orders/score`` take
``{"items": [...]}`` (1 to ``MAX_ITEMS_PER_REQUEST``) and answer a JSON list of results in the
same order; ``GET /v1/models`` lists the model versions in use; ``POST /v1/admin/reload`` (admin
token) or alias polling (``REVIEWGUARD_MODEL_POLL_SECONDS``) switches to new champions without
failing requests in flight (:meth:`ReviewGuard.reload_models`), in every worker process
(``REVIEWGUARD_WORKERS``, default one per core up to 4).  BentoML adds ``/healthz``,
``/livez``, ``/readyz``, ``/metrics`` and the OpenAPI document at ``/docs.json``.  Invalid input
is answered by BentoML's pydantic validation with HTTP 400 and the field path in ``detail[].loc``
(the body ``/docs.json`` declares, also for unparseable form bodies: :mod:`serving.api_errors`);
:class:`serving.guard.GuardMiddleware` adds bearer auth, the 413 body limit and ``X-Request-ID``.
``/readyz`` answers 200 only once both champion models are loaded, and ``bentoml serve`` exits
with a clear message before starting any worker when the registry has no champion or is down.
The triage page for shop staff is mounted at ``/ui`` (:mod:`serving.ui_app`).  ``/metrics``
also counts what the models see and answer per model version (:mod:`serving.monitoring`), and
with ``REVIEWGUARD_SHADOW_ALIAS`` a challenger scores the same requests in the background,
never answering, its agreement with the champion counted there too (:mod:`serving.shadow`).

Where the service goes beyond BentoML's public API it does so through
:mod:`serving.bentoml_compat`, applied at the start of each worker (never at import).  The
settings are read once per process, when this module is imported (:data:`SETTINGS`: the number
of workers is an argument of the service decorator), and passed to everything that needs them.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from typing import Annotated

import bentoml
from fastapi import FastAPI, HTTPException
from fastapi.openapi.utils import get_openapi
from pydantic import Field

from features.schema import MAX_ITEMS_PER_REQUEST, ChatItem, OrderItem, ReviewItem
from features.settings import EXIT_NO_CHAMPION, Settings, threads_per_worker
from serving import bentoml_compat, monitoring
from serving.coalesce import RequestCoalescer
from serving.guard import GuardMiddleware
from serving.ledger import BuyerRecord
from serving.logging_config import install_json_logging
from serving.predictor import ModelUnavailableError, Predictor, check_champions
from serving.results import ChatAssessment, OrderResult, ReviewResult
from serving.shadow import ShadowScorer
from serving.ui_app import ui_app
from serving.worker_sync import WorkerSync

log = logging.getLogger(__name__)

# What the server is built with, read once per process (the environment does not change under a
# running server) and passed down: the main process's registry check, each worker's models,
# reloads and the guard in front of every route all use this object.
SETTINGS = Settings()

# How often each worker checks for a reload request (one stat call).
RELOAD_CHECK_SECONDS = 1.0
# How long the admin reload waits for the other workers to switch.
RELOAD_WAIT_SECONDS = 120.0


def _ready_predictor(settings: Settings) -> Predictor:
    """The champions loaded, limited to this worker's share of the cores, and warmed up."""
    predictor = Predictor.from_registry(settings)
    # Worker processes share the cores: LightGBM threads beyond a worker's share only spin.
    predictor.limit_threads(threads_per_worker(settings.workers))
    predictor.warm_up()
    return predictor


# Routes BentoML's @api cannot express (GET) live on a small FastAPI app mounted on the service.
info_app = FastAPI(title="reviewguard info")
INFO_PATH = "/v1"

ReviewItems = Annotated[list[ReviewItem], Field(min_length=1, max_length=MAX_ITEMS_PER_REQUEST)]
OrderItems = Annotated[list[OrderItem], Field(min_length=1, max_length=MAX_ITEMS_PER_REQUEST)]
ChatItems = Annotated[list[ChatItem], Field(min_length=1, max_length=MAX_ITEMS_PER_REQUEST)]


# The triage page for shop staff (serving/ui/); BentoML's Swagger UI stays at `/`.
@bentoml.asgi_app(ui_app, path="/ui")
@bentoml.asgi_app(info_app, path=INFO_PATH)
@bentoml.service(name="reviewguard", workers=SETTINGS.workers, traffic={"timeout": 60})
class ReviewGuard:
    """Malicious-review classifier and malicious-order scorer for Douyin shops."""

    @bentoml.on_deployment
    def check_registry() -> None:
        """Runs once in the `bentoml serve` main process before any worker starts.

        A missing champion or an unreachable registry ends the server here with one clear line
        and a non-zero exit, instead of workers that crash-loop or answer 500.
        """
        install_json_logging()
        try:
            check_champions(SETTINGS)
        except ModelUnavailableError as exc:
            log.critical("cannot start: %s", exc)
            raise SystemExit(EXIT_NO_CHAMPION) from None

    def __init__(self) -> None:
        # BentoML has configured its handlers by now: JSON lines, personal data masked.
        install_json_logging()
        # First, before this worker listens or answers anything (serving.bentoml_compat).
        bentoml_compat.apply_worker_patches(SETTINGS)
        self.predictor: Predictor | None = None
        try:
            self.predictor = _ready_predictor(SETTINGS)
        except ModelUnavailableError as exc:
            log.critical("cannot load the champion models: %s", exc)
            raise
        # The challenger at REVIEWGUARD_SHADOW_ALIAS, if any (a missing one is logged, not fatal).
        self._shadow = ShadowScorer(SETTINGS)
        self._shadow.load(self.predictor)
        # Models are loaded once and never freed: freezing them out of the GC's view removes
        # the long collection pauses that otherwise dominate tail latency.  Requests allocate
        # many short-lived objects that reference counting frees anyway; collecting less often
        # gave +30 % items/s and a lower p99 (benchmarks/http_serving.py), as in batch workers.
        gc.collect()
        gc.freeze()
        gc.set_threshold(50_000, 50, 1000)
        self._reload_lock = threading.Lock()
        # This server's workers only (another server may share the home).
        self._workers = WorkerSync(SETTINGS.home)
        self._workers.remove_stopped_servers()
        self._reload_seen = self._workers.marker_time()
        self._workers.report(self.predictor.model_versions)
        # Concurrent requests are scored together when the model is busy, never delayed when it
        # is idle (serving.coalesce).  ``self.predictor`` is read per call, so a reload applies
        # to the next call.
        self._review_calls = RequestCoalescer(lambda items: self.predictor.classify_reviews(items),
                                              max_items=MAX_ITEMS_PER_REQUEST, name="score-reviews")
        self._order_calls = RequestCoalescer(lambda items: self.predictor.score_orders(items),
                                             max_items=MAX_ITEMS_PER_REQUEST, name="score-orders")
        self._chat_calls = RequestCoalescer(lambda items: self.predictor.assess_chats(items),
                                            max_items=MAX_ITEMS_PER_REQUEST, name="assess-chats")
        threading.Thread(target=self._watch_for_reloads, args=(SETTINGS.model_poll_seconds,),
                         name="champion-watch", daemon=True).start()

    def reload_models(self) -> dict:
        """Switch to the current champions without failing or delaying requests in flight.

        The new Predictor is loaded completely first; then one reference assignment swaps it in.
        A request reads ``self.predictor`` once, so requests already running finish on the old
        models and the next ones use the new.  If loading fails the old models keep serving.
        The shadow (``REVIEWGUARD_SHADOW_ALIAS``) follows its alias at the same time, whether or
        not the champions changed; its failures are logged and never fail the reload.
        """
        with self._reload_lock:  # one reload at a time (poll thread and admin route)
            champion_error: Exception | None = None
            try:
                answer = self._switch_champions()
            except Exception as exc:
                champion_error, answer = exc, {"changed": False}
            shadow_changed = self._shadow.follow_alias(self.predictor)
            if answer["changed"] or shadow_changed:
                # Collect the old models once, then freeze the new ones (see __init__).
                gc.unfreeze()
                gc.collect()
                gc.freeze()
            if champion_error is not None:
                raise champion_error
            shadow = self._shadow.describe()
            return answer if shadow is None else {**answer, "shadow": shadow}

    def _switch_champions(self) -> dict:
        previous = self.predictor.model_versions
        wanted = check_champions(SETTINGS)
        if wanted == {m["name"]: m["version"] for m in previous.values()}:
            return {"changed": False, "models": previous}
        fresh = _ready_predictor(SETTINGS)
        self.predictor = fresh
        log.info("switched models %s -> %s", previous, fresh.model_versions)
        return {"changed": True, "previous": previous, "models": fresh.model_versions}

    def _watch_for_reloads(self, poll_seconds: float) -> None:
        """Reload when another worker took an admin reload, or every ``poll_seconds`` if set.

        After each check this worker reports the versions it serves (serving.worker_sync).
        """
        last_poll = time.monotonic()
        while True:
            time.sleep(RELOAD_CHECK_SECONDS)
            requested = self._workers.marker_time()
            due = poll_seconds > 0 and time.monotonic() - last_poll >= poll_seconds
            if requested == self._reload_seen and not due:
                continue
            self._reload_seen = requested
            last_poll = time.monotonic()
            try:
                self.reload_models()
            except Exception as exc:  # a registry hiccup must not stop watching; the old models keep serving
                log.warning("champion check failed: %s", exc)
            self._workers.report(self.predictor.model_versions)

    def __is_ready__(self) -> bool:
        """``/readyz``: ready only while both champion models are loaded."""
        predictor = self.predictor
        return predictor is not None and predictor.review_model is not None and predictor.order_model is not None

    @bentoml.api(route="/v1/reviews/classify", output_spec=bentoml_compat.utf8_list_output(ReviewResult))
    async def classify_reviews(self, items: ReviewItems) -> list[ReviewResult]:
        """Classify reviews (with optional chat and order facts)."""
        results = await self._review_calls(items)
        monitoring.record_reviews(items, results)  # never raises
        self._shadow.submit("review", items, results)  # queued only: the answer goes out now
        return results

    @bentoml.api(route="/v1/orders/score", output_spec=bentoml_compat.utf8_list_output(OrderResult))
    async def score_orders(self, items: OrderItems) -> list[OrderResult]:
        """Score orders for malicious intent before shipping."""
        results = await self._order_calls(items)
        monitoring.record_orders(items, results)
        self._shadow.submit("order", items, results)
        return results

    @bentoml.api(route="/v1/chats/assess", output_spec=bentoml_compat.utf8_list_output(ChatAssessment))
    async def assess_chats(self, items: ChatItems) -> list[ChatAssessment]:
        """Early warning on a live 飞鸽 chat: extortion, a competitor's probe, an ad, or a complaint to solve now."""
        results = await self._chat_calls(items)
        monitoring.record_chats(items, results)
        self._shadow.submit("chat", items, results)
        return results

    @info_app.get("/models")
    def models(self) -> dict:
        """Model names and versions in use; ``shadow``: the challenger scored in the background, if configured."""
        shadow = self._shadow.describe()
        versions = self.predictor.model_versions
        return versions if shadow is None else {**versions, "shadow": shadow}

    @info_app.post("/admin/reload", responses={
        401: {"description": "Missing or wrong bearer token"},
        403: {"description": "No REVIEWGUARD_API_TOKEN configured on the server"},
        503: {"description": "The new champions could not be loaded; the models in use keep serving"},
    })
    def reload(self) -> dict:
        """Load the current champion versions and switch to them.

        The admin bearer token is enforced by :class:`serving.guard.GuardMiddleware` for every
        ``/v1/admin`` path before the request reaches this route.
        """
        try:
            answer = self.reload_models()
        except Exception as exc:  # unreachable registry, missing alias, unloadable model: keep serving
            log.warning("reload failed, keeping the models in use: %s", exc)
            raise HTTPException(status_code=503, detail=f"kept the models in use: {exc}") from None
        # This worker has switched; the other workers reload on the request and report back.
        versions = self.predictor.model_versions
        self._workers.report(versions)
        try:
            self._workers.request_reload()
        except OSError as exc:
            log.warning("cannot ask the other workers to reload (%s); they switch at their next alias poll", exc)
        switched, workers = self._workers.wait_until_all_serve(versions, RELOAD_WAIT_SECONDS)
        if switched < workers:
            log.warning("after %.0f s only %d of %d workers serve %s", RELOAD_WAIT_SECONDS, switched, workers, versions)
        return {**answer, "workers": workers, "workers_switched": switched}

    @info_app.get("/buyers/{buyer_id}", responses={404: {"description": "Ledger disabled, or no such route"}})
    def buyer(self, buyer_id: str) -> BuyerRecord:
        """A buyer's recorded malicious decisions and escalation tier."""
        if self.predictor.ledger is None:
            raise HTTPException(status_code=404, detail="the buyer-risk ledger is disabled (REVIEWGUARD_LEDGER_ENABLED)")
        return self.predictor.ledger.buyer(buyer_id)


def _admin_methods() -> dict[str, list[str]]:
    """The methods each admin route declares in the API document, so that the guard answers others 405."""
    paths = get_openapi(title=info_app.title, version=info_app.version, routes=info_app.routes)["paths"]
    return {INFO_PATH + path: [method.upper() for method in operations]
            for path, operations in paths.items() if path.startswith("/admin/")}


# Auth, body limit and request id in front of every route (runs before any body is parsed).
ReviewGuard.add_asgi_middleware(GuardMiddleware, settings=SETTINGS, admin_methods=_admin_methods())
