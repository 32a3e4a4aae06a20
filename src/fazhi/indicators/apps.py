"""The indicators app: the registry of figures (the models of the workstreams hold the records) and the snapshots
that keep them computed once and fresh."""

from django.apps import AppConfig
from django.db.models.signals import post_save


class IndicatorsConfig(AppConfig):
    name = "fazhi.indicators"
    verbose_name = "指标"

    def ready(self) -> None:
        # The figures of core's own records (people with the legal qualification) live here, above core.
        from fazhi.core.models import AuditChainHead

        from . import (
            people,  # noqa: F401
            snapshots,
        )

        # Every service and every ledger import appends to the audit trail, saving its head once per append:
        # the one place every write passes, bulk imports included (indicators.snapshots).
        post_save.connect(
            snapshots.on_audit_append, sender=AuditChainHead, dispatch_uid="indicators.snapshots"
        )
