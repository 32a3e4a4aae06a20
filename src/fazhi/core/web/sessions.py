"""Signed-in sessions: the idle timeout renewed at most once a minute, and the user read with their person and unit.

Sessions end after `SESSION_COOKIE_AGE` seconds without a request (FAZHI_IDLE_MINUTES, docs/security.md). Django's
`SESSION_SAVE_EVERY_REQUEST` renews the expiry by writing the session row on every request: an UPDATE and a COMMIT
on each page, which the load test (docs/reliability.md) paid on every request of its mix. `IdleRenewalMiddleware`
renews it only when `RENEW_AFTER` seconds have passed since the last renewal, so an idle session still ends within
a minute of its timeout, and the database is written once a minute per user instead of once per request."""

from __future__ import annotations

import time

from django.contrib.auth.backends import ModelBackend, UserModel

RENEW_AFTER = 60  # seconds: how stale the stored expiry may be before a request renews it
RENEWED = "_fazhi_renewed"  # the session key holding when the expiry was last renewed (Unix seconds)


class IdleRenewalMiddleware:
    """Placed just inside SessionMiddleware: before the session is saved, marks it modified when its expiry was
    last renewed a minute or more ago (a session changed by the request is saved, and so renewed, anyway)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None:
            return response
        now = int(time.time())
        if session.modified:
            if not session.is_empty():
                session[RENEWED] = now
        elif not session.is_empty() and now - int(session.get(RENEWED, 0)) >= RENEW_AFTER:
            session[RENEWED] = now
        return response


class UserBackend(ModelBackend):
    """Django's model backend, reading the signed-in user with their person and unit in one query (every page asks
    for the user's unit; three queries before)."""

    def get_user(self, user_id):
        try:
            user = UserModel._default_manager.select_related("person__organization").get(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
