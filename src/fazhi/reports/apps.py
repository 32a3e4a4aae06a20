"""The reports app: 年度报告与驾驶舱."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    label = "reports"
    verbose_name = "年度报告与驾驶舱"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import workbench  # noqa: F401  (registries: the 工作台 item)
        from .rules import annual  # noqa: F401  (registries: the deadline settings)
