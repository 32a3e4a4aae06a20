"""The oversight pages, by area."""

from django.contrib.auth.decorators import login_required  # noqa: E402
from django.urls import reverse  # noqa: E402

from fazhi.core import access  # noqa: E402
from fazhi.core.web import pages  # noqa: E402


def correction(record_of, form_class, service, *, name: str, success: str, back, heading):
    """The correction page (更正) of an oversight record: `record_of(request, pk)` finds it among those the user may
    see, `form_class(user=, <name>=record)` shows it filled, `service(actor=, <name>=record, **data)` saves it, and
    the page goes back to the record's page: the URL named `back`, or `back(record)` (core.web.pages.correct)."""

    @login_required
    def view(request, pk):
        record = record_of(request, pk)
        return pages.correct(
            request,
            form_class(**pages.posted(request), user=request.user, **{name: record}),
            lambda data: service(actor=request.user, **{name: record}, **data),
            may_change=access.can(request.user, record, access.CHANGE),
            success=success,
            back=back(record) if callable(back) else reverse(back, args=[record.pk]),
            title=heading(record),
        )

    return view
