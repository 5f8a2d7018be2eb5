"""The BentoML 1.4 service: ``bentoml serve serving.service:ReviewGuard``.

Routes (PRODUCT.md): ``POST /v1/reviews/classify`` and ``POST /v1/orders/score`` take
``{"items": [...]}`` (1 to ``MAX_ITEMS_PER_REQUEST``) and answer a JSON list of results in the
same order; ``GET /v1/models`` lists the model versions in use.  BentoML adds ``/healthz``,
``/livez``, ``/readyz``, ``/metrics`` and the OpenAPI document at ``/docs.json``.  Invalid input
is answered by BentoML's pydantic validation with HTTP 400 and the field path in ``detail[].loc``.
"""

from __future__ import annotations

import gc
import logging
from typing import Annotated

import bentoml
from fastapi import FastAPI, HTTPException
from pydantic import Field

from features.schema import MAX_ITEMS_PER_REQUEST, OrderItem, ReviewItem
from features.settings import Settings
from serving import log_privacy
from serving.ledger import BuyerRecord
from serving.predictor import Predictor
from serving.results import OrderResult, ReviewResult

log = logging.getLogger(__name__)

# Routes BentoML's @api cannot express (GET) live on a small FastAPI app mounted on the service.
info_app = FastAPI(title="reviewguard info")

ReviewItems = Annotated[list[ReviewItem], Field(min_length=1, max_length=MAX_ITEMS_PER_REQUEST)]
OrderItems = Annotated[list[OrderItem], Field(min_length=1, max_length=MAX_ITEMS_PER_REQUEST)]


@bentoml.asgi_app(info_app, path="/v1")
@bentoml.service(name="reviewguard", traffic={"timeout": 60})
class ReviewGuard:
    """Malicious-review classifier and malicious-order scorer for Douyin shops."""

    def __init__(self) -> None:
        # BentoML has configured its handlers by now; mask personal data in everything they write.
        log_privacy.install("bentoml", "uvicorn", "uvicorn.error", "uvicorn.access")
        self.predictor = Predictor.from_registry(Settings())
        # Models are loaded once and never freed: freezing them out of the GC's view removes
        # the long collection pauses that otherwise dominate tail latency.
        gc.collect()
        gc.freeze()

    @bentoml.api(route="/v1/reviews/classify", batchable=True, max_batch_size=MAX_ITEMS_PER_REQUEST, max_latency_ms=10_000)
    def classify_reviews(self, items: ReviewItems) -> list[ReviewResult]:
        """Classify reviews (with optional chat and order facts)."""
        return self.predictor.classify_reviews(items)

    @bentoml.api(route="/v1/orders/score", batchable=True, max_batch_size=MAX_ITEMS_PER_REQUEST, max_latency_ms=10_000)
    def score_orders(self, items: OrderItems) -> list[OrderResult]:
        """Score orders for malicious intent before shipping."""
        return self.predictor.score_orders(items)

    @info_app.get("/models")
    def models(self) -> dict:
        """Model names and versions in use."""
        return self.predictor.model_versions

    @info_app.get("/buyers/{buyer_id}")
    def buyer(self, buyer_id: str) -> BuyerRecord:
        """A buyer's recorded malicious decisions and escalation tier."""
        if self.predictor.ledger is None:
            raise HTTPException(status_code=404, detail="the buyer-risk ledger is disabled (REVIEWGUARD_LEDGER_ENABLED)")
        return self.predictor.ledger.buyer(buyer_id)
