"""The BentoML 1.4 service: ``bentoml serve serving.service:ReviewGuard``.

Routes (PRODUCT.md): ``POST /v1/reviews/classify`` and ``POST /v1/orders/score`` take
``{"items": [...]}`` (1 to ``MAX_ITEMS_PER_REQUEST``) and answer a JSON list of results in the
same order; ``GET /v1/models`` lists the model versions in use; ``POST /v1/admin/reload`` (admin
token) or alias polling (``REVIEWGUARD_MODEL_POLL_SECONDS``) switches to new champions without
failing requests in flight (:meth:`ReviewGuard.reload_models`).  BentoML adds ``/healthz``,
``/livez``, ``/readyz``, ``/metrics`` and the OpenAPI document at ``/docs.json``.  Invalid input
is answered by BentoML's pydantic validation with HTTP 400 and the field path in ``detail[].loc``;
:class:`serving.guard.GuardMiddleware` adds bearer auth, the 413 body limit and ``X-Request-ID``.
``/readyz`` answers 200 only once both champion models are loaded, and ``bentoml serve`` exits
with a clear message before starting any worker when the registry has no champion or is down.
The triage page for shop staff is mounted at ``/ui`` (:mod:`serving.ui_app`).
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from typing import Annotated

import bentoml
from fastapi import FastAPI, HTTPException
from pydantic import Field

from features.schema import MAX_ITEMS_PER_REQUEST, OrderItem, ReviewItem
from features.settings import Settings
from serving import log_privacy
from serving.guard import GuardMiddleware
from serving.json_output import utf8_list_output
from serving.ledger import BuyerRecord
from serving.logging_config import install_json_logging
from serving.predictor import ModelUnavailableError, Predictor, check_champions
from serving.results import OrderResult, ReviewResult
from serving.ui_app import ui_app

log = logging.getLogger(__name__)

# Routes BentoML's @api cannot express (GET) live on a small FastAPI app mounted on the service.
info_app = FastAPI(title="reviewguard info")

ReviewItems = Annotated[list[ReviewItem], Field(min_length=1, max_length=MAX_ITEMS_PER_REQUEST)]
OrderItems = Annotated[list[OrderItem], Field(min_length=1, max_length=MAX_ITEMS_PER_REQUEST)]


# The triage page for shop staff (serving/ui/); BentoML's Swagger UI stays at `/`.
@bentoml.asgi_app(ui_app, path="/ui")
@bentoml.asgi_app(info_app, path="/v1")
@bentoml.service(name="reviewguard", traffic={"timeout": 60})
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
            check_champions(Settings())
        except ModelUnavailableError as exc:
            log.critical("cannot start: %s", exc)
            raise SystemExit(3) from None

    def __init__(self) -> None:
        # BentoML has configured its handlers by now; mask personal data in everything they write.
        log_privacy.install("bentoml", "uvicorn", "uvicorn.error", "uvicorn.access")
        install_json_logging()
        self.predictor: Predictor | None = None
        try:
            self.predictor = Predictor.from_registry(Settings())
        except ModelUnavailableError as exc:
            log.critical("cannot load the champion models: %s", exc)
            raise
        # Models are loaded once and never freed: freezing them out of the GC's view removes
        # the long collection pauses that otherwise dominate tail latency.
        gc.collect()
        gc.freeze()
        self._reload_lock = threading.Lock()
        poll = Settings().model_poll_seconds
        if poll > 0:
            threading.Thread(target=self._poll_champions, args=(poll,), name="champion-poll", daemon=True).start()

    def reload_models(self) -> dict:
        """Switch to the current champions without failing or delaying requests in flight.

        The new Predictor is loaded completely first; then one reference assignment swaps it in.
        A request reads ``self.predictor`` once, so requests already running finish on the old
        models and the next ones use the new.  If loading fails the old models keep serving.
        """
        with self._reload_lock:  # one reload at a time (poll thread and admin route)
            settings = Settings()
            previous = self.predictor.model_versions
            wanted = check_champions(settings)
            if wanted == {m["name"]: m["version"] for m in previous.values()}:
                return {"changed": False, "models": previous}
            fresh = Predictor.from_registry(settings)
            gc.unfreeze()
            self.predictor = fresh
            # Collect the old models once, then freeze the new ones (see __init__).
            gc.collect()
            gc.freeze()
            log.info("switched models %s -> %s", previous, fresh.model_versions)
            return {"changed": True, "previous": previous, "models": fresh.model_versions}

    def _poll_champions(self, interval: float) -> None:
        while True:
            time.sleep(interval)
            try:
                self.reload_models()
            except Exception as exc:  # a registry hiccup must not kill polling; the old models keep serving
                log.warning("champion poll failed: %s", exc)

    def __is_ready__(self) -> bool:
        """``/readyz``: ready only while both champion models are loaded."""
        predictor = self.predictor
        return predictor is not None and predictor.review_model is not None and predictor.order_model is not None

    @bentoml.api(route="/v1/reviews/classify", batchable=True, max_batch_size=MAX_ITEMS_PER_REQUEST, max_latency_ms=10_000,
                 output_spec=utf8_list_output(ReviewResult))
    def classify_reviews(self, items: ReviewItems) -> list[ReviewResult]:
        """Classify reviews (with optional chat and order facts)."""
        return self.predictor.classify_reviews(items)

    @bentoml.api(route="/v1/orders/score", batchable=True, max_batch_size=MAX_ITEMS_PER_REQUEST, max_latency_ms=10_000,
                 output_spec=utf8_list_output(OrderResult))
    def score_orders(self, items: OrderItems) -> list[OrderResult]:
        """Score orders for malicious intent before shipping."""
        return self.predictor.score_orders(items)

    @info_app.get("/models")
    def models(self) -> dict:
        """Model names and versions in use."""
        return self.predictor.model_versions

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
            return self.reload_models()
        except Exception as exc:  # unreachable registry, missing alias, unloadable model: keep serving
            log.warning("reload failed, keeping the models in use: %s", exc)
            raise HTTPException(status_code=503, detail=f"kept the models in use: {exc}") from None

    @info_app.get("/buyers/{buyer_id}", responses={404: {"description": "Ledger disabled, or no such route"}})
    def buyer(self, buyer_id: str) -> BuyerRecord:
        """A buyer's recorded malicious decisions and escalation tier."""
        if self.predictor.ledger is None:
            raise HTTPException(status_code=404, detail="the buyer-risk ledger is disabled (REVIEWGUARD_LEDGER_ENABLED)")
        return self.predictor.ledger.buyer(buyer_id)


# Auth, body limit and request id in front of every route (runs before any body is parsed).
ReviewGuard.add_asgi_middleware(GuardMiddleware)
