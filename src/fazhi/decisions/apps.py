"""The decisions app: major administrative decisions (重大行政决策) and legal advisors (法律顾问)."""

from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "fazhi.decisions"
    verbose_name = "重大行政决策"

    def ready(self) -> None:
        from . import indicators, ledgers, workbench  # noqa: F401  (registries: figures, ledgers, 工作台)
