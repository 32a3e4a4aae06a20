"""The disputes app: 行政复议."""

from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "fazhi.disputes"
    label = "disputes"
    verbose_name = "行政复议"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import indicators, ledgers, workbench  # noqa: F401  (registries: figures, ledgers, 工作台)
