"""Bearer-token auth: the rule itself, and the middleware in front of the real service routes."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from features.settings import Settings
from serving.auth import AuthError, authorize, presented_token
from serving.guard import GuardMiddleware, needs_auth

TOKEN = "s3cret-token-0123456789"
REVIEW = {"items": [{"review_id": "r", "text": "衣服质量一般", "rating": 3}]}


@pytest.mark.parametrize(
    ("header", "token"),
    [(None, None), ("", None), ("Bearer", None), ("Bearer   ", None), ("Basic abc", None),
     (f"Bearer {TOKEN}", TOKEN), (f"bearer  {TOKEN} ", TOKEN)],
)
def test_presented_token(header, token):
    assert presented_token(header) == token


def test_scoring_routes_are_open_by_default_admin_never():
    open_settings = Settings(api_token=None, require_auth=False)
    authorize(None, admin=False, settings=open_settings)  # no exception
    with pytest.raises(AuthError) as refused:
        authorize(f"Bearer {TOKEN}", admin=True, settings=open_settings)
    assert refused.value.status == 403  # no token configured: admin is closed, not open


def test_required_token_is_checked_exactly():
    settings = Settings(api_token=TOKEN, require_auth=True)
    authorize(f"Bearer {TOKEN}", admin=False, settings=settings)
    authorize(f"Bearer {TOKEN}", admin=True, settings=settings)
    for header in (None, "Bearer wrong", f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", f"Basic {TOKEN}"):
        with pytest.raises(AuthError) as refused:
            authorize(header, admin=False, settings=settings)
        assert refused.value.status == 401


def test_admin_needs_the_token_even_when_scoring_is_open():
    settings = Settings(api_token=TOKEN, require_auth=False)
    authorize(None, admin=False, settings=settings)
    with pytest.raises(AuthError):
        authorize(None, admin=True, settings=settings)
    authorize(f"Bearer {TOKEN}", admin=True, settings=settings)


def test_route_classification():
    assert needs_auth("/v1/reviews/classify") == (True, False)
    assert needs_auth("/v1/models") == (True, False)
    assert needs_auth("/v1/admin/reload") == (True, True)
    assert needs_auth("/v1/administrator") == (True, False)
    for open_path in ("/readyz", "/livez", "/healthz", "/metrics", "/docs.json", "/"):
        assert needs_auth(open_path) == (False, False)


@contextmanager
def guard_settings(http_client, **overrides):
    """Run the live service's GuardMiddleware with other settings for the duration.

    The session client's app has loaded the models and owns the batching event loop, so the
    tests change the settings of its middleware instead of building a second app.
    """
    node = http_client.app.middleware_stack
    while node is not None and not isinstance(node, GuardMiddleware):
        node = getattr(node, "app", None)
    assert node is not None, "GuardMiddleware is not in the service's middleware stack"
    previous = node.settings
    node.settings = Settings(**overrides)
    try:
        yield http_client
    finally:
        node.settings = previous


def test_required_auth_over_http(http_client):
    with guard_settings(http_client, api_token=TOKEN, require_auth=True) as client:
        _check_required_auth(client)


def _check_required_auth(client):
    refused = client.post("/v1/reviews/classify", json=REVIEW)
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"].startswith("Bearer")
    assert "Bearer" in refused.json()["error"]
    assert client.post("/v1/orders/score", json={"items": [{"order_id": "o"}]},
                       headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get("/v1/models").status_code == 401
    assert client.get("/v1/buyers/b1").status_code == 401
    ok = client.post("/v1/reviews/classify", json=REVIEW, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200 and ok.json()[0]["review_id"] == "r"
    assert client.get("/v1/models", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    # probes and the API document stay open for orchestrators
    assert client.get("/readyz").status_code == 200
    assert client.get("/docs.json").status_code == 200


def test_open_by_default_but_admin_closed_over_http(http_client):
    with guard_settings(http_client, api_token=None, require_auth=False) as client:
        assert client.post("/v1/reviews/classify", json=REVIEW).status_code == 200
        assert client.post("/v1/admin/reload").status_code == 403
    with guard_settings(http_client, api_token=TOKEN, require_auth=False) as client:
        assert client.post("/v1/admin/reload").status_code == 401
        assert client.post("/v1/admin/reload", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_default_service_is_open_and_tags_requests(http_client):
    response = http_client.post("/v1/reviews/classify", json=REVIEW)
    assert response.status_code == 200
    assert len(response.headers["x-request-id"]) == 16
