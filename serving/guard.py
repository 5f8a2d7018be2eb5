"""ASGI middleware in front of every route: bearer auth, the request-body limit, the request id.

It runs before BentoML parses a body, so an unauthorised or oversized request costs nothing:

- ``/v1/admin/...`` always needs the bearer token; the other ``/v1/...`` routes (scoring and
  info) need it only with ``REVIEWGUARD_REQUIRE_AUTH=true`` (see :mod:`serving.auth`).  Health
  probes, metrics and the OpenAPI document stay open so that orchestrators can use them.
- A method an admin route does not have (``TRACE /v1/admin/reload``) is answered 405 with
  ``Allow`` before auth, as routing would: no token makes it valid, and a 401/403 would tell
  the client to fix the wrong thing.
- A body larger than ``Settings.max_body_bytes`` is answered with 413, whether the client
  announced its length or streams it chunked.
- Every response carries ``X-Request-ID``: BentoML's id of the request, the same value that
  appears as ``request_id`` on the request's log lines.
- A worker holding more keep-alive connections than its peers answers with ``Connection:
  close`` so the client's next connection goes to a less busy worker
  (:func:`serving.connection_balance.crowded`).
- Its settings are handed on in the request's state (:func:`request_settings`), so a route
  that checks the token itself (the triage page's upload) uses the same settings, read once.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Collection, Mapping, MutableMapping
from typing import Any

from features.settings import Settings
from serving import connection_balance
from serving.auth import AuthError, authorize
from serving.logging_config import current_request_id

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

PROTECTED_PREFIX = "/v1/"
ADMIN_PREFIX = "/v1/admin"
# Key of the guard's settings in the ASGI scope's "state" (Starlette's ``request.state``).
STATE_KEY = "reviewguard_settings"


def request_settings(scope: Scope) -> Settings:
    """The settings of the :class:`GuardMiddleware` in front of this request."""
    try:
        return scope["state"][STATE_KEY]
    except KeyError:
        raise RuntimeError("no reviewguard settings on this request: the app must run behind GuardMiddleware") from None


def needs_auth(path: str) -> tuple[bool, bool]:
    """(whether ``path`` is subject to auth, whether it is an admin route)."""
    if path == ADMIN_PREFIX or path.startswith(ADMIN_PREFIX + "/"):
        return True, True
    return path.startswith(PROTECTED_PREFIX), False


async def _send_json(send: Send, status: int, body: dict[str, Any], headers: list[tuple[bytes, bytes]] = ()) -> None:
    payload = json.dumps(body, ensure_ascii=False).encode()
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json; charset=utf-8"),
                    (b"content-length", str(len(payload)).encode()), *headers],
    })
    await send({"type": "http.response.body", "body": payload})


class GuardMiddleware:
    """Pure ASGI middleware (added with ``ReviewGuard.add_asgi_middleware``)."""

    def __init__(self, app: Callable[..., Awaitable[None]], *, settings: Settings,
                 admin_methods: Mapping[str, Collection[str]] | None = None) -> None:
        self.app = app
        # The settings serving.service (the entry point) was built with, read once: the
        # environment does not change under a running server.
        self.settings = settings
        # Path -> methods of each admin route (serving.service passes its routes).
        self.admin_methods = {path: frozenset(m.upper() for m in methods)
                              for path, methods in (admin_methods or {}).items()}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = current_request_id()
        scope.setdefault("state", {})[STATE_KEY] = self.settings

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"x-request-id", request_id.encode())] if request_id else []
                if connection_balance.crowded():
                    extra.append((b"connection", b"close"))
                if extra:
                    message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        path = scope.get("path", "")
        protected, admin = needs_auth(path)
        allowed = self.admin_methods.get(path)
        if allowed is not None and scope.get("method") not in allowed:
            methods = ", ".join(sorted(allowed))
            await _send_json(send_with_id, 405, {"error": f"{scope.get('method')} is not allowed on {path}; use {methods}"},
                             [(b"allow", methods.encode())])
            return
        if protected:
            authorization = headers.get(b"authorization", b"").decode("latin-1") or None
            try:
                authorize(authorization, admin=admin, settings=self.settings)
            except AuthError as exc:
                log.warning("refused %s %s: %s (%d)", scope.get("method"), path, exc.message, exc.status)
                await _send_json(send_with_id, exc.status, {"error": exc.message},
                                 [(b"www-authenticate", b'Bearer realm="reviewguard"')])
                return

        limit = self.settings.max_body_bytes
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > limit
            except ValueError:
                too_large = False  # the server rejects a malformed length itself
            if too_large:
                await self._refuse_too_large(send_with_id, scope, limit)
                return
            await self.app(scope, receive, send_with_id)
            return
        if scope.get("method") in ("POST", "PUT", "PATCH"):
            # Chunked upload: read it up to the limit first, then replay it to the app.
            chunks: list[bytes] = []
            size = 0
            more = True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    break
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > limit:
                    await self._refuse_too_large(send_with_id, scope, limit)
                    return
                chunks.append(chunk)
                more = message.get("more_body", False)
            body = b"".join(chunks)
            replayed = False

            async def replay() -> Message:
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            await self.app(scope, replay, send_with_id)
            return
        await self.app(scope, receive, send_with_id)

    @staticmethod
    async def _refuse_too_large(send: Send, scope: Scope, limit: int) -> None:
        log.warning("refused %s %s: body over %d bytes (413)", scope.get("method"), scope.get("path"), limit)
        await _send_json(send, 413, {"error": f"request body larger than {limit} bytes "
                                              f"(REVIEWGUARD_MAX_BODY_BYTES); split the items into several requests"})
