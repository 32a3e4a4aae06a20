"""A record's correction page (更正), shared by the decisions pages: GET shows the record's form filled in, POST runs
the record's update service. Who may correct is asked before the form is read (403); a record the rules have frozen
shows the rule's Chinese message and no form; a refusal by the service changes nothing (pages.submit)."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from fazhi.core.web import pages


def edit_page(
    request,
    *,
    may_change: bool,
    form: pages.Form,
    action: Callable[[dict], object],
    frozen: Callable[[], None],
    heading: str,
    crumbs: list[tuple[str, str]],
    back: str,
    success: str,
) -> HttpResponse:
    """`frozen` calls the rule that refuses a change in the record's state (it raises the same ValidationError the
    service raises); `crumbs` are (label, url) pairs leading to the record, `back` its page."""
    if not may_change:
        raise PermissionDenied("您无权更正这条记录。")

    def page(status: int, errors, shown) -> HttpResponse:
        context = {"form": shown, "heading": heading, "crumbs": crumbs, "back": back, "errors": errors}
        return render(request, "decisions/edit.html", context, status=status)

    if request.method == "POST":
        return pages.submit(
            request,
            form,
            action,
            success=success,
            done=lambda: redirect(back),
            again=lambda status, errors: page(status, errors, form),
        )
    status, errors = pages.attempt(frozen)
    return page(200, errors, None) if status else page(200, (), form)
