"""A page that records one new enforcement record (an exam, a certificate, a self-assessment) through its service:
GET shows the form, POST calls the service and redirects with a notice, or shows the form again with the rule's
Chinese message (400/403, nothing changed)."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.db import models
from django.http import HttpResponse
from django.shortcuts import render

from fazhi.core.web import pages


def new_record(
    request,
    form: forms.Form,
    action: Callable[[dict], models.Model],
    *,
    heading: str,
    note: str,
    button: str,
    back: str,
    success: Callable[[models.Model], str],
    done: Callable[[models.Model], HttpResponse],
) -> HttpResponse:
    def page(status=200, errors=()):
        context = {
            "form": form,
            "heading": heading,
            "note": note,
            "button": button,
            "back": back,
            "errors": errors,
        }
        return render(request, "enforcement/record_new.html", context, status=status)

    if request.method != "POST":
        return page()
    return pages.create(request, form, action, success=success, done=done, again=page)
