"""Numeric query parameters every page and API shares (`year`, `month`, `quarter`, `page`), checked once for the
whole site before any view runs: a value out of range answers 400 with a Chinese message, never a 500."""

from __future__ import annotations

from django.http import HttpResponseBadRequest, JsonResponse

MIN_YEAR, MAX_YEAR = 1949, 2100
RANGES = {
    "year": (MIN_YEAR, MAX_YEAR, "年度"),
    "month": (1, 12, "月份"),
    "quarter": (1, 4, "季度"),
    "page": (1, 1_000_000, "页码"),
}


def problem(name: str, value: str) -> str | None:
    """The Chinese message for a bad value of a known numeric parameter, or None when it is fine (or blank)."""
    low, high, label = RANGES[name]
    text = value.strip()
    if not text or (name == "page" and text == "last"):
        return None
    if not text.isascii() or not text.isdigit() or not low <= int(text) <= high:
        return f"{label}应为{low}至{high}之间的整数，收到的是“{text[:20]}”。"
    return None


class QueryParamsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name in RANGES:
            for value in request.GET.getlist(name):
                message = problem(name, value)
                if message:
                    if request.path.startswith("/api/"):
                        return JsonResponse({name: [message]}, status=400)
                    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
