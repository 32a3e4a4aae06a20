"""The enforcement app: enforcement bodies (行政执法主体), their item lists, and officers' certificates."""

from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        from . import demo, indicators, ledgers, selectors  # noqa: F401  (registries: demo, figures, ledgers, 工作台)
