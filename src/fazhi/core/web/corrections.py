"""A record's correction page (更正), shared by the workstreams' pages: GET shows the record's form filled in, POST runs
the record's update service. Who may correct is asked first, in the service's words (403); a record the rules have
frozen shows the rule's Chinese message and no form; a refusal by the service changes nothing (pages.submit)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpResponse
from django.shortcuts import redirect, render

from fazhi.core.web import pages


def posted(request):
    """What a correction form is bound to: the data sent, or nothing on GET (the form then shows the record)."""
    return request.POST if request.method == "POST" else None


def edit_page(
    request,
    form: pages.Form,
    update: Callable[..., object],
    *,
    check: Callable[[], None],
    frozen: Callable[[], None],
    what: str,
    name: str,
    crumbs: list[tuple[str, str]],
) -> HttpResponse:
    """`update` is the record's update service with actor and record given (called with the form's values);
    `check` raises the service's PermissionDenied when the user may not change the record; `frozen` calls the rule
    that refuses a change in the record's state (the service's ValidationError); `what` names what is corrected,
    `name` the record; `crumbs` are (label, url) pairs leading to the record, the last one the page to go back to."""
    check()  # PermissionDenied (403) in the service's words before the form is read
    back = crumbs[-1][1]

    def page(status: int, errors, shown) -> HttpResponse:
        context = {
            "form": shown,
            "heading": f"更正{what}：{name}",
            "crumbs": crumbs,
            "back": back,
            "errors": errors,
        }
        return render(request, "correction.html", context, status=status)

    status, errors = pages.attempt(frozen)
    if status:  # nothing to correct in this state: the rule's message, no form (GET 200, POST 400)
        return page(status if request.method == "POST" else 200, errors, None)
    if request.method == "POST":
        return pages.submit(
            request,
            form,
            lambda data: update(**data),
            success=f"已更正{what}。",
            done=lambda: redirect(back),
            again=lambda status, errors: page(status, errors, form),
        )
    return page(200, (), form)
