"""The benchmark's query count, as a response header: `X-Bench-Queries`, the number of statements a request ran.

Only `fazhi bench` turns it on, for the `fazhi serve` subprocess it measures pages through: it starts that process
with DJANGO_SETTINGS_MODULE=fazhi.perf.server_settings, which puts this middleware first and sets
FAZHI_BENCH_QUERY_HEADER. The project's settings (fazhi.settings) carry neither, and the middleware removes itself
(MiddlewareNotUsed) wherever the setting is not true, so no production response says how many queries it ran
(tests/perf/test_bench_server.py checks both)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connection

HEADER = "X-Bench-Queries"


class QueryCountHeader:
    def __init__(self, get_response):
        if not getattr(settings, "FAZHI_BENCH_QUERY_HEADER", False):
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response[HEADER] = str(count)
        return response
