"""The enforcement app: enforcement bodies (行政执法主体), their item lists, officers' certificates, training, supervision
clues, case-file evaluation (案卷评查), the three systems' self-assessments and enterprise contact points."""

from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        # Registries: figures, ledgers and 工作台 providers (Django imports admin/ itself).
        from . import indicators, ledgers, origins, workbench  # noqa: F401

        # Every app's `clue_origins` module registers the records that open supervision clues.
        origins.discover()
