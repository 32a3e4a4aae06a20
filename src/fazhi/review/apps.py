"""The review app: legality review (合法性审查), normative documents and filing, clean-up, draft pre-check."""

from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "fazhi.review"
    verbose_name = "合法性审查"

    def ready(self) -> None:
        from . import indicators, ledgers, workbench  # noqa: F401  (registries: figures, ledgers, 工作台)
