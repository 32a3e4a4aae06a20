"""The admin way in (数据管理) in tests: only the platform's administrators reach /admin/ (the system administrator and
the Justice Bureau's administrator, core.access.PLATFORM_ADMIN_ROLES). A test of a rule's ways in sends the same bad
input to /admin/ as an administrator and expects the same Chinese refusal; a unit clerk, reconsideration staff or a
supervisor who tries /admin/ is turned away to the admin's login with nothing done."""

from __future__ import annotations

from django.test import Client

from fazhi.core import access


def administrator(user) -> Client:
    """A client of its own, logged in as `user`, one of the platform's administrators (the caller's client keeps its
    own login)."""
    assert access.administers_platform(user), f"{user} does not administer the platform"
    client = Client()
    client.force_login(user)
    return client


def admin_closed(response) -> None:
    """The admin site turned the user away: a redirect to the admin's login page (Django's admin answers every
    request of a user it does not admit so), nothing done."""
    assert response.status_code == 302, response.status_code
    assert response["Location"].startswith("/admin/login/"), response["Location"]


class via_admin:  # noqa: N801 - reads as a way in: via_admin(client, users.justice).post(url, form)
    """The admin way in for a test whose `client` is logged in as a user who works on the pages: each request is
    first sent as that user, who must be turned away (admin_closed), then the same request as the administrator `by`;
    the administrator's response is returned."""

    def __init__(self, client: Client, by) -> None:
        self.client = client
        self.by = administrator(by)

    def get(self, path: str, data=None, **extra):
        admin_closed(self.client.get(path, data, **extra))
        return self.by.get(path, data, **extra)

    def post(self, path: str, data=None, **extra):
        admin_closed(self.client.post(path, data, **extra))
        for value in (data or {}).values():
            if hasattr(value, "seek"):
                value.seek(0)  # an uploaded file is sent again, from its start
        return self.by.post(path, data, **extra)
