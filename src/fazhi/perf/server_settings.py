"""Settings of the `fazhi serve` process `fazhi bench` measures pages through: the project's settings, plus the
query-count header (perf/middleware.py). Selected only by the environment the bench gives that subprocess
(DJANGO_SETTINGS_MODULE=fazhi.perf.server_settings); never a deployment's settings."""

from fazhi.settings import *  # noqa: F403  (the project's settings, unchanged)
from fazhi.settings import MIDDLEWARE

FAZHI_BENCH_QUERY_HEADER = True
MIDDLEWARE = ["fazhi.perf.middleware.QueryCountHeader", *MIDDLEWARE]
