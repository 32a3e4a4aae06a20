"""The enforcement app: enforcement bodies (行政执法主体), their item lists, officers' certificates, case-file
evaluation (案卷评查), the three systems' self-assessments and enterprise contact points."""

from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        # Registries: demo steps, figures, ledgers, 工作台 providers, and the admin of case-file evaluation.
        from . import (  # noqa: F401
            demo,
            evaluation_admin,
            evaluation_demo,
            evaluation_indicators,
            evaluation_ledgers,
            indicators,
            ledgers,
            selectors,
        )
