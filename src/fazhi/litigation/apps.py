"""The litigation app: 行政应诉 and 府院、府检联动."""

from django.apps import AppConfig


class LitigationConfig(AppConfig):
    name = "fazhi.litigation"
    label = "litigation"
    verbose_name = "行政应诉"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import indicators, ledgers, workbench  # noqa: F401  (registries: figures, ledgers, 工作台)
