"""The decisions app: major administrative decisions (重大行政决策) and legal advisors (法律顾问)."""

from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "fazhi.decisions"
    verbose_name = "重大行政决策"

    def ready(self) -> None:
        from . import demo, indicators, ledgers, selectors  # noqa: F401  (registries: demo, figures, ledgers, 工作台)
