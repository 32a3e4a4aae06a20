"""The indicators app: the registry of figures (the models of the workstreams hold the records)."""

from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "fazhi.indicators"
    verbose_name = "指标"

    def ready(self) -> None:
        # The figures of core's own records (people with the legal qualification) live here, above core.
        from . import people  # noqa: F401
