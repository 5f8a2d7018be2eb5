"""Bearer-token checks for the HTTP API.

Scoring routes are open by default (the service listens on localhost); one setting,
``REVIEWGUARD_REQUIRE_AUTH=true``, makes them require ``REVIEWGUARD_API_TOKEN`` too.  Admin
routes (model reload) always require the token, and are refused outright when none is set.
"""

from __future__ import annotations

import hmac

from features.settings import Settings


class AuthError(Exception):
    """The request may not proceed; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def presented_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def authorize(authorization: str | None, *, admin: bool, settings: Settings) -> None:
    """Raise :class:`AuthError` unless the request may use a scoring (or, with ``admin``, an admin) route."""
    expected = settings.api_token.get_secret_value() if settings.api_token else ""
    if not admin and not settings.require_auth:
        return
    if not expected:
        # Refuse rather than leave an admin route open because nobody configured a token.
        raise AuthError(403, "this route needs REVIEWGUARD_API_TOKEN to be set on the server")
    token = presented_token(authorization)
    # compare_digest takes the same time wherever the strings differ: no timing oracle.
    if token is None or not hmac.compare_digest(token.encode(), expected.encode()):
        raise AuthError(401, "missing or wrong bearer token (Authorization: Bearer <token>)")
