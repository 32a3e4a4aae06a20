"""The duties app: 述法学法与示范创建 — the typed ledger of leaders' activities and demonstration creation."""

from django.apps import AppConfig


class DutiesConfig(AppConfig):
    name = "fazhi.duties"
    label = "duties"
    verbose_name = "述法学法与示范创建"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import indicators, ledgers  # noqa: F401  (registries: figures, ledgers)
