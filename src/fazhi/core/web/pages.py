"""What every workstream's pages share: the base form (Chinese labels, service errors put back on the form), running
a service from a page (refusals become 400/403 with the Chinese reasons, nothing changed), and a record's audit
history in words."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django import forms
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect, render

from fazhi.core import audit
from fazhi.core.models import AuditEvent

DATE_FORMAT = "%Y-%m-%d"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATE_FORMAT)


def date_field(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput, **kwargs)


def text_field(label: str, rows: int = 3, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class ErrorsMixin:
    """Put a service's ValidationError on the form: on the field it names, else on the form as a whole."""

    field_aliases: dict[str, str] = {}

    def add_service_error(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for name, errors in error.message_dict.items():
                name = self.field_aliases.get(name, name)
                self.add_error(name if name in self.fields else None, errors)  # type: ignore[attr-defined]
        else:
            self.add_error(None, error.messages)  # type: ignore[attr-defined]


class Form(ErrorsMixin, forms.Form):
    """Chinese labels without a colon; required and erroneous fields marked for the stylesheet."""

    required_css_class = "required"
    error_css_class = "has-error"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def form_messages(form: forms.Form) -> list[str]:
    out = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        out += [f"{label}：{e}" if label else e for e in errors]
    return out


def attempt(action: Callable[[], object], form: forms.Form | None = None) -> tuple[int | None, list[str]]:
    """Call a service; on refusal give the status to answer with and the Chinese reasons, errors put on the form."""
    try:
        action()
    except PermissionDenied as exc:
        return 403, [str(exc) or "您无权执行此操作。"]
    except ValidationError as exc:
        if form is not None:
            form.add_service_error(exc)
            return 400, form_messages(form)
        return 400, list(exc.messages)
    return None, []


def submit(
    request,
    form: forms.Form,
    action: Callable[[dict], object],
    *,
    success: str | Callable[[], str],
    done: Callable[[], HttpResponse],
    again: Callable[[int, list[str]], HttpResponse],
) -> HttpResponse:
    """Validate the form, call the service, then redirect with a notice, or render the page again with the errors."""
    if not form.is_valid():
        return again(400, form_messages(form))
    status, errors = attempt(lambda: action(form.cleaned_data), form)
    if status is not None:
        return again(status, errors)
    messages.success(request, success() if callable(success) else success)
    return done()


def create(
    request,
    form: forms.Form,
    action: Callable[[dict], models.Model],
    *,
    success: str | Callable[[models.Model], str],
    done: Callable[[models.Model], HttpResponse],
    again: Callable[[int, list[str]], HttpResponse],
) -> HttpResponse:
    """`submit` for a form that creates a record: the notice and the redirect are given the record made."""
    made: list[models.Model] = []
    return submit(
        request,
        form,
        lambda data: made.append(action(data)),
        success=lambda: success(made[0]) if callable(success) else success,
        done=lambda: done(made[0]),
        again=again,
    )


def mark_correctable(records, changeable: models.QuerySet) -> None:
    """Set `may_correct` on each record shown: whether it is among `changeable` (a selector's rows the user may
    change), in one query; a page shows its correction link (更正) by it."""
    ids = set(changeable.filter(pk__in=[r.pk for r in records]).values_list("pk", flat=True))
    for record in records:
        record.may_correct = record.pk in ids


def initial_of(record: models.Model, form_class: type[forms.Form]) -> dict:
    """The record's current values as a correction form's initial values (its fields named as the record's)."""
    return {name: getattr(record, name) for name in form_class.base_fields if hasattr(record, name)}


def posted(request) -> dict:
    """What a correction form is bound to: the data and files sent, or nothing on GET (the form shows the record)."""
    if request.method == "POST":
        return {"data": request.POST, "files": request.FILES}
    return {}


def correct(
    request,
    form: forms.Form,
    action: Callable[[dict], object],
    *,
    may_change: bool = True,
    title: str,
    back: str,
    success: str = "已更正。",
    note: str = "",
    crumbs: list[tuple[str, str]] = (),
    frozen: Callable[[], None] | None = None,
    refusal: str = "您无权更正该记录。",
    template: str = "core/record_edit.html",
    page: Callable[[forms.Form | None, list[str], int], HttpResponse] | None = None,
) -> HttpResponse:
    """A correction page (更正) of one record: GET shows `form` filled with the record, POST calls the record's update
    service through `submit`. A user who may not change the record is refused (403, `refusal`) before any form is
    read (a caller whose rule refuses in its own words calls it first and leaves `may_change` true); the service still checks access and the rules, so a refusal there is shown in Chinese with nothing changed.
    `frozen` calls the rule that refuses any change in the record's state: its message is shown instead of the form,
    and a correction sent is refused without reading it. `crumbs` are (label, url) pairs leading to the record; without them the page links `back`. `page(form,
    errors, status)` renders the record's own page instead of `template` (a registration page reused to correct)."""
    if not may_change:
        raise PermissionDenied(refusal)

    def shown_page(status: int = 200, errors=(), shown=form):
        if page is not None:
            return page(shown, list(errors), status)
        context = {
            "form": shown,
            "title": title,
            "back": back,
            "note": note,
            "crumbs": crumbs,
            "errors": errors,
        }
        return render(request, template, context, status=status)

    if frozen is not None:
        status, errors = attempt(frozen)
        if status:  # nothing to correct in this state: the rule's message, no form (GET 200, POST its 4xx)
            return shown_page(status if request.method == "POST" else 200, errors, None)
    if request.method != "POST":
        return shown_page()
    return submit(
        request,
        form,
        action,
        success=success,
        done=lambda: redirect(back),
        again=lambda s, e: shown_page(s, e),
    )


SHORTEN = 60  # characters of a long value shown in a page's history


@dataclass
class HistoryRow:
    event: AuditEvent
    record_kind: str
    changes: list[str] = field(default_factory=list)


def history_rows(
    instances: Iterable[models.Model],
    *,
    parents: tuple[type[models.Model], ...] = (),
    shorten: int | None = SHORTEN,
) -> list[HistoryRow]:
    """The audit events of the records, oldest first, with field names and values in words: for a new record what
    was filled in, not its empty defaults or the link to its parent (one of `parents`), which the page shows.
    Long text is cut at `shorten` characters for a page; an archive passes None to keep every value whole."""
    events = sorted({e.seq: e for i in instances for e in audit.history(i)}.values(), key=lambda e: e.seq)
    names: dict[tuple, str] = {}
    rows = []
    for event in events:
        try:
            model = apps.get_model(event.model_label)
        except LookupError:
            model = None
        fields = {f.attname: f for f in model._meta.concrete_fields} if model else {}
        row = HistoryRow(event, str(model._meta.verbose_name) if model else event.model_label)
        for name, pair in audit.masked_changes(event).items():
            f = fields.get(name)
            if f is None and event.action == AuditEvent.Action.EXPORT:
                continue  # what was exported (a file's hash): the note says what it was
            old, new = (list(pair) + [None, None])[:2] if isinstance(pair, list) else (None, pair)
            if event.action == AuditEvent.Action.CREATE and old is None:
                is_parent = (
                    f is not None and f.related_model is not None and issubclass(f.related_model, parents)
                )
                if new in (None, "") or (f is not None and (is_parent or new == f.get_default())):
                    continue
                row.changes.append(f"{_label(f, name)}：{_value(f, new, names, shorten)}")
            else:
                row.changes.append(
                    f"{_label(f, name)}：{_value(f, old, names, shorten)} → {_value(f, new, names, shorten)}"
                )
        rows.append(row)
    return rows


def _label(f, name: str) -> str:
    return str(f.verbose_name) if f is not None else name


def _value(f, value, names: dict, shorten: int | None = SHORTEN) -> str:
    """A stored value in words: choice labels, 是/否, names of related records, long text shortened."""
    if value is None or value == "":
        return "空"
    if isinstance(value, bool):
        return "是" if value else "否"
    if f is not None and f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if f is not None and (f.many_to_one or f.one_to_one):
        key = (f.related_model, value)
        if key not in names:
            related = f.related_model._default_manager.filter(pk=value).first()
            names[key] = str(related) if related is not None else f"#{value}"
        return names[key]
    text = str(value)
    return text if shorten is None or len(text) <= shorten else f"{text[:shorten]}…"
