"""The oversight app: 督察整改与任务台账."""

from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "fazhi.oversight"
    label = "oversight"
    verbose_name = "督察整改与任务台账"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import indicators, ledgers, links, workbench  # noqa: F401  (registries)

        # Every app's `rectification` module registers the records that open rectification items.
        links.discover()
